"""API of good practices: ``/api/v1/practices/`` (list, detail, create, workflow, exchange)."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tact.catalog.models import Provision, Theme
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.links import resolve_ref
from tact.core.pagination import PageNumberPagination
from tact.directory.models import State
from tact.practices import exchange, permissions, selectors, services
from tact.practices.models import GoodPractice
from tact.search.service import similar_records

router = Router(tags=["practices"], auth=PUBLIC_AUTH)


class PracticeSummaryOut(Schema):
    id: int
    title: str
    status: str
    classification: str
    language: str
    owner_state: str | None
    published_at: dt.datetime | None
    url: str

    @staticmethod
    def resolve_owner_state(obj: GoodPractice) -> str | None:
        return obj.owner_state.iso3 if obj.owner_state else None

    @staticmethod
    def resolve_url(obj: GoodPractice) -> str:
        return obj.get_absolute_url()


class PracticeLinkOut(Schema):
    ref: str
    title: str
    url: str
    note: str


class PracticeEndorsementOut(Schema):
    state: str
    applied: str
    result: str


class PracticeOut(Schema):
    id: int
    title: str
    status: str
    classification: str
    language: str
    owner_state: str | None
    published_at: dt.datetime | None
    url: str
    summary: str
    context: str
    problem: str
    actions: str
    results: str
    cost: str
    transferability: str
    contacts: str
    source_kind: str
    states: list[str]
    themes: list[str]
    provisions: list[str]
    evidence: list[PracticeLinkOut]
    endorsements: list[PracticeEndorsementOut]


class PracticeIn(Schema):
    title: str
    summary: str
    language: str = "en"
    context: str = ""
    problem: str = ""
    actions: str = ""
    results: str = ""
    cost: str = ""
    transferability: str = ""
    contacts: str = ""
    restrict_when_published: bool = False
    owner_state: str
    themes: list[str] = []
    provisions: list[str] = []


class PracticeCommentIn(Schema):
    field: str
    text: str


class PracticeEndorseIn(Schema):
    state: str
    applied: str
    result: str = ""


class PracticeQuestionIn(Schema):
    text: str
    parent: int | None = None


class PracticeReplicateIn(Schema):
    state: str
    note: str = ""


def _detail(request: HttpRequest, practice: GoodPractice) -> PracticeOut:
    who = actor(request)
    return PracticeOut(
        id=practice.pk,
        title=practice.title,
        status=practice.status,
        classification=practice.classification,
        language=practice.language,
        owner_state=practice.owner_state.iso3 if practice.owner_state else None,
        published_at=practice.published_at,
        url=practice.get_absolute_url(),
        **{
            name: getattr(practice, name)
            for name in (
                "summary",
                "context",
                "problem",
                "actions",
                "results",
                "cost",
                "transferability",
                "contacts",
                "source_kind",
            )
        },
        states=[s.iso3 for s in practice.states.all()],
        themes=[t.code for t in practice.themes.all()],
        provisions=[p.key for p in practice.provisions.all()],
        evidence=[PracticeLinkOut(**e.__dict__) for e in selectors.evidence_of(who, practice)],
        endorsements=[
            PracticeEndorsementOut(state=e.state.iso3, applied=e.applied, result=e.result)
            for e in practice.endorsements.select_related("state")
        ],
    )


def _state(iso3: str) -> State:
    found = State.objects.filter(iso3=iso3.upper()).first()
    if found is None:
        raise Http404("No such state.")
    return found


@router.get("/practices/", response=list[PracticeSummaryOut], operation_id="practices_list")
@paginate(PageNumberPagination, page_size=50)
def practice_list(
    request: HttpRequest, status: str = "", theme: str = "", state: str = "", mine: bool = False
) -> Any:
    """Practices the caller may see: published ones; with `mine`, those of the caller's state
    or organisation in any status; the secretariat may filter any status."""
    return selectors.practice_list(
        actor(request), status=status, theme=theme, state=state, mine=mine
    )


class PracticeSimilarOut(Schema):
    ref: str
    title: str
    url: str
    score: float


@router.get(
    "/practices/similar", response=list[PracticeSimilarOut], operation_id="practices_similar"
)
def practice_similar(request: HttpRequest, ref: str, limit: int = 5) -> list[PracticeSimilarOut]:
    """Published practices like any record the caller may see (`ref` = `app.model:pk`, e.g.
    `resolutions.recommendation:12`), by a more-like-this query on the same engine."""
    who = actor(request)
    record = resolve_ref(who, ref)
    if record is None:
        raise Http404("No such record.")
    hits = similar_records(who, record, kinds=("practice",), limit=max(1, min(limit, 20)))
    return [PracticeSimilarOut(ref=h.ref, title=h.title, url=h.url, score=h.score) for h in hits]


@router.get("/practices/{pk}", response=PracticeOut, operation_id="practices_detail")
def practice_detail(request: HttpRequest, pk: int) -> PracticeOut:
    return _detail(request, permissions.access_practice(actor(request), pk))


@router.post(
    "/practices/", response={201: PracticeOut}, auth=LOGIN_AUTH, operation_id="practices_create"
)
def practice_create(request: HttpRequest, payload: PracticeIn) -> Status[PracticeOut]:
    """A new draft practice for the caller's state (confidential until published)."""
    data = payload.dict()
    practice = services.practice_create(
        actor=actor(request),
        values=data,
        owner_state=_state(data["owner_state"]),
        themes=Theme.objects.filter(code__in=data["themes"]),
        provisions=Provision.objects.filter(key__in=data["provisions"]),
    )
    return Status(201, _detail(request, practice))


