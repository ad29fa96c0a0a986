"""Reads for strategies and cooperation, filtered by the access rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from tact.core import access
from tact.core.access import Actor
from tact.directory.models import State
from tact.strategies import figures, network, threat_links
from tact.strategies.models import (
    AIM_FIELDS,
    Action,
    Agency,
    Aim,
    AwarenessCampaign,
    CooperationAgreement,
    LinkRule,
    Objective,
    Strategy,
    TaskForce,
    TaskForceMember,
)


def strategy_list(
    *,
    actor: Actor,
    state: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    aim: str | None = None,
    q: str | None = None,
) -> QuerySet[Strategy]:
    strategies = access.visible(actor, Strategy.objects.select_related("state"))
    if state:
        strategies = strategies.filter(state__iso3=state.upper())
    if status:
        strategies = strategies.filter(status=status)
    if kind:
        strategies = strategies.filter(kind=kind)
    if aim in AIM_FIELDS:
        strategies = strategies.filter(
            pk__in=Objective.objects.filter(**{AIM_FIELDS[Aim(aim)]: True}).values("strategy")
        )
    if q:
        strategies = strategies.filter(Q(title__icontains=q) | Q(description__icontains=q))
    return strategies.order_by("state__name", "-start", "title")


def strategy_objectives(strategy: Strategy) -> list[Objective]:
    """Objectives with their actions (agencies, project) in one round of queries."""
    actions = Action.objects.select_related(
        "lead_agency__organisation", "project"
    ).prefetch_related("partner_agencies__organisation")
    return list(
        strategy.objectives.select_related("threat_summary").prefetch_related(
            Prefetch("actions", queryset=actions), "provisions__instrument", "themes"
        )
    )


def _progress(actions: list[Action]) -> figures.ActionProgress:
    today = timezone.localdate()
    return figures.action_progress(
        ((a.status, a.percent_complete, a.deadline) for a in actions), today
    )


@dataclass
class ObjectiveView:
    objective: Objective
    actions: list[Action]
    progress: figures.ActionProgress
    # The threat-assessment finding it cites (aim ii), as the viewer may know it.
    threat: threat_links.CitedSummary | None = None


@dataclass
class FrameworkProgress:
    framework: Any
    on_track: int
    total: int


@dataclass
class StrategyProgress:
    """The two measures of a strategy's progress, kept apart: its actions, and the indicators
    of its results frameworks (evaluation app). They are never averaged together."""

    actions: figures.ActionProgress
    objectives: list[ObjectiveView]
    frameworks: list[FrameworkProgress] = field(default_factory=list)


def strategy_progress(actor: Actor, strategy: Strategy) -> StrategyProgress:
    objectives = strategy_objectives(strategy)
    views = [
        ObjectiveView(
            o,
            list(o.actions.all()),
            _progress(list(o.actions.all())),
            threat_links.cited_summary(actor, o),
        )
        for o in objectives
    ]
    every_action = [a for v in views for a in v.actions]
    return StrategyProgress(
        actions=_progress(every_action),
        objectives=views,
        frameworks=framework_progress(actor, strategy),
    )


def framework_progress(actor: Actor, strategy: Strategy) -> list[FrameworkProgress]:
    """Indicators on track in the results frameworks that point at this strategy (if the
    evaluation app's frameworks point here; none otherwise)."""
    related = getattr(strategy, "frameworks", None)
    if related is None:
        return []
    from tact.evaluation import selectors as evaluation_selectors

    found = []
    for framework in access.visible(actor, related.all()):
        tree = evaluation_selectors.framework_tree(framework)
        progress = [
            iv.progress for _d, nv in evaluation_selectors.flat_nodes(tree) for iv in nv.indicators
        ]
        on_track = sum(1 for p in progress if p.status == "on_track")
        found.append(FrameworkProgress(framework, on_track, len(progress)))
    return found


# ---------------------------------------------------------------- coverage of the three aims


@dataclass
class AimCoverage:
    aim: Aim
    objectives: list[ObjectiveView]
    progress: figures.ActionProgress

    @property
    def covered(self) -> bool:
        return bool(self.objectives)


def state_coverage(actor: Actor, state: State) -> list[AimCoverage]:
    """For each aim of item a): the objectives of the state's strategies (visible to the
    actor, expired ones left out) that serve it, and how far their actions have got."""
    strategies = access.visible(actor, Strategy.objects.filter(state=state)).exclude(
        status=Strategy.Status.EXPIRED
    )
    objectives = (
        Objective.objects.filter(strategy__in=strategies)
        .select_related("strategy")
        .prefetch_related("actions")
        .order_by("strategy__title", "order", "pk")
    )
    views = [
        ObjectiveView(o, list(o.actions.all()), _progress(list(o.actions.all())))
        for o in objectives
    ]
    coverage = []
    for aim, field_name in AIM_FIELDS.items():
        serving = [v for v in views if getattr(v.objective, field_name)]
        actions = [a for v in serving for a in v.actions]
        coverage.append(AimCoverage(aim, serving, _progress(actions)))
    return coverage


def coverage_overview(actor: Actor) -> QuerySet[State]:
    """States with at least one visible strategy, each annotated with the number of
    objectives serving each aim (one grouped query; the page paginates the states)."""
    visible_strategies = access.visible(actor, Strategy.objects.all()).exclude(
        status=Strategy.Status.EXPIRED
    )
    in_visible = Q(strategies__in=visible_strategies)
    return (
        State.objects.filter(pk__in=visible_strategies.values("state"))
        .annotate(
            n_strategies=Count("strategies", filter=in_visible, distinct=True),
            n_cooperation=Count(
                "strategies__objectives",
                filter=in_visible & Q(strategies__objectives__aim_cooperation=True),
                distinct=True,
            ),
            n_response=Count(
                "strategies__objectives",
                filter=in_visible & Q(strategies__objectives__aim_response=True),
                distinct=True,
            ),
            n_awareness=Count(
                "strategies__objectives",
                filter=in_visible & Q(strategies__objectives__aim_awareness=True),
                distinct=True,
            ),
        )
        .order_by("name")
    )


# ---------------------------------------------------------------- agencies and cooperation


def agency_list(
    *, actor: Actor, state: str | None = None, agency_type: str | None = None
) -> QuerySet[Agency]:
    agencies = access.visible(actor, Agency.objects.select_related("organisation", "state"))
    if state:
        agencies = agencies.filter(state__iso3=state.upper())
    if agency_type:
        agencies = agencies.filter(agency_type=agency_type)
    return agencies.order_by("state__name", "organisation__name")


def task_force_list(
    *, actor: Actor, state: str | None = None, theme: str | None = None
) -> QuerySet[TaskForce]:
    task_forces = access.visible(actor, TaskForce.objects.select_related("state"))
    if state:
        task_forces = task_forces.filter(state__iso3=state.upper())
    if theme:
        task_forces = task_forces.filter(themes__code=theme)
    return task_forces.annotate(n_members=Count("members", distinct=True)).order_by(
        "state__name", "name"
    )


def _party_count() -> Subquery:
    # A subquery, not Count("parties"): a state filter over the parties would narrow a Count.
    through = CooperationAgreement.parties.through
    return Subquery(
        through.objects.filter(cooperationagreement_id=OuterRef("pk"))
        .order_by()
        .values("cooperationagreement_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]  # type: ignore[misc]  # the stubs do not see the annotation
    )


def agreement_list(
    *, actor: Actor, state: str | None = None, kind: str | None = None
) -> QuerySet[CooperationAgreement]:
    agreements = access.visible(actor, CooperationAgreement.objects.select_related("state"))
    if state:
        agreements = agreements.filter(
            Q(state__iso3=state.upper()) | Q(parties__state__iso3=state.upper())
        ).distinct()
    if kind:
        agreements = agreements.filter(kind=kind)
    # A party is named only if the viewer may see its agency; the others are counted.
    parties = access.visible(actor, Agency.objects.select_related("organisation", "state"))
    return (
        agreements.annotate(party_count=_party_count())
        .prefetch_related(Prefetch("parties", queryset=parties, to_attr="visible_parties"))
        .order_by("state__name", "title")
    )


def campaign_list(*, actor: Actor, state: str | None = None) -> QuerySet[AwarenessCampaign]:
    campaigns = access.visible(
        actor, AwarenessCampaign.objects.select_related("state", "objective__strategy")
    )
    if state:
        campaigns = campaigns.filter(state__iso3=state.upper())
    return campaigns.order_by("state__name", "-start", "title")


def link_rules() -> list[network.Rule]:
    return [
        network.Rule(r.type_a, r.type_b, r.basis)
        for r in LinkRule.objects.filter(active=True).order_by("type_a", "type_b")
    ]


ENDED_AGREEMENTS = (CooperationAgreement.Status.EXPIRED, CooperationAgreement.Status.TERMINATED)
"""Agreements no longer in force: no tie of the network."""


def state_network(actor: Actor, state: State) -> network.Network:
    """The cooperation network of a state from what the actor may see: its agencies, its task
    forces' memberships and the agreements its agencies are party to (with foreign partners
    as nodes of their own)."""
    agreements = list(
        access.visible(
            actor,
            CooperationAgreement.objects.filter(Q(state=state) | Q(parties__state=state)),
        )
        .exclude(status__in=ENDED_AGREEMENTS)
        .distinct()
        .values_list("pk", "title")
    )
    task_forces = list(
        access.visible(actor, TaskForce.objects.filter(state=state)).values_list("pk", "name")
    )
    return network.analyse(*_network_parts(actor, state, task_forces, agreements), link_rules())


def state_network_outline(
    actor: Actor,
    state: State,
    *,
    task_forces: Iterable[TaskForce],
    agreements: Iterable[CooperationAgreement],
) -> network.Network:
    """The same network with its agencies, ties and isolated agencies only (no centralities,
    no missing links), for a page that has already listed the state's task forces and
    agreements the actor may see (`task_force_list` and `agreement_list` for the state)."""
    current = [(a.pk, a.title) for a in agreements if a.status not in ENDED_AGREEMENTS]
    listed = [(t.pk, t.name) for t in task_forces]
    return network.outline(*_network_parts(actor, state, listed, current))


def _network_parts(
    actor: Actor,
    state: State,
    task_forces: list[tuple[int, str]],
    agreements: list[tuple[int, str]],
) -> tuple[list[network.AgencyNode], list[network.Tie]]:
    """The nodes and ties of a state's network from the (pk, name) of its task forces and of
    its agreements in force, those the actor may see."""
    # The parties and members as pairs of ids: no agency record is built for a tie.
    parties: dict[int, set[int]] = {pk: set() for pk, _title in agreements}
    through = CooperationAgreement.parties.through
    for agreement_id, agency_id in through.objects.filter(
        cooperationagreement_id__in=parties
    ).values_list("cooperationagreement_id", "agency_id"):
        parties[agreement_id].add(agency_id)
    members: dict[int, set[int]] = {pk: set() for pk, _name in task_forces}
    for task_force_id, agency_id in (
        TaskForceMember.objects.filter(task_force_id__in=members)
        .order_by()
        .values_list("task_force_id", "agency_id")
    ):
        members[task_force_id].add(agency_id)
    tied: set[int] = set()
    for ids in [*parties.values(), *members.values()]:
        tied |= ids
    # The state's own agencies and every agency of a tie, those the actor may see.
    agencies = access.visible(
        actor,
        Agency.objects.filter(Q(state=state) | Q(pk__in=tied)).select_related(
            "organisation", "state"
        ),
    )
    nodes = [
        network.AgencyNode(
            a.pk, a.short_name, a.agency_type, a.state.iso3, domestic=a.state_id == state.pk
        )
        for a in agencies
    ]
    ties = [network.Tie(frozenset(members[pk]), name) for pk, name in task_forces] + [
        network.Tie(frozenset(parties[pk]), title) for pk, title in agreements
    ]
    return nodes, ties
