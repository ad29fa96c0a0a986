"""National strategies and inter-agency cooperation over HTTP: strategies with objectives,
actions and progress, coverage of the three aims, agencies, task forces, agreements, the
cooperation network, awareness campaigns."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tact.catalog.models import Provision, Theme
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.models import Classification
from tact.core.pagination import PageNumberPagination
from tact.directory.models import State
from tact.strategies import api_records, figures, permissions, selectors, services, threat_links
from tact.strategies.models import AIM_FIELDS, Action, AgencyType, Aim, Strategy

router = Router(tags=["strategies"], auth=PUBLIC_AUTH)


def _state(request: HttpRequest, iso3: str) -> State:
    return permissions.access_state(actor(request), iso3)


class NationalStrategyOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    state: str | None
    start: dt.date | None
    end: dt.date | None
    adopting_authority: str
    adopting_instrument: str
    classification: str

    @staticmethod
    def resolve_state(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj.get("state")
        return obj.state.iso3 if obj.state_id else None


class NationalStrategyIn(Schema):
    state: str
    title: str
    # Plain strings, not the model enums: several apps have enums named Kind or Status and
    # OpenAPI components are named after the class. The service validates the choices.
    kind: str = Strategy.Kind.NATIONAL_STRATEGY.value
    status: str = Strategy.Status.DRAFT.value
    start: dt.date | None = None
    end: dt.date | None = None
    adopting_authority: str = ""
    adopting_instrument: str = ""
    description: str = ""
    classification: Classification = Classification.RESTRICTED


class NationalStrategyPatch(Schema):
    title: str | None = None
    status: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    description: str | None = None
    classification: Classification | None = None


class StrategyActionOut(Schema):
    id: int
    objective_id: int
    code: str
    title: str
    lead_agency_id: int | None
    deadline: dt.date | None
    budget: Decimal | None
    currency: str
    funding: str
    project_id: int | None
    status: str
    percent_complete: int


class StrategyThreatSummaryOut(Schema):
    """The sanitised summary an objective cites (aim ii); for a caller who may not see it,
    only `visible: false` and the words "a record you may not see"."""

    visible: bool
    id: int | None
    title: str
    summary: str
    published: bool | None


class StrategyObjectiveOut(Schema):
    id: int
    code: str
    title: str
    aims: list[str]
    provisions: list[str]
    themes: list[str]
    threat_summary: StrategyThreatSummaryOut | None
    changing_nature_findings: str
    actions: list[StrategyActionOut]


class StrategyProgressOut(Schema):
    actions_total: int
    actions_completed: int
    actions_overdue: int
    actions_mean_percent: float | None
    frameworks: list[dict[str, Any]]


class NationalStrategyDetailOut(NationalStrategyOut):
    objectives: list[StrategyObjectiveOut]
    progress: StrategyProgressOut


class StrategyObjectiveIn(Schema):
    title: str
    code: str = ""
    description: str = ""
    aims: list[Aim] = []
    provisions: list[str] = []
    themes: list[str] = []
    threat_summary_id: int | None = None
    changing_nature_findings: str = ""


class StrategyActionIn(Schema):
    title: str
    code: str = ""
    lead_agency_id: int | None = None
    partner_agency_ids: list[int] = []
    deadline: dt.date | None = None
    budget: Decimal | None = None
    currency: str = ""
    funding: str = Action.Funding.NONE.value
    status: str = Action.Status.NOT_STARTED.value
    percent_complete: int = 0


class StrategyProgressIn(Schema):
    status: str
    percent_complete: int
    date: dt.date | None = None
    note: str = ""


class StrategyProgressUpdateOut(Schema):
    id: int
    date: dt.date
    status: str
    percent_complete: int
    note: str


class StrategyAimCoverageOut(Schema):
    aim: str
    covered: bool
    objectives: list[dict[str, Any]]
    actions_total: int
    actions_completed: int
    actions_mean_percent: float | None


class StrategyAgencyOut(Schema):
    id: int
    name: str
    acronym: str
    state: str
    agency_type: str
    organisation_id: int

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.organisation.name)

    @staticmethod
    def resolve_acronym(obj: Any) -> str:
        return str(obj.organisation.acronym)

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.iso3)


class StrategyAgencyIn(Schema):
    state: str
    agency_type: AgencyType
    name: str = ""
    acronym: str = ""
    organisation_id: int | None = None


class TaskForceOut(Schema):
    id: int
    name: str
    state: str
    mandate: str
    legal_basis: str
    start: dt.date | None
    end: dt.date | None
    classification: str
    members: list[dict[str, Any]]

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.iso3)

    @staticmethod
    def resolve_members(obj: Any) -> list[dict[str, Any]]:
        return [{"agency_id": m.agency_id, "role": m.role} for m in obj.members.all()]


class TaskForceIn(Schema):
    state: str
    name: str
    mandate: str = ""
    legal_basis: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    classification: Classification = Classification.RESTRICTED
    members: list[dict[str, Any]] = []


class CooperationAgreementOut(Schema):
    id: int
    title: str
    kind: str
    state: str
    status: str
    party_ids: list[int]
    signed_on: dt.date | None
    classification: str

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.iso3)

    @staticmethod
    def resolve_party_ids(obj: Any) -> list[int]:
        # Lists carry only the parties the viewer may see (`selectors.agreement_list`).
        parties = getattr(obj, "visible_parties", None)
        return sorted(p.pk for p in (obj.parties.all() if parties is None else parties))


class NetworkNodeOut(Schema):
    id: int
    label: str
    agency_type: str
    state: str
    degree: float
    betweenness: float
    isolated: bool


class NetworkOut(Schema):
    state: str
    nodes: list[NetworkNodeOut]
    edges: list[dict[str, Any]]
    missing_links: list[dict[str, Any]]


class AwarenessCampaignOut(Schema):
    id: int
    title: str
    state: str
    objective_id: int | None
    audience: str
    channels: str
    reach: int | None
    share_aware_before: float | None
    share_aware_after: float | None
    difference: float | None
    difference_low: float | None
    difference_high: float | None


def _strategy_detail(request: HttpRequest, strategy: Strategy) -> dict[str, Any]:
    progress = selectors.strategy_progress(actor(request), strategy)
    data = NationalStrategyOut.from_orm(strategy).dict()
    data["objectives"] = [
        {
            "id": v.objective.pk,
            "code": v.objective.code,
            "title": v.objective.title,
            "aims": v.objective.aims,
            "provisions": [p.key for p in v.objective.provisions.all()],
            "themes": [t.code for t in v.objective.themes.all()],
            "threat_summary": threat_links.summary_as_dict(actor(request), v.objective),
            "changing_nature_findings": v.objective.changing_nature_findings,
            "actions": v.actions,
        }
        for v in progress.objectives
    ]
    data["progress"] = {
        "actions_total": progress.actions.total,
        "actions_completed": progress.actions.completed,
        "actions_overdue": progress.actions.overdue,
        "actions_mean_percent": progress.actions.mean_percent,
        "frameworks": [
            {
                "id": f.framework.pk,
                "title": f.framework.title,
                "indicators": f.total,
                "on_track": f.on_track,
            }
            for f in progress.frameworks
        ],
    }
    return data


@router.get("/strategies/", response=list[NationalStrategyOut])
@paginate(PageNumberPagination, page_size=50)
def list_strategies(
    request: HttpRequest,
    state: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    aim: str | None = None,
    q: str | None = None,
) -> Any:
    """Strategies and action plans the caller may see (restricted ones to their state)."""
    return selectors.strategy_list(
        actor=actor(request), state=state, status=status, kind=kind, aim=aim, q=q
    )


@router.post("/strategies/", response={201: NationalStrategyOut}, auth=LOGIN_AUTH)
def create_strategy(request: HttpRequest, payload: NationalStrategyIn) -> Status[Strategy]:
    values = payload.dict()
    state = _state(request, values.pop("state"))
    return Status(201, services.strategy_create(actor=actor(request), state=state, **values))


@router.get("/strategies/{int:strategy_id}", response=NationalStrategyDetailOut)
def get_strategy(request: HttpRequest, strategy_id: int) -> dict[str, Any]:
    """A strategy with its objectives and actions, and its two progress measures kept apart."""
    return _strategy_detail(request, permissions.access_strategy(actor(request), strategy_id))


@router.patch("/strategies/{int:strategy_id}", response=NationalStrategyOut, auth=LOGIN_AUTH)
def update_strategy(
    request: HttpRequest, strategy_id: int, payload: NationalStrategyPatch
) -> Strategy:
    strategy = permissions.access_strategy(actor(request), strategy_id, for_edit=True)
    values = payload.dict(exclude_unset=True)
    return services.strategy_update(actor=actor(request), strategy=strategy, **values)


@router.post(
    "/strategies/{int:strategy_id}/objectives", response={201: dict[str, Any]}, auth=LOGIN_AUTH
)
def create_objective(
    request: HttpRequest, strategy_id: int, payload: StrategyObjectiveIn
) -> Status[dict[str, Any]]:
    strategy = permissions.access_strategy(actor(request), strategy_id, for_edit=True)
    values = payload.dict()
    aims = values.pop("aims")
    for aim, field_name in AIM_FIELDS.items():
        values[field_name] = aim in aims
    keys, codes = values.pop("provisions"), values.pop("themes")
    values["provisions"] = list(Provision.objects.filter(key__in=keys))
    values["themes"] = list(Theme.objects.filter(code__in=codes))
    if len(values["provisions"]) != len(set(keys)) or len(values["themes"]) != len(set(codes)):
        raise Http404("Unknown provision or theme.")
    summary_id = values.pop("threat_summary_id")
    if summary_id is not None:
        # Hidden, withdrawn and missing summaries are one answer (the service checks again).
        values["threat_summary"] = (
            threat_links.summary_choices(actor(request)).filter(pk=summary_id).first()
        )
        if values["threat_summary"] is None:
            raise Http404("No such published summary of a threat assessment.")
    objective = services.objective_create(actor=actor(request), strategy=strategy, **values)
    return Status(201, {"id": objective.pk, "title": objective.title, "aims": objective.aims})


@router.post(
    "/strategies/objectives/{int:objective_id}/actions",
    response={201: StrategyActionOut},
    auth=LOGIN_AUTH,
)
def create_action(
    request: HttpRequest, objective_id: int, payload: StrategyActionIn
) -> Status[Action]:
    user = actor(request)
    objective = permissions.access_objective(user, objective_id, for_edit=True)
    values = payload.dict()
    lead_id, partner_ids = values.pop("lead_agency_id"), values.pop("partner_agency_ids")
    values["lead_agency"] = permissions.access_agency(user, lead_id) if lead_id else None
    values["partner_agencies"] = [permissions.access_agency(user, pk) for pk in partner_ids]
    return Status(201, services.action_create(actor=user, objective=objective, **values))


@router.post(
    "/strategies/actions/{int:action_id}/progress",
    response={201: StrategyProgressUpdateOut},
    auth=LOGIN_AUTH,
)
def add_progress(request: HttpRequest, action_id: int, payload: StrategyProgressIn) -> Status[Any]:
    action = permissions.access_action(actor(request), action_id, for_edit=True)
    return Status(201, services.progress_add(actor=actor(request), action=action, **payload.dict()))


@router.get("/strategies/coverage/{iso3}", response=list[StrategyAimCoverageOut])
def get_coverage(request: HttpRequest, iso3: str) -> list[dict[str, Any]]:
    """Which of the three aims of item a) the state's strategies cover, and how far."""
    return [
        {
            "aim": c.aim.value,
            "covered": c.covered,
            "objectives": [
                {
                    "id": v.objective.pk,
                    "strategy_id": v.objective.strategy_id,
                    "title": v.objective.title,
                }
                for v in c.objectives
            ],
            "actions_total": c.progress.total,
            "actions_completed": c.progress.completed,
            "actions_mean_percent": c.progress.mean_percent,
        }
        for c in selectors.state_coverage(actor(request), _state(request, iso3))
    ]


