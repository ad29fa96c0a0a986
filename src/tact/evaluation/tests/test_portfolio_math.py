"""Portfolio figures as pure functions, checked by hand."""

from __future__ import annotations

from decimal import Decimal

from tact.evaluation.portfolio import (
    AchievementRecord,
    FundingRecord,
    NeedRecord,
    RatingRecord,
    achievement_distribution,
    donor_concentration,
    fragmentation,
    hhi,
    impact_summary,
    rating_distribution,
    unmet_needs,
)

D = Decimal


def test_hhi_and_top_share() -> None:
    assert hhi([D(50), D(50)]) == D("0.5")
    assert hhi([D(100)]) == D(1)
    assert hhi([]) is None
    rows = donor_concentration(
        [
            FundingRecord("p1", "KEN", "police", "NL", D(60)),
            FundingRecord("p2", "KEN", "police", "UK", D(30)),
            FundingRecord("p3", "KEN", "courts", "NL", D(10)),
            FundingRecord("p4", "MEX", "courts", "US", D(5)),
        ]
    )
    ken = rows[0]
    assert ken.group == "KEN" and ken.total == D(100) and ken.funders == 2
    assert ken.hhi == D("0.7") * D("0.7") + D("0.3") * D("0.3")
    assert ken.top_funder == "NL" and ken.top_share == D("0.7")
    assert rows[1].hhi == D(1)


def test_fragmentation_counts_funders_per_state_theme() -> None:
    records = [FundingRecord(f"p{i}", "KEN", "police", f"F{i}", D(1)) for i in range(3)]
    records.append(FundingRecord("p9", "KEN", "courts", "F1", D(1)))
    rows = fragmentation(records, threshold=3)
    assert [(r.theme, r.funders, r.fragmented) for r in rows] == [
        ("courts", 1, False),
        ("police", 3, True),
    ]


def test_unmet_needs_share_ignores_closed() -> None:
    result = unmet_needs(
        [
            NeedRecord("1", "KEN", "t", "open", False),
            NeedRecord("2", "KEN", "t", "open", True),
            NeedRecord("3", "KEN", "t", "met", False),
            NeedRecord("4", "MEX", "t", "closed", False),
            NeedRecord("5", "MEX", "t", "in_progress", False),
        ]
    )
    assert (result.total, result.unmet) == (4, 2)
    assert result.share == D("0.5")
    assert result.by_state == {"KEN": (3, 1), "MEX": (1, 1)}


def test_achievement_distribution_and_impact() -> None:
    records = [
        AchievementRecord("a", "output", D("0.95")),
        AchievementRecord("b", "output", D("0.7")),
        AchievementRecord("c", "outcome", D("0.1"), D(10), D(11)),
        AchievementRecord("d", "impact", None, D(10), None),
        AchievementRecord("e", "outcome", D("-0.5"), D(50), D(60), ascending=False),
    ]
    dist = achievement_distribution(records)
    assert dist.counts == {"on_track": 1, "at_risk": 1, "off_track": 2, "not_measurable": 1}
    assert dist.median == D("0.4") and dist.measured == 4
    impact = impact_summary(records)
    assert (impact.improved, impact.worsened, impact.unchanged, impact.not_measured) == (1, 1, 0, 1)


def test_ratings_are_counted_per_scale_never_averaged() -> None:
    records = [
        RatingRecord("e1", "relevance", "ieg6", "S", True),
        RatingRecord("e2", "relevance", "ieg6", "MU", False),
        RatingRecord("e3", "relevance", "four", "3", True),
        RatingRecord("e1", "impact", "ieg6", "N/A", None),
    ]
    rows = rating_distribution(records, criteria=["relevance", "coherence", "impact"])
    assert [(r.criterion, r.scale) for r in rows] == [
        ("relevance", "four"),
        ("relevance", "ieg6"),
        ("impact", "ieg6"),
    ]
    ieg = rows[1]
    assert ieg.counts == {"S": 1, "MU": 1} and ieg.satisfactory_share == D("0.5")
    assert rows[2].rated == 0 and rows[2].satisfactory_share is None
