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
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from tact.assistance import selectors
from tact.assistance.models import Channel, Contribution, Project
from tact.assistance.summaries import project_facts
from tact.assistance.summary_models import AssistanceSummary, SummaryLevel
from tact.catalog.models import Theme
from tact.core import access
from tact.core.access import Actor
from tact.directory.models import Organisation, State

ROLE_CODES = {"funder": "1", "implementer": "4"}
SUMMARY_FILTERS = frozenset({"state", "theme", "channel"})
TOP_STATES = 40
"""Matrix rows shown before the rest fold into "other states" (the page stays small)."""
TOP_ORGANISATIONS = 5
"""Organisations listed per cell before the rest fold into "others"."""

GROUP = ("level", "state_id", "theme_id", "role", "organisation", "organisation_id", "channel")
MATRIX_GROUP = ("level", "state_id", "theme_id", "role", "organisation")
"""What the matrix reads: grouping by channel too would return every cell up to five times."""
Row = dict[str, Any]


def _summary_rows(
    user: Actor, levels: Iterable[str], group: tuple[str, ...] = GROUP, **filters: str
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
    return list(qs.values(*group).annotate(projects=Sum("projects"), amount=Sum("amount_usd")))


def _fact_rows(user: Actor, levels: Iterable[str], **filters: str) -> list[Row]:
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


def _rows(
    user: Actor, levels: Iterable[str], group: tuple[str, ...] = GROUP, **filters: str
) -> list[Row]:
    used = {k for k, v in filters.items() if v}
    if used <= SUMMARY_FILTERS:
        return _summary_rows(user, levels, group, **filters)
    # With a theme filter the live path keeps only the theme's cells, as the summaries do.
    return _fact_rows(user, levels, **filters)


def _amount(row: Row) -> Decimal:
    return Decimal(str(row["amount"] or 0))


# -- who does what where --------------------------------------------------------------------


@dataclass
class Cell:
    count: int = 0
    amount: Decimal = Decimal(0)
    organisations: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def organisation_list(self, top: int | None = TOP_ORGANISATIONS) -> list[tuple[str, Decimal]]:
        ordered = sorted(self.organisations.items(), key=lambda kv: (-kv[1], kv[0]))
        if top is None or len(ordered) <= top + 1:
            return ordered
        rest = sum((amount for _name, amount in ordered[top:]), Decimal(0))
        others = _("%(n)s others") % {"n": len(ordered) - top}
        return [*ordered[:top], (others, rest)]

    @property
    def top_organisations(self) -> list[tuple[str, Decimal]]:
        return self.organisation_list()


@dataclass
class Matrix:
    role: str
    states: list[State]
    themes: list[Theme | None]
    cells: dict[tuple[int, int | None], Cell]
    state_totals: dict[int, Cell]
    theme_totals: dict[int | None, Cell]
    without_country: int = 0
    folded: list[State] = field(default_factory=list)
    """States beyond :data:`TOP_STATES`, summed in :attr:`others`."""

    def cell(self, state: State, theme: Theme | None) -> Cell | None:
        return self.cells.get((state.pk, theme.pk if theme else None))

    @property
    def rows(self) -> list[tuple[State, list[Cell | None], Cell]]:
        return [
            (s, [self.cell(s, t) for t in self.themes], self.state_totals[s.pk])
            for s in self.states
        ]

    @property
    def others(self) -> tuple[list[Cell], Cell] | None:
        """One row summing the folded states (amounts; counts add up per state)."""
        if not self.folded:
            return None
        cells = []
        for theme in self.themes:
            total = Cell()
            for state in self.folded:
                cell = self.cell(state, theme)
                if cell is not None:
                    total.count += cell.count
                    total.amount += cell.amount
            cells.append(total)
        total = Cell()
        for state in self.folded:
            total.count += self.state_totals[state.pk].count
            total.amount += self.state_totals[state.pk].amount
        return cells, total

    def long_rows(self) -> list[list[Any]]:
        """One row per state, theme and organisation (every state, nothing folded)."""
        out: list[list[Any]] = []
        for state in [*self.states, *self.folded]:
            for theme in self.themes:
                cell = self.cell(state, theme)
                if cell is None:
                    continue
                for name, amount in cell.organisation_list(top=None):
                    out.append(
                        [
                            state.iso3,
                            state.display_name,
                            theme.title if theme else "",
                            name,
                            cell.count,
                            float(round(amount, 2)),
                        ]
                    )
        return out


def who_does_what_where(
    user: Actor, *, role: str = "funder", top: int | None = TOP_STATES, **filters: str
) -> Matrix:
    """State x theme, each cell listing the funders (or implementers) with USD amounts.

    A project's amount (budget, else commitments, in USD) is shared among its recipient
    countries by their percentages (equally when none are given), then equally among its
    themes and among its organisations of the chosen role; multi-country projects therefore
    add up to their amount once. Projects without a recipient country are counted apart.
    The ``top`` states by amount get a row each; the others fold into one.
    """
    code = ROLE_CODES.get(role, "1")
    rows = _rows(
        user,
        [SummaryLevel.CELL, SummaryLevel.ORGANISATION, SummaryLevel.STATE, SummaryLevel.THEME],
        MATRIX_GROUP,
        **filters,
    )
    cells: dict[tuple[int, int | None], Cell] = {}
    state_totals: dict[int, Cell] = defaultdict(Cell)
    theme_totals: dict[int | None, Cell] = defaultdict(Cell)
    without_country = 0
    for row in rows:
        level, state_id, theme_id = row["level"], row["state_id"], row["theme_id"]
        if level == SummaryLevel.CELL:
            cell = cells.setdefault((state_id, theme_id), Cell())
            cell.count += row["projects"]
            cell.amount += _amount(row)
        elif level == SummaryLevel.ORGANISATION and row["role"] == code:
            cell = cells.setdefault((state_id, theme_id), Cell())
            cell.organisations[row["organisation"]] += _amount(row)
        elif level == SummaryLevel.STATE and state_id is None:
            without_country += row["projects"]
        elif level == SummaryLevel.STATE and not filters.get("theme"):
            state_totals[state_id].count += row["projects"]
            state_totals[state_id].amount += _amount(row)
        elif level == SummaryLevel.THEME and not filters.get("state"):
            theme_totals[theme_id].count += row["projects"]
            theme_totals[theme_id].amount += _amount(row)
    if filters.get("theme") or filters.get("state"):
        # One theme (or one state): the totals are the sums of its cells, counted once.
        for (state_id, theme_id), cell in cells.items():
            if filters.get("theme"):
                state_totals[state_id].count += cell.count
                state_totals[state_id].amount += cell.amount
            if filters.get("state"):
                theme_totals[theme_id].count += cell.count
                theme_totals[theme_id].amount += cell.amount
    state_ids = {s for s, _t in cells}
    theme_ids = {t for _s, t in cells}
    states = State.objects.in_bulk(list(state_ids))
    themes = Theme.objects.in_bulk([t for t in theme_ids if t is not None])
    ordered_states = sorted(
        (states[s] for s in state_ids if s in states),
        key=lambda s: (-state_totals[s.pk].amount, s.display_name),
    )
    shown, folded = (ordered_states, []) if top is None else (
        ordered_states[:top], ordered_states[top:])  # fmt: skip
    ordered_themes: list[Theme | None] = sorted(
        (themes.get(t) if t is not None else None for t in theme_ids),
        key=lambda t: (t is None, t.order if t else 0, t.code if t else ""),
    )
    return Matrix(
        role=role,
        states=sorted(shown, key=lambda s: s.display_name),
        themes=ordered_themes,
        cells=cells,
        state_totals=dict(state_totals),
        theme_totals=dict(theme_totals),
        without_country=without_country,
        folded=sorted(folded, key=lambda s: s.display_name),
    )


def map_data(user: Actor, **filters: str) -> dict[str, Any]:
    """Assistance by recipient state: projects and USD amount (shared by country percentage),
    keyed by M49 code as in the shipped world atlas."""
    level = SummaryLevel.CELL if filters.get("theme") else SummaryLevel.STATE
    per_state: dict[int, dict[str, Any]] = {}
    for row in _rows(user, [level], GROUP, **filters):
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
        for row in access.visible(user, AssistanceSummary.objects.filter(level=SummaryLevel.DONOR))
        .values("organisation_id")
        .annotate(n=Sum("projects"))
    }
    contributed = access.visible(user, Contribution.objects.all()).values("donor_id")
    ids = set(counts) | {row["donor_id"] for row in contributed}
    return [
        {"organisation": org, "projects": counts.get(org.pk, 0)}
        for org in Organisation.objects.filter(pk__in=ids).order_by("name")
    ]


