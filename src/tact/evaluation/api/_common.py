"""The evaluation router and the helpers its modules share."""

from typing import Any

from ninja import Router

from tact.core.api import PUBLIC_AUTH
from tact.directory import permissions as directory_permissions
from tact.directory.models import State

router = Router(tags=["evaluation"], auth=PUBLIC_AUTH)


def state_or_404(iso3: str | None) -> State | None:
    if not iso3:
        return None
    return directory_permissions.access_state(None, iso3)


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
