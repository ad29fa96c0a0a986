"""The portfolio's money figures from assistance's maintained summaries (issue 19).

The summaries already share each project's amount by recipient state (percentages, else
equally), then equally among its themes and its funders (participating organisations with
the funding role, else the reporting organisation): the allocation rule of
:mod:`tact.evaluation.analysis`. Summing their funder rows per state and theme gives the same
figures as the records would, at a cost that depends on the number of states, themes and
funders rather than projects; the result is kept per access profile and summary version
(:func:`tact.assistance.figures.derived`). Filters the summaries do not carry (provision,
funder) go through the records instead (:func:`tact.evaluation.analysis.funding_records`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from tact.assistance.figures import derived_parts
from tact.assistance.summary_models import AssistanceSummary, SummaryLevel
from tact.assistance.summary_rows import summary_rows
from tact.catalog.models import Theme
from tact.core import access
from tact.core.access import Actor
from tact.directory.models import State
from tact.evaluation import portfolio as pf

UNASSIGNED = "unassigned"
FRAGMENTATION_SHOWN = 50
"""Cells listed on the page and the API (most funders first); the exports list them all."""
FRAGMENTED = 3
"""Funders in a cell from which it counts as fragmented (the default of pf.fragmentation)."""
TOP_FUNDERS = 20
"""Funders in the chart before the rest fold into "others"."""
ZERO = Decimal(0)


def usable(filters: Any) -> bool:
    return not (filters.provision or filters.funder)


def _filters(filters: Any) -> dict[str, str]:
    return {"state": filters.state, "theme": filters.theme, "channel": filters.channel}


def _project_count(actor: Actor, filters: Any) -> int | None:
    """Projects in scope from the summaries (None: a theme alone, which they cannot count
    for projects without a recipient state)."""
    if filters.theme and not filters.state:
        return None
    level = SummaryLevel.ALL
    qs = AssistanceSummary.objects.all()
    if filters.state:
        level = SummaryLevel.CELL if filters.theme else SummaryLevel.STATE
        states = list(State.objects.filter(iso3=filters.state).values_list("pk", flat=True))
        qs = qs.filter(state_id__in=states)
    if filters.theme:
        themes = list(Theme.objects.filter(code=filters.theme).values_list("pk", flat=True))
        qs = qs.filter(theme_id__in=themes)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    total = access.visible(actor, qs.filter(level=level)).aggregate(n=Sum("projects"))["n"]
    return int(total or 0)


def _row(r: pf.ConcentrationRow) -> list[Any]:
    return [r.group, str(r.total), r.funders, _text(r.hhi), r.top_funder, _text(r.top_share)]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _number(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _compute(actor: Actor, filters: Any) -> dict[str, Any]:
    wanted = _filters(filters)
    iso3 = dict(State.objects.values_list("pk", "iso3"))
    codes = dict(Theme.objects.values_list("pk", "code"))
    group = ("level", "state_id", "theme_id", "organisation")
    records: list[pf.FundingRecord] = []
    for row in summary_rows(actor, [SummaryLevel.ORGANISATION], group, role="1", **wanted):
        if row["state_id"] not in iso3:
            continue
        theme = codes.get(row["theme_id"], UNASSIGNED)
        records.append(
            pf.FundingRecord(
                "",
                iso3[row["state_id"]],
                theme,
                row["organisation"] or "?",
                Decimal(str(row["amount"] or 0)),
            )
        )
    projects: dict[tuple[str, str], int] = defaultdict(int)
    for row in summary_rows(actor, [SummaryLevel.CELL], ("level", "state_id", "theme_id"),
                            **wanted):  # fmt: skip
        if row["state_id"] in iso3:
            projects[(iso3[row["state_id"]], codes.get(row["theme_id"], UNASSIGNED))] += row[
                "projects"
            ]
    funders: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_funder: dict[str, Decimal] = defaultdict(Decimal)
    for r in records:
        funders[(r.state, r.theme)].add(r.funder)
        by_funder[r.funder] += r.amount
    fragmentation = sorted(
        (
            (state, theme, len(funders.get((state, theme), ())), n)
            for (state, theme), n in projects.items()
        ),
        key=lambda r: (-r[2], r[0], r[1]),
    )
    ranked = sorted(by_funder.items(), key=lambda kv: (-kv[1], kv[0]))
    head = {
        "projects": _project_count(actor, filters),
        "total": str(sum((r.amount for r in records), ZERO)),
        "overall": _row(pf.overall_concentration(records)),
        "concentration": [_row(r) for r in pf.donor_concentration(records, by="state")],
        "fragmentation": fragmentation[:FRAGMENTATION_SHOWN],
        "fragmented_total": sum(1 for r in fragmentation if r[2] >= FRAGMENTED),
        "funders": [[name, str(money)] for name, money in ranked[:TOP_FUNDERS]],
        "other_funders": [
            len(ranked[TOP_FUNDERS:]),
            str(sum((m for _n, m in ranked[TOP_FUNDERS:]), ZERO)),
        ],
    }
    return {"head": head, "cells": fragmentation}


def money(actor: Actor, filters: Any, *, every_cell: bool = False) -> dict[str, Any]:
    """The money figures (concentration, fragmentation, funders) of the portfolio, stored per
    access profile, filters and summary version; the fragmentation of the cells with most
    funders, or of every cell with ``every_cell``."""
    parts = ["head", "cells"] if every_cell else ["head"]
    stored = derived_parts(
        "portfolio", actor, _filters(filters), parts, lambda: _compute(actor, filters)
    )
    data = stored["head"]
    cells = stored.get("cells") or data["fragmentation"]

    def concentration(row: list[Any]) -> pf.ConcentrationRow:
        group, total, count, hhi, top, share = row
        return pf.ConcentrationRow(group, Decimal(total), count, _number(hhi), top, _number(share))

    return {
        "projects": data["projects"],
        "total_usd": Decimal(data["total"]),
        "overall": concentration(data["overall"]),
        "concentration": [concentration(r) for r in data["concentration"]],
        "fragmentation": [
            pf.FragmentationRow(state, theme, n, p, n >= FRAGMENTED) for state, theme, n, p in cells
        ],
        "fragmented_total": data["fragmented_total"],
        "funders": [(name, Decimal(m)) for name, m in data["funders"]],
        "other_funders": (data["other_funders"][0], Decimal(data["other_funders"][1])),
    }
