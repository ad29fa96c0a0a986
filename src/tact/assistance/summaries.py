"""Keeping the assistance summaries up to date (see :mod:`tact.assistance.summary_models`).

``project_facts`` turns one project into its summary facts; ``refresh_projects(ids)``
replaces the facts of those projects (deleted ones simply lose theirs) and re-sums only the
summary rows whose keys they touched; ``rebuild`` does it for every project (after a large
import, or ``tact refresh-summaries``). ``recompute`` sums facts freshly computed from the
records without touching the tables: the tests compare it with the stored summaries.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.db import connection, transaction
from django.db.models import Prefetch, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from tact.assistance.models import ParticipatingOrganisation, Project, ProjectCountry
from tact.assistance.summary_models import (
    AssistanceSummary,
    DerivedFigures,
    SummaryColumns,
    SummaryFact,
    SummaryLevel,
    SummaryVersion,
)
from tact.core import pagecache
from tact.core.bulk import insert_rows
from tact.core.loading import is_raw_loading
from tact.core.prefetched import Listed, related

CHUNK = 2000
REBUILD_ABOVE = 5000
"""Refreshing more projects than this rebuilds everything (one pass is cheaper)."""

DIMENSIONS = (
    "level",
    "state_id",
    "theme_id",
    "role",
    "organisation",
    "organisation_id",
    "channel",
    "year",
    "classification",
    "owner_state_id",
    "owner_organisation_id",
    "created_by_id",
)
MEASURES = ("projects", "amount_usd", "budget_usd")
ROLES = ("1", "4")


def _key(values: dict[str, Any]) -> str:
    return _key_of(tuple([values[d] for d in DIMENSIONS]))


@lru_cache(maxsize=65536)
def _key_of(dimensions: tuple[Any, ...]) -> str:
    """The key of a summary row. Cached: a key is the row's dimensions, which recur from one
    project to the next (the same states, organisations, themes, years, owners), and hashing
    them was a third of summing a new project's facts."""
    text = "\x1f".join("" if value is None else str(value) for value in dimensions)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _shares(project: Project) -> list[tuple[int, Decimal]]:
    """(state pk, share) of a project's recipient states: by percentage when every country
    has one and they add up to more than 0, else equal (as the pages always did)."""
    countries = [c for c in related(project, "countries") if c.state_id]
    if not countries:
        return []
    given = [c.percentage for c in countries if c.percentage is not None]
    total = sum(given, Decimal(0))
    if len(given) == len(countries) and total > 0:
        return [(int(c.state_id), (c.percentage or Decimal(0)) / total) for c in countries]
    return [(int(c.state_id), Decimal(1) / len(countries)) for c in countries]


def _organisations(project: Project, role: str, listed: list[Any]) -> list[tuple[str, int | None]]:
    # The same organisation listed twice is one organisation (its share is not doubled).
    orgs = list(dict.fromkeys((o.label, o.organisation_id) for o in listed if o.role == role))
    if orgs:
        return orgs
    fallback = project.reporting_org_name or project.reporting_org_ref or "?"
    return [(fallback, project.reporting_organisation_id)]


