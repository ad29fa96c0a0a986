"""Reads for assistance coordination; every read applies the access rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from tact.assistance import keyset, permissions
from tact.assistance.models import (
    Contribution,
    ExchangeRate,
    ImportRun,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
    ProjectSector,
    Transaction,
)
from tact.core import access, prefetched
from tact.core.access import Actor
from tact.core.prepared import Prepared


def project_visible(user: Actor) -> QuerySet[Project]:
    return access.visible(user, Project.objects.all())


def project_order(q: str = "") -> tuple[str, ...]:
    """The keyset order of the project list: by title, except for a text search, whose
    matches come by record (an index walk by title would read every row before the first
    matching title; a common word matches evenly across records, a rare one is found
    through the trigram indexes)."""
    return ("pk",) if q.strip() else ("title", "pk")


def project_count_cap(q: str = "") -> int:
    return keyset.SEARCH_COUNT_CAP if q.strip() else keyset.COUNT_CAP


def project_list(
    user: Actor,
    *,
    q: str = "",
    state: str = "",
    theme: str = "",
    channel: str = "",
    organisation: str = "",
    status: str = "",
    sector: str = "",
) -> QuerySet[Project]:
    """Projects the user may see, filtered, by title. ``organisation`` is an IATI identifier
    or an organisation pk (matching the reporting or any participating organisation).

    Filters on child rows are ``pk IN (subquery)`` on indexed columns rather than joins, so
    the result needs no ``DISTINCT`` (which compared every column, the JSON one included).
    """
    qs = project_visible(user)
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(iati_identifier__icontains=q)
            | Q(description__icontains=q)
            | Q(reporting_org_name__icontains=q)
        )
    if state:
        qs = qs.filter(
            pk__in=ProjectCountry.objects.filter(state__iso3=state.upper()).values("project_id")
        )
    if theme:
        through = Project.themes.through
        qs = qs.filter(pk__in=through.objects.filter(theme__code=theme).values("project_id"))
    if channel:
        qs = qs.filter(
            Q(channel_override=channel) | Q(channel_override="", channel_derived=channel)
        )
    if organisation:
        participating = ParticipatingOrganisation.objects.filter(ref=organisation)
        match = Q(reporting_org_ref=organisation)
        if organisation.isdigit():
            match |= Q(reporting_organisation_id=int(organisation))
            participating = ParticipatingOrganisation.objects.filter(
                Q(ref=organisation) | Q(organisation_id=int(organisation))
            )
        qs = qs.filter(match | Q(pk__in=participating.values("project_id")))
    if status:
        qs = qs.filter(status=status)
    if sector:
        qs = qs.filter(pk__in=ProjectSector.objects.filter(code=sector).values("project_id"))
    return qs.order_by("title", "pk")


def transaction_list(
    user: Actor, *, project: int | None = None, type: str = "", year: int | None = None
) -> QuerySet[Transaction]:
    """Transactions of the projects the user may see (they inherit their project's access),
    by primary key: the keyset order of the API list."""
    qs = access.visible(user, Transaction.objects.select_related("project"))
    if project is not None:
        qs = qs.filter(project_id=project)
    if type:
        qs = qs.filter(type=type)
    if year is not None:
        qs = qs.filter(date__year=year)
    return qs.order_by("pk")


def project_get(user: Actor, pk: int) -> Project:
    return permissions.access_project(user, pk)


def contribution_list(
    user: Actor, *, donor: str = "", year: str = "", earmarking: str = ""
) -> QuerySet[Contribution]:
    qs = access.visible(user, Contribution.objects.select_related("donor", "earmark_theme"))
    if donor.isdigit():
        qs = qs.filter(donor_id=int(donor))
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if earmarking:
        qs = qs.filter(earmarking=earmarking)
    return qs.select_related("earmark_state").order_by("-year", "donor__name", "pk")


def contribution_get(user: Actor, pk: int) -> Contribution:
    return permissions.access_contribution(user, pk)


def exchange_rate_list(*, currency: str = "") -> QuerySet[ExchangeRate]:
    qs = ExchangeRate.objects.all()
    if currency:
        qs = qs.filter(currency=currency.upper())
    return qs.order_by("currency", "-date")


def import_runs(user: Actor) -> QuerySet[ImportRun]:
    return permissions.import_runs_visible(user)


def import_run_get(user: Actor, pk: int) -> ImportRun:
    return permissions.access_import_run(user, pk)


# The relations a project page lists, in the order it shows them.
PAGE_RELATIONS = [
    "participating_organisations", "countries", "regions", "sectors", "budgets",
    "transactions", "documents", "results", "provisions", "themes", "needs",
    "results_frameworks", "evaluations",
]  # fmt: skip


def project_for_page(user: Actor, pk: int) -> Project:
    """The project, if the viewer may see it (404 otherwise)."""
    return permissions.access_project(user, pk)


def _related(name: str) -> Any:
    return Project._meta.get_field(name).related_model


# The page's reads whose shape never changes, compiled once per process (core.prepared):
# compiling them cost several times what running them does (issue 19). Each equals the
# relation's own manager, in its order (test_project_page checks every one).
PAGE_READS: dict[str, Prepared[Any]] = {
    "participating_organisations": Prepared(
        lambda key: ParticipatingOrganisation.objects.filter(project_id=key).select_related(
            "organisation"
        )
    ),
    "countries": Prepared(
        lambda key: ProjectCountry.objects.filter(project_id=key).select_related("state")
    ),
    "regions": Prepared(lambda key: _related("regions").objects.filter(project_id=key)),
    "sectors": Prepared(lambda key: ProjectSector.objects.filter(project_id=key)),
    "budgets": Prepared(lambda key: _related("budgets").objects.filter(project_id=key)),
    "transactions": Prepared(lambda key: Transaction.objects.filter(project_id=key)),
    "documents": Prepared(lambda key: _related("documents").objects.filter(project_id=key)),
    "provisions": Prepared(
        lambda key: (
            _related("provisions").objects.filter(projects__id=key).select_related("instrument")
        )
    ),
    "themes": Prepared(lambda key: _related("themes").objects.filter(projects__id=key)),
}


def project_page(user: Actor, project: Project) -> dict[str, Any]:
    """What a project's page lists, each relation as the viewer may see it.

    A project fills a few of its thirteen relations; only those are read, after one query
    that asks which (a cold page was mostly queries for empty lists at 10^6 projects, issue
    19). The relations of the project itself follow its access; needs, frameworks and
    evaluations are records of their own, filtered for the viewer.
    """
    filled = prefetched.non_empty(project, PAGE_RELATIONS)
    using = project._state.db or "default"

    def rows(name: str, query: Callable[[], Any] | None = None) -> Any:
        if name not in filled:
            return prefetched.Listed()
        if query is None:
            return prefetched.Listed(PAGE_READS[name](project.pk, using=using))
        return query()

    return {
        "participants": rows("participating_organisations"),
        "countries": rows("countries"),
        "regions": rows("regions"),
        "sectors": rows("sectors"),
        "budgets": rows("budgets"),
        "transactions": rows("transactions"),
        "documents": rows("documents"),
        "results": rows("results", lambda: project.results.prefetch_related("indicators")),
        "provisions": rows("provisions"),
        "project_themes": rows("themes"),
        "needs": rows("needs", lambda: access.visible(user, project.needs.select_related("state"))),
        # Through reverse relations, so assistance does not import the evaluation app.
        "frameworks": rows(
            "results_frameworks", lambda: access.visible(user, project.results_frameworks.all())
        ),
        "evaluations": rows("evaluations", lambda: access.visible(user, project.evaluations.all())),
    }
