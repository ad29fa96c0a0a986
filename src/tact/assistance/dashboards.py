"""Reads for the aggregate pages: who does what where, the map, the donor and recipient
dashboards. They read the maintained summaries (:mod:`tact.assistance.summary_models`),
filtered by the same access rules as projects, so their cost depends on the number of
states, themes and organisations, not on the number of projects.

Filters that the summaries do not carry (free text, status, sector, organisation) fall back
to summing the facts of the matching projects, computed on the fly: correct, and as costly
as the filtered set is large.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tact.assistance import selectors
from tact.assistance.figures import derived, stored_rows
from tact.assistance.matrix import TOP_STATES, Cell, Matrix, who_does_what_where
from tact.assistance.models import Channel, Contribution, Project
from tact.assistance.summary_models import AssistanceSummary, SummaryLevel
from tact.assistance.summary_rows import GROUP, ROLE_CODES, rows
from tact.assistance.summary_rows import amount as _amount
from tact.catalog.models import Theme
from tact.core import access
from tact.core.access import Actor
from tact.directory.models import Organisation, State

Row = dict[str, Any]
__all__ = ["ROLE_CODES", "TOP_STATES", "Cell", "Matrix", "who_does_what_where"]


def map_data(user: Actor, **filters: str) -> dict[str, Any]:
    """Assistance by recipient state: projects and USD amount (shared by country percentage),
    keyed by M49 code as in the shipped world atlas (stored per profile and version)."""
    filters = {k: v for k, v in filters.items() if v}
    # State names are in the reader's language.
    params = {**filters, "language": get_language()}
    return derived("map", user, params, lambda: _map_data(user, filters))


def _map_data(user: Actor, filters: dict[str, str]) -> dict[str, Any]:
    level = SummaryLevel.CELL if filters.get("theme") else SummaryLevel.STATE
    per_state: dict[int, dict[str, Any]] = {}
    for row in rows(user, [level], ("level", "state_id"), **filters):
        if row["state_id"] is None:
            continue
        entry = per_state.setdefault(row["state_id"], {"projects": 0, "amount": Decimal(0)})
        entry["projects"] += row["projects"]
        entry["amount"] += _amount(row)
    states = State.objects.in_bulk(list(per_state))
    out = [
        {
            "m49": states[pk].m49,
            "iso3": states[pk].iso3,
            "name": states[pk].display_name,
            "projects": entry["projects"],
            "amount_usd": float(round(entry["amount"], 2)),
        }
        for pk, entry in per_state.items()
        if pk in states
    ]
    out.sort(key=lambda e: -e["amount_usd"])
    return {"states": out, "max_amount_usd": max((r["amount_usd"] for r in out), default=0)}


# -- dashboards -----------------------------------------------------------------------------


def donors(user: Actor) -> list[dict[str, Any]]:
    """Directory organisations that fund or report visible projects, or made visible
    contributions, with the number of those projects."""
    counts = {
        row["organisation_id"]: row["n"]
        for row in stored_rows(
            "donors",
            user,
            {},
            lambda: (
                access.visible(user, AssistanceSummary.objects.filter(level=SummaryLevel.DONOR))
                .values("organisation_id")
                .annotate(n=Sum("projects"))
            ),
        )
    }
    contributed = access.visible(user, Contribution.objects.all()).values("donor_id")
    ids = set(counts) | {row["donor_id"] for row in contributed}
    return [
        {"organisation": org, "projects": counts.get(org.pk, 0)}
        for org in Organisation.objects.filter(pk__in=ids).order_by("name")
    ]


FEW_PROJECTS = 1000
"""A donor with fewer projects has them looked up by id; more are found in title order."""


def donor_projects(
    user: Actor, organisation: Organisation, *, few: bool = False
) -> QuerySet[Project]:
    """The donor's projects (funded or reported). ``few``: the caller knows they are few
    (the summaries' count), so the first page is read through the union of two indexed
    lookups; an OR of the two walks all projects in title order, which is quick for a large
    donor (18,916 of 10^5 projects: 31 ms, the union 417) and slow for a small one (9: 300
    ms, the union 7)."""
    from tact.assistance.models import ParticipatingOrganisation

    funded = ParticipatingOrganisation.objects.filter(organisation=organisation, role="1")
    projects = selectors.project_visible(user)
    if few:
        reported = Project.objects.filter(reporting_organisation=organisation).order_by()
        ids = funded.order_by().values("project_id").union(reported.values("pk"))
        return projects.filter(pk__in=ids)
    return projects.filter(
        Q(pk__in=funded.values("project_id")) | Q(reporting_organisation=organisation)
    )


def donor_summary(user: Actor, organisation: Organisation) -> dict[str, Any]:
    rows = stored_rows(
        "donor",
        user,
        {"organisation": organisation.pk},
        lambda: (
            access.visible(
                user,
                AssistanceSummary.objects.filter(
                    level=SummaryLevel.DONOR, organisation_id=organisation.pk
                ),
            )
            .values("state_id", "channel")
            .annotate(amount=Sum("amount_usd"), n=Sum("projects"))
        ),
    )
    by_state: dict[int, Decimal] = defaultdict(Decimal)
    by_channel: dict[str, Decimal] = defaultdict(Decimal)
    total = Decimal(0)
    for row in rows:
        amount = _amount(row)
        total += amount
        by_channel[_channel_label(row["channel"])] += amount
        if row["state_id"] is not None:
            by_state[row["state_id"]] += amount
    states = State.objects.in_bulk(list(by_state))
    contributions = access.visible(user, Contribution.objects.filter(donor=organisation))
    by_year = list(
        contributions.values("year")
        .annotate(pledged=Sum("pledged_usd"), paid=Sum("paid_usd"))
        .order_by("year")
    )
    # The donor level counts each project once (on its first state): the same projects as
    # donor_projects, without counting them.
    count = sum(row["n"] or 0 for row in rows)
    projects = donor_projects(user, organisation, few=count <= FEW_PROJECTS)
    return {
        "projects": projects.order_by("title", "pk")[:50],
        "project_count": count,
        "contributions": contributions.order_by("-year"),
        "by_year": by_year,
        "by_state": sorted(
            ((states[pk].display_name, v) for pk, v in by_state.items() if pk in states),
            key=lambda kv: -kv[1],
        ),
        "by_channel": sorted(by_channel.items(), key=lambda kv: -kv[1]),
        "total_usd": total,
    }


def _channel_label(value: str) -> str:
    return str(Channel(value).label) if value in Channel.values else "?"


def recipient_summary(user: Actor, state: State) -> dict[str, Any]:
    levels = [SummaryLevel.STATE, SummaryLevel.CELL, SummaryLevel.ORGANISATION]
    qs = access.visible(user, AssistanceSummary.objects.filter(level__in=levels, state_id=state.pk))
    by_funder: dict[str, Decimal] = defaultdict(Decimal)
    by_theme: dict[int | None, Decimal] = defaultdict(Decimal)
    by_channel: dict[str, Decimal] = defaultdict(Decimal)
    total = Decimal(0)
    count = 0
    acronyms: dict[int, str] = {}
    rows = stored_rows(
        "recipient",
        user,
        {"state": state.pk},
        lambda: qs.values(*GROUP).annotate(projects=Sum("projects"), amount=Sum("amount_usd")),
    )
    org_ids = [r["organisation_id"] for r in rows if r["organisation_id"]]
    for org in Organisation.objects.filter(pk__in=org_ids).exclude(acronym=""):
        acronyms[org.pk] = org.acronym
    for row in rows:
        amount = _amount(row)
        if row["level"] == SummaryLevel.STATE:
            total += amount
            count += row["projects"]
            by_channel[_channel_label(row["channel"])] += amount
        elif row["level"] == SummaryLevel.CELL:
            by_theme[row["theme_id"]] += amount
        elif row["role"] == "1":
            label = acronyms.get(row["organisation_id"] or 0, row["organisation"])
            by_funder[label] += amount
    themes = Theme.objects.in_bulk([t for t in by_theme if t is not None])
    theme_amounts: dict[str, Decimal] = defaultdict(Decimal)
    for theme_id, amount in by_theme.items():
        name = themes[theme_id].title if theme_id in themes else str(_("No theme linked"))
        theme_amounts[name] += amount
    projects = selectors.project_list(user, state=state.iso3)
    earmarked = access.visible(user, Contribution.objects.filter(earmark_state=state))
    return {
        "projects": projects[:50],
        "project_count": count,
        "total_usd": total,
        "by_funder": sorted(by_funder.items(), key=lambda kv: -kv[1]),
        "by_theme": sorted(theme_amounts.items(), key=lambda kv: -kv[1]),
        "by_channel": sorted(by_channel.items(), key=lambda kv: -kv[1]),
        "earmarked_contributions": earmarked.select_related("donor"),
    }


def overview(user: Actor) -> tuple[dict[str, Any], dict[str, int]]:
    """({"n": projects, "usd": total budget}, {channel: projects}) of the visible projects."""
    rows = stored_rows(
        "overview",
        user,
        {},
        lambda: (
            access.visible(user, AssistanceSummary.objects.filter(level=SummaryLevel.ALL))
            .values("channel")
            .annotate(n=Sum("projects"), usd=Sum("budget_usd"))
        ),
    )
    by_channel: dict[str, int] = defaultdict(int)
    usd = Decimal(0)
    for row in rows:
        by_channel[row["channel"]] += row["n"] or 0
        usd += Decimal(str(row["usd"] or 0))
    return {"n": sum(by_channel.values()), "usd": usd}, dict(by_channel)


def recipient_states() -> QuerySet[State]:
    """States that receive any project (for the filter lists), from the summaries (the ids
    stored per summary version: the distinct states of every state row cost a scan)."""
    from tact.core.access import SYSTEM

    def compute() -> list[int]:
        ids = (
            AssistanceSummary.objects.filter(level=SummaryLevel.STATE, state_id__isnull=False)
            .values_list("state_id", flat=True)
            .distinct()
        )
        return sorted(int(pk) for pk in ids if pk is not None)

    ids = derived("recipient-states", SYSTEM, {}, compute)
    return State.objects.filter(pk__in=ids).order_by("name")


@dataclass(frozen=True)
class YearTable:
    years: list[int | None]
    rows: list[tuple[str, list[Decimal], Decimal]]
    """(label, amount per year in ``years``, total), largest total first."""


def _year_table(sums: dict[tuple[str, int | None], Decimal]) -> YearTable:
    years = sorted({y for _label, y in sums}, key=lambda y: (y is None, y or 0))
    labels: dict[str, Decimal] = defaultdict(Decimal)
    for (label, _year), amount in sums.items():
        labels[label] += amount
    rows = [
        (label, [sums.get((label, y), Decimal(0)) for y in years], total)
        for label, total in sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return YearTable(years, rows)


def recipient_by_year(user: Actor, state: State) -> tuple[YearTable, YearTable]:
    """Assistance a state received in USD by channel and year and by donor and year, read from
    the maintained summaries (never from the projects), filtered by the viewer's access."""
    rows = (
        access.visible(
            user,
            AssistanceSummary.objects.filter(
                level__in=[SummaryLevel.STATE, SummaryLevel.DONOR], state_id=state.pk
            ),
        )
        .values("level", "channel", "organisation_id", "year")
        .annotate(amount=Sum("amount_usd"))
    )
    by_channel: dict[tuple[str, int | None], Decimal] = defaultdict(Decimal)
    by_donor_id: dict[tuple[int, int | None], Decimal] = defaultdict(Decimal)
    for row in rows:
        if row["level"] == SummaryLevel.STATE:
            by_channel[(_channel_label(row["channel"]), row["year"])] += _amount(row)
        elif row["organisation_id"]:
            by_donor_id[(row["organisation_id"], row["year"])] += _amount(row)
    names = {
        o.pk: o.acronym or o.name
        for o in Organisation.objects.filter(pk__in={k[0] for k in by_donor_id})
    }
    by_donor: dict[tuple[str, int | None], Decimal] = defaultdict(Decimal)
    for (org_id, year), amount in by_donor_id.items():
        by_donor[(names.get(org_id, "?"), year)] += amount
    return _year_table(by_channel), _year_table(by_donor)