@router.post(
    "/practices/{pk}/transitions/{action}",
    response=PracticeOut,
    auth=LOGIN_AUTH,
    operation_id="practices_transition",
)
def practice_transition(request: HttpRequest, pk: int, action: str) -> PracticeOut:
    """Workflow: `submit` (submitter), `review`, `return`, `publish` (secretariat)."""
    who = actor(request)
    practice = permissions.access_practice(who, pk)
    steps = {
        "submit": services.practice_submit,
        "review": services.practice_start_review,
        "return": services.practice_return,
        "publish": services.practice_publish,
    }
    step = steps.get(action)
    if step is None:
        raise Http404("No such action.")
    step(actor=who, practice=practice)
    return _detail(request, practice)


@router.post(
    "/practices/{pk}/comments",
    response={201: dict[str, Any]},
    auth=LOGIN_AUTH,
    operation_id="practices_comment",
)
def practice_comment(
    request: HttpRequest, pk: int, payload: PracticeCommentIn
) -> Status[dict[str, Any]]:
    who = actor(request)
    practice = permissions.access_practice(who, pk)
    comment = services.practice_comment(
        actor=who, practice=practice, field=payload.field, text=payload.text
    )
    return Status(201, {"id": comment.pk, "field": comment.field, "text": comment.text})


@router.post(
    "/practices/{pk}/endorsements",
    response={201: PracticeEndorsementOut},
    auth=LOGIN_AUTH,
    operation_id="practices_endorse",
)
def practice_endorse(
    request: HttpRequest, pk: int, payload: PracticeEndorseIn
) -> Status[PracticeEndorsementOut]:
    who = actor(request)
    practice = permissions.access_practice(who, pk)
    endorsement = exchange.endorse(
        actor=who,
        practice=practice,
        state=_state(payload.state),
        applied=payload.applied,
        result=payload.result,
    )
    return Status(
        201,
        PracticeEndorsementOut(
            state=endorsement.state.iso3, applied=endorsement.applied, result=endorsement.result
        ),
    )


@router.post(
    "/practices/{pk}/questions",
    response={201: dict[str, Any]},
    auth=LOGIN_AUTH,
    operation_id="practices_question",
)
def practice_question(
    request: HttpRequest, pk: int, payload: PracticeQuestionIn
) -> Status[dict[str, Any]]:
    who = actor(request)
    practice = permissions.access_practice(who, pk)
    parent = practice.questions.filter(pk=payload.parent).first() if payload.parent else None
    if payload.parent and parent is None:
        raise Http404("No such question.")
    question = exchange.ask(actor=who, practice=practice, text=payload.text, parent=parent)
    return Status(201, {"id": question.pk, "text": question.text, "parent": question.parent_id})


@router.post(
    "/practices/{pk}/replication-requests",
    response={201: dict[str, Any]},
    auth=LOGIN_AUTH,
    operation_id="practices_replicate",
)
def practice_replicate(
    request: HttpRequest, pk: int, payload: PracticeReplicateIn
) -> Status[dict[str, Any]]:
    """Ask for assistance to replicate the practice: records a need of the state."""
    who = actor(request)
    practice = permissions.access_practice(who, pk)
    request_ = exchange.request_replication(
        actor=who, practice=practice, state=_state(payload.state), note=payload.note
    )
    return Status(201, {"id": request_.pk, "need": request_.need_ref})
