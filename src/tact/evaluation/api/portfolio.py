"""The portfolio analysis over HTTP: coherence, effectiveness and impact figures."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Schema

from tact.core.api import actor
from tact.evaluation import analysis
from tact.evaluation.api._common import router
from tact.evaluation.portfolio_money import FRAGMENTATION_SHOWN


class ConcentrationOut(Schema):
    group: str
    total: Decimal
    funders: int
    hhi: Decimal | None
    top_funder: str
    top_share: Decimal | None


class FragmentationOut(Schema):
    state: str
    theme: str
    funders: int
    projects: int
    fragmented: bool


class PortfolioOut(Schema):
    filters: dict[str, str]
    projects: int
    total_usd: Decimal
    overall: ConcentrationOut
    concentration: list[ConcentrationOut]
    fragmentation: list[FragmentationOut]
    fragmented_cells: int
    needs_total: int
    needs_unmet: int
    unmet_share: Decimal | None
    overlaps: int | None
    achievement_counts: dict[str, int]
    achievement_median: Decimal | None
    indicators_measured: int
    impact: dict[str, int]
    ratings: list[dict[str, Any]]
    evaluations: int


@router.get("/evaluation/portfolio", response=PortfolioOut)
def get_portfolio(
    request: HttpRequest,
    state: str = "",
    theme: str = "",
    provision: str = "",
    funder: str = "",
    channel: str = "",
) -> dict[str, Any]:
    """Coherence, effectiveness and impact figures over the records the caller may see.
    ``fragmentation`` lists the 50 state-theme cells with most funders;
    ``fragmented_cells`` counts every cell with three or more."""
    filters = analysis.Filters.from_mapping(
        {
            "state": state,
            "theme": theme,
            "provision": provision,
            "funder": funder,
            "channel": channel,
        }
    )
    report = analysis.portfolio(actor(request), filters)
    return {
        "filters": filters.as_dict(),
        "projects": report.projects,
        "total_usd": report.total_usd,
        "overall": report.overall.__dict__,
        "concentration": [r.__dict__ for r in report.concentration],
        "fragmentation": [r.__dict__ for r in report.fragmentation[:FRAGMENTATION_SHOWN]],
        "fragmented_cells": report.fragmented_cells,
        "needs_total": report.unmet.total,
        "needs_unmet": report.unmet.unmet,
        "unmet_share": report.unmet.share,
        "overlaps": report.overlaps,
        "achievement_counts": report.achievement.counts,
        "achievement_median": report.achievement.median,
        "indicators_measured": report.achievement.measured,
        "impact": {
            "improved": report.impact.improved,
            "worsened": report.impact.worsened,
            "unchanged": report.impact.unchanged,
            "not_measured": report.impact.not_measured,
        },
        "ratings": [
            {
                "criterion": d.criterion,
                "scale": d.scale,
                "counts": d.counts,
                "satisfactory": d.satisfactory,
                "rated": d.rated,
            }
            for d in report.ratings
        ],
        "evaluations": report.evaluations,
    }
