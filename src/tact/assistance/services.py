"""Writes for assistance coordination."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tact.assistance.models import Need
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.audit import audit_log, diff, snapshot
from tact.directory.models import State


def _author(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and actor.pk else None


@transaction.atomic
def need_upsert(
    *,
    actor: Any,
    state: State,
    title: str,
    description: str = "",
    provisions: Iterable[Provision] = (),
    themes: Iterable[Theme] = (),
    priority: str = Need.Priority.MEDIUM,
    source: str = Need.Source.STATE,
    source_ref: str = "",
    classification: str = "restricted",
    language: str = "en",
) -> tuple[Need, bool]:
    """Create a need, or update the one with the same `source_ref` (idempotent re-runs).

    Returns (need, created). Needs belong to their state: only its focal points and the
    secretariat may record them.
    """
    if not access.can_create_for(actor, owner_state_id=state.pk):
        raise PermissionDenied(_("You may not record needs for this state."))
    values = {
        "title": title[:300],
        "description": description,
        "priority": priority,
        "source": source,
        "classification": classification,
        "language": language,
    }
    need = Need.objects.filter(state=state, source_ref=source_ref).first() if source_ref else None
    created = need is None
    if need is None:
        need = Need(
            state=state,
            owner_state=state,
            source_ref=source_ref,
            created_by=_author(actor),
            **values,
        )
        need.full_clean()
        need.save()
        before: dict[str, Any] = {}
    else:
        before = snapshot(need)
        for key, value in values.items():
            setattr(need, key, value)
        need.full_clean()
        need.save()
    need.provisions.set(list(provisions))
    need.themes.set(list(themes))
    changes = diff(before, snapshot(need))
    if created or changes:
        audit_log(
            actor=actor,
            action="need.create" if created else "need.update",
            target=need,
            changes=changes,
        )
    return need, created