def project_facts(project: Project) -> list[dict[str, Any]]:
    """The summary facts of one project (needs ``countries``, ``themes`` and
    ``participating_organisations`` prefetched for speed, not for correctness)."""
    start = project.actual_start or project.planned_start
    base: dict[str, Any] = {
        "state_id": None,
        "theme_id": None,
        "role": "",
        "organisation": "",
        "organisation_id": None,
        "channel": project.channel_override or project.channel_derived,
        "year": start.year if start else None,
        "classification": project.classification,
        "owner_state_id": project.owner_state_id,
        "owner_organisation_id": project.owner_organisation_id,
        "created_by_id": project.created_by_id,
        "projects": 1,
        "amount_usd": Decimal(0),
        "budget_usd": Decimal(0),
    }
    amount = project.amount_usd or Decimal(0)
    facts = [{**base, "level": SummaryLevel.ALL, "amount_usd": amount,
              "budget_usd": project.budget_usd or Decimal(0)}]  # fmt: skip
    # The matrix levels are read without years: leaving the year out makes their rows about
    # twenty times fewer (per state, theme and organisation rather than nearly per project).
    timeless = {**base, "year": None}
    shares = _shares(project)
    themes: list[int | None] = [t.pk for t in related(project, "themes")] or [None]
    listed = list(related(project, "participating_organisations"))
    organisations = {role: _organisations(project, role, listed) for role in ROLES}
    if not shares:
        facts.append({**base, "level": SummaryLevel.STATE, "amount_usd": amount})
    for state_id, share in shares:
        part = amount * share
        facts.append({**base, "level": SummaryLevel.STATE, "state_id": state_id,
                      "amount_usd": part})  # fmt: skip
        for theme_id in themes:
            in_theme = part / len(themes)
            facts.append({**timeless, "level": SummaryLevel.CELL, "state_id": state_id,
                          "theme_id": theme_id, "amount_usd": in_theme})  # fmt: skip
            for role, orgs in organisations.items():
                for label, org_id in orgs:
                    facts.append({**timeless, "level": SummaryLevel.ORGANISATION,
                                  "state_id": state_id, "theme_id": theme_id, "role": role,
                                  "organisation": label[:300], "organisation_id": org_id,
                                  "amount_usd": in_theme / len(orgs)})  # fmt: skip
    if shares:
        for theme_id in themes:
            facts.append({**timeless, "level": SummaryLevel.THEME, "theme_id": theme_id,
                          "amount_usd": amount / len(themes)})  # fmt: skip
    donors = {o.organisation_id for o in listed
              if o.role == "1" and o.organisation_id}  # fmt: skip
    if project.reporting_organisation_id:
        donors.add(project.reporting_organisation_id)
    for donor in sorted(donors):
        # The project counts once per donor (on its first state), so that the donor's
        # projects add up across states; the amount is shared among them.
        places: list[tuple[int | None, Decimal]] = [*shares] or [(None, Decimal(1))]
        for n, (place, share) in enumerate(places):
            facts.append({**base, "level": SummaryLevel.DONOR, "organisation_id": donor,
                          "state_id": place, "amount_usd": amount * share,
                          "projects": 1 if n == 0 else 0})  # fmt: skip
    for fact in facts:
        fact["key"] = _key(fact)
    return facts


THEME: Any = Project._meta.get_field("themes").related_model
FACT_FIELDS = (
    "channel_override", "channel_derived", "actual_start", "planned_start", "classification",
    "owner_state_id", "owner_organisation_id", "created_by_id", "budget_usd", "commitment_usd",
    "reporting_org_name", "reporting_org_ref", "reporting_organisation_id", "title",
)  # fmt: skip


def _projects(ids: Iterable[int] | None) -> Iterator[Project]:
    qs = Project.objects.all() if ids is None else Project.objects.filter(pk__in=list(ids))
    pks = list(qs.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), CHUNK):
        # Only what project_facts reads: a project row is wide (its IATI document above all).
        chunk = (
            Project.objects.filter(pk__in=pks[start : start + CHUNK])
            .only(*FACT_FIELDS)
            .prefetch_related(
                Prefetch(
                    "countries",
                    ProjectCountry.objects.only("project_id", "state_id", "percentage"),
                ),
                Prefetch("themes", THEME.objects.only("pk")),
                Prefetch(
                    "participating_organisations",
                    ParticipatingOrganisation.objects.only(
                        "project_id", "role", "name", "ref", "organisation_id", "order"
                    ),
                ),
            )
        )
        yield from chunk


PLAIN_FIELDS = (
    "pk", "channel_override", "channel_derived", "actual_start", "planned_start",
    "classification", "owner_state_id", "owner_organisation_id", "created_by_id", "budget_usd",
    "commitment_usd", "reporting_org_name", "reporting_org_ref", "reporting_organisation_id",
)  # fmt: skip


