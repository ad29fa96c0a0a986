"""IATI import into the database: one verdict per activity, all-or-nothing per file.

Flow: :func:`tact.assistance.iati.iter_activities` streams and validates each activity (2.03
schema, codelists, rules); each valid one is mapped to a :class:`Project` and its child rows
inside a savepoint; the whole file runs in one transaction, so a file that turns out broken
half-way (or, under ``strict``, any invalid activity) leaves no trace.  Re-importing is keyed
on the IATI identifier and ``last-updated-datetime``: an activity not newer than the stored one
is skipped, an unchanged one too, so nothing is ever duplicated.

Progress cannot be written to the database while the import's own transaction is open (other
connections would not see it, and SQLite would block), so it goes to a small JSON file beside
the uploaded file, which the progress page reads.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import IO, Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from tact.assistance import summaries
from tact.assistance.channel import OrgFacts, derive_channel
from tact.assistance.iati import Activity, IatiFileError, iter_activities
from tact.assistance.iati.codelists import CODELIST_DIR
from tact.assistance.iati.jsonable import to_jsonable
from tact.assistance.iati.model import first_text
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
from tact.assistance.money import RateBook
from tact.core import access
from tact.core.audit import audit_log
from tact.directory.models import Organisation, State

CHILD_MODELS: tuple[type[Any], ...] = (
    ParticipatingOrganisation,
    ProjectCountry,
    ProjectRegion,
    ProjectSector,
    Budget,
    Transaction,
    ProjectDocument,
)
MAX_REPORT_ROWS = 5000
"""Rows kept in a run's report beyond the rejected ones (counts are always complete)."""
MAX_REJECTED_ROWS = 20000
AMOUNT_LIMIT = Decimal(10) ** 17

Progress = Callable[[int, int, "ImportReport"], None]
RowCallback = Callable[[dict[str, Any]], None]


@dataclass
class ImportReport:
    """What an import did: counts, one row per activity (bounded), and the file's verdict."""

    file_name: str = ""
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    seen: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    error: str = ""
    error_line: int | None = None
    file_warnings: list[str] = field(default_factory=list)
    rolled_back: bool = False
    version: str = ""
    _kept: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def failed(self) -> bool:
        return bool(self.error)

    @property
    def changed(self) -> int:
        return self.imported + self.updated

    def add(self, row: dict[str, Any]) -> None:
        outcome = row["outcome"]
        setattr(self, outcome, getattr(self, outcome) + 1)
        limit = MAX_REJECTED_ROWS if outcome == "rejected" else MAX_REPORT_ROWS
        key = "rejected" if outcome == "rejected" else "other"
        if self._kept.get(key, 0) < limit:
            self._kept[key] = self._kept.get(key, 0) + 1
            self.rows.append(row)
        else:
            self.truncated = True

    def summary(self) -> str:
        text = _(
            "%(imported)s imported, %(updated)s updated, %(skipped)s skipped, %(rejected)s rejected"
        ) % {
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "rejected": self.rejected,
        }
        if self.error:
            text += " — " + self.error
        return text


class _RollbackError(Exception):
    """Raised inside the file's transaction to undo it (strict mode, file errors)."""


