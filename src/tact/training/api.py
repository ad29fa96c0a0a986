"""Capacity building over HTTP: programmes, sessions, participants (names only for the
secretariat and the organiser), learning gain, Kirkpatrick levels, inter-agency mix, scores."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tact.assistance.models import Need, Project
from tact.catalog.models import Provision
from tact.core import access
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.pagination import PageNumberPagination
from tact.directory.models import Organisation, State
from tact.training import permissions, selectors, services
from tact.training.models import Course, Programme, Session

router = Router(tags=["training"], auth=PUBLIC_AUTH)


class TrainingProgrammeOut(Schema):
    id: int
    title: str
    objectives: str
    audiences: list[str]
    classification: str
    implementer: str | None
    project_id: int | None
    start: dt.date | None
    end: dt.date | None

    @staticmethod
    def resolve_implementer(obj: Programme) -> str | None:
        return str(obj.implementer) if obj.implementer else None


class TrainingSessionOut(Schema):
    id: int
    title: str
    programme_id: int
    course: str
    state: str | None
    start: dt.date
    end: dt.date
    place: str
    platform: str
    language: str
    max_score: Decimal
    classification: str
    participant_count: int
    female_count: int
    agency_type_count: int
    class_gain: Decimal | None

    @staticmethod
    def resolve_programme_id(obj: Session) -> int:
        return obj.course.programme_id

    @staticmethod
    def resolve_course(obj: Session) -> str:
        return obj.course.title

    @staticmethod
    def resolve_state(obj: Session) -> str | None:
        return obj.state.iso3 if obj.state else None


class TrainingParticipantOut(Schema):
    id: int
    code: str
    name: str | None  # null unless the caller may see names
    agency: str
    agency_type: str
    state: str | None
    sex: str
    rank: str
    years_of_service: int | None
    consent: bool
    language: str
    pre_score: Decimal | None
    post_score: Decimal | None
    gain: Decimal | None
    band: str
    at_ceiling: bool
    days_present: int
    other_sessions: int


class TrainingGainOut(Schema):
    maximum: Decimal
    matched: int
    at_ceiling: int
    unmatched: int
    mean_pre: Decimal | None
    mean_post: Decimal | None
    class_gain: Decimal | None
    class_band: str
    average_gain: Decimal | None
    average_band: str
    bands: dict[str, int]


class TrainingSurveyLevelOut(Schema):
    n: int
    rate: Decimal | None
    mean: Decimal | None


class TrainingFollowUpOut(TrainingSurveyLevelOut):
    applied: Decimal | None


class TrainingLevelsOut(Schema):
    invited: int
    l1: TrainingSurveyLevelOut
    l2: TrainingGainOut
    l3: dict[str, TrainingFollowUpOut]


class TrainingMixOut(Schema):
    key: str
    sessions: int
    mixed: int
    share: Decimal | None


class TrainingProgrammeIn(Schema):
    title: str
    objectives: str = ""
    audiences: list[str] = []
    classification: str = "restricted"
    owner_state: str | None = None  # ISO3
    implementer_id: int | None = None
    project_id: int | None = None
    need_ids: list[int] = []
    provisions: list[str] = []  # keys such as untoc/art_29
    start: dt.date | None = None
    end: dt.date | None = None


class TrainingCourseIn(Schema):
    title: str
    learning_objectives: str = ""
    languages: list[str] = []
    delivery: str = "in_person"
    duration_hours: int | None = None
    modules: list[str] = []


class TrainingCourseOut(Schema):
    id: int
    programme_id: int
    title: str
    learning_objectives: str
    languages: list[str]
    delivery: str
    duration_hours: int | None
    modules: list[str]

    @staticmethod
    def resolve_modules(obj: Course) -> list[str]:
        return [m.title for m in obj.modules.all()]


class TrainingTrainerIn(Schema):
    name: str
    role: str = ""
    organisation_id: int | None = None


class TrainingSessionIn(Schema):
    course_id: int
    title: str
    start: dt.date
    end: dt.date
    state: str  # ISO3 of the host state
    place: str = ""
    platform: str = ""
    language: str = "en"
    max_score: Decimal
    classification: str = "restricted"
    participant_states: list[str] = []
    partner_agency_ids: list[int] = []
    trainers: list[TrainingTrainerIn] = []


class TrainingScoreIn(Schema):
    code: str
    pre: Decimal | None = None
    post: Decimal | None = None


class TrainingResponseIn(Schema):
    code: str
    level: int
    respondent: str = "participant"
    answered_on: dt.date
    score: int
    applied: bool | None = None
    comment: str = ""


class TrainingResponseOut(Schema):
    id: int
    level: int
    respondent: str
    answered_on: dt.date
    score: int
    applied: bool | None
    comment: str


class TrainingScoresOut(Schema):
    changed: int
    gain: TrainingGainOut


def _found(record: Any) -> Any:
    if record is None:
        raise Http404(_("No such record."))
    return record


def _state(iso3: str) -> State:
    # States and organisations are public reference data: no access rule to apply.
    return _found(State.objects.filter(iso3=iso3.upper()).first())


def _organisation(pk: int | None) -> Organisation | None:
    return _found(Organisation.objects.filter(pk=pk).first()) if pk else None


def _gain(report: Any) -> dict[str, Any]:
    return {
        **{k: getattr(report, k) for k in TrainingGainOut.model_fields if hasattr(report, k)},
        "class_band": report.class_band,
        "average_band": report.average_band,
    }


@router.get("/training/programmes", response=list[TrainingProgrammeOut])
@paginate(PageNumberPagination, page_size=50)
def list_programmes(request: HttpRequest, q: str | None = None) -> Any:
    """Training programmes the caller may see."""
    return selectors.programme_list(actor=actor(request), q=q)


@router.post("/training/programmes", response={201: TrainingProgrammeOut}, auth=LOGIN_AUTH)
def create_programme(request: HttpRequest, payload: TrainingProgrammeIn) -> Status[Programme]:
    """A programme; the needs it answers and its funding project must be visible to you."""
    user = actor(request)
    values = payload.dict()
    owner = values.pop("owner_state")
    values["owner_state"] = _state(owner) if owner else None
    project_id = values.pop("project_id")
    values["project"] = (
        _found(access.visible(user, Project.objects.filter(pk=project_id)).first())
        if project_id
        else None
    )
    implementer_id = values.pop("implementer_id")
    values["implementer"] = _organisation(implementer_id)
    values["needs"] = list(access.visible(user, Need.objects.filter(pk__in=values.pop("need_ids"))))
    values["provisions"] = list(Provision.objects.filter(key__in=values.pop("provisions")))
    return Status(201, services.programme_create(actor=user, **values))


@router.post(
    "/training/programmes/{programme_id}/courses",
    response={201: TrainingCourseOut},
    auth=LOGIN_AUTH,
)
def create_course(
    request: HttpRequest, programme_id: int, payload: TrainingCourseIn
) -> Status[Course]:
    user = actor(request)
    programme = permissions.access_programme(user, programme_id, for_edit=True)
    values = payload.dict()
    modules = values.pop("modules")
    course = services.course_create(actor=user, programme=programme, **values)
    for title in modules:
        services.module_create(actor=user, course=course, title=title)
    return Status(201, course)


@router.post(
    "/training/programmes/{programme_id}/sessions",
    response={201: TrainingSessionOut},
    auth=LOGIN_AUTH,
)
def create_session(
    request: HttpRequest, programme_id: int, payload: TrainingSessionIn
) -> Status[Session]:
    """A session of one of the programme's courses, with its trainers and partner agencies."""
    user = actor(request)
    programme = permissions.access_programme(user, programme_id)
    values = payload.dict()
    course = _found(programme.courses.filter(pk=values.pop("course_id")).first())
    values["state"] = _state(values["state"])
    values["participant_states"] = [_state(iso3) for iso3 in values["participant_states"]] or [
        values["state"]
    ]
    values["partner_agencies"] = list(
        Organisation.objects.filter(pk__in=values.pop("partner_agency_ids"))
    )
    trainers = values.pop("trainers")
    with transaction.atomic():
        session = services.session_create(actor=user, course=course, **values)
        for trainer in trainers:
            org_id = trainer.pop("organisation_id")
            services.trainer_add(
                actor=user,
                session=session,
                organisation=_organisation(org_id),
                **trainer,
            )
    return Status(201, session)