def _plain_projects(ids: Iterable[int] | None) -> Iterator[Any]:
    """What :func:`project_facts` reads, as plain objects from value tuples: a model
    instance per project and child row cost three quarters of a rebuild. ``recompute`` (the
    tests' reference) keeps reading model instances through :func:`_projects`."""
    qs = Project.objects.all() if ids is None else Project.objects.filter(pk__in=list(ids))
    pks = list(qs.order_by("pk").values_list("pk", flat=True))
    through = Project.themes.through
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        countries: dict[int, Listed] = defaultdict(Listed)
        # In the models' own order (the first state carries a donor's project count).
        for project_id, state_id, percentage in (
            ProjectCountry.objects.filter(project_id__in=chunk)
            .order_by("project_id", "code", "pk")
            .values_list("project_id", "state_id", "percentage")
        ):
            countries[project_id].append(SimpleNamespace(state_id=state_id, percentage=percentage))
        themes: dict[int, Listed] = defaultdict(Listed)
        for project_id, theme_id in (
            through.objects.filter(project_id__in=chunk)
            .order_by("theme_id")
            .values_list("project_id", "theme_id")
        ):
            themes[project_id].append(SimpleNamespace(pk=theme_id))
        organisations: dict[int, Listed] = defaultdict(Listed)
        for project_id, role, name, ref, org_id in (
            ParticipatingOrganisation.objects.filter(project_id__in=chunk)
            .order_by("project_id", "order", "pk")
            .values_list("project_id", "role", "name", "ref", "organisation_id")
        ):
            organisations[project_id].append(
                SimpleNamespace(role=role, label=name or ref or "?", organisation_id=org_id)
            )
        for values in (
            Project.objects.filter(pk__in=chunk).order_by("pk").values_list(*PLAIN_FIELDS)
        ):
            project = SimpleNamespace(**dict(zip(PLAIN_FIELDS, values, strict=True)))
            project.amount_usd = (
                project.budget_usd if project.budget_usd is not None else project.commitment_usd
            )
            project.countries = countries.get(project.pk, Listed())
            project.themes = themes.get(project.pk, Listed())
            project.participating_organisations = organisations.get(project.pk, Listed())
            yield project


def _sum_rows(keys: Iterable[str] | None) -> list[AssistanceSummary]:
    facts = SummaryFact.objects.all()
    if keys is not None:
        facts = facts.filter(key__in=list(keys))
    rows = facts.values("key", *DIMENSIONS).annotate(
        n=Sum("projects"), amount=Sum("amount_usd"), budget=Sum("budget_usd")
    )
    return [
        AssistanceSummary(
            **{k: row[k] for k in ("key", *DIMENSIONS)},
            projects=row["n"] or 0,
            amount_usd=row["amount"] or 0,
            budget_usd=row["budget"] or 0,
        )
        for row in rows
    ]


FACT_COLUMNS = ("project_id", "key", *DIMENSIONS, *MEASURES)


def _insert_facts(facts: list[tuple[int, dict[str, Any]]]) -> None:
    """Facts as tuples straight to the table (a model instance per fact cost more than the
    import writing the projects); amounts prepared as Django would (same rounding)."""
    from django.db import connection

    from tact.assistance.bulk import Table

    amount = SummaryFact._meta.get_field("amount_usd")
    budget = SummaryFact._meta.get_field("budget_usd")
    table = Table(SummaryFact, FACT_COLUMNS)
    rows = []
    for project_id, fact in facts:
        # A finite Decimal is what the field would give back (its preparation copies it).
        value = fact["amount_usd"]
        if type(value) is not Decimal or not value.is_finite():
            fact["amount_usd"] = amount.get_db_prep_save(value, connection)
        value = fact["budget_usd"]
        if type(value) is not Decimal or not value.is_finite():
            fact["budget_usd"] = budget.get_db_prep_save(value, connection)
        rows.append((project_id, *(fact[c] for c in FACT_COLUMNS[1:])))
    for start in range(0, len(rows), 5000):
        table.write(rows[start : start + 5000])


