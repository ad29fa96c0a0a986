"""Threat assessments over HTTP: assessments (with subjects, results, ratings), counts,
method templates and their versions, grading schemes. Reads apply the access rules (an
assessment the caller may not see is a 404, and is absent from lists and counts)."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tact.core import access
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.models import Classification
from tact.core.pagination import PageNumberPagination
from tact.directory.models import State
from tact.directory.permissions import access_organisation, access_state
from tact.threats import grading, permissions, publication, selectors, services
from tact.threats.models import Assessment, SanitisedSummary, Subject, TemplateVersion

router = Router(tags=["threats"], auth=PUBLIC_AUTH)


class ThreatAssessmentOut(Schema):
    id: int
    title: str
    owner_state: str | None
    owner_organisation_id: int | None
    region: str | None
    period_start: dt.date
    period_end: dt.date
    scope: list[str]
    authors: str
    classification: str
    status: str
    template: str
    template_version: int
    previous_id: int | None

    @staticmethod
    def resolve_owner_state(obj: Assessment) -> str | None:
        return obj.owner_state.iso3 if obj.owner_state else None

    @staticmethod
    def resolve_region(obj: Assessment) -> str | None:
        return str(obj.region) if obj.region_id else None

    @staticmethod
    def resolve_template(obj: Assessment) -> str:
        return obj.template_version.template.key

    @staticmethod
    def resolve_template_version(obj: Assessment) -> int:
        return obj.template_version.number


class ThreatSubjectOut(Schema):
    id: int
    kind: str
    pseudonym: str
    themes: list[str]
    routes: list[str]
    commodities: list[str]


class ThreatAssessmentDetailOut(ThreatAssessmentOut):
    subjects: list[ThreatSubjectOut]

    @staticmethod
    def resolve_subjects(obj: Assessment) -> list[Subject]:
        return list(obj.subjects.all())


class ThreatAssessmentIn(Schema):
    title: str
    owner_state: str | None = None
    owner_organisation_id: int | None = None
    period_start: dt.date
    period_end: dt.date
    scope: list[Assessment.ScopeItem] = []
    scope_note: str = ""
    template_version_id: int
    authors: str = ""
    classification: Classification = Classification.CONFIDENTIAL
    status: Assessment.Status = Assessment.Status.DRAFT
    previous_id: int | None = None


class ThreatRankOut(Schema):
    rank: int
    subject: str
    score: Decimal
    low: Decimal
    high: Decimal
    unknown: list[str]
    unknown_share: Decimal
    not_separable_from: list[str]


class ThreatGapOut(Schema):
    attribute: str
    name: str
    weight: Decimal
    subjects: list[str]
    importance: Decimal


class ThreatMoveOut(Schema):
    subject: str
    previous_rank: int | None
    rank: int | None
    change: str


class ThreatResultsOut(Schema):
    rule: str
    maximum: Decimal
    rank: list[ThreatRankOut]
    gaps: list[ThreatGapOut]
    trend: list[ThreatMoveOut]
    placements: list[dict[str, Any]]


class ThreatCellIn(Schema):
    subject_id: int
    attribute: str
    level: str


class ThreatChangedOut(Schema):
    changed: int


class ThreatSubjectIn(Schema):
    kind: Subject.Kind = Subject.Kind.GROUP
    pseudonym: str
    themes: list[str] = []
    routes: list[str] = []
    commodities: list[str] = []


class ThreatVersionOut(Schema):
    number: int
    note: str
    definition: dict[str, Any]


class ThreatTemplateOut(Schema):
    id: int
    key: str
    name: str
    description: str
    latest_version: int | None

    @staticmethod
    def resolve_latest_version(obj: Any) -> int | None:
        latest = obj.latest_version()
        return latest.number if latest else None


class ThreatTemplateDetailOut(ThreatTemplateOut):
    versions: list[ThreatVersionOut]

    @staticmethod
    def resolve_versions(obj: Any) -> list[TemplateVersion]:
        return list(obj.versions.order_by("-number"))


class ThreatGradeCodeOut(Schema):
    code: str
    label: str


class ThreatGradingOut(Schema):
    key: str
    label: str
    dimensions: dict[str, list[ThreatGradeCodeOut]]


@router.get("/threats/assessments", response=list[ThreatAssessmentOut])
@paginate(PageNumberPagination, page_size=50)
def list_assessments(request: HttpRequest, q: str = "", state: str = "", status: str = "") -> Any:
    return selectors.assessment_list(actor=actor(request), q=q, state=state, status=status)


@router.post("/threats/assessments", response={201: ThreatAssessmentOut}, auth=LOGIN_AUTH)
def create_assessment(request: HttpRequest, payload: ThreatAssessmentIn) -> Any:
    user = actor(request)
    version = TemplateVersion.objects.filter(pk=payload.template_version_id).first()
    previous = (
        permissions.access_assessment(user, payload.previous_id) if payload.previous_id else None
    )
    if version is None or not access.can_view(user, version.template):
        raise Http404("No such template version.")
    assessment = services.assessment_create(
        actor=user,
        title=payload.title,
        template_version=version,
        period_start=payload.period_start,
        period_end=payload.period_end,
        owner_state=access_state(user, payload.owner_state) if payload.owner_state else None,
        owner_organisation=access_organisation(user, payload.owner_organisation_id)
        if payload.owner_organisation_id
        else None,
        scope=[str(s) for s in payload.scope],
        scope_note=payload.scope_note,
        authors=payload.authors,
        classification=payload.classification,
        status=payload.status,
        previous=previous,
    )
    return Status(201, assessment)


@router.get("/threats/assessments/{assessment_id}", response=ThreatAssessmentDetailOut)
def get_assessment(request: HttpRequest, assessment_id: int) -> Any:
    return permissions.access_assessment(actor(request), assessment_id)


@router.get("/threats/assessments/{assessment_id}/results", response=ThreatResultsOut)
def assessment_results(request: HttpRequest, assessment_id: int) -> Any:
    user = actor(request)
    computed = selectors.compute(permissions.access_assessment(user, assessment_id), actor=user)
    results = computed.results
    return {
        "rule": computed.definition.rule,
        "maximum": results.maximum,
        "rank": [
            {
                "rank": r.rank,
                "subject": r.subject,
                "score": r.score.total,
                "low": r.score.low,
                "high": r.score.high,
                "unknown": list(r.score.unknown),
                "unknown_share": round(r.score.unknown_share, 4),
                "not_separable_from": list(r.not_separable_from),
            }
            for r in results.rows
        ],
        "gaps": [
            {
                "attribute": g.attribute,
                "name": g.name,
                "weight": g.weight,
                "subjects": list(g.subjects),
                "importance": g.importance,
            }
            for g in results.gaps
        ],
        "trend": [
            {
                "subject": m.subject,
                "previous_rank": m.previous_rank,
                "rank": m.rank,
                "change": m.change,
            }
            for m in computed.trend
        ],
        "placements": selectors.chart_data(computed)["placements"],
    }


@router.get("/threats/assessments/{assessment_id}/heatmap", response=dict[str, Any])
def assessment_heatmap(request: HttpRequest, assessment_id: int) -> Any:
    assessment = permissions.access_assessment(actor(request), assessment_id)
    return selectors.chart_data(selectors.compute(assessment, with_trend=False))


@router.post(
    "/threats/assessments/{assessment_id}/subjects",
    response={201: ThreatSubjectOut},
    auth=LOGIN_AUTH,
)
def add_subject(request: HttpRequest, assessment_id: int, payload: ThreatSubjectIn) -> Any:
    user = actor(request)
    assessment = permissions.access_assessment(user, assessment_id, for_edit=True)
    data = payload.dict()
    data["kind"] = str(payload.kind)
    return Status(201, services.subject_add(actor=user, assessment=assessment, **data))


@router.put(
    "/threats/assessments/{assessment_id}/ratings", response=ThreatChangedOut, auth=LOGIN_AUTH
)
def set_ratings(request: HttpRequest, assessment_id: int, payload: list[ThreatCellIn]) -> Any:
    """Set cells (an empty level clears one); one bad cell rejects the whole batch (400)."""
    user = actor(request)
    assessment = permissions.access_assessment(user, assessment_id, for_edit=True)
    cells = {(c.subject_id, c.attribute): c.level for c in payload}
    return {"changed": services.ratings_set(actor=user, assessment=assessment, cells=cells)}


@router.get("/threats/stats", response=dict[str, int])
def assessment_stats(request: HttpRequest, state: str = "") -> Any:
    """Counts by status of the assessments the caller may see."""
    state_obj = State.objects.filter(iso3=state.upper()).first() if state else None
    if state and state_obj is None:
        return dict.fromkeys(Assessment.Status.values, 0)
    return selectors.assessment_counts(
        actor=actor(request), state_id=state_obj.pk if state_obj else None
    )


@router.get("/threats/templates", response=list[ThreatTemplateOut])
def list_templates(request: HttpRequest) -> Any:
    return selectors.template_list(actor=actor(request))


@router.get("/threats/templates/{template_id}", response=ThreatTemplateDetailOut)
def get_template(request: HttpRequest, template_id: int) -> Any:
    return permissions.access_template(actor(request), template_id)


@router.get("/threats/gradings", response=list[ThreatGradingOut])
def list_gradings(request: HttpRequest) -> Any:
    return [
        {
            "key": scheme.key,
            "label": str(scheme.label),
            "dimensions": {
                d.key: [{"code": code, "label": str(label)} for code, label in d.codes]
                for d in scheme.dimensions()
            },
        }
        for scheme in grading.SCHEMES.values()
    ]


# ---------------------------------------------------------------- released summaries


class ThreatSummaryOut(Schema):
    """A finding's sanitised summary as its owner released it: never a rating, a pseudonym of
    the matrix or a source, and no link to the (confidential) assessment."""

    id: int
    title: str
    summary: str
    owner_state: str | None
    classification: str
    published: bool
    published_on: dt.date | None

    @staticmethod
    def resolve_owner_state(obj: SanitisedSummary) -> str | None:
        return obj.owner_state.iso3 if obj.owner_state else None

    @staticmethod
    def resolve_published(obj: SanitisedSummary) -> bool:
        return obj.is_published


class ThreatPublishIn(Schema):
    classification: Literal["public", "restricted"] = "public"


@router.get("/threats/summaries", response=list[ThreatSummaryOut])
@paginate(PageNumberPagination, page_size=50)
def list_summaries(request: HttpRequest, state: str = "") -> Any:
    """Published summaries the caller may see (what strategy objectives may cite)."""
    return publication.published_summaries(actor=actor(request), state=state)


@router.get("/threats/summaries/{summary_id}", response=ThreatSummaryOut)
def get_summary(request: HttpRequest, summary_id: int) -> Any:
    return permissions.access_summary(actor(request), summary_id)


@router.post("/threats/findings/{finding_id}/publish", response=ThreatSummaryOut, auth=LOGIN_AUTH)
def publish_finding(request: HttpRequest, finding_id: int, payload: ThreatPublishIn) -> Any:
    user = actor(request)
    finding = permissions.access_finding(user, finding_id, for_edit=True)
    return publication.summary_publish(
        actor=user, finding=finding, classification=payload.classification
    )


@router.post("/threats/summaries/{summary_id}/withdraw", response=ThreatSummaryOut, auth=LOGIN_AUTH)
def withdraw_summary(request: HttpRequest, summary_id: int) -> Any:
    user = actor(request)
    summary = permissions.access_summary(user, summary_id, for_edit=True)
    return publication.summary_withdraw(actor=user, summary=summary)