@router.get("/strategies/agencies", response=list[StrategyAgencyOut])
@paginate(PageNumberPagination, page_size=50)
def list_agencies(
    request: HttpRequest, state: str | None = None, agency_type: str | None = None
) -> Any:
    return selectors.agency_list(actor=actor(request), state=state, agency_type=agency_type)


@router.post("/strategies/agencies", response={201: StrategyAgencyOut}, auth=LOGIN_AUTH)
def create_agency(request: HttpRequest, payload: StrategyAgencyIn) -> Status[Any]:
    values = payload.dict()
    state = _state(request, values.pop("state"))
    org_id = values.pop("organisation_id")
    organisation = permissions.access_organisation(actor(request), org_id) if org_id else None
    agency = services.agency_create(
        actor=actor(request), state=state, organisation=organisation, **values
    )
    return Status(201, agency)


@router.get("/strategies/task-forces", response=list[TaskForceOut])
@paginate(PageNumberPagination, page_size=50)
def list_task_forces(
    request: HttpRequest, state: str | None = None, theme: str | None = None
) -> Any:
    return selectors.task_force_list(
        actor=actor(request), state=state, theme=theme
    ).prefetch_related("members")


@router.get("/strategies/task-forces/{int:task_force_id}", response=TaskForceOut)
def get_task_force(request: HttpRequest, task_force_id: int) -> Any:
    return permissions.access_task_force(actor(request), task_force_id)