def version() -> int:
    """The summaries' current version (0 before any change)."""
    number = SummaryVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return int(number or 0)


def _bump() -> None:
    """A new version, in the transaction that changed the summaries: readers see it when
    they see the new sums, and figures derived from the old ones are dropped."""
    # One upsert, not update-then-create: two writers that both find no row would otherwise
    # both insert it, and the second fails on the primary key (seen on PostgreSQL).
    table = connection.ops.quote_name(SummaryVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, number) VALUES (1, 1) "  # noqa: S608  (no user input)
            f"ON CONFLICT (id) DO UPDATE SET number = {table}.number + 1"
        )
    DerivedFigures.objects.all().delete()
    pagecache.changed()


@transaction.atomic
def refresh_projects(ids: Iterable[int]) -> int:
    """Bring the summaries up to date for these projects (changed, created or deleted)."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    if len(ids) > REBUILD_ABOVE:
        return rebuild()
    keys: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        old = SummaryFact.objects.filter(project_id__in=chunk)
        keys.update(old.values_list("key", flat=True))
        old.delete()
    new: list[tuple[int, dict[str, Any]]] = []
    for project in _plain_projects(ids):
        for fact in project_facts(project):
            keys.add(fact["key"])
            new.append((project.pk, fact))
        if len(new) >= 5000:  # bounded memory for large refreshes
            _insert_facts(new)
            new = []
    _insert_facts(new)
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start : start + CHUNK]
        AssistanceSummary.objects.filter(key__in=part).delete()
        AssistanceSummary.objects.bulk_create(_sum_rows(part), batch_size=1000)
    _bump()
    return len(ids)


@transaction.atomic
def rebuild() -> int:
    """Recompute every fact and summary from the projects.

    Facts go in as tuples (COPY on PostgreSQL) and the sums are one INSERT ... SELECT ...
    GROUP BY: at 10^5 projects (10^6 facts) model instances cost more than the database work.
    """
    SummaryFact.objects.all().delete()
    AssistanceSummary.objects.all().delete()
    count = 0
    batch: list[tuple[Any, ...]] = []
    table = SummaryFact._meta.db_table
    for project in _plain_projects(None):
        count += 1
        for fact in project_facts(project):
            # level is a TextChoices member: COPY wants the plain string.
            batch.append((project.pk, fact["key"], str(fact["level"]),
                          *(fact[c] for c in FACT_COLUMNS[3:])))  # fmt: skip
        if len(batch) >= 20000:
            insert_rows(table, FACT_COLUMNS, batch)
            batch = []
    insert_rows(table, FACT_COLUMNS, batch)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in ("key", *DIMENSIONS, *MEASURES))
    # The key is a hash of the dimensions: group by it alone (one short column to sort).
    same = ", ".join(f"MIN({quote(d)})" for d in DIMENSIONS)
    sums = ", ".join(f"SUM({quote(m)})" for m in MEASURES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(AssistanceSummary._meta.db_table)} ({columns}) "  # noqa: S608
            f"SELECT {quote('key')}, {same}, {sums} FROM {quote(table)} GROUP BY {quote('key')}"
        )
    _bump()
    return count


def recompute() -> dict[str, tuple[int, Decimal, Decimal]]:
    """{key: (projects, amount, budget)} summed from facts freshly computed from the records,
    rounded as the database stores them (for tests and ``--check``)."""
    sums: dict[str, list[Any]] = {}
    for project in _projects(None):
        for fact in project_facts(project):
            entry = sums.setdefault(fact["key"], [0, Decimal(0), Decimal(0)])
            entry[0] += fact["projects"]
            entry[1] += round(fact["amount_usd"], 6)
            entry[2] += round(fact["budget_usd"], 6)
    return {k: (v[0], v[1], v[2]) for k, v in sums.items()}


_deferred: ContextVar[set[int] | None] = ContextVar("assistance_summaries_deferred", default=None)


@contextmanager
def deferred() -> Iterator[None]:
    """Within this block, record changes are collected and refreshed once at its end (the
    import writes thousands of projects; one refresh costs less than one per save)."""
    if _deferred.get() is not None:
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        pending = _deferred.get() or set()
    finally:
        _deferred.reset(token)
    refresh_projects(pending)


def _changed(project_id: int | None) -> None:
    if project_id is None:
        return
    pending = _deferred.get()
    if pending is not None:
        pending.add(project_id)
    else:
        refresh_projects([project_id])


def written(project_ids: Iterable[int]) -> None:
    """Tell the summaries that these projects were written in bulk (no signals)."""
    for pk in project_ids:
        _changed(pk)


def add_created(projects: Iterable[Project]) -> None:
    """Facts and sums of projects just created in bulk (they have no facts yet).

    Their facts are inserted and added to the summary rows they touch in one upsert, so the
    cost depends on the new projects only, not on how many each summary row already sums (a
    refresh re-sums those rows from all their facts). ``projects`` need their countries,
    themes and organisations at hand (see :func:`project_facts`).
    """
    facts = [(project.pk, fact) for project in projects for fact in project_facts(project)]
    if not facts:
        return
    _insert_facts(facts)
    ids = sorted({pk for pk, _fact in facts})
    quote = connection.ops.quote_name
    summary = quote(AssistanceSummary._meta.db_table)
    columns = ", ".join(quote(c) for c in ("key", *DIMENSIONS, *MEASURES))
    same = ", ".join(f"MIN({quote(d)})" for d in DIMENSIONS)
    sums = ", ".join(f"SUM({quote(m)})" for m in MEASURES)
    add = ", ".join(f"{quote(m)} = {summary}.{quote(m)} + excluded.{quote(m)}" for m in MEASURES)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {summary} ({columns}) SELECT {quote('key')}, {same}, {sums} "  # noqa: S608
            f"FROM {quote(SummaryFact._meta.db_table)} WHERE {quote('project_id')} IN ({marks}) "
            f"GROUP BY {quote('key')} ON CONFLICT ({quote('key')}) DO UPDATE SET {add}",
            ids,
        )


# Any write to a project or to the rows the summaries read keeps them right, including a
# classification change (which decides who sees the amounts) and edits made outside the
# services (fixtures, the shell). Deletes work because facts are keyed by id, not by a
# foreign key, so they are still there to subtract.
@receiver(post_save, sender=Project, dispatch_uid="assistance-summaries-project-save")
@receiver(post_delete, sender=Project, dispatch_uid="assistance-summaries-project-delete")
def _project_changed(sender: Any, instance: Project, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _changed(instance.pk)


@receiver(post_save, sender=ProjectCountry, dispatch_uid="assistance-summaries-country-save")
@receiver(post_delete, sender=ProjectCountry, dispatch_uid="assistance-summaries-country-del")
@receiver(post_save, sender=ParticipatingOrganisation, dispatch_uid="assistance-summaries-org")
@receiver(
    post_delete, sender=ParticipatingOrganisation, dispatch_uid="assistance-summaries-org-del"
)
def _child_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _changed(instance.project_id)


@receiver(m2m_changed, sender=Project.themes.through, dispatch_uid="assistance-summaries-themes")
def _themes_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not action.startswith("post_") or is_raw_loading():
        return
    if not reverse:
        _changed(instance.pk)
    else:
        for pk in pk_set or ():
            _changed(pk)


def stored() -> dict[str, tuple[int, Decimal, Decimal]]:
    return {
        row.key: (row.projects, row.amount_usd, row.budget_usd)
        for row in AssistanceSummary.objects.all()
    }


__all__ = [
    "SummaryColumns",
    "project_facts",
    "rebuild",
    "recompute",
    "refresh_projects",
    "stored",
]
