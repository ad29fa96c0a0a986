"""Bench: the portfolio arithmetic (pure functions) at registry scale.

    .venv/bin/python bench/evaluation_portfolio.py [records]

Builds synthetic funding records (state x theme x funder), needs and indicators with three
periods and a two-level roll-up, then times the figures of the portfolio page.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal

from tact.evaluation import portfolio as pf
from tact.evaluation import results as calc


def main(n: int = 200_000) -> None:
    rng = random.Random(7)
    states = [f"S{i:03d}" for i in range(193)]
    themes = [f"t{i}" for i in range(12)]
    funders = [f"F{i}" for i in range(60)]
    funding = [
        pf.FundingRecord(
            f"p{i}",
            rng.choice(states),
            rng.choice(themes),
            rng.choice(funders),
            Decimal(rng.randint(10_000, 5_000_000)),
        )
        for i in range(n)
    ]
    needs = [
        pf.NeedRecord(
            str(i),
            rng.choice(states),
            rng.choice(themes),
            rng.choice(["open", "in_progress", "met", "closed"]),
            rng.random() < 0.6,
        )
        for i in range(n // 4)
    ]
    periods = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in (2023, 2024, 2025)]

    def leaf(k: int) -> calc.IndicatorData:
        return calc.IndicatorData(
            f"i{k}",
            calc.Measure.PERCENTAGE,
            baseline=calc.Value(None, Decimal(10), Decimal(100)),
            periods=tuple(
                calc.PeriodData(
                    s,
                    e,
                    target=calc.Value(None, Decimal(50), Decimal(100)),
                    actual=calc.Value(None, Decimal(rng.randint(5, 60)), Decimal(100)),
                )
                for s, e in periods
            ),
        )

    parents = [
        calc.IndicatorData(
            f"p{k}", calc.Measure.PERCENTAGE, children=tuple(leaf(k * 10 + j) for j in range(5))
        )
        for k in range(n // 50)
    ]
    timings = {}
    t = time.perf_counter()
    rows = pf.donor_concentration(funding)
    timings["concentration"] = time.perf_counter() - t
    t = time.perf_counter()
    frag = pf.fragmentation(funding)
    timings["fragmentation"] = time.perf_counter() - t
    t = time.perf_counter()
    unmet = pf.unmet_needs(needs)
    timings["unmet needs"] = time.perf_counter() - t
    t = time.perf_counter()
    progress = [calc.progress(p) for p in parents]
    timings["roll-up + achievement"] = time.perf_counter() - t
    t = time.perf_counter()
    dist = pf.achievement_distribution(
        pf.AchievementRecord(p.key, "outcome", p.achievement) for p in progress
    )
    timings["distribution"] = time.perf_counter() - t
    print(
        f"{n} funding records, {len(needs)} needs, "
        f"{len(parents)} parent indicators x 5 children x 3 periods"
    )
    print(
        f"{len(rows)} states, {sum(r.fragmented for r in frag)} fragmented cells, "
        f"unmet share {unmet.share:.3f}, median {dist.median:.3f}"
    )
    for name, seconds in timings.items():
        print(f"  {name:24s} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
