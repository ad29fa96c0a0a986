"""Writes for assistance coordination."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO, TextIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tact.assistance import permissions, summaries
from tact.assistance.iati import (
    Activity,
    writable_problems,
    write_activities,
    write_activities_csv,
)
from tact.assistance.iati import codes as iati_codes
from tact.assistance.iati.jsonable import activity_from_stored
from tact.assistance.models import (
    Budget,
    Channel,
    Contribution,
    ExchangeRate,
    ImportRun,
    Need,
    Project,
    Transaction,
)
from tact.assistance.money import RateBook
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.core.csvfiles import SafeDictReader
from tact.core.validation import check_ranges
from tact.directory.models import Organisation

# ---------------------------------------------------------------------------------------------
# Exchange rates and contributions
# ---------------------------------------------------------------------------------------------

RATE_COLUMNS = ("currency", "date", "usd_rate")


@dataclass
class RateReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    error: str = ""
    recomputed: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


class _RollbackError(Exception):
    pass


def exchange_rates_import_csv(*, actor: Any, data: bytes, strict: bool = False) -> RateReport:
    """Load exchange rates from CSV: columns ``currency,date,usd_rate[,source]``.

    ``usd_rate`` is the value of one unit of the currency in US dollars (EUR ≈ 1.08). Each row
    is checked on its own and rejected rows are reported with their line; ``strict`` rejects
    the file on any bad row. Re-loading the same file changes nothing. Afterwards the USD
    amounts of projects and contributions are recomputed.
    """
    access.require_writer(actor)
    scope = access.scope_of(actor)
    if not (scope.is_secretariat or scope.role == access.Role.DONOR):
        raise PermissionDenied(_("Only the secretariat and donors may load exchange rates."))
    report = RateReport()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file is not UTF-8 text.")) from exc
    reader = SafeDictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    reader.fieldnames = fields
    missing = [c for c in RATE_COLUMNS if c not in fields]
    if missing:
        raise ValidationError(
            _("Missing columns: %(columns)s. Expected: %(expected)s")
            % {"columns": ", ".join(missing), "expected": ", ".join(RATE_COLUMNS)}
        )
    try:
        with transaction.atomic():
            for line, row in enumerate(reader, start=2):
                currency = (row.get("currency") or "").strip().upper()
                if currency not in iati_codes("Currency"):
                    report.rejected.append(
                        (line, _("unknown currency '%(value)s'") % {"value": currency})
                    )
                    continue
                try:
                    date = dt.date.fromisoformat((row.get("date") or "").strip())
                except ValueError:
                    report.rejected.append(
                        (
                            line,
                            _("invalid date '%(value)s' (use YYYY-MM-DD)")
                            % {"value": row.get("date")},
                        )
                    )
                    continue
                try:
                    rate = Decimal((row.get("usd_rate") or "").strip().replace(",", "."))
                except InvalidOperation:
                    rate = Decimal(-1)
                if not rate.is_finite() or rate <= 0 or rate >= Decimal(10) ** 9:
                    report.rejected.append(
                        (
                            line,
                            _("invalid rate '%(value)s' (a positive number)")
                            % {"value": row.get("usd_rate")},
                        )
                    )
                    continue
                rate = rate.quantize(Decimal("0.0000000001"))
                source = (row.get("source") or "").strip()[:200]
                existing = ExchangeRate.objects.filter(currency=currency, date=date).first()
                if existing is None:
                    ExchangeRate.objects.create(
                        currency=currency, date=date, usd_rate=rate, source=source
                    )
                    report.created += 1
                elif existing.usd_rate != rate or existing.source != source:
                    existing.usd_rate, existing.source = rate, source
                    existing.save()
                    report.updated += 1
                else:
                    report.unchanged += 1
            if strict and report.rejected:
                report.error = _("Strict mode: %(n)s invalid rows; nothing was loaded.") % {
                    "n": len(report.rejected)
                }
                raise _RollbackError
            if report.changed:
                report.recomputed = recompute_usd()
                audit_log(
                    actor=actor,
                    action="exchange_rate.import",
                    changes={"created": report.created, "updated": report.updated},
                )
    except _RollbackError:
        report.created = report.updated = 0
    return report


def recompute_usd() -> int:
    """Recompute every USD amount (projects and contributions) from the rate table."""
    rates = RateBook()
    count = 0
    for budget in Budget.objects.only("value", "currency", "value_date", "period_start"):
        budget.value_usd = rates.usd(
            budget.value, budget.currency, budget.value_date or budget.period_start
        )
        budget.save(update_fields=["value_usd"])
    for row in Transaction.objects.only("value", "currency", "value_date", "date"):
        row.value_usd = rates.usd(row.value, row.currency, row.value_date or row.date)
        row.save(update_fields=["value_usd"])
    with summaries.deferred():  # one refresh of the summaries at the end
        for project in Project.objects.all():
            _project_totals(project)
            count += 1
    for contribution in Contribution.objects.all():
        _contribution_usd(contribution, rates)
        contribution.save(update_fields=["pledged_usd", "paid_usd"])
    return count


def _project_totals(project: Project) -> None:
    budgets = list(project.budgets.all())
    chosen = [b for b in budgets if b.type == "2"] or budgets

    def total(values: Iterable[Decimal | None]) -> Decimal | None:
        known = [v for v in values if v is not None]
        return sum(known, Decimal(0)) if known else None

    transactions = list(project.transactions.all())
    project.budget_usd = total(b.value_usd for b in chosen)
    project.commitment_usd = total(t.value_usd for t in transactions if t.type == "2")
    project.disbursement_usd = total(t.value_usd for t in transactions if t.type in {"3", "4"})
    project.save(update_fields=["budget_usd", "commitment_usd", "disbursement_usd"])


def _contribution_usd(contribution: Contribution, rates: RateBook) -> None:
    year_start = dt.date(contribution.year, 1, 1)
    contribution.pledged_usd = rates.usd(
        contribution.pledged_amount,
        contribution.currency,
        contribution.pledged_date or year_start,
    )
    contribution.paid_usd = rates.usd(
        contribution.paid_amount, contribution.currency, contribution.paid_date or year_start
    )


CONTRIBUTION_FIELDS = (
    "donor",
    "year",
    "currency",
    "pledged_amount",
    "pledged_date",
    "paid_amount",
    "paid_date",
    "earmarking",
    "earmark_target",
    "earmark_programme",
    "earmark_theme",
    "earmark_state",
    "notes",
    "classification",
)


@transaction.atomic
def contribution_save(
    *, actor: Actor, values: dict[str, Any], contribution: Contribution | None = None
) -> Contribution:
    """Create or update a contribution; USD amounts come from the exchange-rate table.

    Donors record their own organisation's contributions, the secretariat anyone's.
    """
    donor: Organisation = values["donor"]
    if contribution is None:
        if not access.can_create_for(actor, owner_organisation_id=donor.pk):
            raise PermissionDenied(_("You may not record contributions for this donor."))
        contribution = Contribution(owner_organisation=donor, created_by=access.author_of(actor))
        before: dict[str, Any] = {}
    else:
        if not access.can_edit(actor, contribution):
            raise PermissionDenied(_("You may not change this record."))
        before = snapshot(contribution)
    for key in CONTRIBUTION_FIELDS:
        if key in values:
            setattr(contribution, key, values[key])
    contribution.currency = (contribution.currency or "USD").upper()
    contribution.owner_organisation = donor
    _check_earmark(contribution)
    check_ranges(contribution)  # a year 0 would break the rate lookup before full_clean
    _contribution_usd(contribution, RateBook())
    contribution.full_clean()
    contribution.save()
    changes = diff(before, snapshot(contribution))
    audit_log(
        actor=actor,
        action="contribution.create" if not before else "contribution.update",
        target=contribution,
        changes=changes,
    )
    return contribution


def _check_earmark(c: Contribution) -> None:
    errors: dict[str, str] = {}
    if c.currency not in iati_codes("Currency"):
        errors["currency"] = _("Unknown currency code.")
    if c.earmarking == Contribution.Earmarking.UNEARMARKED:
        c.earmark_target = ""
        c.earmark_programme, c.earmark_theme, c.earmark_state = "", None, None
    elif c.earmarking == Contribution.Earmarking.HARD:
        target = c.earmark_target
        if target == Contribution.EarmarkTarget.PROGRAMME and not c.earmark_programme:
            errors["earmark_programme"] = _("Name the programme.")
        elif target == Contribution.EarmarkTarget.THEME and c.earmark_theme is None:
            errors["earmark_theme"] = _("Choose the theme.")
        elif target == Contribution.EarmarkTarget.STATE and c.earmark_state is None:
            errors["earmark_state"] = _("Choose the state.")
        elif not target:
            errors["earmark_target"] = _("Hard earmarking is to a programme, a theme or a state.")
    if c.pledged_amount is None and c.paid_amount is None:
        errors["pledged_amount"] = _("Give the pledged or the paid amount.")
    for name in ("pledged_amount", "paid_amount"):
        amount = getattr(c, name)
        if amount is not None and amount < 0:
            errors[name] = _("Amounts cannot be negative.")
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# Projects: tact links and corrections
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def project_update_links(
    *,
    actor: Actor,
    project: Project,
    provisions: Iterable[Provision] | None = None,
    themes: Iterable[Theme] | None = None,
    needs: Iterable[Need] | None = None,
    channel_override: str | None = None,
    classification: str | None = None,
) -> Project:
    """Set what tact adds to an IATI activity: provisions and themes served, needs answered,
    a corrected channel, the classification. Re-imports keep these."""
    if not permissions.can_edit_project(actor, project):
        raise PermissionDenied(_("You may not change this record."))
    before = snapshot(project)
    before_links = _links(project)
    if channel_override is not None:
        if channel_override and channel_override not in Channel.values:
            raise ValidationError({"channel_override": _("Unknown channel.")})
        project.channel_override = channel_override
    if classification is not None:
        project.classification = classification
    project.full_clean(exclude=["iati_activity"])
    project.save()
    if provisions is not None:
        project.provisions.set(list(provisions))
    if themes is not None:
        project.themes.set(list(themes))
    if needs is not None:
        project.needs.set(list(needs))
    changes = diff(before, snapshot(project))
    after_links = _links(project)
    for key in after_links:
        if after_links[key] != before_links[key]:
            changes[key] = [before_links[key], after_links[key]]
    changes.pop("iati_activity", None)
    if changes:
        audit_log(actor=actor, action="project.update", target=project, changes=changes)
        summaries.refresh_projects([project.pk])
    return project


def _links(project: Project) -> dict[str, list[str]]:
    return {
        "provisions": sorted(project.provisions.values_list("key", flat=True)),
        "themes": sorted(project.themes.values_list("code", flat=True)),
        "needs": sorted(str(pk) for pk in project.needs.values_list("pk", flat=True)),
    }


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------


def project_activity(project: Project) -> Activity:
    """The project as an IATI activity (the stored one; tact's channel is not IATI data)."""
    return activity_from_stored(project.iati_activity)


def export_projects(
    projects: Iterable[Project], out: BinaryIO | TextIO, *, fmt: str = "xml"
) -> list[tuple[str, list[str]]]:
    """Write projects as IATI 2.03 XML (binary ``out``) or CSV (text ``out``).

    Returns the projects left out, with why (activities the 2.03 schema could not hold, such
    as those stored from the schema conformance suite without codes).
    """
    left_out: list[tuple[str, list[str]]] = []

    def activities() -> Iterator[Activity]:
        for project in projects:
            if not project.iati_activity:
                left_out.append((project.iati_identifier, [_("no IATI data")]))
                continue
            activity = project_activity(project)
            problems = writable_problems(activity)
            if problems:
                left_out.append((project.iati_identifier, problems))
                continue
            yield activity

    if fmt == "csv":
        write_activities_csv(activities(), out)  # type: ignore[arg-type]
    else:
        write_activities(activities(), out, generated=dt.datetime.now(dt.UTC))  # type: ignore[arg-type]
    return left_out


# ---------------------------------------------------------------------------------------------
# Import runs (uploads)
# ---------------------------------------------------------------------------------------------


def import_start(
    *, actor: Actor, upload: Any, strict: bool = False, lenient: bool = False
) -> ImportRun:
    """Store an uploaded IATI file and queue its import; returns the run to follow.

    ``lenient`` imports activities with small schema slips and records each slip as a
    data-quality warning on the project (see :func:`tact.assistance.importing.import_iati`).
    """
    from django.conf import settings

    from tact.assistance.tasks import import_iati_task

    if not permissions.can_import(actor):
        raise PermissionDenied(_("Your role may not change records."))
    limit = getattr(settings, "TACT_MAX_IATI_UPLOAD_BYTES", settings.TACT_MAX_UPLOAD_BYTES)
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB; the limit is %(limit)s MB).")
            % {"size": upload.size // (1024 * 1024), "limit": limit // (1024 * 1024)}
        )
    scope = access.scope_of(actor)
    run = ImportRun(
        kind=ImportRun.Kind.IATI,
        file_name=str(upload.name)[:300],
        strict=strict,
        lenient=lenient,
        total_bytes=upload.size,
        created_by=access.author_of(actor),
        owner_organisation_id=next(iter(scope.organisation_ids), None),
    )
    run.file.save(f"iati-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}.xml", upload, save=False)
    run.save()
    audit_log(
        actor=actor,
        action="import.start",
        target=run,
        changes={"file": run.file_name, "strict": strict, "lenient": lenient},
    )
    import_iati_task.enqueue(run.pk, getattr(actor, "pk", None))
    run.refresh_from_db()
    return run


# Kept importable from here for callers outside assistance (legislation's gap needs); the one
# write path for needs is tact.assistance.needs.services.
from tact.assistance.needs.services import need_upsert as need_upsert  # noqa: E402
