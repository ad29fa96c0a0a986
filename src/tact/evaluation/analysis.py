"""The portfolio analysis: reads the records the actor may see, turns them into the plain
records of `tact.evaluation.portfolio` and computes every figure there.

Money allocation (stated so that anyone can recompute the figures): a project's amount is
its budget in USD, else its commitments (0 when neither is known). It is split between its
recipient states by their percentages when every country has one, else equally; then
equally between its funders (participating organisations with the funding role, else the
reporting organisation) and equally between its themes (or "unassigned").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import DatabaseError
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from tact.assistance.models import (
    Need,
    OverlapCandidate,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
)
from tact.core import access
from tact.core.access import Actor
from tact.evaluation import permissions, portfolio_money
from tact.evaluation import portfolio as pf
from tact.evaluation.models import Criterion, Evaluation, Rating, ResultsFramework
from tact.evaluation.selectors import indicator_progress_records

UNASSIGNED = "unassigned"
ZERO = Decimal(0)


@dataclass(frozen=True)
class Filters:
    state: str = ""  # ISO3
    theme: str = ""  # theme code
    provision: str = ""  # provision key
    funder: str = ""  # organisation identifier (IATI ref) or name
    channel: str = ""

    @classmethod
    def from_mapping(cls, data: Any) -> Filters:
        return cls(
            state=(data.get("state") or "").strip().upper(),
            theme=(data.get("theme") or "").strip(),
            provision=(data.get("provision") or "").strip(),
            funder=(data.get("funder") or "").strip(),
            channel=(data.get("channel") or "").strip(),
        )

    @property
    def touches_money(self) -> bool:
        return bool(self.funder or self.channel)

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class PortfolioReport:
    filters: Filters
    projects: int
    total_usd: Decimal
    overall: pf.ConcentrationRow
    concentration: list[pf.ConcentrationRow]
    fragmentation: list[pf.FragmentationRow]
    unmet: pf.UnmetNeeds
    overlaps: int | None  # None: overlap detection not available
    achievement: pf.AchievementDistribution
    impact: pf.ImpactSummary
    ratings: list[pf.CriterionDistribution]
    evaluations: int
    indicators: list[dict[str, Any]] = field(default_factory=list)
    funding: list[pf.FundingRecord] = field(default_factory=list)
    funders: list[tuple[str, Decimal]] | None = None
    """Money by funder, largest first, when read from the summaries (else from ``funding``)."""
    other_funders: tuple[int, Decimal] = (0, ZERO)
    fragmented_total: int | None = None
    """Fragmented cells when ``fragmentation`` lists only the cells with most funders."""

    @property
    def fragmented_cells(self) -> int:
        if self.fragmented_total is not None:
            return self.fragmented_total
        return sum(1 for r in self.fragmentation if r.fragmented)


def projects(actor: Actor, filters: Filters) -> QuerySet[Project]:
    qs = access.visible(actor, Project.objects.all())
    if filters.state:
        qs = qs.filter(countries__state__iso3=filters.state)
    if filters.theme:
        qs = qs.filter(themes__code=filters.theme)
    if filters.provision:
        qs = qs.filter(provisions__key=filters.provision)
    if filters.funder:
        qs = qs.filter(
            Q(participating_organisations__role="1")
            & (
                Q(participating_organisations__ref__iexact=filters.funder)
                | Q(participating_organisations__name__iexact=filters.funder)
            )
        )
    if filters.channel:
        qs = qs.filter(
            Q(channel_override=filters.channel)
            | Q(channel_override="", channel_derived=filters.channel)
        )
    # Joins to child rows repeat a project; without them the selection is already distinct
    # (and a DISTINCT over every visible project costs a sort of all of them).
    joined = filters.state or filters.theme or filters.provision or filters.funder
    return qs.distinct() if joined else qs


def funding_records(project_qs: QuerySet[Project], filters: Filters) -> list[pf.FundingRecord]:
    """The money of the selected projects by state, theme and funder (rule in the docstring
    of this module). Reads plain values in four queries, whatever the number of projects."""
    ids = project_qs.values("pk")
    base: dict[int, tuple[Decimal, str, str]] = {}
    for pk, budget, commitment, override, derived, org_name, org_ref in Project.objects.filter(
        pk__in=ids
    ).values_list(
        "pk",
        "budget_usd",
        "commitment_usd",
        "channel_override",
        "channel_derived",
        "reporting_org_name",
        "reporting_org_ref",
    ):
        amount = budget if budget is not None else commitment
        base[pk] = (amount or ZERO, override or derived, org_name or org_ref or "?")
    countries: dict[int, list[tuple[str, Decimal | None]]] = defaultdict(list)
    for pk, iso3, percentage in ProjectCountry.objects.filter(
        project__in=ids, state__isnull=False
    ).values_list("project_id", "state__iso3", "percentage"):
        countries[pk].append((iso3, percentage))
    funders: dict[int, set[str]] = defaultdict(set)
    for pk, name, ref in ParticipatingOrganisation.objects.filter(
        project__in=ids, role="1"
    ).values_list("project_id", "name", "ref"):
        funders[pk].add(name or ref or "?")
    themes: dict[int, set[str]] = defaultdict(set)
    for pk, code in Project.themes.through.objects.filter(project__in=ids).values_list(
        "project_id", "theme__code"
    ):
        themes[pk].add(code)
    records: list[pf.FundingRecord] = []
    for pk in sorted(base):
        amount, channel, reporter = base[pk]
        rows = countries.get(pk, [])
        if not rows:
            continue
        if all(pct is not None for _iso, pct in rows):
            total_pct = sum((pct for _iso, pct in rows if pct is not None), ZERO)
            shares = [(iso, (pct / total_pct) if total_pct and pct else ZERO) for iso, pct in rows]
        else:
            shares = [(iso, Decimal(1) / len(rows)) for iso, _pct in rows]
        names = sorted(funders.get(pk) or {reporter})
        codes = sorted(themes.get(pk) or {UNASSIGNED})
        for iso3, share in shares:
            if filters.state and iso3 != filters.state:
                continue
            for funder in names:
                for theme in codes:
                    if filters.theme and theme != filters.theme:
                        continue
                    records.append(
                        pf.FundingRecord(
                            project=str(pk),
                            state=iso3,
                            theme=theme,
                            funder=funder,
                            amount=amount * share / len(names) / len(codes),
                            channel=channel,
                        )
                    )
    return records


def need_records(actor: Actor, filters: Filters) -> list[pf.NeedRecord]:
    qs = access.visible(actor, Need.objects.all()).select_related("state")
    if filters.state:
        qs = qs.filter(state__iso3=filters.state)
    if filters.theme:
        qs = qs.filter(themes__code=filters.theme)
    if filters.provision:
        qs = qs.filter(provisions__key=filters.provision)
    qs = (
        qs.distinct()
        .annotate(answering=Count("projects", distinct=True))
        .prefetch_related("themes")
    )
    records = []
    for need in qs:
        themes = sorted(t.code for t in need.themes.all())
        records.append(
            pf.NeedRecord(
                str(need.pk),
                need.state.iso3,
                themes[0] if themes else UNASSIGNED,
                need.status,
                need.answering > 0,
            )
        )
    return records


def overlap_count(
    project_ids: Iterable[int] | QuerySet[Any], *, actor: Actor | None = None
) -> int | None:
    """Possible overlaps (assistance's overlap detection) between two projects of the
    selection, leaving out pairs a reviewer judged unrelated or complementary and pairs no
    longer detected. None where overlap detection is not available. With ``actor`` and no
    ids (the whole portfolio) the pairs are filtered by the access of both projects, a cost
    that follows the number of pairs rather than of projects."""
    qs = OverlapCandidate.objects.filter(active=True).exclude(
        status__in=["unrelated", "complementary"]
    )
    if actor is not None:
        qs = qs.filter(
            access.declared_q(actor, Project, prefix="project_a__")
            & access.declared_q(actor, Project, prefix="project_b__")
        )
    else:
        ids = project_ids if isinstance(project_ids, QuerySet) else list(project_ids)
        qs = qs.filter(project_a_id__in=ids, project_b_id__in=ids)
    try:
        return int(qs.count())
    except DatabaseError:  # the table is not migrated yet: the figure is unavailable
        return None


def funder_names(actor: Actor, limit: int = 300) -> list[str]:
    """The funders of the projects the actor may see (for the portfolio's funder filter)."""
    organisations = access.visible(
        actor, ParticipatingOrganisation.objects.filter(role=ParticipatingOrganisation.Role.FUNDING)
    )
    names = (
        organisations.exclude(name="")
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")[:limit]
    )
    return list(names)


def frameworks(
    actor: Actor, filters: Filters, project_ids: list[int] | QuerySet[Any]
) -> QuerySet[ResultsFramework]:
    qs = access.visible(actor, ResultsFramework.objects.all())
    in_projects = Q(project_id__in=project_ids)
    if filters.touches_money or filters.theme:
        scope = in_projects
    else:
        strategy = Q(project__isnull=True)
        if filters.state:
            strategy &= Q(state__iso3=filters.state)
        scope = in_projects | strategy
    qs = qs.filter(scope)
    if filters.provision:
        qs = qs.filter(
            Q(project_id__in=project_ids) | Q(nodes__indicators__provisions__key=filters.provision)
        )
    return qs.distinct()


def achievement_records(
    actor: Actor, fw_qs: QuerySet[ResultsFramework]
) -> tuple[list[pf.AchievementRecord], list[dict[str, Any]]]:
    """The achievement of every measured indicator, and the rows the report lists. A row
    names the indicator's framework and that framework's project or strategy, the latter
    only when the actor may see it (a public framework may belong to a restricted project)."""
    records = []
    rows = []
    for indicator, prog in indicator_progress_records(fw_qs):
        if indicator.measure == "qualitative":
            continue
        records.append(
            pf.AchievementRecord(
                indicator=str(indicator.pk),
                level=indicator.node.level,
                achievement=prog.achievement,
                baseline=prog.baseline,
                actual=prog.actual,
                ascending=indicator.ascending,
            )
        )
        framework = indicator.node.framework
        rows.append(
            {
                "indicator": indicator,
                "progress": prog,
                "framework": framework.title,
                "subject": permissions.subject_title(actor, framework),
            }
        )
    return records, rows


def evaluations(
    actor: Actor, filters: Filters, project_ids: list[int] | QuerySet[Any]
) -> QuerySet[Evaluation]:
    qs = access.visible(actor, Evaluation.objects.all())
    if filters.state:
        qs = qs.filter(Q(states__iso3=filters.state) | Q(owner_state__iso3=filters.state))
    if filters.theme:
        qs = qs.filter(themes__code=filters.theme)
    if filters.provision:
        qs = qs.filter(provisions__key=filters.provision)
    if filters.touches_money:
        qs = qs.filter(interventions__in=project_ids)
    return qs.distinct()


def rating_records(ev_qs: QuerySet[Evaluation]) -> list[pf.RatingRecord]:
    ratings = Rating.objects.filter(evaluation__in=ev_qs).select_related("evaluation__scale")
    return [
        pf.RatingRecord(
            evaluation=str(r.evaluation_id),
            criterion=r.criterion,
            scale=r.evaluation.scale.code,
            label=r.score,
            satisfactory=r.satisfactory,
        )
        for r in ratings
    ]


def portfolio(actor: Actor, filters: Filters, *, every_cell: bool = False) -> PortfolioReport:
    """Every figure of the portfolio. Read from the summaries, the fragmentation lists the
    cells with most funders unless ``every_cell`` (the exports)."""
    project_qs = projects(actor, filters)
    # The selection as a subquery, never a list of ids: at registry scale the list is
    # 10^5-10^6 ids sent back in IN clauses.
    project_ids = project_qs.values("pk")
    fw_qs = frameworks(actor, filters, project_ids)
    achievements, indicator_rows = achievement_records(actor, fw_qs)
    ev_qs = evaluations(actor, filters, project_ids)
    common: dict[str, Any] = {
        "filters": filters,
        "unmet": pf.unmet_needs(need_records(actor, filters)),
        "overlaps": overlap_count(project_ids, actor=actor)
        if not filters.as_dict()
        else overlap_count(project_ids),
        "achievement": pf.achievement_distribution(achievements),
        "impact": pf.impact_summary(achievements),
        "ratings": pf.rating_distribution(rating_records(ev_qs), criteria=Criterion.values),
        "evaluations": ev_qs.count(),
        "indicators": indicator_rows,
    }
    if portfolio_money.usable(filters):
        figures = portfolio_money.money(actor, filters, every_cell=every_cell)
        count = figures["projects"]
        return PortfolioReport(
            projects=project_qs.values("pk").count() if count is None else count,
            total_usd=figures["total_usd"],
            overall=figures["overall"],
            concentration=figures["concentration"],
            fragmentation=figures["fragmentation"],
            funders=figures["funders"],
            other_funders=figures["other_funders"],
            fragmented_total=figures["fragmented_total"],
            **common,
        )
    money = funding_records(project_qs, filters)
    return PortfolioReport(
        projects=project_qs.values("pk").count(),
        total_usd=sum((r.amount for r in money), ZERO),
        overall=pf.overall_concentration(money),
        concentration=pf.donor_concentration(money, by="state"),
        fragmentation=pf.fragmentation(money),
        funding=money,
        **common,
    )


def chart_data(report: PortfolioReport) -> dict[str, Any]:
    """JSON for the ECharts charts of the portfolio page."""
    from tact.evaluation.results import Status

    status_labels = {
        Status.ON_TRACK: "on track",
        Status.AT_RISK: "at risk",
        Status.OFF_TRACK: "off track",
        Status.NOT_MEASURABLE: "not measurable",
    }
    by_funder: dict[str, Decimal] = dict(report.funders or [])
    for r in report.funding:
        by_funder[r.funder] = by_funder.get(r.funder, ZERO) + r.amount
    if report.other_funders[0]:
        others = _("%(n)s others") % {"n": report.other_funders[0]}
        by_funder[others] = report.other_funders[1]
    return {
        "achievement": [
            {
                "status": s.value,
                "label": status_labels[s],
                "count": report.achievement.counts[s.value],
            }
            for s in Status
        ],
        "funders": [
            {"name": name, "value": float(round(value, 2))}
            for name, value in sorted(by_funder.items(), key=lambda kv: -kv[1])
        ],
        "ratings": [
            {
                "criterion": d.criterion,
                "scale": d.scale,
                "counts": d.counts,
            }
            for d in report.ratings
        ],
        "concentration": [
            {"state": r.group, "hhi": float(r.hhi) if r.hhi is not None else None}
            for r in report.concentration
        ],
    }
