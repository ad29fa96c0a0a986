"""Portfolio figures as pure functions over plain records (no Django), so that every figure
on the portfolio page can be recomputed from the records by anyone.

* **Concentration by donor** (coherence): the Herfindahl-Hirschman index of funders' shares
  of the money in a group (0..1; 1 = a single funder) and the top funder's share.
* **Fragmentation** (coherence): distinct funders and projects per state x theme; a cell is
  fragmented when at least `threshold` funders work in it.
* **Unmet needs** (coherence): needs still open that no project answers, over all needs
  that are not closed.
* **Achievement distribution** (effectiveness): indicators per status band.
* **Impact**: outcome- and impact-level indicators that moved in the intended direction.
* **Rating distribution**: counts of each score per criterion and scale. Ratings are never
  averaged; the only summary is the share rated "satisfactory or better", a rule each
  scale states explicitly by flagging its satisfactory levels.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tact.evaluation.results import DEFAULT_BANDS, Status, status_of

ZERO = Decimal(0)


@dataclass(frozen=True)
class FundingRecord:
    """Money a funder puts into one project in one state on one theme."""

    project: str
    state: str
    theme: str
    funder: str
    amount: Decimal
    channel: str = ""
    provision: str = ""


@dataclass(frozen=True)
class NeedRecord:
    need: str
    state: str
    theme: str
    status: str  # open / in_progress / met / closed
    addressed: bool  # at least one project answers it


@dataclass(frozen=True)
class AchievementRecord:
    indicator: str
    level: str  # impact / outcome / output / activity
    achievement: Decimal | None
    baseline: Decimal | None = None
    actual: Decimal | None = None
    ascending: bool = True
    state: str = ""


@dataclass(frozen=True)
class RatingRecord:
    evaluation: str
    criterion: str
    scale: str
    label: str
    satisfactory: bool | None  # None: not applicable / not rated


@dataclass(frozen=True)
class ConcentrationRow:
    group: str
    total: Decimal
    funders: int
    hhi: Decimal | None
    top_funder: str
    top_share: Decimal | None


def hhi(amounts: Iterable[Decimal]) -> Decimal | None:
    """Sum of squared shares (0..1). None when there is no money."""
    values = [a for a in amounts if a > 0]
    total = sum(values, ZERO)
    if not total:
        return None
    return sum(((a / total) ** 2 for a in values), ZERO)


def donor_concentration(
    records: Iterable[FundingRecord], by: str = "state"
) -> list[ConcentrationRow]:
    """HHI and top funder per group (`by` is a FundingRecord field, e.g. state or theme)."""
    money: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for r in records:
        money[getattr(r, by)][r.funder] += r.amount
    rows = []
    for group, funders in sorted(money.items()):
        positive = {f: a for f, a in funders.items() if a > 0}
        total = sum(positive.values(), ZERO)
        top = max(sorted(positive), key=lambda f: positive[f], default="")
        rows.append(
            ConcentrationRow(
                group=group,
                total=total,
                funders=len(positive),
                hhi=hhi(positive.values()),
                top_funder=top,
                top_share=(positive[top] / total) if total else None,
            )
        )
    return rows


def overall_concentration(records: Iterable[FundingRecord]) -> ConcentrationRow:
    """Concentration of the whole portfolio (all groups together)."""
    rows = donor_concentration(
        [FundingRecord(r.project, "all", r.theme, r.funder, r.amount, r.channel) for r in records]
    )
    return rows[0] if rows else ConcentrationRow("all", ZERO, 0, None, "", None)


@dataclass(frozen=True)
class FragmentationRow:
    state: str
    theme: str
    funders: int
    projects: int
    fragmented: bool


def fragmentation(records: Iterable[FundingRecord], threshold: int = 3) -> list[FragmentationRow]:
    funders: dict[tuple[str, str], set[str]] = defaultdict(set)
    projects: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in records:
        funders[(r.state, r.theme)].add(r.funder)
        projects[(r.state, r.theme)].add(r.project)
    return [
        FragmentationRow(
            s, t, len(funders[(s, t)]), len(projects[(s, t)]), len(funders[(s, t)]) >= threshold
        )
        for (s, t) in sorted(funders)
    ]


@dataclass(frozen=True)
class UnmetNeeds:
    total: int
    unmet: int
    by_state: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.unmet) / Decimal(self.total) if self.total else None


OPEN_STATUSES = frozenset({"open", "in_progress"})


def unmet_needs(needs: Iterable[NeedRecord]) -> UnmetNeeds:
    """Unmet = open (or in progress) and answered by no project; closed needs do not count."""
    total = unmet = 0
    by_state: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n in needs:
        if n.status == "closed":
            continue
        total += 1
        by_state[n.state][0] += 1
        if n.status in OPEN_STATUSES and not n.addressed:
            unmet += 1
            by_state[n.state][1] += 1
    return UnmetNeeds(total, unmet, {s: (v[0], v[1]) for s, v in sorted(by_state.items())})


@dataclass(frozen=True)
class AchievementDistribution:
    counts: dict[str, int]
    median: Decimal | None
    measured: int
    total: int


def median(values: Sequence[Decimal]) -> Decimal | None:
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def achievement_distribution(
    records: Iterable[AchievementRecord],
    bands: tuple[Decimal, Decimal] = DEFAULT_BANDS,
    levels: frozenset[str] | None = None,
) -> AchievementDistribution:
    chosen = [r for r in records if levels is None or r.level in levels]
    counts = {s.value: 0 for s in Status}
    for r in chosen:
        counts[status_of(r.achievement, bands).value] += 1
    measured = [r.achievement for r in chosen if r.achievement is not None]
    return AchievementDistribution(counts, median(measured), len(measured), len(chosen))


IMPACT_LEVELS = frozenset({"impact", "outcome"})


@dataclass(frozen=True)
class ImpactSummary:
    improved: int
    worsened: int
    unchanged: int
    not_measured: int

    @property
    def measured(self) -> int:
        return self.improved + self.worsened + self.unchanged

    @property
    def improved_share(self) -> Decimal | None:
        return Decimal(self.improved) / Decimal(self.measured) if self.measured else None


def impact_summary(records: Iterable[AchievementRecord]) -> ImpactSummary:
    """Outcome- and impact-level change from baseline, in each indicator's intended direction."""
    improved = worsened = unchanged = missing = 0
    for r in records:
        if r.level not in IMPACT_LEVELS:
            continue
        if r.actual is None or r.baseline is None:
            missing += 1
            continue
        change = r.actual - r.baseline
        if not r.ascending:
            change = -change
        if change > 0:
            improved += 1
        elif change < 0:
            worsened += 1
        else:
            unchanged += 1
    return ImpactSummary(improved, worsened, unchanged, missing)


@dataclass(frozen=True)
class CriterionDistribution:
    criterion: str
    scale: str
    counts: dict[str, int]
    satisfactory: int
    rated: int

    @property
    def satisfactory_share(self) -> Decimal | None:
        return Decimal(self.satisfactory) / Decimal(self.rated) if self.rated else None


def rating_distribution(
    records: Iterable[RatingRecord], criteria: Sequence[str] = ()
) -> list[CriterionDistribution]:
    """Counts per criterion and scale; ratings on different scales are never merged."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    good: Counter[tuple[str, str]] = Counter()
    rated: Counter[tuple[str, str]] = Counter()
    for r in records:
        key = (r.criterion, r.scale)
        counts[key][r.label] += 1
        if r.satisfactory is not None:
            rated[key] += 1
            if r.satisfactory:
                good[key] += 1
    order = {c: i for i, c in enumerate(criteria)}
    keys = sorted(counts, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
    return [
        CriterionDistribution(c, s, dict(counts[(c, s)]), good[(c, s)], rated[(c, s)])
        for c, s in keys
    ]
