"""Reads for assistance coordination; every read applies the access rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from tact.assistance.models import (
    Contribution,
    ExchangeRate,
    ImportRun,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
)
from tact.catalog.models import Theme
from tact.core import access
from tact.directory.models import Organisation, State


def project_visible(user: Any) -> QuerySet[Project]:
    return access.visible(user, Project.objects.all())


def project_list(
    user: Any,
    *,
    q: str = "",
    state: str = "",
    theme: str = "",
    channel: str = "",
    organisation: str = "",
    status: str = "",
    sector: str = "",
) -> QuerySet[Project]:
    """Projects the user may see, filtered. ``organisation`` is an IATI identifier or an
    organisation pk (matching the reporting or any participating organisation)."""
    qs = project_visible(user)
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(iati_identifier__icontains=q)
            | Q(description__icontains=q)
            | Q(reporting_org_name__icontains=q)
        )
    if state:
        qs = qs.filter(countries__state__iso3=state.upper())
    if theme:
        qs = qs.filter(themes__code=theme)
    if channel:
        qs = qs.filter(
            Q(channel_override=channel) | Q(channel_override="", channel_derived=channel)
        )
    if organisation:
        match = Q(reporting_org_ref=organisation) | Q(participating_organisations__ref=organisation)
        if organisation.isdigit():
            match |= Q(reporting_organisation_id=int(organisation)) | Q(
                participating_organisations__organisation_id=int(organisation)
            )
        qs = qs.filter(match)
    if status:
        qs = qs.filter(status=status)
    if sector:
        qs = qs.filter(sectors__code=sector)
    return qs.distinct().order_by("title", "pk")


def project_get(user: Any, pk: int) -> Project:
    return access.get_visible_or_404(
        user,
        Project.objects.select_related("reporting_organisation", "import_run"),
        pk=pk,
    )


def contribution_list(
    user: Any, *, donor: str = "", year: str = "", earmarking: str = ""
) -> QuerySet[Contribution]:
    qs = access.visible(user, Contribution.objects.select_related("donor", "earmark_theme"))
    if donor.isdigit():
        qs = qs.filter(donor_id=int(donor))
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if earmarking:
        qs = qs.filter(earmarking=earmarking)
    return qs.select_related("earmark_state").order_by("-year", "donor__name", "pk")


def contribution_get(user: Any, pk: int) -> Contribution:
    return access.get_visible_or_404(
        user, Contribution.objects.select_related("donor", "earmark_theme", "earmark_state"), pk=pk
    )


def exchange_rate_list(*, currency: str = "") -> QuerySet[ExchangeRate]:
    qs = ExchangeRate.objects.all()
    if currency:
        qs = qs.filter(currency=currency.upper())
    return qs.order_by("currency", "-date")


def import_runs(user: Any) -> QuerySet[ImportRun]:
    """Secretariat sees every import; others their own."""
    scope = access.scope_of(user)
    qs = ImportRun.objects.select_related("created_by")
    if scope.is_secretariat:
        return qs
    if not scope.authenticated or scope.user_id is None:
        return qs.none()
    return qs.filter(created_by_id=scope.user_id)


def import_run_get(user: Any, pk: int) -> ImportRun:
    from django.http import Http404

    try:
        return import_runs(user).get(pk=pk)
    except ImportRun.DoesNotExist as exc:
        raise Http404 from exc


# -- who does what where --------------------------------------------------------------------


@dataclass
class Cell:
    projects: set[int] = field(default_factory=set)
    amount: Decimal = Decimal(0)
    organisations: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    @property
    def count(self) -> int:
        return len(self.projects)

    @property
    def organisation_list(self) -> list[tuple[str, Decimal]]:
        return sorted(self.organisations.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Matrix:
    role: str
    states: list[State]
    themes: list[Theme | None]
    cells: dict[tuple[int, int | None], Cell]
    state_totals: dict[int, Cell]
    theme_totals: dict[int | None, Cell]
    without_country: int = 0

    def cell(self, state: State, theme: Theme | None) -> Cell | None:
        return self.cells.get((state.pk, theme.pk if theme else None))

    @property
    def rows(self) -> list[tuple[State, list[Cell | None], Cell]]:
        return [
            (s, [self.cell(s, t) for t in self.themes], self.state_totals[s.pk])
            for s in self.states
        ]

    def long_rows(self) -> list[list[Any]]:
        """One row per state, theme and organisation: for the spreadsheet."""
        out: list[list[Any]] = []
        for state in self.states:
            for theme in self.themes:
                cell = self.cell(state, theme)
                if cell is None:
                    continue
                for name, amount in cell.organisation_list:
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


ROLE_CODES = {"funder": "1", "implementer": "4"}


def _projects_for_aggregation(user: Any, **filters: str) -> QuerySet[Project]:
    return project_list(user, **filters).prefetch_related(
        "themes", "countries__state", "participating_organisations__organisation"
    )


def _short(org: ParticipatingOrganisation) -> str:
    """The directory acronym when the organisation is known (compact matrix cells)."""
    if org.organisation is not None and org.organisation.acronym:
        return org.organisation.acronym
    return org.label


def _country_shares(project: Project) -> list[tuple[ProjectCountry, Decimal]]:
    countries = [c for c in project.countries.all() if c.state_id]
    if not countries:
        return []
    given = [c.percentage for c in countries if c.percentage is not None]
    total = sum(given, Decimal(0))
    if len(given) == len(countries) and total > 0:
        return [(c, (c.percentage or Decimal(0)) / total) for c in countries]
    return [(c, Decimal(1) / len(countries)) for c in countries]


def who_does_what_where(user: Any, *, role: str = "funder", **filters: str) -> Matrix:
    """State x theme, each cell listing the funders (or implementers) with USD amounts.

    A project's amount (budget, else commitments, in USD) is shared among its recipient
    countries by their percentages (equally when none are given), then equally among its
    themes and among its organisations of the chosen role; multi-country projects therefore
    add up to their amount once. Projects without a recipient country are counted apart.
    """
    code = ROLE_CODES.get(role, "1")
    cells: dict[tuple[int, int | None], Cell] = {}
    state_totals: dict[int, Cell] = defaultdict(Cell)
    theme_totals: dict[int | None, Cell] = defaultdict(Cell)
    states: dict[int, State] = {}
    themes: dict[int | None, Theme | None] = {}
    without_country = 0
    for project in _projects_for_aggregation(user, **filters):
        shares = _country_shares(project)
        if not shares:
            without_country += 1
            continue
        amount = project.amount_usd or Decimal(0)
        project_themes: list[Theme | None] = list(project.themes.all()) or [None]
        orgs = [o.label for o in project.participating_organisations.all() if o.role == code] or [
            project.reporting_org_name or project.reporting_org_ref or "?"
        ]
        for country, share in shares:
            state = country.state
            if state is None:
                continue
            states[state.pk] = state
            for theme in project_themes:
                key = theme.pk if theme else None
                themes[key] = theme
                part = amount * share / len(project_themes)
                cell = cells.setdefault((state.pk, key), Cell())
                cell.projects.add(project.pk)
                cell.amount += part
                for org in orgs:
                    cell.organisations[org] += part / len(orgs)
                for total in (state_totals[state.pk], theme_totals[key]):
                    total.projects.add(project.pk)
                    total.amount += part
    ordered_themes = sorted(
        themes.values(), key=lambda t: (t is None, t.order if t else 0, t.code if t else "")
    )
    return Matrix(
        role=role,
        states=sorted(states.values(), key=lambda s: s.display_name),
        themes=ordered_themes,
        cells=cells,
        state_totals=dict(state_totals),
        theme_totals=dict(theme_totals),
        without_country=without_country,
    )


def map_data(user: Any, **filters: str) -> dict[str, Any]:
    """Assistance by recipient state: projects and USD amount (shared by country percentage),
    keyed by M49 code as in the shipped world atlas."""
    per_state: dict[int, dict[str, Any]] = {}
    for project in _projects_for_aggregation(user, **filters):
        amount = project.amount_usd or Decimal(0)
        for country, share in _country_shares(project):
            state = country.state
            if state is None:
                continue
            entry = per_state.setdefault(
                state.pk,
                {
                    "m49": state.m49,
                    "iso3": state.iso3,
                    "name": state.display_name,
                    "projects": 0,
                    "amount_usd": Decimal(0),
                },
            )
            entry["projects"] += 1
            entry["amount_usd"] += amount * share
    rows = sorted(per_state.values(), key=lambda e: -e["amount_usd"])
    for row in rows:
        row["amount_usd"] = float(round(row["amount_usd"], 2))
    return {"states": rows, "max_amount_usd": max((r["amount_usd"] for r in rows), default=0)}


# -- dashboards -----------------------------------------------------------------------------


def donors(user: Any) -> list[dict[str, Any]]:
    """Organisations that fund visible projects or made visible contributions."""
    funded = (
        ParticipatingOrganisation.objects.filter(
            role="1", project__in=project_visible(user), organisation__isnull=False
        )
        .values("organisation_id")
        .annotate(n=Count("project", distinct=True))
    )
    counts = {row["organisation_id"]: row["n"] for row in funded}
    contributed = access.visible(user, Contribution.objects.all()).values("donor_id")
    ids = set(counts) | {row["donor_id"] for row in contributed}
    return [
        {"organisation": org, "projects": counts.get(org.pk, 0)}
        for org in Organisation.objects.filter(pk__in=ids).order_by("name")
    ]


def donor_summary(user: Any, organisation: Organisation) -> dict[str, Any]:
    projects = (
        project_visible(user)
        .filter(
            Q(
                participating_organisations__organisation=organisation,
                participating_organisations__role="1",
            )
            | Q(reporting_organisation=organisation)
        )
        .distinct()
    )
    contributions = access.visible(user, Contribution.objects.filter(donor=organisation))
    by_year = list(
        contributions.values("year")
        .annotate(pledged=Sum("pledged_usd"), paid=Sum("paid_usd"))
        .order_by("year")
    )
    by_state: dict[str, Decimal] = defaultdict(Decimal)
    by_channel: dict[str, Decimal] = defaultdict(Decimal)
    for project in projects.prefetch_related("countries__state"):
        amount = project.amount_usd or Decimal(0)
        by_channel[project.get_channel_display() or "?"] += amount
        for country, share in _country_shares(project):
            if country.state is None:
                continue
            by_state[country.state.display_name] += amount * share
    return {
        "projects": projects.order_by("title"),
        "contributions": contributions.order_by("-year"),
        "by_year": by_year,
        "by_state": sorted(by_state.items(), key=lambda kv: -kv[1]),
        "by_channel": sorted(by_channel.items(), key=lambda kv: -kv[1]),
        "total_usd": sum((p.amount_usd or Decimal(0) for p in projects), Decimal(0)),
    }


def recipient_summary(user: Any, state: State) -> dict[str, Any]:
    projects = project_list(user, state=state.iso3).prefetch_related(
        "participating_organisations__organisation", "themes", "countries"
    )
    by_funder: dict[str, Decimal] = defaultdict(Decimal)
    by_theme: dict[str, Decimal] = defaultdict(Decimal)
    by_channel: dict[str, Decimal] = defaultdict(Decimal)
    total = Decimal(0)
    for project in projects:
        share = next((s for c, s in _country_shares(project) if c.state_id == state.pk), Decimal(0))
        amount = (project.amount_usd or Decimal(0)) * share
        total += amount
        funders = [_short(o) for o in project.participating_organisations.all() if o.role == "1"]
        funders = funders or [project.reporting_org_name or project.reporting_org_ref]
        for funder in funders:
            by_funder[funder] += amount / len(funders)
        themes = [t.title for t in project.themes.all()] or [str(_("No theme linked"))]
        for theme in themes:
            by_theme[theme] += amount / len(themes)
        by_channel[project.get_channel_display() or "?"] += amount
    earmarked = access.visible(user, Contribution.objects.filter(earmark_state=state))
    return {
        "projects": projects,
        "total_usd": total,
        "by_funder": sorted(by_funder.items(), key=lambda kv: -kv[1]),
        "by_theme": sorted(by_theme.items(), key=lambda kv: -kv[1]),
        "by_channel": sorted(by_channel.items(), key=lambda kv: -kv[1]),
        "earmarked_contributions": earmarked.select_related("donor"),
    }