@router.post("/strategies/task-forces", response={201: TaskForceOut}, auth=LOGIN_AUTH)
def create_task_force(request: HttpRequest, payload: TaskForceIn) -> Status[Any]:
    user = actor(request)
    values = payload.dict()
    state = _state(request, values.pop("state"))
    members = values.pop("members")
    task_force = services.task_force_create(actor=user, state=state, **values)
    for member in members:
        agency = permissions.access_agency(user, int(member.get("agency_id", 0)))
        services.member_set(
            actor=user, task_force=task_force, agency=agency, role=str(member.get("role", "member"))
        )
    return Status(201, task_force)


@router.get("/strategies/agreements", response=list[CooperationAgreementOut])
@paginate(PageNumberPagination, page_size=50)
def list_agreements(request: HttpRequest, state: str | None = None, kind: str | None = None) -> Any:
    return selectors.agreement_list(actor=actor(request), state=state, kind=kind)


@router.get("/strategies/network/{iso3}", response=NetworkOut)
def get_network(request: HttpRequest, iso3: str) -> dict[str, Any]:
    """The cooperation network of a state with degree and betweenness centrality, isolated
    agencies and the links the rule table expects but the state lacks."""
    graph = selectors.state_network(actor(request), _state(request, iso3))
    isolated = {n.id for n in graph.isolated}
    return {
        "state": iso3.upper(),
        "nodes": [
            {
                "id": n.id,
                "label": n.label,
                "agency_type": n.agency_type,
                "state": n.state,
                "degree": round(graph.degree.get(n.id, 0.0), 4),
                "betweenness": round(graph.betweenness.get(n.id, 0.0), 4),
                "isolated": n.id in isolated,
            }
            for n in graph.ranked()
        ],
        "edges": [{"source": a.id, "target": b.id, "via": via} for a, b, via in graph.edges()],
        "missing_links": [
            {
                "type_a": m.rule.type_a,
                "type_b": m.rule.type_b,
                "basis": m.rule.basis,
                "agencies_a": [n.id for n in m.agencies_a],
                "agencies_b": [n.id for n in m.agencies_b],
            }
            for m in graph.missing
        ],
    }


