"""Reads for results and evaluation; every read applies the access rules.

Frameworks and evaluations are classified records (`access.visible`); their parts (nodes,
indicators, ratings, findings, responses) declare that they inherit their parent's access.
Fetching one record for a page or an API call is `evaluation.permissions.access_<entity>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from tact.assistance.models import Project
from tact.core import access
from tact.core.access import Actor
from tact.evaluation import results as calc
from tact.evaluation.models import (
    LEVEL_ORDER,
    Criterion,
    Evaluation,
    Finding,
    Indicator,
    IndicatorPeriod,
    Level,
    ResultNode,
    ResultsFramework,
    strategy_model,
)

# ---------------------------------------------------------------- frameworks


def framework_list(
    *, actor: Actor, q: str | None = None, state: str | None = None
) -> QuerySet[ResultsFramework]:
    qs = access.visible(
        actor, ResultsFramework.objects.select_related("project", "strategy", "state")
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if state:
        qs = qs.filter(state__iso3=state.upper())
    return qs.order_by("title")


def framework_evaluations(*, actor: Actor, framework: ResultsFramework) -> QuerySet[Evaluation]:
    """The evaluations of a framework that the actor may see."""
    return access.visible(actor, framework.evaluations.all())


def evaluation_interventions(*, actor: Actor, evaluation: Evaluation) -> QuerySet[Project]:
    """The projects an evaluation evaluated that the actor may see."""
    return access.visible(actor, evaluation.interventions.all())


def evaluation_frameworks(*, actor: Actor, evaluation: Evaluation) -> QuerySet[ResultsFramework]:
    """The results frameworks of an evaluation that the actor may see."""
    return access.visible(actor, evaluation.frameworks.all())


def strategy_list(*, actor: Actor) -> QuerySet[Any]:
    """Strategies (strategies app) the actor may see, for choosing what a framework measures."""
    return access.visible(actor, strategy_model().objects.select_related("state"))


def _value(
    value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
) -> calc.Value:
    return calc.Value(value, numerator, denominator)


def indicator_data(
    indicator: Indicator, children: dict[int, list[Indicator]]
) -> calc.IndicatorData:
    """The plain-values form of an indicator (with its child indicators, recursively)."""
    periods = tuple(
        calc.PeriodData(
            p.start,
            p.end,
            target=_value(p.target_value, p.target_numerator, p.target_denominator),
            actual=_value(p.actual_value, p.actual_numerator, p.actual_denominator),
        )
        for p in indicator.periods.all()
    )
    return calc.IndicatorData(
        key=str(indicator.pk),
        measure=calc.Measure(indicator.measure),
        ascending=indicator.ascending,
        baseline=_value(
            indicator.baseline_value, indicator.baseline_numerator, indicator.baseline_denominator
        ),
        periods=periods,
        children=tuple(indicator_data(c, children) for c in children.get(indicator.pk, [])),
    )


@dataclass
class IndicatorView:
    indicator: Indicator
    progress: calc.Progress
    periods: list[IndicatorPeriod]
    rolled: calc.IndicatorData


@dataclass
class NodeView:
    node: ResultNode
    indicators: list[IndicatorView] = field(default_factory=list)
    children: list[NodeView] = field(default_factory=list)

    @property
    def achievement(self) -> Decimal | None:
        return calc.mean_achievement([i.progress.achievement for i in self.indicators])

    @property
    def percent(self) -> int | None:
        return calc.progress_percent(self.achievement)


def _indicators_of(framework_ids: list[int]) -> list[Indicator]:
    return list(
        Indicator.objects.filter(node__framework_id__in=framework_ids)
        .select_related("node__framework__project", "node__framework__strategy")
        .prefetch_related(
            Prefetch("periods", queryset=IndicatorPeriod.objects.order_by("start", "end")),
            "provisions",
        )
    )


def _children_map(indicators: list[Indicator]) -> dict[int, list[Indicator]]:
    children: dict[int, list[Indicator]] = {}
    for i in indicators:
        if i.parent_indicator_id is not None:
            children.setdefault(i.parent_indicator_id, []).append(i)
    return children


def framework_tree(framework: ResultsFramework) -> list[NodeView]:
    """The framework as a tree of nodes with each indicator's progress."""
    nodes = list(framework.nodes.order_by("order", "pk"))
    indicators = _indicators_of([framework.pk])
    children = _children_map(indicators)
    by_node: dict[int, list[IndicatorView]] = {}
    for indicator in indicators:
        data = indicator_data(indicator, children)
        by_node.setdefault(indicator.node_id, []).append(
            IndicatorView(
                indicator,
                calc.progress(data),
                list(indicator.periods.all()),
                calc.roll_up(data),
            )
        )
    views = {
        n.pk: NodeView(
            n, sorted(by_node.get(n.pk, []), key=lambda v: (v.indicator.order, v.indicator.pk))
        )
        for n in nodes
    }
    roots: list[NodeView] = []
    for node in nodes:
        view = views[node.pk]
        parent = views.get(node.parent_id) if node.parent_id else None
        (parent.children if parent else roots).append(view)
    roots.sort(key=lambda v: (LEVEL_ORDER.index(Level(v.node.level)), v.node.order, v.node.pk))
    return roots


