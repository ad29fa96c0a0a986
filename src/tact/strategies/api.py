"""National strategies and inter-agency cooperation over HTTP: strategies with objectives,
actions and progress, coverage of the three aims, agencies, task forces, agreements, the
cooperation network, awareness campaigns."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from tact.catalog.models import Provision, Theme
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.pagination import PageNumberPagination
from tact.directory.models import State
from tact.strategies import api_records, figures, permissions, selectors, services, threat_links
from tact.strategies.models import AIM_FIELDS, Action, Strategy
from tact.strategies.schemas import (
    AwarenessCampaignOut,
    CooperationAgreementOut,
    NationalStrategyDetailOut,
    NationalStrategyIn,
    NationalStrategyOut,
    NationalStrategyPatch,
    NetworkOut,
    StrategyActionIn,
    StrategyActionOut,
    StrategyAgencyIn,
    StrategyAgencyOut,
    StrategyAimCoverageOut,
    StrategyObjectiveIn,
    StrategyProgressIn,
    StrategyProgressUpdateOut,
    TaskForceIn,
    TaskForceOut,
)

router = Router(tags=["strategies"], auth=PUBLIC_AUTH)


def _state(request: HttpRequest, iso3: str) -> State:
    return permissions.access_state(actor(request), iso3)


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
