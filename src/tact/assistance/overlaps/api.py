"""REST API for overlap review and detection; every operation needs a logged-in actor.

The operations are added to the assistance router (``assistance/api.py`` imports this module
at its end).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Schema, Status
from ninja.pagination import paginate

from tact.assistance import permissions
from tact.assistance.api import router
from tact.assistance.models import OverlapCandidate
from tact.assistance.needs.api import ReasonOut
from tact.assistance.overlaps import selectors, services
from tact.assistance.overlaps.scoring import DEFAULT_THRESHOLD
from tact.assistance.reasons import describe
from tact.core.api import LOGIN_AUTH, actor
from tact.core.pagination import PageNumberPagination


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
    run_id: int
    status: str
    percent: int
    projects: int
    pairs: int
    created: int
    updated: int
    retired: int
    clusters: int
    stats: dict[str, Any]


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
    return selectors.overlap_list(
        actor(request),
        status=status,
        kind=kind,
        q=q,
        mine=mine,
        include_inactive=include_inactive,
        min_score=min_score,
    )


@router.post("/assistance/overlaps/detect", response={202: DetectOut}, auth=LOGIN_AUTH)
def detect_overlaps(request: HttpRequest, payload: DetectIn) -> Any:
    """Queue overlap detection over every project (secretariat only). The answer gives the
    run; its figures are filled in once it has finished (``status`` "done")."""
    user = actor(request)
    if not permissions.can_detect_overlaps(user):
        raise PermissionDenied("Only the secretariat may run overlap detection.")
    run = services.overlaps_start(actor=user, threshold=payload.threshold)
    stats: dict[str, Any] = dict(run.report[0]) if run.report else {}
    return Status(
        202,
        {
            "run_id": run.pk,
            "status": run.status,
            "percent": run.percent,
            "projects": run.activities_seen,
            "pairs": stats.pop("pairs", 0),
            "created": run.imported,
            "updated": run.updated,
            "retired": run.skipped,
            "clusters": stats.pop("clusters", 0),
            "stats": stats,
        },
    )


@router.get("/assistance/overlaps/{overlap_id}", response=OverlapOut, auth=LOGIN_AUTH)
def get_overlap(request: HttpRequest, overlap_id: int) -> OverlapCandidate:
    return permissions.access_overlap(actor(request), overlap_id)


@router.post("/assistance/overlaps/{overlap_id}/review", response=OverlapOut, auth=LOGIN_AUTH)
def review_overlap(request: HttpRequest, overlap_id: int, payload: ReviewIn) -> OverlapCandidate:
    user = actor(request)
    candidate = permissions.access_overlap(user, overlap_id)
    services.overlap_review(
        actor=user, candidate=candidate, status=payload.status, note=payload.note
    )
    return permissions.access_overlap(user, overlap_id)
