"""Rows of the maintained summaries as the aggregate pages read them, filtered by the viewer's
access; filters the summaries do not carry (free text, status, sector, organisation) fall
back to summing the facts of the matching projects computed on the fly (correct, and as
costly as the filtered set is large)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from tact.assistance import selectors
from tact.assistance.summaries import project_facts
from tact.assistance.summary_models import AssistanceSummary, SummaryLevel
from tact.catalog.models import Theme
from tact.core import access
from tact.core.access import Actor
from tact.directory.models import State

ROLE_CODES = {"funder": "1", "implementer": "4"}
SUMMARY_FILTERS = frozenset({"state", "theme", "channel"})
GROUP = ("level", "state_id", "theme_id", "role", "organisation", "organisation_id", "channel")
Row = dict[str, Any]


def summary_rows(
    user: Actor,
    levels: Iterable[str],
    group: tuple[str, ...] = GROUP,
    *,
    role: str = "",
    **filters: str,
) -> list[Row]:
    qs = access.visible(user, AssistanceSummary.objects.filter(level__in=list(levels)))
    state, theme, channel = filters.get("state"), filters.get("theme"), filters.get("channel")
    if state:
        state_ids = list(State.objects.filter(iso3=state.upper()).values_list("pk", flat=True))
        # Rows without a place (all projects, per theme) cannot be cut by state.
        qs = qs.filter(Q(state_id__in=state_ids) | Q(level=SummaryLevel.THEME))
    if theme:
        theme_ids = list(Theme.objects.filter(code=theme).values_list("pk", flat=True))
        qs = qs.filter(
            Q(theme_id__in=theme_ids)
            | ~Q(level__in=[SummaryLevel.CELL, SummaryLevel.ORGANISATION, SummaryLevel.THEME])
        )
    if channel:
        qs = qs.filter(channel=channel)
    if role:
        qs = qs.filter(Q(role=role) | ~Q(level=SummaryLevel.ORGANISATION))
    return list(qs.values(*group).annotate(projects=Sum("projects"), amount=Sum("amount_usd")))


def fact_rows(user: Actor, levels: Iterable[str], **filters: str) -> list[Row]:
    wanted = set(levels)
    sums: dict[tuple[Any, ...], Row] = {}
    projects = selectors.project_list(user, **filters).prefetch_related(
        "countries", "themes", "participating_organisations"
    )
    for project in projects.defer("iati_activity").iterator(chunk_size=1000):
        for fact in project_facts(project):
            if fact["level"] not in wanted:
                continue
            key = tuple(fact[g] for g in GROUP)
            row = sums.setdefault(key, {**{g: fact[g] for g in GROUP}, "projects": 0,
                                        "amount": Decimal(0)})  # fmt: skip
            row["projects"] += 1
            row["amount"] += fact["amount_usd"]
    return list(sums.values())


def summable(filters: dict[str, str]) -> bool:
    """Do the summaries carry every filter used?"""
    return {k for k, v in filters.items() if v} <= SUMMARY_FILTERS


def rows(
    user: Actor,
    levels: Iterable[str],
    group: tuple[str, ...] = GROUP,
    *,
    role: str = "",
    **filters: str,
) -> list[Row]:
    if summable(filters):
        return summary_rows(user, levels, group, role=role, **filters)
    # With a theme filter the live path keeps only the theme's cells, as the summaries do.
    return fact_rows(user, levels, **filters)


def amount(row: Row) -> Decimal:
    return Decimal(str(row["amount"] or 0))
