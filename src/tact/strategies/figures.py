"""Plain arithmetic behind the pages (no Django): action progress and the measured change of
an awareness campaign."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


@dataclass(frozen=True)
class ActionProgress:
    """How far a set of actions has got. `mean_percent` is the unweighted mean of the actions'
    own "% complete" (cancelled actions left out); the page says so wherever it is shown."""

    total: int
    completed: int
    overdue: int
    cancelled: int
    mean_percent: float | None

    @property
    def counted(self) -> int:
        return self.total - self.cancelled


def action_progress(
    actions: Iterable[tuple[str, int, dt.date | None]], today: dt.date
) -> ActionProgress:
    """`actions`: (status, percent complete, deadline) of each action."""
    total = completed = overdue = cancelled = 0
    percents: list[int] = []
    for status, percent, deadline in actions:
        total += 1
        if status == "cancelled":
            cancelled += 1
            continue
        percents.append(percent)
        if status == "completed":
            completed += 1
        elif deadline is not None and deadline < today:
            overdue += 1
    mean = round(sum(percents) / len(percents), 1) if percents else None
    return ActionProgress(total, completed, overdue, cancelled, mean)


@dataclass(frozen=True)
class SurveyChange:
    """Share aware before and after a campaign and the difference with its 95% interval
    (Wald interval for the difference of two independent proportions), in percentage points."""

    before: float
    after: float
    difference: float
    low: float
    high: float
    before_sample: int
    after_sample: int

    @property
    def significant(self) -> bool:
        return self.low > 0 or self.high < 0


def survey_change(
    before_aware: int | None,
    before_sample: int | None,
    after_aware: int | None,
    after_sample: int | None,
) -> SurveyChange | None:
    """None when a survey is missing or inconsistent (no sample, more aware than asked)."""
    if before_aware is None or before_sample is None or after_aware is None or after_sample is None:
        return None
    if before_sample <= 0 or after_sample <= 0:
        return None
    if not (0 <= before_aware <= before_sample and 0 <= after_aware <= after_sample):
        return None
    p1 = before_aware / before_sample
    p2 = after_aware / after_sample
    se = math.sqrt(p1 * (1 - p1) / before_sample + p2 * (1 - p2) / after_sample)
    diff = p2 - p1
    return SurveyChange(
        before=round(100 * p1, 1),
        after=round(100 * p2, 1),
        difference=round(100 * diff, 1),
        low=round(100 * (diff - Z_95 * se), 1),
        high=round(100 * (diff + Z_95 * se), 1),
        before_sample=before_sample,
        after_sample=after_sample,
    )
