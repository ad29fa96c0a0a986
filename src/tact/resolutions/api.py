"""API: resolutions (with their tree and Akoma Ntoso), recommendations, follow-up, meetings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor, enum_schema
from tact.core.models import Classification
from tact.core.pagination import PageNumberPagination
from tact.directory import permissions as directory_permissions
from tact.resolutions import permissions, selectors, services
from tact.resolutions.akn import to_akn
from tact.resolutions.models import FollowUp, Meeting, Recommendation
from tact.resolutions.tree import parsed_from_records

router = Router(tags=["resolutions"], auth=PUBLIC_AUTH)


class ResolutionOut(Schema):
    id: int
    title: str
    symbol: str
    doc_type: str
    body: str
    adopted_on: dt.date | None
    language: str
    source_filename: str
    original_id: int | None


class LanguageVersionOut(Schema):
    id: int
    language: str
    language_name: str
    symbol: str
    title: str


class RecommendationOut(Schema):
    id: int
    resolution_id: int
    code: str
    parent_code: str | None
    kind: str
    label: str
    text: str
    verb: str
    action: str
    addressees: list[str]
    footnotes: list[str]
    themes: list[str]
    provisions: list[str]
    position: str
    source: str
    source_states: list[str]
    source_organisations: list[int]

    @staticmethod
    def resolve_source_states(obj: Recommendation) -> list[str]:
        return [s.iso3 for s in obj.source_states.all()]

    @staticmethod
    def resolve_source_organisations(obj: Recommendation) -> list[int]:
        # Directory organisations are public reference records: ids carry no secret.
        return [o.pk for o in obj.source_organisations.all()]

    @staticmethod
    def resolve_parent_code(obj: Recommendation) -> str | None:
        return obj.parent.code if obj.parent_id and obj.parent else None

    @staticmethod
    def resolve_themes(obj: Recommendation) -> list[str]:
        return [t.code for t in obj.themes.all()]

    @staticmethod
    def resolve_provisions(obj: Recommendation) -> list[str]:
        return [p.key for p in obj.provisions.all()]


class ResolutionDetailOut(ResolutionOut):
    preamble: list[dict[str, Any]]
    footnotes: dict[str, str]
    annex_title: str
    annex_heading: str
    language_versions: list[LanguageVersionOut]
    recommendations: list[RecommendationOut]


class ImportOut(Schema):
    created: bool
    resolution: ResolutionOut | None
    tree: dict[str, Any]


class EvidenceOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    record_ref: str


class FollowUpOut(Schema):
    id: int
    recommendation_id: int
    recommendation_code: str
    actor_kind: str
    state: str | None
    organisation_id: int | None
    status: str
    narrative: str
    started_on: dt.date | None
    completed_on: dt.date | None
    reported_on: dt.date
    classification: str
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_recommendation_code(obj: FollowUp) -> str:
        return obj.recommendation.code

    @staticmethod
    def resolve_state(obj: FollowUp) -> str | None:
        return obj.owner_state.iso3 if obj.owner_state else None

    @staticmethod
    def resolve_organisation_id(obj: FollowUp) -> int | None:
        return obj.owner_organisation_id

    @staticmethod
    def resolve_evidence(obj: FollowUp) -> list[Any]:
        return list(obj.evidence.all())


class FollowUpIn(Schema):
    recommendation_id: int
    actor_kind: FollowUp.ActorKind
    status: Annotated[FollowUp.Status, enum_schema(FollowUp.Status, "FollowUpStatus")]
    state: str | None = None
    organisation_id: int | None = None
    narrative: str = ""
    started_on: dt.date | None = None
    completed_on: dt.date | None = None
    reported_on: dt.date | None = None
    classification: Classification = Classification.PUBLIC


class EvidenceIn(Schema):
    title: str = ""
    url: str = ""
    record_ref: str = ""


class MeetingParticipantOut(Schema):
    role: str
    name: str
    organisation_id: int | None
    affiliation: str


class PanelOut(Schema):
    id: int
    topic: str
    requested_by: str | None
    participants: list[MeetingParticipantOut]

    @staticmethod
    def resolve_requested_by(obj: Any) -> str | None:
        return obj.requested_by.code if obj.requested_by_id else None

    @staticmethod
    def resolve_participants(obj: Any) -> list[Any]:
        return list(obj.participants.all())


class MeetingOut(Schema):
    id: int
    body: str
    session: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    place: str
    is_demo: bool


class MeetingDetailOut(MeetingOut):
    summary: str
    agenda: list[str]
    panels: list[PanelOut]
    adopted_recommendations: list[str]
    documents: list[str]

    @staticmethod
    def resolve_agenda(obj: Meeting) -> list[str]:
        return [str(i) for i in obj.agenda_items.all()]

    @staticmethod
    def resolve_panels(obj: Meeting) -> list[Any]:
        return list(obj.panels.all())

    @staticmethod
    def resolve_adopted_recommendations(obj: Meeting) -> list[str]:
        return [r.code for r in obj.adopted_recommendations.all()]

    @staticmethod
    def resolve_documents(obj: Meeting) -> list[str]:
        return [str(d) for d in obj.documents.all()]


@router.get("/resolutions", response=list[ResolutionOut])
@paginate(PageNumberPagination, page_size=50)
def list_resolutions(request: HttpRequest, q: str | None = None) -> object:
    return selectors.resolution_list(q=q)


# Before /resolutions/{resolution_id}: Django matches paths in order.
@router.post("/resolutions/import", response={200: ImportOut, 201: ImportOut}, auth=LOGIN_AUTH)
def import_resolution(
    request: HttpRequest,
    file: File[UploadedFile],
    language: Form[str] = "",
    dry_run: Form[bool] = False,
    symbol: Form[str] = "",
    adopted_on: Form[dt.date | None] = None,
) -> Status[dict[str, Any]]:
    """Read a resolution (.txt, .md, .docx). `dry_run` returns the tree and saves nothing;
    otherwise the tree is saved as suggested (secretariat only); the same document twice
    returns the saved one with `created: false`."""
    parsed = services.resolution_parse(file.read(), file.name or "", language or None)
    if dry_run:
        return Status(200, {"created": False, "resolution": None, "tree": parsed.to_dict()})
    resolution, created = services.resolution_import(
        actor=actor(request),
        parsed=parsed,
        filename=file.name or "",
        adopted_on=adopted_on,
        symbol=symbol,
    )
    return Status(
        201 if created else 200,
        {"created": created, "resolution": resolution, "tree": parsed.to_dict()},
    )


@router.get("/resolutions/{resolution_id}", response=ResolutionDetailOut)
def get_resolution(request: HttpRequest, resolution_id: int) -> dict[str, Any]:
    resolution = permissions.access_resolution(actor(request), resolution_id)
    data = ResolutionOut.from_orm(resolution).dict()
    data.update(
        preamble=resolution.preamble,
        footnotes=resolution.footnotes,
        annex_title=resolution.annex_title,
        annex_heading=resolution.annex_heading,
        language_versions=[
            {
                "id": v.resolution.pk,
                "language": v.resolution.language,
                "language_name": v.language_name,
                "symbol": v.resolution.symbol,
                "title": v.resolution.title,
            }
            for v in selectors.language_versions(resolution)
        ],
        recommendations=list(
            selectors.recommendation_list(resolution=resolution).select_related("parent")
        ),
    )
    return data


@router.get("/resolutions/{resolution_id}/akn", response={200: None})
def get_resolution_akn(request: HttpRequest, resolution_id: int) -> HttpResponse:
    """The resolution as Akoma Ntoso 3.0 XML; recommendation codes map to eIds."""
    resolution = permissions.access_resolution(actor(request), resolution_id)
    xml = to_akn(
        parsed_from_records(resolution),
        doc_date=resolution.adopted_on or resolution.created_at.date(),
        number=resolution.symbol or str(resolution.pk),
    )
    return HttpResponse(xml, content_type="application/akn+xml; charset=utf-8")


@router.get("/recommendations", response=list[RecommendationOut])
@paginate(PageNumberPagination, page_size=100)
def list_recommendations(
    request: HttpRequest,
    resolution: int | None = None,
    addressee: str | None = None,
    theme: str | None = None,
    provision: str | None = None,
    q: str | None = None,
) -> object:
    """Filter by resolution id, addressee category, theme code, provision key or text."""
    return selectors.recommendation_list(
        resolution=resolution, addressee=addressee, theme=theme, provision=provision, q=q
    ).select_related("parent")


@router.get("/recommendations/{recommendation_id}", response=RecommendationOut)
def get_recommendation(request: HttpRequest, recommendation_id: int) -> Recommendation:
    return permissions.access_recommendation(
        actor(request),
        recommendation_id,
        queryset=Recommendation.objects.prefetch_related("themes", "provisions"),
    )


@router.get("/follow-ups", response=list[FollowUpOut])
@paginate(PageNumberPagination, page_size=100)
def list_follow_ups(
    request: HttpRequest,
    resolution: int | None = None,
    recommendation: int | None = None,
    state: str | None = None,
    status: str | None = None,
    q: str | None = None,
) -> object:
    """Follow-up reports the caller may see (restricted ones need a scope)."""
    state_obj = directory_permissions.access_state(actor(request), state) if state else None
    return selectors.follow_up_list(
        actor(request),
        resolution=resolution,
        recommendation=recommendation,
        state=state_obj,
        status=status,
        q=q,
    )


@router.get("/follow-ups/{follow_up_id}", response=FollowUpOut)
def get_follow_up(request: HttpRequest, follow_up_id: int) -> FollowUp:
    return permissions.access_follow_up(actor(request), follow_up_id)


@router.post("/follow-ups", response={201: FollowUpOut}, auth=LOGIN_AUTH)
def create_follow_up(request: HttpRequest, payload: FollowUpIn) -> Status[FollowUp]:
    recommendation = permissions.access_recommendation(actor(request), payload.recommendation_id)
    state = (
        directory_permissions.access_state(actor(request), payload.state) if payload.state else None
    )
    organisation = (
        directory_permissions.access_organisation(actor(request), payload.organisation_id)
        if payload.organisation_id
        else None
    )
    follow_up = services.follow_up_create(
        actor=actor(request),
        recommendation=recommendation,
        state=state,
        organisation=organisation,
        **payload.dict(exclude={"recommendation_id", "state", "organisation_id"}),
    )
    return Status(201, follow_up)


@router.post("/follow-ups/{follow_up_id}/evidence", response={201: EvidenceOut}, auth=LOGIN_AUTH)
def add_evidence(request: HttpRequest, follow_up_id: int, payload: EvidenceIn) -> Status[Any]:
    """Attach a web link or a link to another tact record (`app_label.model:pk`)."""
    follow_up = permissions.access_follow_up(actor(request), follow_up_id, for_edit=True)
    if not (payload.url or payload.record_ref):
        raise ValidationError("Give a url or a record_ref.")
    evidence = services.evidence_add(actor=actor(request), follow_up=follow_up, **payload.dict())
    return Status(201, evidence)


@router.get("/resolutions/{resolution_id}/progress", response=dict[str, Any])
def get_progress(request: HttpRequest, resolution_id: int) -> dict[str, Any]:
    """Latest report of each actor on each recommendation, counted by status."""
    resolution = permissions.access_resolution(actor(request), resolution_id)
    progress = selectors.resolution_progress(actor(request), resolution)
    return {
        "total_reports": progress.total_reports,
        "status_counts": progress.status_counts,
        "implemented_rate": progress.implemented_rate,
        "partial_rate": progress.partial_rate,
        "reported_share": progress.reported_share,
        "recommendations": [
            {"code": p.recommendation.code, "counts": p.counts} for p in progress.by_recommendation
        ],
    }


@router.get("/meetings", response=list[MeetingOut])
@paginate(PageNumberPagination, page_size=50)
def list_meetings(request: HttpRequest, q: str | None = None) -> object:
    return selectors.meeting_list(q=q)


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    permissions.access_meeting(actor(request), meeting_id)
    return selectors.meeting_get(meeting_id)


class MeetingAdoptedIn(Schema):
    recommendation_ids: list[int]


@router.put(
    "/meetings/{meeting_id}/adopted-recommendations",
    response=MeetingDetailOut,
    auth=LOGIN_AUTH,
)
def set_meeting_adopted(
    request: HttpRequest, meeting_id: int, payload: MeetingAdoptedIn
) -> Meeting:
    """Record exactly which recommendations the meeting adopted (secretariat)."""
    user = actor(request)
    meeting = permissions.access_meeting(user, meeting_id, for_edit=True)
    if not permissions.can_manage_meetings(user):
        raise PermissionDenied("Only the secretariat records what a meeting adopted.")
    wanted = set(payload.recommendation_ids)
    found = list(Recommendation.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        missing = sorted(wanted - {r.pk for r in found})
        raise ValidationError(f"No such recommendation: {missing}")
    services.meeting_set_adopted(actor=user, meeting=meeting, recommendations=found)
    return selectors.meeting_get(meeting.pk)