def flat_nodes(tree: list[NodeView], depth: int = 0) -> list[tuple[int, NodeView]]:
    rows: list[tuple[int, NodeView]] = []
    for view in tree:
        rows.append((depth, view))
        rows.extend(flat_nodes(view.children, depth + 1))
    return rows


def indicator_progress_by_framework(framework_ids: list[int]) -> dict[int, list[calc.Progress]]:
    """The progress of every indicator of each framework (roll-ups applied, within the
    framework, as `framework_tree` computes it), from one query for all the frameworks: for a
    summary that needs no tree (the state profile)."""
    indicators = (
        Indicator.objects.filter(node__framework_id__in=framework_ids)
        .annotate(framework_pk=F("node__framework_id"))
        .prefetch_related(
            Prefetch("periods", queryset=IndicatorPeriod.objects.order_by("start", "end"))
        )
    )
    by_framework: dict[int, list[Indicator]] = {pk: [] for pk in framework_ids}
    for indicator in indicators:
        by_framework[indicator.framework_pk].append(indicator)
    progress = {}
    for pk, members in by_framework.items():
        children = _children_map(members)
        progress[pk] = [calc.progress(indicator_data(i, children)) for i in members]
    return progress


def indicator_progress_records(
    frameworks: QuerySet[ResultsFramework],
) -> list[tuple[Indicator, calc.Progress]]:
    """Every indicator of these frameworks with its progress (roll-ups applied)."""
    ids = list(frameworks.values_list("pk", flat=True))
    indicators = _indicators_of(ids)
    children = _children_map(indicators)
    return [(i, calc.progress(indicator_data(i, children))) for i in indicators]


# ---------------------------------------------------------------- evaluations


def evaluation_list(
    *,
    actor: Actor,
    q: str | None = None,
    state: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    theme: str | None = None,
) -> QuerySet[Evaluation]:
    qs = access.visible(actor, Evaluation.objects.select_related("scale", "owner_state"))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(summary__icontains=q) | Q(evaluators__icontains=q))
    if state:
        qs = qs.filter(Q(states__iso3=state.upper()) | Q(owner_state__iso3=state.upper()))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if theme:
        qs = qs.filter(themes__code=theme)
    return qs.distinct().order_by("-report_date", "-pk")


def ratings_table(evaluation: Evaluation) -> list[dict[str, Any]]:
    """One row per OECD-DAC criterion, rated or not (never a total)."""
    ratings = {r.criterion: r for r in evaluation.ratings.all()}
    from tact.evaluation.models import CRITERION_QUESTIONS

    return [
        {
            "criterion": code,
            "label": label,
            "question": CRITERION_QUESTIONS[Criterion(code)],
            "rating": ratings.get(code),
        }
        for code, label in Criterion.choices
    ]


def good_practice_candidates(
    *, actor: Actor, q: str | None = None, theme: str | None = None, state: str | None = None
) -> QuerySet[Finding]:
    qs = access.visible(actor, Finding.objects.filter(good_practice_candidate=True))
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(text__icontains=q) | Q(evaluation__title__icontains=q)
        )
    if theme:
        qs = qs.filter(evaluation__themes__code=theme)
    if state:
        qs = qs.filter(
            Q(evaluation__states__iso3=state.upper())
            | Q(evaluation__owner_state__iso3=state.upper())
        )
    return (
        qs.select_related("evaluation", "proposed_by")
        .prefetch_related("evaluation__themes", "evaluation__provisions")
        .distinct()
        .order_by("-proposed_at", "-pk")
    )


def responses_to_follow(*, actor: Actor, evaluation: Evaluation | None = None) -> QuerySet[Finding]:
    qs = access.visible(actor, Finding.objects.filter(kind=Finding.Kind.RECOMMENDATION))
    qs = qs.select_related("evaluation", "response")
    if evaluation is not None:
        qs = qs.filter(evaluation=evaluation)
    return qs.order_by("evaluation", "order", "pk")
