"""Writes for the directory: loading states, party status (CSV), organisations, contacts."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tact.catalog.models import Instrument
from tact.core import access
from tact.core.audit import audit_log, diff, snapshot
from tact.core.csvfiles import SafeDictReader
from tact.directory.models import Contact, Organisation, PartyStatus, Region, State

STATES_FILE = Path(__file__).resolve().parent / "data" / "states.json"


@transaction.atomic
def states_load(*, actor: Any = None, path: Path = STATES_FILE) -> tuple[int, int]:
    """Load M49 regions and states; idempotent. Returns (created, updated) state counts."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in sorted(
        data["regions"], key=lambda r: ["region", "subregion", "intermediate"].index(r["level"])
    ):
        parent = Region.objects.filter(m49=row["parent"]).first() if row["parent"] else None
        Region.objects.update_or_create(
            m49=row["m49"],
            defaults={
                "name": row["name"],
                "names": row.get("names", {}),
                "level": row["level"],
                "parent": parent,
            },
        )
    regions = {r.m49: r for r in Region.objects.all()}
    created = updated = 0
    for row in data["states"]:
        values = {
            "iso2": row["iso2"],
            "m49": row["m49"],
            "name": row["names"]["en"],
            "names": row["names"],
            "formal_name": row.get("formal_name_en", ""),
            "un_status": row["un_status"],
            "region": regions.get(row["region"] or ""),
            "subregion": regions.get(row["subregion"] or ""),
            "latitude": float(row["latitude"]) if row.get("latitude") else None,
            "longitude": float(row["longitude"]) if row.get("longitude") else None,
            "currency": row.get("currency", ""),
        }
        state = State.objects.filter(iso3=row["iso3"]).first()
        if state is None:
            State.objects.create(iso3=row["iso3"], **values)
            created += 1
        elif any(getattr(state, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(state, key, value)
            state.save()
            updated += 1
    if created or updated:
        audit_log(actor=actor, action="states.load", changes={"states": (None, created + updated)})
    return created, updated


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


PARTY_STATUS_COLUMNS = (
    "state",
    "instrument",
    "status",
    "signature_date",
    "consent_date",
    "consent_action",
    "source",
)


def _parse_date(value: str, line: int, column: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(
            _("line %(line)d: %(column)s '%(value)s' is not a date (YYYY-MM-DD)")
            % {"line": line, "column": column, "value": value}
        ) from exc


@transaction.atomic
def party_status_import_csv(
    *, actor: Any, data: bytes, strict: bool = False, is_demo: bool = False
) -> ImportReport:
    """Import party status rows (state ISO3, instrument code, status, dates...).

    Each row is validated on its own: valid rows are kept and each rejected row is reported
    with its line and reason. With `strict`, any rejected row rejects the whole file and
    nothing is saved. Re-importing the same file changes nothing.
    """
    access.require_secretariat(actor)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file is not UTF-8 text.")) from exc
    reader = SafeDictReader(io.StringIO(text))
    missing = [c for c in ("state", "instrument", "status") if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            _("Missing columns: %(columns)s. Expected: %(expected)s")
            % {"columns": ", ".join(missing), "expected": ", ".join(PARTY_STATUS_COLUMNS)}
        )
    report = ImportReport()
    instruments = {i.code: i for i in Instrument.objects.all()}
    states = {s.iso3: s for s in State.objects.all()}
    for line, row in enumerate(reader, start=2):
        try:
            state = states.get((row.get("state") or "").strip().upper())
            if state is None:
                raise ValidationError(
                    _("line %(line)d: unknown state '%(value)s'")
                    % {"line": line, "value": row.get("state")}
                )
            instrument = instruments.get((row.get("instrument") or "").strip().lower())
            if instrument is None:
                raise ValidationError(
                    _("line %(line)d: unknown instrument '%(value)s' (untoc, tip, som, fp)")
                    % {"line": line, "value": row.get("instrument")}
                )
            status = (row.get("status") or "").strip().lower()
            if status not in PartyStatus.Status.values:
                raise ValidationError(
                    _("line %(line)d: unknown status '%(value)s'") % {"line": line, "value": status}
                )
            action = (row.get("consent_action") or "").strip().lower()
            if action and action not in PartyStatus.Action.values:
                raise ValidationError(
                    _("line %(line)d: unknown action '%(value)s'") % {"line": line, "value": action}
                )
            values = {
                "status": status,
                "signature_date": _parse_date(row.get("signature_date") or "", line, "signature"),
                "consent_date": _parse_date(row.get("consent_date") or "", line, "consent"),
                "consent_action": action,
                "source": (row.get("source") or "").strip()[:300],
                "is_demo": is_demo,
            }
        except ValidationError as exc:
            report.rejected.append((line, "; ".join(exc.messages)))
            continue
        _party_status_upsert(
            actor=actor, state=state, instrument=instrument, values=values, report=report
        )
    if strict and report.rejected:
        transaction.set_rollback(True)
        report.created = report.updated = report.unchanged = 0
    return report


def _party_status_upsert(
    *,
    actor: Any,
    state: State,
    instrument: Instrument,
    values: dict[str, Any],
    report: ImportReport,
) -> None:
    record = PartyStatus.objects.filter(state=state, instrument=instrument).first()
    if record is None:
        record = PartyStatus.objects.create(state=state, instrument=instrument, **values)
        audit_log(actor=actor, action="party_status.create", target=record, changes=values)
        report.created += 1
        return
    before = snapshot(record)
    for key, value in values.items():
        setattr(record, key, value)
    changes = diff(before, snapshot(record))
    if not changes:
        report.unchanged += 1
        return
    record.save()
    audit_log(actor=actor, action="party_status.update", target=record, changes=changes)
    report.updated += 1


@transaction.atomic
def party_status_set(
    *, actor: Any, state: State, instrument: Instrument, **values: Any
) -> PartyStatus:
    access.require_secretariat(actor)
    report = ImportReport()
    _party_status_upsert(
        actor=actor, state=state, instrument=instrument, values=values, report=report
    )
    return PartyStatus.objects.get(state=state, instrument=instrument)


@transaction.atomic
def organisation_create(*, actor: Any, **values: Any) -> Organisation:
    state = values.get("state")
    scope = access.scope_of(actor)
    allowed = scope.is_secretariat or (
        state is not None and access.can_create_for(actor, owner_state_id=state.pk)
    )
    if not allowed:
        raise PermissionDenied(_("You may not add organisations here."))
    org = Organisation(**values)
    org.full_clean()
    org.save()
    audit_log(
        actor=actor, action="organisation.create", target=org, changes=diff({}, snapshot(org))
    )
    return org


@transaction.atomic
def contact_create(*, actor: Any, **values: Any) -> Contact:
    state = values.get("state")
    values.setdefault("owner_state", state)
    owner = values.get("owner_state")
    organisation = values.get("owner_organisation")
    if not access.can_create_for(
        actor,
        owner_state_id=owner.pk if owner else None,
        owner_organisation_id=organisation.pk if organisation else None,
    ):
        raise PermissionDenied(_("You may not add contacts for this state."))
    author = access.author_of(actor)
    contact = Contact(created_by=author, **values)
    contact.full_clean()
    contact.save()
    audit_log(
        actor=actor, action="contact.create", target=contact, changes=diff({}, snapshot(contact))
    )
    return contact


@transaction.atomic
def contact_update(*, actor: Any, contact: Contact, **values: Any) -> Contact:
    access.require_edit(actor, contact)
    before = snapshot(contact)
    for key, value in values.items():
        setattr(contact, key, value)
    contact.full_clean()
    contact.save()
    audit_log(
        actor=actor,
        action="contact.update",
        target=contact,
        changes=diff(before, snapshot(contact)),
    )
    return contact
