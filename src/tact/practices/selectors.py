"""Reads of good practices, access-filtered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from tact.core import access
from tact.core.access import Actor
from tact.core.links import record_url, resolve_ref
from tact.practices import permissions
from tact.practices.models import GoodPractice, Question, Status


def practice_list(
    actor: Actor,
    *,
    status: str = "",
    theme: str = "",
    state: str = "",
    mine: bool = False,
) -> QuerySet[GoodPractice]:
    """Practices *actor* may see: published ones, plus drafts of their side; the secretariat
    sees every status (its review queue)."""
    qs = access.visible(actor, GoodPractice.objects.all())
    if status in Status.values:
        qs = qs.filter(status=status)
    elif not permissions.is_reviewer(actor) and not mine:
        qs = qs.filter(status=Status.PUBLISHED)
    if mine:
        scope = access.scope_of(actor)
        qs = qs.filter(
            Q(created_by_id=scope.user_id)
            | Q(owner_state_id__in=scope.state_ids)
            | Q(owner_organisation_id__in=scope.organisation_ids)
        )
    if theme:
        qs = qs.filter(themes__code=theme)
    if state:
        qs = qs.filter(states__iso3=state.upper())
    return qs.select_related("owner_state", "owner_organisation").order_by(
        "-published_at", "-updated_at", "-pk"
    )


@dataclass(frozen=True)
class LinkedRecord:
    ref: str
    title: str  # empty when the viewer may not see the record
    url: str
    note: str


def evidence_of(actor: Actor, practice: GoodPractice) -> list[LinkedRecord]:
    """The evidence links, each resolved under the viewer's access (a hidden record shows as
    "a record you may not see", never its title)."""
    out = []
    for evidence in practice.evidence.all():
        target = resolve_ref(actor, evidence.record_ref)
        out.append(
            LinkedRecord(
                evidence.record_ref,
                str(target) if target is not None else "",
                record_url(target) if target is not None else "",
                evidence.note,
            )
        )
    return out


def source_of(actor: Actor, practice: GoodPractice) -> LinkedRecord | None:
    if not practice.source_ref:
        return None
    target = resolve_ref(actor, practice.source_ref)
    return LinkedRecord(
        practice.source_ref,
        str(target) if target is not None else "",
        record_url(target) if target is not None else "",
        "",
    )


def threads_of(practice: GoodPractice) -> list[tuple[Question, list[Question]]]:
    questions = list(practice.questions.select_related("author"))
    answers: dict[int, list[Question]] = {}
    for q in questions:
        if q.parent_id:
            answers.setdefault(q.parent_id, []).append(q)
    return [(q, answers.get(q.pk, [])) for q in questions if q.parent_id is None]


def translation_pairs(practice: GoodPractice) -> list[Any]:
    return list(practice.translations.order_by("language"))