class CountingReader:
    """A binary stream wrapper that counts bytes read (progress without a second pass)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def close(self) -> None:  # the caller owns the file
        pass


# -- mapping an Activity to rows ------------------------------------------------------------


def _cut(value: str | None, length: int) -> str:
    return (value or "").strip()[:length]


def _amount(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if abs(value) >= AMOUNT_LIMIT:
        raise ValueError(_("an amount is too large to store (%(value)s)") % {"value": value})
    return value.quantize(Decimal("0.01"))


def _percentage(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    try:
        quantized = value.quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    return quantized if abs(quantized) < 10000 else None


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


def _year(value: dt.date | None) -> dt.date | None:
    """Dates the databases can store (schema-only imports may carry odd years)."""
    return value if value is not None and 1 <= value.year <= 9999 else None


@cache
def sector_names() -> dict[str, str]:
    """DAC 5-digit sector code -> English name, from the shipped Sector codelist."""
    names: dict[str, str] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(CODELIST_DIR / "Sector.xml"), parser).getroot()
    for item in root.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        name = item.findtext("name/narrative") or item.findtext("name") or ""
        if code:
            names[code] = name.strip()
    return names


class Lookups:
    """Directory look-ups cached for one import: organisations by IATI id, states by ISO2."""

    def __init__(self) -> None:
        self.organisations: dict[str, int] = dict(
            Organisation.objects.exclude(iati_ref="").values_list("iati_ref", "pk")
        )
        self.states: dict[str, int] = {
            iso2.upper(): pk
            for iso2, pk in State.objects.exclude(iso2="").values_list("iso2", "pk")
        }
        self.rates = RateBook()


def project_values(activity: Activity, lookups: Lookups) -> dict[str, Any]:
    """The Project fields an activity sets (IATI-owned fields; tact links are left alone)."""
    reporting = activity.reporting_org
    orgs = [
        OrgFacts(
            role=o.role,
            ref=o.ref or "",
            name=o.name,
            type=o.type or "",
            crs_channel_code=o.crs_channel_code or "",
        )
        for o in activity.participating_orgs
    ]
    channel = derive_channel(
        orgs,
        crs_channel_code=activity.crs_channel_code or "",
        reporting=OrgFacts(
            role="", ref=reporting.ref or "", name=reporting.name, type=reporting.type or ""
        ),
    )
    title = first_text(activity.title, activity.default_language) or activity.identifier
    return {
        "title": _cut(title, 500),
        "description": first_text(activity.description, activity.default_language),
        "language": _cut(activity.default_language or "en", 8),
        "reporting_org_ref": _cut(reporting.ref, 100),
        "reporting_org_name": _cut(reporting.name, 300),
        "reporting_org_type": _cut(reporting.type, 4),
        "reporting_organisation_id": lookups.organisations.get(reporting.ref or ""),
        "status": _cut(activity.status_code, 2),
        "planned_start": _year(activity.dates.get("1")),
        "actual_start": _year(activity.dates.get("2")),
        "planned_end": _year(activity.dates.get("3")),
        "actual_end": _year(activity.dates.get("4")),
        "default_currency": _cut(activity.default_currency, 3),
        "last_updated": _aware(activity.last_updated),
        "iati_version": _cut(activity.iati_version, 8),
        "hierarchy": activity.hierarchy
        if activity.hierarchy and activity.hierarchy < 32767
        else None,
        "humanitarian": activity.humanitarian,
        "collaboration_type": _cut(activity.collaboration_type, 4),
        "default_flow_type": _cut(activity.default_flow_type, 4),
        "default_finance_type": _cut(activity.default_finance_type, 4),
        "default_aid_type": _cut(activity.default_aid_type, 8),
        "crs_channel_code": _cut(activity.crs_channel_code, 8),
        "channel_derived": channel,
        "iati_activity": to_jsonable(activity),
    }


def _children(project: Project, activity: Activity, lookups: Lookups) -> dict[type, list[Any]]:
    rates = lookups.rates
    participating = [
        ParticipatingOrganisation(
            project=project,
            role=_cut(o.role, 2),
            ref=_cut(o.ref, 200),
            name=_cut(o.name, 300),
            type=_cut(o.type, 4),
            crs_channel_code=_cut(o.crs_channel_code, 8),
            activity_id=_cut(o.activity_id, 200),
            organisation_id=lookups.organisations.get(o.ref or ""),
            order=i,
        )
        for i, o in enumerate(activity.participating_orgs)
    ]
    countries = [
        ProjectCountry(
            project=project,
            code=_cut(c.code, 2).upper(),
            state_id=lookups.states.get(c.code.upper()),
            percentage=_percentage(c.percentage),
        )
        for c in activity.recipient_countries
    ]
    regions = [
        ProjectRegion(
            project=project,
            code=_cut(r.code, 20),
            vocabulary=_cut(r.vocabulary, 4),
            percentage=_percentage(r.percentage),
        )
        for r in activity.recipient_regions
    ]
    names = sector_names()
    sectors = [
        ProjectSector(
            project=project,
            vocabulary=_cut(s.vocabulary, 4),
            code=_cut(s.code, 50),
            name=_cut(
                first_text(s.narratives) or (names.get(s.code, "") if s.vocabulary == "1" else ""),
                300,
            ),
            percentage=_percentage(s.percentage),
        )
        for s in activity.sectors
    ]
    budgets = []
    for b in activity.budgets:
        currency = (b.currency or activity.default_currency or "").upper()
        value = _amount(b.value)
        budgets.append(
            Budget(
                project=project,
                type=_cut(b.type, 2),
                status=_cut(b.status, 2),
                period_start=_year(b.period_start),
                period_end=_year(b.period_end),
                value=value,
                currency=currency[:3],
                value_date=_year(b.value_date),
                value_usd=_amount(rates.usd(value, currency, b.value_date or b.period_start)),
            )
        )
    transactions = []
    for t in activity.transactions:
        currency = (t.currency or activity.default_currency or "").upper()
        value = _amount(t.value)
        provider, receiver = t.provider_org, t.receiver_org
        transactions.append(
            Transaction(
                project=project,
                type=_cut(t.type_code, 2),
                date=_year(t.date),
                value=value,
                currency=currency[:3],
                value_date=_year(t.value_date),
                value_usd=_amount(rates.usd(value, currency, t.value_date or t.date)),
                ref=_cut(t.ref, 200),
                description=first_text(t.description),
                provider_ref=_cut(provider.ref if provider else "", 200),
                provider_name=_cut(provider.name if provider else "", 300),
                provider_activity_id=_cut(provider.activity_id if provider else "", 200),
                receiver_ref=_cut(receiver.ref if receiver else "", 200),
                receiver_name=_cut(receiver.name if receiver else "", 300),
                receiver_activity_id=_cut(receiver.activity_id if receiver else "", 200),
                recipient_country=_cut(t.recipient_country, 2).upper(),
            )
        )
    documents = [
        ProjectDocument(
            project=project,
            url=_cut(d.url, 1000),
            title=_cut(first_text(d.title), 500),
            format=_cut(d.format, 100),
            categories=list(d.categories),
            language=_cut(d.language, 8),
            document_date=_year(d.document_date),
        )
        for d in activity.documents
    ]
    return {
        ParticipatingOrganisation: participating,
        ProjectCountry: countries,
        ProjectRegion: regions,
        ProjectSector: sectors,
        Budget: budgets,
        Transaction: transactions,
        ProjectDocument: documents,
    }


def _period(p: Any) -> dict[str, Any]:
    return {
        "start": p.start.isoformat() if p.start else None,
        "end": p.end.isoformat() if p.end else None,
        "target": p.target_value,
        "actual": p.actual_value,
        "target_comment": first_text(p.target_comment),
        "actual_comment": first_text(p.actual_comment),
    }


def _result_values(result: Any, order: int) -> dict[str, Any]:
    return {
        "type": _cut(result.type, 2),
        "title": _cut(first_text(result.title), 500),
        "description": first_text(result.description),
        "aggregation_status": result.aggregation_status,
        "order": order,
    }


def _indicator_values(indicator: Any, order: int) -> dict[str, Any]:
    baseline = indicator.baseline
    year = baseline.year if baseline is not None else None
    return {
        "measure": _cut(indicator.measure, 2),
        "ascending": indicator.ascending,
        "title": _cut(first_text(indicator.title), 500),
        "description": first_text(indicator.description),
        "baseline_year": year if year and 0 < year < 32767 else None,
        "baseline_value": _cut(baseline.value if baseline else "", 100),
        "periods": [_period(p) for p in indicator.periods],
        "order": order,
    }


def _save_results(project: Project, activity: Activity, *, fresh: bool) -> None:
    """Results and indicators, updated in place by position.

    Why in place: the evaluation domain links its records to results and indicators; deleting
    and recreating them on every re-import would break those links.
    """
    existing = [] if fresh else list(project.results.order_by("order"))
    for i, result in enumerate(activity.results):
        values = _result_values(result, i)
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
            ivalues = _indicator_values(indicator, j)
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


def _totals(children: dict[type, list[Any]]) -> dict[str, Decimal | None]:
    budgets: list[Budget] = children[Budget]
    revised = [b for b in budgets if b.type == "2"]
    chosen = revised or budgets

    def total(values: list[Decimal | None]) -> Decimal | None:
        known = [v for v in values if v is not None]
        return sum(known, Decimal(0)) if known else None

    transactions: list[Transaction] = children[Transaction]
    return {
        "budget_usd": total([b.value_usd for b in chosen]),
        "commitment_usd": total([t.value_usd for t in transactions if t.type == "2"]),
        "disbursement_usd": total([t.value_usd for t in transactions if t.type in {"3", "4"}]),
    }


def skip_reason(existing: Project, values: dict[str, Any]) -> str:
    """Why an incoming activity should not replace the stored one ("" = replace it).

    Keyed on last-updated-datetime: an older or equally old version is skipped. Without
    timestamps on both sides, an identical activity is skipped as unchanged.
    """
    stored, incoming = existing.last_updated, values["last_updated"]
    if stored is not None and incoming is not None:
        if incoming < stored:
            return _("a newer version is already stored (%(when)s)") % {"when": stored.isoformat()}
        if incoming == stored:
            return _("not newer than the stored version (last updated %(when)s)") % {
                "when": stored.isoformat()
            }
        return ""
    if existing.iati_activity == json.loads(json.dumps(values["iati_activity"])):
        return _("unchanged since the last import")
    return ""


@dataclass
class _Item:
    """One valid activity on its way to the database."""

    line: int | None
    title: str
    activity: Activity
    note: str = ""
    project: Project | None = None
    children: dict[type, list[Any]] = field(default_factory=dict)
    fresh: bool = True


def _prepare(
    item: _Item,
    existing: Project | None,
    *,
    actor: Any,
    lookups: Lookups,
    run: ImportRun | None,
    origin: str,
    classification: str | None,
) -> None:
    """Fill item.project (new or updated, unsaved) and item.children. Raises ValueError."""
    activity = item.activity
    values = project_values(activity, lookups)
    if existing is not None:
        project = existing
        for key, value in values.items():
            setattr(project, key, value)
        if run is not None:
            project.import_run = run
        item.fresh = False
    else:
        scope = access.scope_of(actor)
        owner_org = values["reporting_organisation_id"]
        if owner_org is None and scope.organisation_ids:
            owner_org = next(iter(scope.organisation_ids))
        project = Project(
            iati_identifier=_cut(activity.identifier, 200),
            origin=origin,
            import_run=run,
            owner_organisation_id=owner_org,
            created_by=access.author_of(actor),
            is_demo=origin == Project.Origin.DEMO,
            **values,
        )
        if classification:
            project.classification = classification
        item.fresh = True
    item.children = _children(project, activity, lookups)
    for key, value in _totals(item.children).items():
        setattr(project, key, value)
    item.project = project


def _write(items: list[_Item]) -> None:
    """Save prepared items: one INSERT per table for the new ones (call in a transaction)."""
    fresh = [i.project for i in items if i.fresh and i.project is not None]
    old = [i.project for i in items if not i.fresh and i.project is not None]
    if fresh:
        Project.objects.bulk_create(fresh)
    for project in old:
        project.save()
    if old:
        ids = [p.pk for p in old]
        for model in CHILD_MODELS:
            model.objects.filter(project_id__in=ids)._raw_delete(model.objects.db)
    for model in CHILD_MODELS:
        rows = []
        for item in items:
            for row in item.children.get(model, []):
                row.project = item.project
                rows.append(row)
        if rows:
            model.objects.bulk_create(rows, batch_size=500)
    new_results: list[tuple[ProjectResult, list[ResultIndicator]]] = []
    for item in items:
        assert item.project is not None  # noqa: S101 - prepared above
        if item.fresh:
            new_results.extend(_result_rows(item.project, item.activity))
        else:
            _save_results(item.project, item.activity, fresh=False)
    if new_results:
        ProjectResult.objects.bulk_create([r for r, _i in new_results])
        indicators = []
        for result, rows in new_results:
            for row in rows:
                row.result = result
                indicators.append(row)
        ResultIndicator.objects.bulk_create(indicators, batch_size=500)


def _result_rows(
    project: Project, activity: Activity
) -> list[tuple[ProjectResult, list[ResultIndicator]]]:
    out = []
    for i, result in enumerate(activity.results):
        row = ProjectResult(project=project, **_result_values(result, i))
        indicators = [
            ResultIndicator(**_indicator_values(indicator, j))
            for j, indicator in enumerate(result.indicators)
        ]
        out.append((row, indicators))
    return out


def _reset(item: _Item) -> None:
    """After a rolled-back batch, make a new project unsaved again for the retry."""
    if item.fresh and item.project is not None:
        item.project.pk = None
        item.project._state.adding = True
        for rows in item.children.values():
            for row in rows:
                row.pk = None
                row._state.adding = True


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
        reason = skip_reason(existing, project_values(activity, lookups))
        if reason:
            return existing, "skipped", reason
    if existing is not None and not access.can_edit(actor, existing):
        raise PermissionDenied(_("you may not update this project"))
    item = _Item(line=None, title="", activity=activity)
    _prepare(
        item,
        existing,
        actor=actor,
        lookups=lookups,
        run=run,
        origin=origin,
        classification=classification,
    )
    _write([item])
    if item.project is not None:
        summaries.written([item.project.pk])
    return item.project, "imported" if item.fresh else "updated", ""


class BatchWriter:
    """Collects valid activities and writes them in batches (far fewer queries per activity).

    A batch that fails in the database is retried one activity at a time, so one bad
    activity is rejected on its own and the others are kept.
    """

    def __init__(
        self,
        *,
        actor: Any,
        lookups: Lookups,
        run: ImportRun | None,
        record: Callable[[dict[str, Any]], None],
        size: int = 200,
    ) -> None:
        self.actor, self.lookups, self.run, self.record = actor, lookups, run, record
        self.size = size
        self.items: list[_Item] = []
        self.identifiers: set[str] = set()
        self.written: list[int] = []
        """Projects created or changed: their summaries are refreshed once, at the end."""

    def add(self, item: _Item) -> None:
        if item.activity.identifier in self.identifiers:
            self.flush()  # the same activity twice in a file: the second sees the first
        self.items.append(item)
        self.identifiers.add(item.activity.identifier)
        if len(self.items) >= self.size:
            self.flush()

    def _emit(self, item: _Item, outcome: str, reason: str = "") -> None:
        self.record(
            _row(
                item.line,
                item.activity.identifier,
                item.title,
                outcome,
                "; ".join(x for x in (reason, item.note) if x),
            )
        )

    def flush(self) -> None:
        items, self.items, self.identifiers = self.items, [], set()
        if not items:
            return
        existing = {
            p.iati_identifier: p
            for p in Project.objects.filter(
                iati_identifier__in=[i.activity.identifier for i in items]
            ).defer("iati_activity")
        }
        ready: list[_Item] = []
        for item in items:
            stored = existing.get(item.activity.identifier)
            try:
                if stored is not None:
                    # With timestamps on both sides the decision needs nothing else: skip
                    # before building any value (re-imports of unchanged files are mostly
                    # skips).
                    incoming = _aware(item.activity.last_updated)
                    if stored.last_updated is not None and incoming is not None:
                        reason = skip_reason(stored, {"last_updated": incoming})
                    else:
                        reason = skip_reason(stored, project_values(item.activity, self.lookups))
                    if reason:
                        self._emit(item, "skipped", reason)
                        continue
                    if not access.can_edit(self.actor, stored):
                        self._emit(item, "rejected", _("you may not update this project"))
                        continue
                _prepare(
                    item,
                    stored,
                    actor=self.actor,
                    lookups=self.lookups,
                    run=self.run,
                    origin=Project.Origin.IATI,
                    classification=None,
                )
            except ValueError as error:
                self._emit(item, "rejected", _("cannot be stored: %(error)s") % {"error": error})
                continue
            ready.append(item)
        try:
            with transaction.atomic():
                _write(ready)
        except DatabaseError:
            for item in ready:
                _reset(item)
                try:
                    with transaction.atomic():
                        _write([item])
                except DatabaseError as error:
                    _reset(item)
                    self._emit(
                        item,
                        "rejected",
                        _("cannot be stored: %(error)s") % {"error": str(error)[:300]},
                    )
                    continue
                self._emit(item, "imported" if item.fresh else "updated")
                if item.project is not None:
                    self.written.append(item.project.pk)
            summaries.written(self.written)
            self.written = []
            return
        for item in ready:
            self._emit(item, "imported" if item.fresh else "updated")
            if item.project is not None:
                self.written.append(item.project.pk)
        summaries.written(self.written)
        self.written = []


# -- the file -------------------------------------------------------------------------------


def _row(
    line: int | None, identifier: str, title: str, outcome: str, reason: str
) -> dict[str, Any]:
    return {
        "line": line,
        "identifier": identifier,
        "title": title[:200],
        "outcome": outcome,
        "reason": reason,
    }


def _open(source: str | Path | BinaryIO | IO[bytes]) -> tuple[BinaryIO, int, bool]:
    if isinstance(source, (str, Path)):
        path = Path(source)
        return path.open("rb"), path.stat().st_size, True
    size = 0
    try:
        position = source.tell()
        source.seek(0, 2)
        size = source.tell() - position
        source.seek(position)
    except (OSError, AttributeError):
        size = 0
    return source, size, False  # type: ignore[return-value]


def import_iati(
    source: str | Path | BinaryIO,
    *,
    actor: Any,
    strict: bool = False,
    schema_only: bool = False,
    lenient: bool = False,
    file_name: str = "",
    run: ImportRun | None = None,
    progress: Progress | None = None,
    on_row: RowCallback | None = None,
    progress_every: float = 0.5,
) -> ImportReport:
    """Import one IATI activity file (a path or a binary stream).

    ``strict``: any invalid activity rejects the whole file (nothing is stored).
    ``lenient``: import an activity despite small schema slips (a ``point`` without
    ``srsName``, a transaction ``sector`` without ``code``, an attribute from another
    version) as long as the rules pass; each slip is kept as a data-quality warning.
    ``schema_only``: accept what the 2.03 XSD accepts, without version, codelist and rule checks
    (what the IATI schema conformance suite tests); activities without an identifier then get
    one made of the file name and position, and the report says so.
    The report is returned; the database is changed only when the file completes.
    """
    access.require_writer(actor)
    name = file_name or (Path(source).name if isinstance(source, (str, Path)) else "upload.xml")
    report = ImportReport(file_name=name)
    raw, size, owned = _open(source)
    reader = CountingReader(raw)
    lookups = Lookups()
    last_tick = 0.0

    def tick(force: bool = False) -> None:
        nonlocal last_tick
        now = time.monotonic()
        if progress is not None and (force or now - last_tick >= progress_every):
            last_tick = now
            progress(reader.count, size, report)

    def record(row: dict[str, Any]) -> None:
        report.add(row)
        if on_row is not None:
            on_row(row)

    try:
        with transaction.atomic(), summaries.deferred():
            stream = iter_activities(
                reader,  # type: ignore[arg-type]
                strict_schema=not lenient or schema_only,
                schema_only=schema_only,
            )
            position = 0
            writer = BatchWriter(actor=actor, lookups=lookups, run=run, record=record)
            try:
                for result in stream:
                    position += 1
                    report.seen += 1
                    report.version = stream.version or ""
                    if not result.ok or result.activity is None:
                        record(
                            _row(
                                result.line,
                                result.identifier,
                                result.title,
                                "rejected",
                                "; ".join(result.errors),
                            )
                        )
                        tick()
                        continue
                    activity = result.activity
                    note = ""
                    if not activity.identifier.strip():
                        if not schema_only:
                            record(
                                _row(result.line, "", result.title, "rejected", _("no identifier"))
                            )
                            continue
                        activity.identifier = f"{Path(name).stem}#{position}"
                        note = _("no iati-identifier: stored as %(id)s") % {
                            "id": activity.identifier
                        }
                    writer.add(
                        _Item(line=result.line, title=result.title, activity=activity, note=note)
                    )
                    tick()
                writer.flush()
            finally:
                report.file_warnings = list(stream.file_warnings)
            if strict and report.rejected:
                report.error = _(
                    "Strict mode: %(n)s invalid activities, so the whole file was rejected; "
                    "nothing was imported."
                ) % {"n": report.rejected}
                raise _RollbackError
    except IatiFileError as error:
        report.error = _("The file was rejected: %(reason)s") % {"reason": error.message}
        report.error_line = error.line
        _undo(report)
    except _RollbackError:
        _undo(report)
    finally:
        if owned:
            raw.close()
    tick(force=True)
    if report.changed:
        audit_log(
            actor=actor,
            action="project.import_iati",
            target=run,
            changes={
                "file": name,
                "imported": report.imported,
                "updated": report.updated,
                "skipped": report.skipped,
                "rejected": report.rejected,
            },
        )
    return report


def _undo(report: ImportReport) -> None:
    """After a rollback: what was to be imported or updated was not."""
    report.rolled_back = True
    for row in report.rows:
        if row["outcome"] in {"imported", "updated"}:
            row["outcome"] = "skipped"
            row["reason"] = _("not imported: the file was rejected")
    report.skipped += report.imported + report.updated
    report.imported = report.updated = 0


# -- import runs (background) ---------------------------------------------------------------


def progress_path(run: ImportRun) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "assistance" / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{run.pk}.json"


def read_progress(run: ImportRun) -> dict[str, Any]:
    """The live progress of a running import (empty when none was written yet)."""
    try:
        data: dict[str, Any] = json.loads(progress_path(run).read_text())
        return data
    except (OSError, ValueError):
        return {}


def _write_progress(run: ImportRun, done: int, total: int, report: ImportReport) -> None:
    data = {
        "processed_bytes": done,
        "total_bytes": total,
        "seen": report.seen,
        "imported": report.imported,
        "updated": report.updated,
        "skipped": report.skipped,
        "rejected": report.rejected,
    }
    target = progress_path(run)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(data))
    temporary.replace(target)


def run_import(run: ImportRun, *, actor: Any, schema_only: bool = False) -> ImportReport:
    """Carry out a stored ImportRun (called by the background task and by tests)."""
    run.status = ImportRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    try:
        with run.file.open("rb") as handle:
            report = import_iati(
                handle,
                actor=actor,
                strict=run.strict,
                lenient=run.lenient,
                schema_only=schema_only,
                file_name=run.file_name,
                run=run,
                progress=lambda done, total, rep: _write_progress(run, done, total, rep),
            )
    except Exception as error:
        run.status = ImportRun.Status.FAILED
        run.error = _("The import failed: %(error)s") % {"error": str(error)[:500]}
        run.finished_at = timezone.now()
        run.save()
        raise
    finish_run(run, report)
    return report


def finish_run(run: ImportRun, report: ImportReport) -> None:
    run.status = ImportRun.Status.FAILED if report.failed else ImportRun.Status.DONE
    run.error = report.error
    run.imported, run.updated = report.imported, report.updated
    run.skipped, run.rejected = report.skipped, report.rejected
    run.activities_seen = report.seen
    run.processed_bytes = run.total_bytes
    run.report = report.rows
    run.finished_at = timezone.now()
    run.save()
    progress_path(run).unlink(missing_ok=True)