def donor_projects(user: Actor, organisation: Organisation) -> QuerySet[Project]:
    from tact.assistance.models import ParticipatingOrganisation

    funded = ParticipatingOrganisation.objects.filter(organisation=organisation, role="1")
    return selectors.project_visible(user).filter(
        Q(pk__in=funded.values("project_id")) | Q(reporting_organisation=organisation)
    )


def donor_summary(user: Actor, organisation: Organisation) -> dict[str, Any]:
    rows = list(
        access.visible(
            user,
            AssistanceSummary.objects.filter(
                level=SummaryLevel.DONOR, organisation_id=organisation.pk
            ),
        )
        .values("state_id", "channel")
        .annotate(amount=Sum("amount_usd"))
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
    projects = donor_projects(user, organisation).order_by("title", "pk")
    return {
        "projects": projects[:50],
        "project_count": projects.count(),
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
    rows = list(qs.values(*GROUP).annotate(projects=Sum("projects"), amount=Sum("amount_usd")))
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
    rows = list(
        access.visible(user, AssistanceSummary.objects.filter(level=SummaryLevel.ALL))
        .values("channel")
        .annotate(n=Sum("projects"), usd=Sum("budget_usd"))
    )
    by_channel: dict[str, int] = defaultdict(int)
    usd = Decimal(0)
    for row in rows:
        by_channel[row["channel"]] += row["n"] or 0
        usd += Decimal(str(row["usd"] or 0))
    return {"n": sum(by_channel.values()), "usd": usd}, dict(by_channel)


def recipient_states() -> QuerySet[State]:
    """States that receive any project (for the filter lists), from the summaries."""
    with_projects = AssistanceSummary.objects.filter(
        level=SummaryLevel.STATE, state_id__isnull=False
    ).values("state_id")
    return State.objects.filter(pk__in=with_projects).order_by("name")


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
