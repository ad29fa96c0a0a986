"""REST API for needs, their matching projects and unmet needs.

The operations are added to the assistance router (``assistance/api.py`` imports this module
at its end); all of them need a logged-in actor.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from tact.assistance import permissions
from tact.assistance.api import router
from tact.assistance.models import Need
from tact.assistance.needs import selectors, services
from tact.assistance.reasons import describe
from tact.catalog.models import Provision, Theme
from tact.core.api import LOGIN_AUTH, actor
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


def _need_values(payload: NeedIn) -> dict[str, Any]:
    state = get_object_or_404(State, iso3=payload.state.upper())
    provisions = list(Provision.objects.filter(key__in=payload.provisions))
    themes = list(Theme.objects.filter(code__in=payload.themes))
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
    return selectors.need_list(
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
    needs = selectors.need_list(user, state=state, priority=priority)
    return [
        {
            "need": need,
            "best_project_id": best.project.pk if best else None,
            "best_score": best.match.score if best else None,
        }
        for need, best in selectors.unmet_needs(user, needs)
    ]


@router.get("/assistance/needs/{need_id}", response=NeedOut, auth=LOGIN_AUTH)
def get_need(request: HttpRequest, need_id: int) -> Need:
    return permissions.access_need(actor(request), need_id)


@router.post("/assistance/needs", response={201: NeedOut}, auth=LOGIN_AUTH)
def create_need(request: HttpRequest, payload: NeedIn) -> Status[Need]:
    need = services.need_save(actor=actor(request), **_need_values(payload))
    return Status(201, need)


@router.put("/assistance/needs/{need_id}", response=NeedOut, auth=LOGIN_AUTH)
def update_need(request: HttpRequest, need_id: int, payload: NeedIn) -> Need:
    user = actor(request)
    need = permissions.access_need(user, need_id)
    return services.need_save(actor=user, need=need, **_need_values(payload))


@router.get("/assistance/needs/{need_id}/matches", response=list[MatchOut], auth=LOGIN_AUTH)
def need_matches(request: HttpRequest, need_id: int, limit: int = 10) -> list[dict[str, Any]]:
    """Projects and offers that answer the need, best first, with the reasons."""
    user = actor(request)
    need = permissions.access_need(user, need_id)
    ranked = selectors.need_matches(user, [need], limit=max(1, min(limit, 100)))
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
