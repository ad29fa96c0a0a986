"""The evaluation router and the helpers its modules share."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router

from tact.core.api import PUBLIC_AUTH
from tact.directory.models import State

router = Router(tags=["evaluation"], auth=PUBLIC_AUTH)


def state_or_404(iso3: str | None) -> State | None:
    if not iso3:
        return None
    return get_object_or_404(State, iso3=iso3.upper())


def progress_dict(p: Any) -> dict[str, Any]:
    """An indicator's progress as the `ProgressOut` schema shows it."""
    return {
        "baseline": p.baseline,
        "target": p.target,
        "actual": p.actual,
        "period_end": p.period_end,
        "achievement": p.achievement,
        "status": p.status.value,
    }
