"""The portfolio figures, recomputed here independently from the records.

The expected values are computed in this file with plain arithmetic over the rows in the
database (not with `tact.evaluation.portfolio`), then compared with the service, the API
and the figures printed on the page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tact.assistance.models import Need, OverlapCandidate
from tact.core.access import SYSTEM
from tact.evaluation import analysis, services
from tact.evaluation.models import Indicator, IndicatorPeriod, Rating
from tact.evaluation.tests import factories as f

D = Decimal
pytestmark = pytest.mark.django_db


def _records() -> dict[str, Any]:
    p1 = f.project(
        "T-1",
        states=[("KEN", None)],
        funders=["Netherlands", "UK"],
        themes=["law_enforcement"],
        budget=D(1_000_000),
    )
    p2 = f.project(
        "T-2",
        states=[("KEN", D(60)), ("MEX", D(40))],
        funders=["Netherlands"],
        themes=["law_enforcement", "protection_of_victims_and_witnesses"],
        budget=D(500_000),
    )
    p3 = f.project(
        "T-3",
        states=[("MEX", None)],
        funders=["US"],
        themes=[],
        budget=D(300_000),
        channel="bilateral",
    )
    hidden = f.project(
        "T-4",
        states=[("KEN", None)],
        funders=["Secret"],
        themes=["law_enforcement"],
        budget=D(999),
        classification="restricted",
    )
    linked = f.need("KEN", "Linked need")
    p1.needs.add(linked)
    f.need("KEN", "Unlinked need")
    f.need("KEN", "Met need", status="met")
    f.need("MEX", "Closed need", status="closed")
    f.need("MEX", "In progress need", status="in_progress")
    fw = f.framework("P1 results", project_obj=p1)
    f.unit_indicator(fw, "impact", "10", [(2024, "20", "15")], title="impact ind")
    f.unit_indicator(
        fw, "outcome", "100", [(2024, "60", "70")], ascending=False, title="outcome ind"
    )
    f.unit_indicator(
        fw, "output", "0", [(2024, "100", "95"), (2025, "200", None)], title="output ind"
    )
    ev = f.evaluation("Public eval", classification="public", interventions=[p1])
    for criterion, score in (("relevance", "S"), ("impact", "MU"), ("effectiveness", "n/a")):
        services.rating_set(
            actor=SYSTEM,
            evaluation=ev,
            criterion=criterion,
            score=score,
            justification="j",
            evidence_strength="strong",
        )
    ev2 = f.evaluation("Second eval", classification="public", scale="four-point")
    services.rating_set(
        actor=SYSTEM,
        evaluation=ev2,
        criterion="relevance",
        score="3",
        justification="j",
        evidence_strength="moderate",
    )
    now = timezone.now()
    OverlapCandidate.objects.create(
        project_a=p1, project_b=p2, score=0.8, kind="cross_publisher", detected_at=now
    )
    OverlapCandidate.objects.create(
        project_a=p2,
        project_b=p3,
        score=0.6,
        kind="cross_publisher",
        detected_at=now,
        status="unrelated",
    )
    OverlapCandidate.objects.create(
        project_a=p1, project_b=hidden, score=0.9, kind="cross_publisher", detected_at=now
    )
    return {"projects": [p1, p2, p3, hidden]}


def _expected_money(visible_projects: list[Any]) -> dict[str, dict[str, Decimal]]:
    """state -> funder -> USD, by the allocation rule stated in analysis.py."""
    money: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for p in visible_projects:
        countries = list(p.countries.all())
        pcts = [c.percentage for c in countries]
        funders = sorted({o.name for o in p.participating_organisations.filter(role="1")})
        themes = max(p.themes.count(), 1)
        for c in countries:
            share = (
                c.percentage / sum(pcts)
                if all(x is not None for x in pcts)
                else D(1) / len(countries)
            )
            for funder in funders:
                money[c.state.iso3][funder] += p.budget_usd * share / len(funders) / themes * themes
    return money


def _hhi(amounts: list[Decimal]) -> Decimal:
    total = sum(amounts)
    return sum((a / total) * (a / total) for a in amounts)


def test_portfolio_figures_match_an_independent_recomputation(
    reader: Any, secretariat: Any, client: Any
) -> None:
    data = _records()
    public = [p for p in data["projects"] if p.classification == "public"]

    report = analysis.portfolio(reader, analysis.Filters())
    money = _expected_money(public)
    assert report.projects == 3
    assert report.total_usd == sum(sum(v.values()) for v in money.values()) == D(1_800_000)
    ken = next(r for r in report.concentration if r.group == "KEN")
    # KEN: NL 500k (P1) + 300k (60% of P2); UK 500k
    assert money["KEN"] == {"Netherlands": D(800_000), "UK": D(500_000)}
    assert ken.hhi == _hhi(list(money["KEN"].values()))
    assert ken.top_funder == "Netherlands" and ken.top_share == D(800_000) / D(1_300_000)
    overall = defaultdict(Decimal)
    for by_funder in money.values():
        for funder, amount in by_funder.items():
            overall[funder] += amount
    assert report.overall.hhi == _hhi(list(overall.values()))

    # unmet needs: open or in progress and answered by no project, over needs not closed
    not_closed = [n for n in Need.objects.all() if n.status != "closed"]
    unmet = [
        n for n in not_closed if n.status in {"open", "in_progress"} and not n.projects.exists()
    ]
    assert (report.unmet.total, report.unmet.unmet) == (len(not_closed), len(unmet)) == (4, 2)

    # achievement: latest period with an actual, against its target
    expected = []
    for indicator in Indicator.objects.all():
        period = (
            IndicatorPeriod.objects.filter(indicator=indicator, actual_value__isnull=False)
            .order_by("-end")
            .first()
        )
        expected.append(
            (period.actual_value - indicator.baseline_value)
            / (period.target_value - indicator.baseline_value)
        )
    assert sorted(expected) == [D("0.5"), D("0.75"), D("0.95")]
    assert report.achievement.median == D("0.75")
    assert report.achievement.counts["on_track"] == sum(1 for e in expected if e >= D("0.9"))
    assert report.achievement.counts["off_track"] == sum(1 for e in expected if e < D("0.6"))
    # impact: the impact and outcome indicators both moved the right way
    assert (report.impact.improved, report.impact.worsened) == (2, 0)

    # ratings: counted per criterion and scale, never averaged
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in Rating.objects.select_related("evaluation__scale"):
        counts[(r.criterion, r.evaluation.scale.code)][r.score] += 1
    got = {(d.criterion, d.scale): d.counts for d in report.ratings}
    assert got == {k: dict(v) for k, v in counts.items()}
    relevance_ieg = next(
        d for d in report.ratings if (d.criterion, d.scale) == ("relevance", "ieg-6")
    )
    assert relevance_ieg.satisfactory == 1 and relevance_ieg.rated == 1

    # overlaps: pairs of visible projects, minus those reviewed as unrelated
    assert report.overlaps == 1

    # the secretariat also sees the restricted project: one more funder in Kenya
    full = analysis.portfolio(secretariat, analysis.Filters())
    assert full.projects == 4 and full.overlaps == 2
    assert next(r for r in full.concentration if r.group == "KEN").funders == 3

    # filters: by funder and by channel
    nl = analysis.portfolio(reader, analysis.Filters(funder="Netherlands"))
    assert nl.projects == 2
    bilateral = analysis.portfolio(reader, analysis.Filters(channel="bilateral"))
    assert bilateral.projects == 1 and bilateral.total_usd == D(300_000)

    # the API returns the same figures
    body = client.get("/api/v1/evaluation/portfolio?state=KEN").json()
    ken_only = analysis.portfolio(reader, analysis.Filters(state="KEN"))
    assert D(str(body["total_usd"])) == ken_only.total_usd == D(1_300_000)
    assert body["needs_total"] == 3 and body["needs_unmet"] == 1

    # the page prints them
    page = client.get("/en/evaluation/portfolio/").content.decode()
    assert _figure(page, "median") == "0.75"
    assert _figure(page, "hhi") == f"{report.overall.hhi:.3f}"
    assert _figure(page, "unmet") == "50%"
    assert _figure(page, "projects") == "3"


def _figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}"><span class="n">([^<]*)</span>', html)
    assert match, name
    return match.group(1).strip()


def test_demo_portfolio_figures_recomputed(client: Any) -> None:
    """The demo's framework: the page's achievement figures equal a hand recomputation."""
    from tact.evaluation import demo

    demo.load(SYSTEM)
    page = client.get("/en/evaluation/portfolio/?state=KEN").content.decode()
    achievements = []
    for indicator in Indicator.objects.exclude(measure="qualitative").filter(
        parent_indicator__isnull=True
    ):
        children = list(indicator.child_indicators.all())
        if children:
            # roll-up: pool the children's numerators and denominators per period
            by_end: dict[Any, list[Decimal]] = defaultdict(lambda: [D(0)] * 4)
            for child in children:
                for p in child.periods.all():
                    row = by_end[p.end]
                    row[0] += p.actual_numerator or 0
                    row[1] += p.actual_denominator or 0
                    row[2] += p.target_numerator or 0
                    row[3] += p.target_denominator or 0
            end = max(by_end)
            actual = by_end[end][0] / by_end[end][1] * 100
            target = by_end[end][2] / by_end[end][3] * 100
            baseline = (
                sum(c.baseline_numerator for c in children)
                / sum(c.baseline_denominator for c in children)
                * 100
            )
        else:
            period = indicator.periods.exclude(actual_value=None).order_by("-end").first()
            actual, target, baseline = (
                period.actual_value,
                period.target_value,
                indicator.baseline_value,
            )
        achievements.append((actual - baseline) / (target - baseline))
    # the two regional child indicators are indicators of their own too
    for child in Indicator.objects.filter(parent_indicator__isnull=False):
        period = child.periods.order_by("-end").first()
        achievements.append(
            (period.actual_value - child.baseline_value)
            / (period.target_value - child.baseline_value)
        )
    achievements.sort()
    n = len(achievements)
    median = (
        achievements[n // 2] if n % 2 else (achievements[n // 2 - 1] + achievements[n // 2]) / 2
    )
    assert _figure(page, "median") == f"{median:.2f}"
    assert _figure(page, "on-track") == str(sum(1 for a in achievements if a >= D("0.9")))
    assert _figure(page, "measured").split("/")[0].strip() == str(n)
    assert _figure(page, "evaluations") == "1"  # the restricted one is hidden from the public
