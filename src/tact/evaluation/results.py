"""Results arithmetic, free of Django: aggregation of indicator values and achievement.

Rules (results-based management, as in IATI and Akvo RSR):

* **unit** indicators: values add up (targets, actuals and baselines alike);
* **percentage** indicators: numerators and denominators are pooled, then divided
  (never an average of percentages); a value given without its numerator and denominator
  cannot be pooled and is reported as such;
* **qualitative** indicators carry narratives only and are left out of every number;
* a **parent** indicator with children takes its values from its children, period by period
  (children are rolled up first, so a tree of any depth works);
* **achievement** = (actual - baseline) / (target - baseline). It is the same formula for
  ascending and descending indicators (both differences change sign together); it is
  undefined when the target equals the baseline or a value is missing. It is clipped only
  for display (:func:`progress_percent`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)


class Measure(StrEnum):
    UNIT = "unit"
    PERCENTAGE = "percentage"
    QUALITATIVE = "qualitative"


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_MEASURABLE = "not_measurable"


# Status bands on achievement (configurable per call; these are the usual defaults).
DEFAULT_BANDS: tuple[Decimal, Decimal] = (Decimal("0.9"), Decimal("0.6"))


@dataclass(frozen=True)
class Value:
    """One number of an indicator: a plain value, or a percentage with its parts."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.numerator is None and self.denominator is None

    def number(self, measure: Measure) -> Decimal | None:
        """The value to compute with: a percentage is numerator/denominator x 100 if known."""
        if measure == Measure.QUALITATIVE:
            return None
        if measure == Measure.PERCENTAGE and self.numerator is not None and self.denominator:
            return self.numerator / self.denominator * HUNDRED
        return self.value


@dataclass(frozen=True)
class PeriodData:
    start: dt.date | None
    end: dt.date | None
    target: Value = field(default_factory=Value)
    actual: Value = field(default_factory=Value)

    @property
    def key(self) -> tuple[dt.date | None, dt.date | None]:
        return (self.start, self.end)


@dataclass(frozen=True)
class IndicatorData:
    """An indicator as plain values; `children` make it a parent indicator."""

    key: str
    measure: Measure
    ascending: bool = True
    baseline: Value = field(default_factory=Value)
    periods: tuple[PeriodData, ...] = ()
    children: tuple[IndicatorData, ...] = ()


@dataclass(frozen=True)
class Aggregate:
    """The sum or pool of several values, with how many took part and how many could not."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    count: int = 0
    excluded: int = 0

    def as_value(self) -> Value:
        return Value(self.value, self.numerator, self.denominator)


def aggregate(measure: Measure, values: Iterable[Value]) -> Aggregate:
    """Combine values of one measure: sum units; pool percentage numerators/denominators."""
    present = [v for v in values if not v.is_empty]
    if measure == Measure.QUALITATIVE:
        return Aggregate(None, excluded=len(present))
    if measure == Measure.UNIT:
        numbers = [v.value for v in present if v.value is not None]
        total = sum(numbers, Decimal(0)) if numbers else None
        return Aggregate(total, count=len(numbers), excluded=len(present) - len(numbers))
    poolable = [v for v in present if v.numerator is not None and v.denominator]
    if not poolable:
        return Aggregate(None, excluded=len(present))
    numerator = sum((v.numerator for v in poolable if v.numerator is not None), Decimal(0))
    denominator = sum((v.denominator for v in poolable if v.denominator), Decimal(0))
    return Aggregate(
        numerator / denominator * HUNDRED,
        numerator,
        denominator,
        count=len(poolable),
        excluded=len(present) - len(poolable),
    )


def roll_up(indicator: IndicatorData) -> IndicatorData:
    """The indicator with its values computed from its (rolled-up) children, if it has any.

    A parent period exists for every (start, end) that a child reports; the parent baseline
    aggregates the children's baselines. Children whose measure differs from the parent's
    cannot be combined and are left out (the parent keeps only what it can compute).
    """
    if not indicator.children:
        return indicator
    children = tuple(roll_up(child) for child in indicator.children)
    compatible = [c for c in children if c.measure == indicator.measure]
    keys: list[tuple[dt.date | None, dt.date | None]] = []
    for child in compatible:
        for period in child.periods:
            if period.key not in keys:
                keys.append(period.key)
    keys.sort(key=lambda k: (k[0] or dt.date.min, k[1] or dt.date.min))
    periods = []
    for key in keys:
        matching = [p for c in compatible for p in c.periods if p.key == key]
        periods.append(
            PeriodData(
                key[0],
                key[1],
                target=aggregate(indicator.measure, (p.target for p in matching)).as_value(),
                actual=aggregate(indicator.measure, (p.actual for p in matching)).as_value(),
            )
        )
    baseline = aggregate(indicator.measure, (c.baseline for c in compatible)).as_value()
    return replace(indicator, baseline=baseline, periods=tuple(periods), children=children)


def achievement(
    baseline: Decimal | None, target: Decimal | None, actual: Decimal | None
) -> Decimal | None:
    """(actual - baseline) / (target - baseline); None when undefined."""
    if baseline is None or target is None or actual is None or target == baseline:
        return None
    return (actual - baseline) / (target - baseline)


def direction_consistent(ascending: bool, baseline: Decimal | None, target: Decimal | None) -> bool:
    """Does the target lie on the side of the baseline the indicator's direction says?"""
    if baseline is None or target is None or target == baseline:
        return True
    return (target > baseline) == ascending


