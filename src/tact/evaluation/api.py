"""Results and evaluation over HTTP: frameworks, indicators and periods, evaluations with
ratings, findings and management responses, good-practice candidates, the portfolio."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor, enum_schema
from tact.core.models import Classification
from tact.core.pagination import PageNumberPagination
from tact.directory.models import State
from tact.evaluation import analysis, iati_results, selectors, services
from tact.evaluation.models import (
    Criterion,
    Evaluation,
    EvidenceStrength,
    Finding,
    Level,
    ManagementResponse,
    Measure,
    RatingScale,
    ResultNode,
    ResultsFramework,
    Strategy,
)

router = Router(tags=["evaluation"], auth=PUBLIC_AUTH)


# ---------------------------------------------------------------- schemas


class ProgressOut(Schema):
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    period_end: dt.date | None
    achievement: Decimal | None
    status: str


class PeriodOut(Schema):
    id: int
    start: dt.date
    end: dt.date
    target_value: Decimal | None
    target_numerator: Decimal | None
    target_denominator: Decimal | None
    actual_value: Decimal | None
    actual_numerator: Decimal | None
    actual_denominator: Decimal | None
    target_comment: str
    actual_comment: str
    narrative: str
    disaggregation: list[dict[str, str]]


class IndicatorOut(Schema):
    id: int
    node_id: int
    title: str
    description: str
    measure: str
    ascending: bool
    unit_label: str
    parent_indicator_id: int | None
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_numerator: Decimal | None
    baseline_denominator: Decimal | None
    means_of_verification: str
    assumptions: str
    dimensions: list[str]
    provisions: list[str]
    recommendation_codes: list[str]
    periods: list[PeriodOut]
    progress: ProgressOut | None = None

    @staticmethod
    def resolve_provisions(obj: Any) -> list[str]:
        if isinstance(obj, dict):
            return list(obj["provisions"])
        return [p.key for p in obj.provisions.all()]

    @staticmethod
    def resolve_periods(obj: Any) -> list[Any]:
        if isinstance(obj, dict):
            return list(obj["periods"])
        return list(obj.periods.all())


class NodeOut(Schema):
    id: int
    parent_id: int | None
    level: str
    title: str
    description: str
    assumptions: str
    indicators: list[IndicatorOut]


class FrameworkOut(Schema):
    id: int
    title: str
    project_id: int | None
    strategy_id: int | None
    state: str | None
    description: str
    classification: str
    recommendation_codes: list[str]

    @staticmethod
    def resolve_state(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj.get("state")
        return obj.state.iso3 if obj.state else None


class FrameworkDetailOut(FrameworkOut):
    nodes: list[NodeOut]


class FrameworkIn(Schema):
    title: str
    project_id: int | None = None
    strategy_id: int | None = None
    state: str | None = None
    description: str = ""
    classification: Classification = Classification.PUBLIC
    recommendation_codes: list[str] = []


class StrategyIn(Schema):
    title: str
    kind: Annotated[Strategy.Kind, enum_schema(Strategy.Kind, "StrategyKind")] = (
        Strategy.Kind.STRATEGY
    )
    state: str | None = None
    description: str = ""
    classification: Classification = Classification.PUBLIC


class StrategyOut(Schema):
    id: int
    title: str
    kind: str
    classification: str


class NodeIn(Schema):
    level: Level
    title: str
    parent_id: int | None = None
    description: str = ""
    assumptions: str = ""


class IndicatorIn(Schema):
    title: str
    measure: Measure = Measure.UNIT
    ascending: bool = True
    description: str = ""
    unit_label: str = ""
    parent_indicator_id: int | None = None
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    baseline_numerator: Decimal | None = None
    baseline_denominator: Decimal | None = None
    means_of_verification: str = ""
    assumptions: str = ""
    dimensions: list[str] = []
    provisions: list[str] = []
    recommendation_codes: list[str] = []


class PeriodIn(Schema):
    start: dt.date
    end: dt.date
    target_value: Decimal | None = None
    target_numerator: Decimal | None = None
    target_denominator: Decimal | None = None
    actual_value: Decimal | None = None
    actual_numerator: Decimal | None = None
    actual_denominator: Decimal | None = None
    target_comment: str = ""
    actual_comment: str = ""
    narrative: str = ""
    disaggregation: list[dict[str, Any]] = []


class RatingOut(Schema):
    criterion: str
    score: str
    label: str
    satisfactory: bool | None
    justification: str
    evidence_strength: str


class ResponseOut(Schema):
    decision: str
    response: str
    actions: str
    responsible: str
    due_date: dt.date | None
    follow_up_status: str
    follow_up_note: str


class FindingOut(Schema):
    id: int
    evaluation_id: int
    kind: str
    criterion: str
    title: str
    text: str
    evidence_strength: str
    addressee: str
    good_practice_candidate: bool
    proposed_at: dt.datetime | None
    response: ResponseOut | None = None

    @staticmethod
    def resolve_response(obj: Any) -> Any:
        if isinstance(obj, dict):
            return obj.get("response")
        return getattr(obj, "response", None) if hasattr(obj, "response") else None


class EvaluationOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    evaluators: str
    commissioned_by: str
    period_start: dt.date | None
    period_end: dt.date | None
    report_date: dt.date | None
    summary: str
    scale: str
    classification: str
    owner_state: str | None

    @staticmethod
    def resolve_scale(obj: Any) -> str:
        if isinstance(obj, dict):
            return str(obj["scale"])
        return str(obj.scale.code)

    @staticmethod
    def resolve_owner_state(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj.get("owner_state")
        return obj.owner_state.iso3 if obj.owner_state else None


class EvaluationDetailOut(EvaluationOut):
    interventions: list[int]
    frameworks: list[int]
    states: list[str]
    themes: list[str]
    provisions: list[str]
    ratings: list[RatingOut]
    findings: list[FindingOut]


class EvaluationIn(Schema):
    title: str
    scale: str = "ieg-6"
    kind: Annotated[Evaluation.Kind, enum_schema(Evaluation.Kind, "EvaluationKind")] = (
        Evaluation.Kind.PROJECT
    )
    status: Annotated[Evaluation.Status, enum_schema(Evaluation.Status, "EvaluationStatus")] = (
        Evaluation.Status.ONGOING
    )
    evaluators: str = ""
    commissioned_by: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    report_date: dt.date | None = None
    summary: str = ""
    classification: Classification = Classification.RESTRICTED
    owner_state: str | None = None
    interventions: list[int] = []
    frameworks: list[int] = []
    states: list[str] = []
    themes: list[str] = []
    provisions: list[str] = []


class RatingIn(Schema):
    score: str
    justification: str
    evidence_strength: EvidenceStrength


class FindingIn(Schema):
    title: str
    text: str
    kind: Annotated[Finding.Kind, enum_schema(Finding.Kind, "FindingKind")] = Finding.Kind.FINDING
    criterion: str = ""
    evidence_strength: EvidenceStrength = EvidenceStrength.MODERATE
    addressee: str = ""


class ResponseIn(Schema):
    decision: ManagementResponse.Decision
    response: str
    actions: str = ""
    responsible: str = ""
    due_date: dt.date | None = None
    follow_up_status: ManagementResponse.FollowUp = ManagementResponse.FollowUp.NOT_STARTED
    follow_up_note: str = ""


class ScaleOut(Schema):
    code: str
    name: str
    description: str
    levels: list[dict[str, Any]]


class GoodPracticeOut(Schema):
    id: int
    title: str
    text: str
    criterion: str
    evidence_strength: str
    evaluation_id: int
    evaluation: str
    proposed_at: dt.datetime | None

    @staticmethod
    def resolve_evaluation(obj: Finding) -> str:
        return obj.evaluation.title


# ---------------------------------------------------------------- helpers


def _progress(p: Any) -> dict[str, Any]:
    return {
        "baseline": p.baseline,
        "target": p.target,
        "actual": p.actual,
        "period_end": p.period_end,
        "achievement": p.achievement,
        "status": p.status.value,
    }


def _framework_detail(framework: ResultsFramework) -> dict[str, Any]:
    data = FrameworkOut.from_orm(framework).dict()
    nodes = []
    for _depth, view in selectors.flat_nodes(selectors.framework_tree(framework)):
        node = view.node
        indicators = []
        for iv in view.indicators:
            item = IndicatorOut.from_orm(iv.indicator).dict()
            item["progress"] = _progress(iv.progress)
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


def _state(iso3: str | None) -> State | None:
    if not iso3:
        return None
    return get_object_or_404(State, iso3=iso3.upper())


def _evaluation_detail(evaluation: Evaluation, user: Any) -> dict[str, Any]:
    data = EvaluationOut.from_orm(evaluation).dict()
    data.update(
        {
            "interventions": list(
                access.visible(user, evaluation.interventions.all()).values_list("pk", flat=True)
            ),
            "frameworks": list(
                access.visible(user, evaluation.frameworks.all()).values_list("pk", flat=True)
            ),
            "states": [s.iso3 for s in evaluation.states.all()],
            "themes": [t.code for t in evaluation.themes.all()],
            "provisions": [p.key for p in evaluation.provisions.all()],
            "ratings": [
                {
                    "criterion": r.criterion,
                    "score": r.score,
                    "label": r.label,
                    "satisfactory": r.satisfactory,
                    "justification": r.justification,
                    "evidence_strength": r.evidence_strength,
                }
                for r in evaluation.ratings.all()
            ],
            "findings": [FindingOut.from_orm(f).dict() for f in evaluation.findings.all()],
        }
    )
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
    return _framework_detail(selectors.framework_get(actor=actor(request), pk=framework_id))


@router.post("/evaluation/strategies", response={201: StrategyOut}, auth=LOGIN_AUTH)
def create_strategy(request: HttpRequest, payload: StrategyIn) -> Status[Strategy]:
    values = payload.dict()
    values["state"] = _state(values.pop("state"))
    strategy = services.strategy_create(actor=actor(request), **values)
    return Status(201, strategy)


@router.post("/evaluation/frameworks", response={201: FrameworkOut}, auth=LOGIN_AUTH)
def create_framework(request: HttpRequest, payload: FrameworkIn) -> Status[ResultsFramework]:
    user = actor(request)
    values = payload.dict()
    project_id, strategy_id = values.pop("project_id"), values.pop("strategy_id")
    project = (
        access.get_visible_or_404(
            user, apps.get_model("assistance", "Project").objects.all(), pk=project_id
        )
        if project_id
        else None
    )
    strategy = (
        access.get_visible_or_404(user, Strategy.objects.all(), pk=strategy_id)
        if strategy_id
        else None
    )
    state = _state(values.pop("state"))
    if state is not None:
        values["state"] = state
    framework = services.framework_create(actor=user, project=project, strategy=strategy, **values)
    return Status(201, framework)


@router.post(
    "/evaluation/frameworks/{framework_id}/nodes", response={201: NodeOut}, auth=LOGIN_AUTH
)
def create_node(request: HttpRequest, framework_id: int, payload: NodeIn) -> Status[dict[str, Any]]:
    user = actor(request)
    framework = selectors.framework_get(actor=user, pk=framework_id)
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
        get_object_or_404(
            apps.get_model("evaluation", "Indicator"), pk=parent_id, node__framework=framework
        )
        if parent_id
        else None
    )
    return values


@router.post(
    "/evaluation/nodes/{node_id}/indicators", response={201: IndicatorOut}, auth=LOGIN_AUTH
)
def create_indicator(request: HttpRequest, node_id: int, payload: IndicatorIn) -> Status[Any]:
    user = actor(request)
    node = get_object_or_404(ResultNode, pk=node_id)
    framework = selectors.framework_get(actor=user, pk=node.framework_id)
    indicator = services.indicator_create(
        actor=user, node=node, **_indicator_values(payload, framework)
    )
    return Status(201, indicator)


@router.get("/evaluation/indicators/{indicator_id}", response=IndicatorOut)
def get_indicator(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    indicator = selectors.indicator_get(actor=actor(request), pk=indicator_id)
    tree = selectors.framework_tree(indicator.node.framework)
    view = next(
        iv
        for _d, nv in selectors.flat_nodes(tree)
        for iv in nv.indicators
        if iv.indicator.pk == indicator.pk
    )
    data = IndicatorOut.from_orm(indicator).dict()
    data["progress"] = _progress(view.progress)
    return data


@router.put("/evaluation/indicators/{indicator_id}", response=IndicatorOut, auth=LOGIN_AUTH)
def update_indicator(request: HttpRequest, indicator_id: int, payload: IndicatorIn) -> Any:
    user = actor(request)
    indicator = selectors.indicator_get(actor=user, pk=indicator_id)
    return services.indicator_update(
        actor=user, indicator=indicator, **_indicator_values(payload, indicator.node.framework)
    )


@router.put("/evaluation/indicators/{indicator_id}/periods", response=PeriodOut, auth=LOGIN_AUTH)
def save_period(request: HttpRequest, indicator_id: int, payload: PeriodIn) -> Any:
    """Create or update the period (start, end) of an indicator: targets and actual values."""
    user = actor(request)
    indicator = selectors.indicator_get(actor=user, pk=indicator_id)
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
    project = access.get_visible_or_404(
        user, apps.get_model("assistance", "Project").objects.all(), pk=project_id
    )
    framework, _counts = iati_results.import_project_results(actor=user, project=project)
    return _framework_detail(framework)


# ---------------------------------------------------------------- evaluations


@router.get("/evaluation/scales", response=list[ScaleOut])
def list_scales(request: HttpRequest) -> Any:
    return RatingScale.objects.all()


class ScaleIn(Schema):
    code: str
    name: str
    description: str = ""
    levels: list[dict[str, Any]]


@router.put("/evaluation/scales", response=ScaleOut, auth=LOGIN_AUTH)
def save_scale(request: HttpRequest, payload: ScaleIn) -> RatingScale:
    """Create or update a rating scale (secretariat). Levels best first, each with code, label
    and whether it counts as satisfactory; levels already used by ratings cannot be removed."""
    return services.scale_save(actor=actor(request), **payload.dict())


@router.get("/evaluation/evaluations", response=list[EvaluationOut])
@paginate(PageNumberPagination, page_size=50)
def list_evaluations(
    request: HttpRequest,
    q: str | None = None,
    state: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    theme: str | None = None,
) -> Any:
    """Evaluations the caller may see (restricted ones only with a scope)."""
    return selectors.evaluation_list(
        actor=actor(request), q=q, state=state, kind=kind, status=status, theme=theme
    )


@router.get("/evaluation/evaluations/{evaluation_id}", response=EvaluationDetailOut)
def get_evaluation(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    user = actor(request)
    return _evaluation_detail(selectors.evaluation_get(actor=user, pk=evaluation_id), user)


@router.post("/evaluation/evaluations", response={201: EvaluationDetailOut}, auth=LOGIN_AUTH)
def create_evaluation(request: HttpRequest, payload: EvaluationIn) -> Status[dict[str, Any]]:
    user = actor(request)
    values = payload.dict()
    scale = get_object_or_404(RatingScale, code=values.pop("scale"))
    values["owner_state"] = _state(values.pop("owner_state"))
    project_model = apps.get_model("assistance", "Project")
    values["interventions"] = list(
        access.visible(user, project_model.objects.filter(pk__in=values.pop("interventions")))
    )
    values["frameworks"] = list(
        access.visible(user, ResultsFramework.objects.filter(pk__in=values.pop("frameworks")))
    )
    values["states"] = list(
        State.objects.filter(iso3__in=[s.upper() for s in values.pop("states")])
    )
    values["themes"] = list(Theme.objects.filter(code__in=values.pop("themes")))
    values["provisions"] = list(Provision.objects.filter(key__in=values.pop("provisions")))
    evaluation = services.evaluation_create(
        actor=user, title=values.pop("title"), scale=scale, **values
    )
    return Status(201, _evaluation_detail(evaluation, user))


@router.put(
    "/evaluation/evaluations/{evaluation_id}/ratings/{criterion}",
    response=RatingOut,
    auth=LOGIN_AUTH,
)
def set_rating(
    request: HttpRequest, evaluation_id: int, criterion: Criterion, payload: RatingIn
) -> dict[str, Any]:
    """Record the rating of one OECD-DAC criterion (score on the evaluation's scale or n/a)."""
    user = actor(request)
    evaluation = selectors.evaluation_get(actor=user, pk=evaluation_id)
    rating = services.rating_set(
        actor=user, evaluation=evaluation, criterion=criterion, **payload.dict()
    )
    return {
        "criterion": rating.criterion,
        "score": rating.score,
        "label": rating.label,
        "satisfactory": rating.satisfactory,
        "justification": rating.justification,
        "evidence_strength": rating.evidence_strength,
    }


@router.post(
    "/evaluation/evaluations/{evaluation_id}/findings",
    response={201: FindingOut},
    auth=LOGIN_AUTH,
)
def create_finding(request: HttpRequest, evaluation_id: int, payload: FindingIn) -> Status[Finding]:
    user = actor(request)
    evaluation = selectors.evaluation_get(actor=user, pk=evaluation_id)
    values = payload.dict()
    if values["criterion"] and values["criterion"] not in Criterion.values:
        from django.core.exceptions import ValidationError

        raise ValidationError("Unknown criterion.")
    finding = services.finding_create(actor=user, evaluation=evaluation, **values)
    return Status(201, finding)


@router.post(
    "/evaluation/findings/{finding_id}/good-practice", response=FindingOut, auth=LOGIN_AUTH
)
def propose_good_practice(request: HttpRequest, finding_id: int) -> Finding:
    """Propose a finding as a good practice; refused (400) with the reasons when the rule fails."""
    user = actor(request)
    finding = selectors.finding_get(actor=user, pk=finding_id)
    return services.good_practice_propose(actor=user, finding=finding)


@router.delete(
    "/evaluation/findings/{finding_id}/good-practice", response=FindingOut, auth=LOGIN_AUTH
)
def withdraw_good_practice(request: HttpRequest, finding_id: int) -> Finding:
    user = actor(request)
    finding = selectors.finding_get(actor=user, pk=finding_id)
    return services.good_practice_withdraw(actor=user, finding=finding)


@router.put("/evaluation/findings/{finding_id}/response", response=ResponseOut, auth=LOGIN_AUTH)
def save_response(request: HttpRequest, finding_id: int, payload: ResponseIn) -> ManagementResponse:
    """Management's response to a recommendation, and its follow-up status."""
    user = actor(request)
    finding = selectors.finding_get(actor=user, pk=finding_id)
    if not services.can_respond(user, finding.evaluation):
        raise PermissionDenied("You may not respond for this evaluation.")
    return services.response_save(actor=user, finding=finding, **payload.dict())


@router.get("/evaluation/good-practices", response=list[GoodPracticeOut])
@paginate(PageNumberPagination, page_size=50)
def list_good_practices(
    request: HttpRequest, q: str | None = None, theme: str | None = None
) -> Any:
    return selectors.good_practice_candidates(actor=actor(request), q=q, theme=theme)


# ---------------------------------------------------------------- portfolio


class ConcentrationOut(Schema):
    group: str
    total: Decimal
    funders: int
    hhi: Decimal | None
    top_funder: str
    top_share: Decimal | None


class FragmentationOut(Schema):
    state: str
    theme: str
    funders: int
    projects: int
    fragmented: bool


class PortfolioOut(Schema):
    filters: dict[str, str]
    projects: int
    total_usd: Decimal
    overall: ConcentrationOut
    concentration: list[ConcentrationOut]
    fragmentation: list[FragmentationOut]
    needs_total: int
    needs_unmet: int
    unmet_share: Decimal | None
    overlaps: int | None
    achievement_counts: dict[str, int]
    achievement_median: Decimal | None
    indicators_measured: int
    impact: dict[str, int]
    ratings: list[dict[str, Any]]
    evaluations: int


@router.get("/evaluation/portfolio", response=PortfolioOut)
def get_portfolio(
    request: HttpRequest,
    state: str = "",
    theme: str = "",
    provision: str = "",
    funder: str = "",
    channel: str = "",
) -> dict[str, Any]:
    """Coherence, effectiveness and impact figures over the records the caller may see."""
    filters = analysis.Filters.from_mapping(
        {
            "state": state,
            "theme": theme,
            "provision": provision,
            "funder": funder,
            "channel": channel,
        }
    )
    report = analysis.portfolio(actor(request), filters)
    return {
        "filters": filters.as_dict(),
        "projects": report.projects,
        "total_usd": report.total_usd,
        "overall": report.overall.__dict__,
        "concentration": [r.__dict__ for r in report.concentration],
        "fragmentation": [r.__dict__ for r in report.fragmentation],
        "needs_total": report.unmet.total,
        "needs_unmet": report.unmet.unmet,
        "unmet_share": report.unmet.share,
        "overlaps": report.overlaps,
        "achievement_counts": report.achievement.counts,
        "achievement_median": report.achievement.median,
        "indicators_measured": report.achievement.measured,
        "impact": {
            "improved": report.impact.improved,
            "worsened": report.impact.worsened,
            "unchanged": report.impact.unchanged,
            "not_measured": report.impact.not_measured,
        },
        "ratings": [
            {
                "criterion": d.criterion,
                "scale": d.scale,
                "counts": d.counts,
                "satisfactory": d.satisfactory,
                "rated": d.rated,
            }
            for d in report.ratings
        ],
        "evaluations": report.evaluations,
    }