@router.get("/strategies/campaigns", response=list[AwarenessCampaignOut])
@paginate(PageNumberPagination, page_size=50)
def list_campaigns(request: HttpRequest, state: str | None = None) -> Any:
    return [_campaign(c) for c in selectors.campaign_list(actor=actor(request), state=state)]


def _campaign(c: Any) -> dict[str, Any]:
    change = figures.survey_change(c.before_aware, c.before_sample, c.after_aware, c.after_sample)
    return {
        "id": c.pk,
        "title": c.title,
        "state": c.state.iso3,
        "objective_id": c.objective_id,
        "audience": c.audience,
        "channels": c.channels,
        "reach": c.reach,
        "share_aware_before": change.before if change else None,
        "share_aware_after": change.after if change else None,
        "difference": change.difference if change else None,
        "difference_low": change.low if change else None,
        "difference_high": change.high if change else None,
    }


# Same paths as the reads above: ninja serves one path from one router.
@router.delete("/strategies/{int:strategy_id}", response={204: None}, auth=LOGIN_AUTH)
def delete_strategy(request: HttpRequest, strategy_id: int) -> Status[None]:
    record = permissions.access_strategy(actor(request), strategy_id, for_edit=True)
    return api_records.deleted(request, record)


@router.delete("/strategies/task-forces/{int:task_force_id}", response={204: None}, auth=LOGIN_AUTH)
def delete_task_force(request: HttpRequest, task_force_id: int) -> Status[None]:
    record = permissions.access_task_force(actor(request), task_force_id, for_edit=True)
    return api_records.deleted(request, record)


# Other edits and deletions of single records live in their own module.
router.add_router("", api_records.router)
