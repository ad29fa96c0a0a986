"""REST API for needs, their matching projects, unmet needs, and overlap review.

The operations are added to the assistance router (``api.py`` imports this module at its end);
all of them need a logged-in actor.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status
from ninja.pagination import paginate

from tact.assistance import selectors_review, services_review
from tact.assistance.api import router
from tact.assistance.models import Need, OverlapCandidate
from tact.assistance.overlaps import DEFAULT_THRESHOLD
from tact.assistance.reasons import describe
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.api import LOGIN_AUTH, actor
from tact.core.pagination import PageNumberPagination
from tact.directory.models import State


class NeedOut(Schema):
    id: int
    state: str
    title: str
    description: str
    priority: str
    status: str
    source: str
    source_ref: str
    classification: str
    provisions: list[str]
    themes: list[str]

    @staticmethod
    def resolve_state(obj: Need) -> str:
        return obj.state.iso3

    @staticmethod
    def resolve_provisions(obj: Need) -> list[str]:
        return [p.key for p in obj.provisions.all()]

    @staticmethod
    def resolve_themes(obj: Need) -> list[str]:
        return [t.code for t in obj.themes.all()]


class NeedIn(Schema):
    state: str
    """ISO 3166 alpha-3 code of the state."""
    title: str
    description: str = ""
    provisions: list[str] = []
    themes: list[str] = []
    priority: str = Need.Priority.MEDIUM
    status: str = Need.Status.OPEN
    source: str = Need.Source.STATE
    classification: str = "restricted"


class ReasonOut(Schema):
    code: str
    label: str
    detail: str = ""


class MatchOut(Schema):
    project_id: int
    iati_identifier: str
    title: str
    kind: str
    score: float
    answers: bool
    signals: dict[str, float]
    reasons: list[ReasonOut]


class UnmetOut(Schema):
    need: NeedOut
    best_project_id: int | None
    best_score: float | None


class OverlapProjectOut(Schema):
    id: int
    iati_identifier: str
    title: str
    reporting_org_name: str


class OverlapOut(Schema):
    id: int
    score: float
    kind: str
    cluster_key: str
    active: bool
    status: str
    review_note: str
    reviewed_by: str | None
    reviewed_at: Any
    project_a: OverlapProjectOut
    project_b: OverlapProjectOut
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_reasons(obj: OverlapCandidate) -> list[dict[str, Any]]:
        return describe(obj.reasons)

    @staticmethod
    def resolve_reviewed_by(obj: OverlapCandidate) -> str | None:
        return obj.reviewed_by.get_username() if obj.reviewed_by_id else None  # type: ignore[union-attr]


class ReviewIn(Schema):
    status: str
    note: str = ""


class DetectIn(Schema):
    threshold: float = DEFAULT_THRESHOLD


class DetectOut(Schema):
    projects: int
    pairs: int
    created: int
    updated: int
    retired: int
    clusters: int
    stats: dict[str, Any]


def _need_values(payload: NeedIn) -> dict[str, Any]:
    state = get_object_or_404(State, iso3=payload.state.upper())
    provisions = list(Provision.objects.filter(key__in=payload.provisions))
    themes = list(Theme.objects.filter(code__in=payload.themes))
    from django.core.exceptions import ValidationError

    missing = set(payload.provisions) - {p.key for p in provisions}
    missing |= set(payload.themes) - {t.code for t in themes}
    if missing:
        raise ValidationError(f"Unknown provisions or themes: {', '.join(sorted(missing))}")
    return {
        "state": state,
        "title": payload.title,
        "description": payload.description,
        "provisions": provisions,
        "themes": themes,
        "priority": payload.priority,
        "status": payload.status,
        "source": payload.source,
        "classification": payload.classification,
    }


@router.get("/assistance/needs", response=list[NeedOut], auth=LOGIN_AUTH)
@paginate(PageNumberPagination, page_size=50)
def list_needs(
    request: HttpRequest,
    q: str = "",
    state: str = "",
    status: str = "",
    priority: str = "",
    source: str = "",
    theme: str = "",
) -> Any:
    return selectors_review.need_list(
        actor(request),
        q=q,
        state=state,
        status=status,
        priority=priority,
        source=source,
        theme=theme,
    ).prefetch_related("provisions", "themes")


@router.get("/assistance/needs/unmet", response=list[UnmetOut], auth=LOGIN_AUTH)
def list_unmet_needs(request: HttpRequest, state: str = "", priority: str = "") -> Any:
    user = actor(request)
    needs = selectors_review.need_list(user, state=state, priority=priority)
    return [
        {
            "need": need,
            "best_project_id": best.project.pk if best else None,
            "best_score": best.match.score if best else None,
        }
        for need, best in selectors_review.unmet_needs(user, needs)
    ]


@router.get("/assistance/needs/{need_id}", response=NeedOut, auth=LOGIN_AUTH)
def get_need(request: HttpRequest, need_id: int) -> Need:
    return selectors_review.need_get(actor(request), need_id)


@router.post("/assistance/needs", response={201: NeedOut}, auth=LOGIN_AUTH)
def create_need(request: HttpRequest, payload: NeedIn) -> Status[Need]:
    need = services_review.need_save(actor=actor(request), **_need_values(payload))
    return Status(201, need)


@router.put("/assistance/needs/{need_id}", response=NeedOut, auth=LOGIN_AUTH)
def update_need(request: HttpRequest, need_id: int, payload: NeedIn) -> Need:
    user = actor(request)
    need = selectors_review.need_get(user, need_id)
    return services_review.need_save(actor=user, need=need, **_need_values(payload))


@router.get("/assistance/needs/{need_id}/matches", response=list[MatchOut], auth=LOGIN_AUTH)
def need_matches(request: HttpRequest, need_id: int, limit: int = 10) -> list[dict[str, Any]]:
    """Projects and offers that answer the need, best first, with the reasons."""
    user = actor(request)
    need = selectors_review.need_get(user, need_id)
    ranked = selectors_review.need_matches(user, [need], limit=max(1, min(limit, 100)))
    return [
        {
            "project_id": r.project.pk,
            "iati_identifier": r.project.iati_identifier,
            "title": r.project.title,
            "kind": r.match.kind,
            "score": r.match.score,
            "answers": r.match.answers,
            "signals": r.match.signals,
            "reasons": describe(r.match.reasons),
        }
        for r in ranked.get(need.pk, [])
    ]


@router.get("/assistance/overlaps", response=list[OverlapOut], auth=LOGIN_AUTH)
@paginate(PageNumberPagination, page_size=50)
def list_overlaps(
    request: HttpRequest,
    status: str = "",
    kind: str = "",
    q: str = "",
    mine: bool = False,
    include_inactive: bool = False,
    min_score: float | None = None,
) -> Any:
    return selectors_review.overlap_list(
        actor(request),
        status=status,
        kind=kind,
        q=q,
        mine=mine,
        include_inactive=include_inactive,
        min_score=min_score,
    )


@router.post("/assistance/overlaps/detect", response=DetectOut, auth=LOGIN_AUTH)
def detect_overlaps(request: HttpRequest, payload: DetectIn) -> Any:
    """Run overlap detection over every project (secretariat only)."""
    user = actor(request)
    if not access.scope_of(user).is_secretariat:
        raise PermissionDenied("Only the secretariat may run overlap detection.")
    return services_review.overlaps_detect(actor=user, threshold=payload.threshold)


@router.get("/assistance/overlaps/{overlap_id}", response=OverlapOut, auth=LOGIN_AUTH)
def get_overlap(request: HttpRequest, overlap_id: int) -> OverlapCandidate:
    return selectors_review.overlap_get(actor(request), overlap_id)


@router.post("/assistance/overlaps/{overlap_id}/review", response=OverlapOut, auth=LOGIN_AUTH)
def review_overlap(request: HttpRequest, overlap_id: int, payload: ReviewIn) -> OverlapCandidate:
    user = actor(request)
    candidate = selectors_review.overlap_get(user, overlap_id)
    services_review.overlap_review(
        actor=user, candidate=candidate, status=payload.status, note=payload.note
    )
    return selectors_review.overlap_get(user, overlap_id)
