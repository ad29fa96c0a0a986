"""Aggregation rules and achievement, checked by hand-computed numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tact.evaluation.results import (
    IndicatorData,
    Measure,
    PeriodData,
    Status,
    Value,
    achievement,
    aggregate,
    direction_consistent,
    progress,
    progress_percent,
    roll_up,
)

D = Decimal

Y1 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
Y2 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_units_sum() -> None:
    result = aggregate(Measure.UNIT, [Value(D(3)), Value(D(4)), Value()])
    assert result.value == D(7) and result.count == 2 and result.excluded == 0


def test_percentages_pool_numerators_and_denominators_not_average() -> None:
    # 1/2 = 50 % and 30/100 = 30 %: the pool is 31/102, not the mean 40 %.
    result = aggregate(Measure.PERCENTAGE, [Value(D(50), D(1), D(2)), Value(D(30), D(30), D(100))])
    assert result.numerator == D(31) and result.denominator == D(102)
    assert result.value is not None and round(result.value, 4) == round(D(31) / D(102) * 100, 4)


def test_percentage_without_parts_is_excluded_not_guessed() -> None:
    result = aggregate(Measure.PERCENTAGE, [Value(D(50)), Value(None, D(1), D(4))])
    assert result.value == D(25) and result.count == 1 and result.excluded == 1


def test_qualitative_is_never_a_number() -> None:
    result = aggregate(Measure.QUALITATIVE, [Value(D(1)), Value(D(2))])
    assert result.value is None and result.excluded == 2
    assert Value(D(3)).number(Measure.QUALITATIVE) is None


def test_achievement_ascending_and_descending() -> None:
    assert achievement(D(10), D(20), D(15)) == D("0.5")
    # descending: fewer cases is better; baseline 100, target 60, actual 80 -> halfway
    assert achievement(D(100), D(60), D(80)) == D("0.5")
    assert achievement(D(100), D(60), D(110)) == D("-0.25")
    assert achievement(D(5), D(5), D(7)) is None
    assert achievement(None, D(5), D(7)) is None
    assert progress_percent(D("-0.25")) == 0 and progress_percent(D("1.3")) == 100
    assert not direction_consistent(False, D(10), D(20))
    assert direction_consistent(True, D(10), D(20))


def _child(key: str, base: int, t1: int, a1: int, t2: int, a2: int | None) -> IndicatorData:
    return IndicatorData(
        key,
        Measure.UNIT,
        baseline=Value(D(base)),
        periods=(
            PeriodData(*Y1, target=Value(D(t1)), actual=Value(D(a1))),
            PeriodData(*Y2, target=Value(D(t2)), actual=Value(D(a2) if a2 is not None else None)),
        ),
    )


def test_parent_rolls_up_children_period_by_period() -> None:
    parent = IndicatorData(
        "p",
        Measure.UNIT,
        children=(_child("a", 0, 10, 8, 20, 18), _child("b", 5, 15, 10, 25, None)),
    )
    rolled = roll_up(parent)
    assert rolled.baseline.value == D(5)
    first, second = rolled.periods
    assert (first.target.value, first.actual.value) == (D(25), D(18))
    assert (second.target.value, second.actual.value) == (D(45), D(18))
    p = progress(parent)
    # latest period with an actual is Y2: (18 - 5) / (45 - 5)
    assert p.achievement == D(13) / D(40)
    assert p.status == Status.OFF_TRACK


def test_nested_percentage_roll_up_pools_grandchildren() -> None:
    def leaf(key: str, num: int, den: int) -> IndicatorData:
        return IndicatorData(
            key,
            Measure.PERCENTAGE,
            baseline=Value(None, D(0), D(den)),
            periods=(
                PeriodData(
                    *Y1, target=Value(None, D(den), D(den)), actual=Value(None, D(num), D(den))
                ),
            ),
        )

    mid = IndicatorData("mid", Measure.PERCENTAGE, children=(leaf("x", 1, 4), leaf("y", 3, 4)))
    top = IndicatorData("top", Measure.PERCENTAGE, children=(mid, leaf("z", 10, 12)))
    rolled = roll_up(top)
    (period,) = rolled.periods
    assert period.actual.numerator == D(14) and period.actual.denominator == D(20)
    assert progress(top).achievement == D("0.7")
    assert progress(top).status == Status.AT_RISK


def test_progress_uses_latest_actual_and_falls_back_to_last_target() -> None:
    ind = IndicatorData(
        "i",
        Measure.UNIT,
        baseline=Value(D(0)),
        periods=(
            PeriodData(*Y1, target=Value(), actual=Value(D(9))),
            PeriodData(*Y2, target=Value(D(10)), actual=Value()),
        ),
    )
    p = progress(ind)
    assert p.actual == D(9) and p.target == D(10) and p.achievement == D("0.9")
    assert p.status == Status.ON_TRACK and p.percent == 90