def status_of(value: Decimal | None, bands: tuple[Decimal, Decimal] = DEFAULT_BANDS) -> Status:
    if value is None:
        return Status.NOT_MEASURABLE
    on_track, at_risk = bands
    if value >= on_track:
        return Status.ON_TRACK
    if value >= at_risk:
        return Status.AT_RISK
    return Status.OFF_TRACK


def progress_percent(value: Decimal | None) -> int | None:
    """Achievement as a whole percentage clipped to 0..100, for progress bars only."""
    if value is None:
        return None
    return int(max(Decimal(0), min(Decimal(1), value)) * HUNDRED)


@dataclass(frozen=True)
class Progress:
    """Where an indicator stands: the latest period with an actual value."""

    key: str
    measure: Measure
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    period_end: dt.date | None
    achievement: Decimal | None
    status: Status
    direction_ok: bool

    @property
    def percent(self) -> int | None:
        return progress_percent(self.achievement)

    @property
    def change(self) -> Decimal | None:
        if self.actual is None or self.baseline is None:
            return None
        return self.actual - self.baseline


def progress(indicator: IndicatorData, bands: tuple[Decimal, Decimal] = DEFAULT_BANDS) -> Progress:
    """Achievement of the latest period that has an actual value, against that period's
    target (or, if that period has none, the last target set)."""
    rolled = roll_up(indicator)
    measure = rolled.measure
    baseline = rolled.baseline.number(measure)
    periods = sorted(rolled.periods, key=lambda p: (p.end or dt.date.min, p.start or dt.date.min))
    with_actual = [p for p in periods if p.actual.number(measure) is not None]
    targets = [p for p in periods if p.target.number(measure) is not None]
    latest = with_actual[-1] if with_actual else None
    actual = latest.actual.number(measure) if latest else None
    target = latest.target.number(measure) if latest else None
    if target is None and targets:
        target = targets[-1].target.number(measure)
    value = achievement(baseline, target, actual)
    return Progress(
        key=rolled.key,
        measure=measure,
        baseline=baseline,
        target=target,
        actual=actual,
        period_end=latest.end if latest else None,
        achievement=value,
        status=status_of(value, bands),
        direction_ok=direction_consistent(rolled.ascending, baseline, target),
    )


def mean_achievement(values: Sequence[Decimal | None]) -> Decimal | None:
    """Mean of the defined achievements (used for a node's summary bar; None if none)."""
    defined = [v for v in values if v is not None]
    if not defined:
        return None
    return sum(defined, Decimal(0)) / len(defined)