@router.get("/training/programmes/{programme_id}/courses", response=list[TrainingCourseOut])
def list_courses(request: HttpRequest, programme_id: int) -> Any:
    programme = permissions.access_programme(actor(request), programme_id)
    return programme.courses.prefetch_related("modules")


@router.get("/training/programmes/{programme_id}", response=TrainingProgrammeOut)
def get_programme(request: HttpRequest, programme_id: int) -> Programme:
    return permissions.access_programme(actor(request), programme_id)


@router.get("/training/programmes/{programme_id}/levels", response=TrainingLevelsOut)
def programme_levels(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    """Kirkpatrick levels 1-3 over the programme's sessions the caller may see."""
    user = actor(request)
    programme = permissions.access_programme(user, programme_id)
    levels = selectors.kirkpatrick(selectors.session_list(actor=user, programme=programme))
    return {**levels, "l2": _gain(levels["l2"])}


@router.get("/training/sessions", response=list[TrainingSessionOut])
@paginate(PageNumberPagination, page_size=50)
def list_sessions(
    request: HttpRequest,
    programme: int | None = None,
    state: str | None = None,
    year: int | None = None,
) -> Any:
    user = actor(request)
    if year is not None and not 1900 <= year <= 2100:
        raise ValidationError("year: give a year from 1900 to 2100.")
    prog = permissions.access_programme(user, programme) if programme else None
    return selectors.session_list(actor=user, programme=prog, state_iso3=state, year=year)


@router.get("/training/sessions/{session_id}", response=TrainingSessionOut)
def get_session(request: HttpRequest, session_id: int) -> Session:
    return permissions.access_session(actor(request), session_id)


@router.get("/training/sessions/{session_id}/participants", response=list[TrainingParticipantOut])
def list_participants(request: HttpRequest, session_id: int) -> list[dict[str, Any]]:
    user = actor(request)
    session = permissions.access_session(user, session_id)
    show = permissions.can_see_names(user, session)
    return [
        {
            **{
                f: getattr(r.participant, f)
                for f in (
                    "id",
                    "code",
                    "agency",
                    "agency_type",
                    "sex",
                    "rank",
                    "consent",
                    "years_of_service",
                    "language",
                    "pre_score",
                    "post_score",
                )
            },
            "name": r.name if show else None,
            "state": r.participant.state.iso3 if r.participant.state else None,
            "gain": r.gain,
            "band": r.band,
            "at_ceiling": r.at_ceiling,
            "days_present": r.days_present,
            "other_sessions": r.other_sessions,
        }
        for r in selectors.participant_rows(actor=user, session=session)
    ]


@router.get("/training/sessions/{session_id}/gain", response=TrainingGainOut)
def session_gain(request: HttpRequest, session_id: int) -> dict[str, Any]:
    """Normalised learning gain: class average <g>, average of individual g, bands."""
    session = permissions.access_session(actor(request), session_id)
    return _gain(selectors.session_gain(session))


@router.get("/training/sessions/{session_id}/levels", response=TrainingLevelsOut)
def session_levels(request: HttpRequest, session_id: int) -> dict[str, Any]:
    session = permissions.access_session(actor(request), session_id)
    levels = selectors.kirkpatrick(Session.objects.filter(pk=session.pk))
    return {**levels, "l2": _gain(levels["l2"])}


@router.put("/training/sessions/{session_id}/scores", response=TrainingScoresOut, auth=LOGIN_AUTH)
def put_scores(
    request: HttpRequest, session_id: int, payload: list[TrainingScoreIn]
) -> dict[str, Any]:
    """Set pre/post scores by participant id; nothing is saved if any score is invalid."""
    user = actor(request)
    session = permissions.access_session(user, session_id, for_edit=True)
    scores = {
        s.code: (
            None if s.pre is None else str(s.pre),
            None if s.post is None else str(s.post),
        )
        for s in payload
    }
    changed = services.scores_set(actor=user, session=session, scores=scores)
    session.refresh_from_db()
    return {"changed": changed, "gain": _gain(selectors.session_gain(session))}


@router.post(
    "/training/sessions/{session_id}/responses", response=TrainingResponseOut, auth=LOGIN_AUTH
)
def save_response(request: HttpRequest, session_id: int, payload: TrainingResponseIn) -> Any:
    """A Kirkpatrick survey answer: level 1 (reaction) or 3 (behaviour follow-up), from the
    participant or a supervisor; a second answer to the same survey replaces the first."""
    user = actor(request)
    session = permissions.access_session(user, session_id, for_edit=True)
    participant = session.participants.filter(code=payload.code).first()
    if participant is None:
        raise Http404(
            _("Participant id %(code)s is not on this session's roster.") % {"code": payload.code}
        )
    values = payload.dict()
    values.pop("code")
    return services.response_save(actor=user, participant=participant, **values)


@router.get("/training/mix", response=list[TrainingMixOut])
def mix(request: HttpRequest, by: str = "state", programme: int | None = None) -> list[Any]:
    """Share of sessions mixing at least two agency types, by state, year or programme."""
    user = actor(request)
    prog = permissions.access_programme(user, programme) if programme else None
    if by not in {"state", "year", "programme"}:
        by = "state"
    return selectors.mix_rows(selectors.session_list(actor=user, programme=prog), by)
