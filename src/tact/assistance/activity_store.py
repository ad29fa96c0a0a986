"""Storing validated IATI activities as projects, in batches of tuples.

New projects and all child rows go to the database as tuples (:mod:`tact.assistance.bulk`);
an updated project is saved through the ORM (updates are the rare case, and its results are
updated in place because evaluations link to them).  Whether a stored activity is skipped is
decided before anything is built (:mod:`tact.assistance.activity_skip`).  Nothing here sends
model signals for the rows it writes, so each batch tells the summaries
(``summaries.written``) and the site search itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _

from tact.assistance import summaries
from tact.assistance.activity_rows import (
    BUDGET_COLUMNS,
    COUNTRY_COLUMNS,
    DOCUMENT_COLUMNS,
    INDICATOR_COLUMNS,
    PARTICIPATING_COLUMNS,
    PROJECT_VALUE_COLUMNS,
    REGION_COLUMNS,
    RESULT_COLUMNS,
    SECTOR_COLUMNS,
    TRANSACTION_COLUMNS,
    Lookups,
    Row,
    _aware,
    _cut,
    activity_document,
    child_rows,
    indicator_values,
    project_values,
    result_rows,
    result_values,
    totals,
)
from tact.assistance.activity_skip import same_document, skip_reason
from tact.assistance.bulk import Table
from tact.assistance.iati import Activity
from tact.assistance.import_effects import Detached, created
from tact.assistance.models import (
    Budget,
    ImportRun,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
    ProjectDocument,
    ProjectRegion,
    ProjectResult,
    ProjectSector,
    ResultIndicator,
    Transaction,
)
from tact.core import access
from tact.core.bulk import select_in
from tact.search.documents import index_records_bulk

CHILD_TABLES: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "participating": (ParticipatingOrganisation, PARTICIPATING_COLUMNS),
    "country": (ProjectCountry, COUNTRY_COLUMNS),
    "region": (ProjectRegion, REGION_COLUMNS),
    "sector": (ProjectSector, SECTOR_COLUMNS),
    "budget": (Budget, BUDGET_COLUMNS),
    "transaction": (Transaction, TRANSACTION_COLUMNS),
    "document": (ProjectDocument, DOCUMENT_COLUMNS),
}
PROJECT_FIXED = (
    "iati_identifier", "origin", "import_run_id", "owner_organisation_id", "created_by_id",
    "is_demo", "classification", "iati_activity", "budget_usd", "commitment_usd",
    "disbursement_usd",
)  # fmt: skip
DATETIME_VALUES = ("last_updated",)


@dataclass
class _Item:
    """One valid activity on its way to the database."""

    line: int | None
    title: str
    activity: Activity
    note: str = ""
    xml: str = ""
    digest: str = ""
    version: str = ""
    project: Project | None = None
    """The stored project being updated (None for a new one)."""
    project_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    children: dict[str, list[Row]] = field(default_factory=dict)
    fresh: bool = True


class Tables:
    """The tables an import writes, their columns and defaults resolved once per run."""

    def __init__(self) -> None:
        self.project_columns = PROJECT_FIXED + PROJECT_VALUE_COLUMNS
        self.project = Table(Project, self.project_columns)
        self.children = {
            key: Table(model, columns) for key, (model, columns) in CHILD_TABLES.items()
        }
        self.result = Table(ProjectResult, RESULT_COLUMNS)
        self.indicator = Table(ResultIndicator, INDICATOR_COLUMNS)


_tables: dict[str, Tables] = {}


def tables() -> Tables:
    """Per database vendor (the defaults are prepared for it)."""
    found = _tables.get(connection.vendor)
    if found is None:
        found = _tables[connection.vendor] = Tables()
    return found


def prepare(
    item: _Item,
    existing: Project | None,
    *,
    actor: Any,
    lookups: Lookups,
    run: ImportRun | None,
    origin: str,
    classification: str | None,
) -> None:
    """Fill item.values and item.children (tuples) for a new or updated project.

    Raises ValueError for values the database cannot hold.
    """
    activity = item.activity
    values = project_values(activity, lookups)
    values["iati_activity"] = activity_document(
        activity, xml=item.xml, digest=item.digest, version=item.version
    )
    children = child_rows(activity, lookups)
    values.update(totals(children))
    item.children = children
    item.values = values
    if existing is not None:
        item.fresh = False
        item.project = existing
        for key, value in values.items():
            setattr(existing, key, value)
        if run is not None:
            existing.import_run = run
        return
    item.fresh = True
    scope = access.scope_of(actor)
    owner_org = values["reporting_organisation_id"]
    if owner_org is None and scope.organisation_ids:
        owner_org = next(iter(scope.organisation_ids))
    author = access.author_of(actor)
    values.update(
        iati_identifier=_cut(activity.identifier, 200),
        origin=origin,
        import_run_id=run.pk if run is not None else None,
        owner_organisation_id=owner_org,
        created_by_id=author.pk if author is not None else None,
        is_demo=origin == Project.Origin.DEMO,
        classification=classification or Project._meta.get_field("classification").default,
    )


def _new_projects(items: list[_Item], t: Tables) -> None:
    from tact.assistance.bulk import json_text

    columns = t.project_columns
    rows = []
    for item in items:
        values = dict(item.values)
        values["iati_activity"] = json_text(values["iati_activity"])
        for key in DATETIME_VALUES:
            values[key] = t.project.moment(values[key])
        rows.append(tuple(values[c] for c in columns))
    t.project.write(rows)
    ids = dict(
        select_in(
            t.project.table,
            ("iati_identifier", "id"),
            "iati_identifier",
            [i.values["iati_identifier"] for i in items],
        )
    )
    for item in items:
        item.project_id = ids[item.values["iati_identifier"]]


def _write(items: list[_Item]) -> None:
    """Save prepared items (call in a transaction): new projects and every child row as
    tuples in one statement per table; updated projects through the ORM."""
    t = tables()
    fresh = [i for i in items if i.fresh]
    old = [i for i in items if not i.fresh and i.project is not None]
    if fresh:
        _new_projects(fresh, t)
    for item in old:
        assert item.project is not None  # noqa: S101 - filtered above
        item.project.save()
        item.project_id = item.project.pk
    if old:
        ids = [i.project_id for i in old]
        for model, _columns in CHILD_TABLES.values():
            model.objects.filter(project_id__in=ids)._raw_delete(model.objects.db)
    for key, table in t.children.items():
        rows = [(i.project_id, *row) for i in items for row in i.children.get(key, ())]
        if rows:
            table.write(rows)
    _write_results(fresh, t)
    for item in old:
        assert item.project is not None  # noqa: S101 - filtered above
        _save_results(item.project, item.activity)


def _write_results(items: list[_Item], t: Tables) -> None:
    pending = [(i.project_id, result_rows(i.activity)) for i in items]
    rows = [(pid, *row) for pid, results in pending for row, _indicators in results]
    if not rows:
        return
    t.result.write(rows)
    ids: dict[tuple[int | None, int], int] = {
        (pid, order): pk
        for pk, pid, order in select_in(
            t.result.table,
            ("id", "project_id", "order"),
            "project_id",
            [pid for pid, results in pending if results],
        )
    }
    indicators = [
        (ids[(pid, i)], *indicator)
        for pid, results in pending
        for i, (_row, rows_of) in enumerate(results)
        for indicator in rows_of
    ]
    if indicators:
        t.indicator.write(indicators)


def _save_results(project: Project, activity: Activity) -> None:
    """Results and indicators of an updated project, updated in place by position.

    Why in place: the evaluation domain links its records to results and indicators; deleting
    and recreating them on every re-import would break those links.
    """
    existing = list(project.results.order_by("order"))
    for i, result in enumerate(activity.results):
        values = result_values(result, i)
        if i < len(existing):
            row = existing[i]
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
            indicators = list(row.indicators.order_by("order"))
        else:
            row = ProjectResult.objects.create(project=project, **values)
            indicators = []
        for j, indicator in enumerate(result.indicators):
            ivalues = indicator_values(indicator, j)
            if j < len(indicators):
                irow = indicators[j]
                for key, value in ivalues.items():
                    setattr(irow, key, value)
                irow.save()
            else:
                ResultIndicator.objects.create(result=row, **ivalues)
        for stale in indicators[len(result.indicators) :]:
            stale.delete()
    for stale_result in existing[len(activity.results) :]:
        stale_result.delete()


def _reset(item: _Item) -> None:
    """After a rolled-back batch, make a new project unwritten again for the retry."""
    if item.fresh:
        item.project_id = None


def _written(ids: list[int]) -> None:
    """Tell the summaries and the site search about projects written without signals."""
    if not ids:
        return
    summaries.written(ids)
    projects = Project.objects.filter(pk__in=ids).defer("iati_activity")
    index_records_bulk(projects.prefetch_related("countries__state"))


def save_activity(
    activity: Activity,
    *,
    actor: Any,
    lookups: Lookups | None = None,
    run: ImportRun | None = None,
    origin: str = Project.Origin.IATI,
    classification: str | None = None,
    force: bool = False,
) -> tuple[Project | None, str, str]:
    """Create or update the project of one activity.

    Returns (project, outcome, reason) with outcome "imported", "updated" or "skipped".
    Raises PermissionDenied when the actor may not change an existing project, ValueError
    for values the database cannot hold.  Call inside a transaction.
    """
    lookups = lookups or Lookups()
    existing = Project.objects.filter(iati_identifier=activity.identifier).first()
    if existing is not None and not force:
        document = activity_document(activity)
        reason = skip_reason(
            existing.last_updated,
            _aware(activity.last_updated),
            lambda: same_document(existing, document),
        )
        if reason:
            return existing, "skipped", reason
    if existing is not None and not access.can_edit(actor, existing):
        raise PermissionDenied(_("you may not update this project"))
    item = _Item(line=None, title="", activity=activity)
    prepare(
        item,
        existing,
        actor=actor,
        lookups=lookups,
        run=run,
        origin=origin,
        classification=classification,
    )
    _write([item])
    assert item.project_id is not None  # noqa: S101 - written above
    _written([item.project_id])
    return (
        Project.objects.get(pk=item.project_id),
        "imported" if item.fresh else "updated",
        "",
    )


class BatchWriter:
    """Collects valid activities and writes them in batches (a few statements per batch).

    A batch that fails in the database is retried one activity at a time, so one bad
    activity is rejected on its own and the others are kept.
    """

    def __init__(
        self,
        *,
        actor: Any,
        lookups: Lookups,
        run: ImportRun | None,
        record: Callable[[_Item, str, str], None],
        size: int = 200,
    ) -> None:
        self.actor, self.lookups, self.run, self.record = actor, lookups, run, record
        self.size = size
        self.detached = Detached()
        self.items: list[_Item] = []
        self.identifiers: set[str] = set()

    def add(self, item: _Item) -> None:
        if item.activity.identifier in self.identifiers:
            self.flush()  # the same activity twice in a file: the second sees the first
        self.items.append(item)
        self.identifiers.add(item.activity.identifier)
        if len(self.items) >= self.size:
            self.flush()

    def _ready(self, items: list[_Item]) -> list[_Item]:
        """Prepared items; the others are reported (skipped, rejected) here."""
        identifiers = [i.activity.identifier for i in items]
        # Which are stored, read raw first: in a first import none is, and the ORM's lookup
        # of a few hundred identifiers would cost more than the query.
        found = [
            identifier
            for (identifier,) in select_in(
                Project._meta.db_table, ("iati_identifier",), "iati_identifier", identifiers
            )
        ]
        existing = (
            {
                p.iati_identifier: p
                for p in Project.objects.filter(iati_identifier__in=found).defer("iati_activity")
            }
            if found
            else {}
        )
        ready: list[_Item] = []
        for item in items:
            stored = existing.get(item.activity.identifier)
            try:
                if stored is not None:
                    # The reader's prefilter skipped what was stored before this file; this
                    # sees activities stored by this very file (repeated identifiers).
                    reason = skip_reason(
                        stored.last_updated,
                        _aware(item.activity.last_updated),
                        lambda stored=stored, item=item: same_document(  # type: ignore[misc]
                            stored, {"digest": item.digest}
                        ),
                    )
                    if reason:
                        self.record(item, "skipped", reason)
                        continue
                    if not access.can_edit(self.actor, stored):
                        self.record(item, "rejected", _("you may not update this project"))
                        continue
                prepare(
                    item,
                    stored,
                    actor=self.actor,
                    lookups=self.lookups,
                    run=self.run,
                    origin=Project.Origin.IATI,
                    classification=None,
                )
            except ValueError as error:
                self.record(item, "rejected", _("cannot be stored: %(error)s") % {"error": error})
                continue
            ready.append(item)
        return ready

    def flush(self) -> None:
        items, self.items, self.identifiers = self.items, [], set()
        if not items:
            return
        ready = self._ready(items)
        try:
            with transaction.atomic():
                _write(ready)
            done = ready
        except DatabaseError:
            done = []
            for item in ready:
                _reset(item)
                try:
                    with transaction.atomic():
                        _write([item])
                except DatabaseError as error:
                    _reset(item)
                    self.record(
                        item,
                        "rejected",
                        _("cannot be stored: %(error)s") % {"error": str(error)[:300]},
                    )
                    continue
                done.append(item)
        for item in done:
            self.record(item, "imported" if item.fresh else "updated", "")
        created(
            [
                self.detached.project(i.project_id, i.values, i.children)
                for i in done
                if i.fresh and i.project_id is not None
            ]
        )
        # Updated projects are read back: their save() indexed them before their countries
        # were rewritten, and their themes and tact links are not in the batch.
        _written([i.project_id for i in done if not i.fresh and i.project_id is not None])
