"""Writes for needs: one write path (:func:`_write`), audited the same way whether a need is
created on a page, through the API, by a gap analysis or by the demo."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tact.assistance import permissions
from tact.assistance.models import Need
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.directory.models import State


def _links(need: Need) -> dict[str, list[str]]:
    return {
        "provisions": sorted(need.provisions.values_list("key", flat=True)),
        "themes": sorted(need.themes.values_list("code", flat=True)),
    }


def _write(
    *,
    actor: Actor,
    need: Need | None,
    values: dict[str, Any],
    provisions: Iterable[Provision],
    themes: Iterable[Theme],
) -> tuple[Need, bool]:
    """Create or change ``need`` with ``values`` and its links; one audit entry
    (``need.create`` / ``need.update``) with before and after of fields and links."""
    if not str(values.get("title", "")).strip():
        raise ValidationError(_("A need needs a title."))
    if values.get("status", Need.Status.OPEN) not in Need.Status.values:
        raise ValidationError(_("Unknown status."))
    if values.get("priority", Need.Priority.MEDIUM) not in Need.Priority.values:
        raise ValidationError(_("Unknown priority."))
    values["title"] = str(values["title"]).strip()[:300]
    created = need is None
    if need is None:
        need = Need(created_by=access.author_of(actor))
        before: dict[str, Any] = {}
        before_links: dict[str, list[str]] = {"provisions": [], "themes": []}
    else:
        before = snapshot(need)
        before_links = _links(need)
    for key, value in values.items():
        setattr(need, key, value)
    need.owner_state = need.state
    need.full_clean()
    need.save()
    need.provisions.set(list(provisions))
    need.themes.set(list(themes))
    changes = diff(before, snapshot(need))
    changes.pop("updated_at", None)
    after_links = _links(need)
    for key in ("provisions", "themes"):
        if before_links[key] != after_links[key]:
            changes[key] = [before_links[key], after_links[key]]
    if created or changes:
        audit_log(
            actor=actor,
            action="need.create" if created else "need.update",
            target=need,
            changes=changes,
        )
    return need, created


@transaction.atomic
def need_upsert(
    *,
    actor: Actor,
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
    """Create a need, or update the one with the same ``source_ref`` (idempotent re-runs of
    a gap analysis or the demo). Returns (need, created). Needs belong to their state: only
    its focal points and the secretariat may record them."""
    if not permissions.can_record_need_for(actor, state.pk):
        raise PermissionDenied(_("You may not record needs for this state."))
    need = Need.objects.filter(state=state, source_ref=source_ref).first() if source_ref else None
    values: dict[str, Any] = {
        "state": state,
        "title": title,
        "description": description,
        "priority": priority,
        "source": source,
        "source_ref": source_ref,
        "classification": classification,
        "language": language,
    }
    return _write(actor=actor, need=need, values=values, provisions=provisions, themes=themes)


@transaction.atomic
def need_save(
    *,
    actor: Actor,
    need: Need | None = None,
    state: State,
    title: str,
    description: str = "",
    provisions: Iterable[Provision] = (),
    themes: Iterable[Theme] = (),
    priority: str = Need.Priority.MEDIUM,
    status: str = Need.Status.OPEN,
    source: str = Need.Source.STATE,
    classification: str = "restricted",
) -> Need:
    """Create a need or edit one (pages and API): focal points of the state and the
    secretariat only; the state of an existing need may change only to one the actor may
    also record needs for. Audited."""
    if need is None:
        if not permissions.can_record_need_for(actor, state.pk):
            raise PermissionDenied(_("You may not record needs for this state."))
    else:
        if not permissions.can_edit_need(actor, need):
            raise PermissionDenied(_("You may not edit this need."))
        if state.pk != need.state_id and not permissions.can_record_need_for(actor, state.pk):
            raise PermissionDenied(_("You may not record needs for this state."))
    values: dict[str, Any] = {
        "state": state,
        "title": title,
        "description": description,
        "priority": priority,
        "status": status,
        "source": source,
        "classification": classification,
    }
    saved, _created = _write(
        actor=actor, need=need, values=values, provisions=provisions, themes=themes
    )
    return saved
