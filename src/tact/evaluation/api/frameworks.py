"""Results frameworks over HTTP: strategies, frameworks, results, indicators and periods,
and the import of a project's IATI results."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Status
from ninja.pagination import PageNumberPagination, paginate

from tact.catalog.models import Provision
from tact.core.api import LOGIN_AUTH, actor
from tact.evaluation import iati_results, permissions, selectors, services
from tact.evaluation.api._common import progress_dict, router, state_or_404
from tact.evaluation.api.schemas import (
    FrameworkDetailOut,
    FrameworkIn,
    FrameworkOut,
    IndicatorIn,
    IndicatorOut,
    NodeIn,
    NodeOut,
    PeriodIn,
    PeriodOut,
    StrategyIn,
    StrategyOut,
)
from tact.evaluation.models import Indicator, ResultNode, ResultsFramework, Strategy


def _framework_detail(framework: ResultsFramework) -> dict[str, Any]:
    data = FrameworkOut.from_orm(framework).dict()
    nodes = []
    for _depth, view in selectors.flat_nodes(selectors.framework_tree(framework)):
        node = view.node
        indicators = []
        for iv in view.indicators:
            item = IndicatorOut.from_orm(iv.indicator).dict()
            item["progress"] = progress_dict(iv.progress)
            indicators.append(item)
        nodes.append(
            {
                "id": node.pk,
                "parent_id": node.parent_id,
                "level": node.level,
                "title": node.title,
                "description": node.description,
                "assumptions": node.assumptions,
                "indicators": indicators,
            }
        )
    data["nodes"] = nodes
    return data


# ---------------------------------------------------------------- frameworks


@router.get("/evaluation/frameworks", response=list[FrameworkOut])
@paginate(PageNumberPagination, page_size=50)
def list_frameworks(request: HttpRequest, q: str | None = None, state: str | None = None) -> Any:
    """Results frameworks the caller may see."""
    return selectors.framework_list(actor=actor(request), q=q, state=state)


@router.get("/evaluation/frameworks/{framework_id}", response=FrameworkDetailOut)
def get_framework(request: HttpRequest, framework_id: int) -> dict[str, Any]:
    """A framework as a tree (nodes in tree order) with each indicator's progress."""
    return _framework_detail(permissions.access_framework(actor(request), framework_id))


@router.post("/evaluation/strategies", response={201: StrategyOut}, auth=LOGIN_AUTH)
def create_strategy(request: HttpRequest, payload: StrategyIn) -> Status[Strategy]:
    values = payload.dict()
    values["state"] = state_or_404(values.pop("state"))
    strategy = services.strategy_create(actor=actor(request), **values)
    return Status(201, strategy)


@router.post("/evaluation/frameworks", response={201: FrameworkOut}, auth=LOGIN_AUTH)
def create_framework(request: HttpRequest, payload: FrameworkIn) -> Status[ResultsFramework]:
    user = actor(request)
    values = payload.dict()
    project_id, strategy_id = values.pop("project_id"), values.pop("strategy_id")
    project = permissions.access_project(user, project_id) if project_id else None
    strategy = permissions.access_strategy(user, strategy_id) if strategy_id else None
    state = state_or_404(values.pop("state"))
    if state is not None:
        values["state"] = state
    framework = services.framework_create(actor=user, project=project, strategy=strategy, **values)
    return Status(201, framework)


@router.post(
    "/evaluation/frameworks/{framework_id}/nodes", response={201: NodeOut}, auth=LOGIN_AUTH
)
def create_node(request: HttpRequest, framework_id: int, payload: NodeIn) -> Status[dict[str, Any]]:
    user = actor(request)
    framework = permissions.access_framework(user, framework_id)
    values = payload.dict()
    parent_id = values.pop("parent_id")
    parent = get_object_or_404(ResultNode, pk=parent_id, framework=framework) if parent_id else None
    node = services.node_create(actor=user, framework=framework, parent=parent, **values)
    return Status(
        201,
        {
            "id": node.pk,
            "parent_id": node.parent_id,
            "level": node.level,
            "title": node.title,
            "description": node.description,
            "assumptions": node.assumptions,
            "indicators": [],
        },
    )


def _indicator_values(payload: IndicatorIn, framework: ResultsFramework) -> dict[str, Any]:
    values = payload.dict()
    keys = values.pop("provisions")
    values["provisions"] = list(Provision.objects.filter(key__in=keys))
    if len(values["provisions"]) != len(set(keys)):
        raise Http404("Unknown provision.")
    parent_id = values.pop("parent_indicator_id")
    values["parent_indicator"] = (
        get_object_or_404(Indicator, pk=parent_id, node__framework=framework) if parent_id else None
    )
    return values


@router.post(
    "/evaluation/nodes/{node_id}/indicators", response={201: IndicatorOut}, auth=LOGIN_AUTH
)
def create_indicator(request: HttpRequest, node_id: int, payload: IndicatorIn) -> Status[Any]:
    user = actor(request)
    node = permissions.access_node(user, node_id)
    indicator = services.indicator_create(
        actor=user, node=node, **_indicator_values(payload, node.framework)
    )
    return Status(201, indicator)


@router.get("/evaluation/indicators/{indicator_id}", response=IndicatorOut)
def get_indicator(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    indicator = permissions.access_indicator(actor(request), indicator_id)
    tree = selectors.framework_tree(indicator.node.framework)
    view = next(
        iv
        for _d, nv in selectors.flat_nodes(tree)
        for iv in nv.indicators
        if iv.indicator.pk == indicator.pk
    )
    data = IndicatorOut.from_orm(indicator).dict()
    data["progress"] = progress_dict(view.progress)
    return data


@router.put("/evaluation/indicators/{indicator_id}", response=IndicatorOut, auth=LOGIN_AUTH)
def update_indicator(request: HttpRequest, indicator_id: int, payload: IndicatorIn) -> Any:
    user = actor(request)
    indicator = permissions.access_indicator(user, indicator_id)
    return services.indicator_update(
        actor=user, indicator=indicator, **_indicator_values(payload, indicator.node.framework)
    )


@router.put("/evaluation/indicators/{indicator_id}/periods", response=PeriodOut, auth=LOGIN_AUTH)
def save_period(request: HttpRequest, indicator_id: int, payload: PeriodIn) -> Any:
    """Create or update the period (start, end) of an indicator: targets and actual values."""
    user = actor(request)
    indicator = permissions.access_indicator(user, indicator_id)
    values = payload.dict()
    return services.period_save(
        actor=user, indicator=indicator, start=values.pop("start"), end=values.pop("end"), **values
    )


@router.post(
    "/evaluation/projects/{project_id}/results-framework",
    response={200: FrameworkDetailOut},
    auth=LOGIN_AUTH,
)
def import_project_results(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """Build (or refresh) a project's results framework from its stored IATI results."""
    user = actor(request)
    project = permissions.access_project(user, project_id)
    framework, _counts = iati_results.import_project_results(actor=user, project=project)
    return _framework_detail(framework)
