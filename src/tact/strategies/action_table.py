"""The action table of a strategy in Excel: export, edit in Excel, import back.

The header row holds stable column keys (not translated) so that a sheet exported in one
language imports in any other. A row with an `id` updates that action; a row without one adds
an action; rows left out of the sheet are not deleted. The whole file is checked first: one
bad row rejects the file with a message per row and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from tact.core import access
from tact.core.access import Actor
from tact.core.exports import xlsx_bytes
from tact.strategies import services
from tact.strategies.models import Action, Agency, Strategy

COLUMNS = (
    "id",
    "objective",
    "code",
    "title",
    "lead_agency",
    "partner_agencies",
    "deadline",
    "budget",
    "currency",
    "funding",
    "project",
    "status",
    "percent_complete",
)
SEPARATOR = "; "


class ActionImportError(ValidationError):
    """The file was rejected; `messages` has one line per bad row."""


@dataclass
class ImportReport:
    created: list[Action] = field(default_factory=list)
    updated: list[Action] = field(default_factory=list)
    unchanged: int = 0


def _objective_key(action: Action) -> str:
    return action.objective.code or action.objective.title


def export_rows(strategy: Strategy) -> list[list[Any]]:
    actions = (
        Action.objects.filter(objective__strategy=strategy)
        .select_related("objective", "lead_agency__organisation", "project")
        .prefetch_related("partner_agencies__organisation")
        .order_by("objective__order", "objective__pk", "order", "pk")
    )
    return [
        [
            a.pk,
            _objective_key(a),
            a.code,
            a.title,
            a.lead_agency.short_name if a.lead_agency else "",
            SEPARATOR.join(sorted(p.short_name for p in a.partner_agencies.all())),
            a.deadline.isoformat() if a.deadline else "",
            float(a.budget) if a.budget is not None else "",
            a.currency,
            a.funding,
            a.project.iati_identifier if a.project else "",
            a.status,
            a.percent_complete,
        ]
        for a in actions
    ]


def export_xlsx(strategy: Strategy) -> bytes:
    return xlsx_bytes(COLUMNS, export_rows(strategy), title="actions")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Row:
    """One row's values parsed against the strategy; problems collected, never raised."""

    def __init__(self, lookups: _Lookups, number: int, cells: dict[str, Any]) -> None:
        self.number = number
        self.errors: list[str] = []
        self.values: dict[str, Any] = {}
        self.action: Action | None = None
        self._parse(lookups, cells)

    def _error(self, message: str) -> None:
        self.errors.append(_("Row %(row)d: %(message)s") % {"row": self.number, "message": message})

    def _parse(self, lookups: _Lookups, cells: dict[str, Any]) -> None:
        raw_id = _text(cells.get("id"))
        if raw_id:
            action = lookups.actions.get(raw_id)
            if action is None:
                self._error(_("no action %(id)s in this strategy.") % {"id": raw_id})
            self.action = action
        objective = lookups.objectives.get(_text(cells.get("objective")).casefold())
        if objective is None:
            self._error(
                _("no objective “%(o)s” in this strategy.") % {"o": _text(cells.get("objective"))}
            )
        title = _text(cells.get("title"))
        if not title:
            self._error(_("the title is empty."))
        lead = _text(cells.get("lead_agency"))
        lead_agency = lookups.agency(lead) if lead else None
        if lead and lead_agency is None:
            self._error(_("no agency “%(a)s” of the state.") % {"a": lead})
        partners = []
        for name in filter(
            None, (p.strip() for p in _text(cells.get("partner_agencies")).split(";"))
        ):
            partner = lookups.agency(name)
            if partner is None:
                self._error(_("no agency “%(a)s” of the state.") % {"a": name})
            else:
                partners.append(partner)
        self.values = {
            "objective": objective,
            "code": _text(cells.get("code")),
            "title": title,
            "lead_agency": lead_agency,
            "partner_agencies": sorted(partners, key=lambda a: a.pk),
            "deadline": self._date(cells.get("deadline")),
            "budget": self._decimal(cells.get("budget")),
            "currency": _text(cells.get("currency")).upper(),
            "funding": self._choice(cells.get("funding"), Action.Funding, Action.Funding.NONE),
            "project": self._project(lookups, _text(cells.get("project"))),
            "status": self._choice(cells.get("status"), Action.Status, Action.Status.NOT_STARTED),
            "percent_complete": self._percent(cells.get("percent_complete")),
        }

    def _date(self, value: Any) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(_text(value))
        except ValueError:
            self._error(_("the deadline “%(v)s” is not a date (YYYY-MM-DD).") % {"v": value})
            return None

    def _decimal(self, value: Any) -> Decimal | None:
        if value in (None, ""):
            return None
        try:
            number = Decimal(_text(value).replace(",", ""))
        except InvalidOperation:
            self._error(_("the budget “%(v)s” is not a number.") % {"v": value})
            return None
        if number < 0:
            self._error(_("the budget is negative."))
        return number

    def _choice(self, value: Any, choices: Any, default: str) -> str:
        text = _text(value)
        if not text:
            return default
        for code, label in choices.choices:
            if text.casefold() in (code.casefold(), str(label).casefold()):
                return str(code)
        self._error(
            _("“%(v)s” is not one of: %(choices)s.")
            % {"v": text, "choices": ", ".join(code for code, _label in choices.choices)}
        )
        return default

    def _percent(self, value: Any) -> int:
        text = _text(value).rstrip("%")
        if not text:
            return 0
        try:
            percent = int(Decimal(text))
        except InvalidOperation:
            percent = -1
        if not 0 <= percent <= 100:
            self._error(_("% complete must be a whole number from 0 to 100."))
            return 0
        return percent

    def _project(self, lookups: _Lookups, identifier: str) -> Any:
        if not identifier:
            return None
        project = lookups.project(identifier)
        if project is None:
            self._error(_("no project with IATI identifier “%(v)s”.") % {"v": identifier})
        return project


class _Lookups:
    def __init__(self, actor: Actor, strategy: Strategy) -> None:
        from tact.assistance.models import Project

        self.actor = actor
        self.actions = {
            str(a.pk): a
            for a in Action.objects.filter(objective__strategy=strategy)
            .select_related("objective__strategy")
            .prefetch_related("partner_agencies")
        }
        self.objectives: dict[str, Any] = {}
        for objective in strategy.objectives.all():
            self.objectives.setdefault(objective.title.casefold(), objective)
            if objective.code:
                self.objectives[objective.code.casefold()] = objective
        self.agencies: dict[str, Agency] = {}
        for agency in access.visible(
            actor, Agency.objects.filter(state=strategy.state_id).select_related("organisation")
        ):
            self.agencies.setdefault(agency.organisation.name.casefold(), agency)
            if agency.organisation.acronym:
                self.agencies[agency.organisation.acronym.casefold()] = agency
        self._projects = access.visible(actor, Project.objects.all())

    def agency(self, name: str) -> Agency | None:
        return self.agencies.get(name.casefold())

    def project(self, identifier: str) -> Any:
        return self._projects.filter(iati_identifier=identifier).first()


def _current(action: Action) -> dict[str, Any]:
    return {
        "objective": action.objective,
        "code": action.code,
        "title": action.title,
        "lead_agency": action.lead_agency,
        "partner_agencies": sorted(action.partner_agencies.all(), key=lambda a: a.pk),
        "deadline": action.deadline,
        "budget": action.budget,
        "currency": action.currency,
        "funding": action.funding,
        "project": action.project,
        "status": action.status,
        "percent_complete": action.percent_complete,
    }


def read_rows(actor: Actor, strategy: Strategy, data: bytes) -> list[_Row]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ActionImportError([_("The file is not an Excel workbook (.xlsx).")]) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(h).casefold() for h in next(rows, ())]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ActionImportError(
            [_("Row 1: the columns %(cols)s are missing.") % {"cols": ", ".join(missing)}]
        )
    lookups = _Lookups(actor, strategy)
    parsed = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        cells = {name: values[i] if i < len(values) else None for i, name in enumerate(header)}
        parsed.append(_Row(lookups, number, cells))
    return parsed


def import_xlsx(*, actor: Actor, strategy: Strategy, data: bytes) -> ImportReport:
    """Apply an edited action table; atomic: any bad row rejects the whole file."""
    access.require_edit(actor, strategy)
    rows = read_rows(actor, strategy, data)
    errors = [message for row in rows for message in row.errors]
    seen: dict[int, int] = {}
    for row in rows:
        if row.action is not None:
            if row.action.pk in seen:
                errors.append(
                    _("Row %(row)d: action %(id)s is already on row %(first)d.")
                    % {"row": row.number, "id": row.action.pk, "first": seen[row.action.pk]}
                )
            seen.setdefault(row.action.pk, row.number)
    if errors:
        raise ActionImportError(errors)
    report = ImportReport()
    try:
        with transaction.atomic():
            for row in rows:
                _apply(actor, row, report)
    except ValidationError as exc:
        raise ActionImportError(
            [
                _("Row %(row)d: %(message)s") % {"row": row.number, "message": m}
                for m in exc.messages
            ]
        ) from exc
    return report


def _apply(actor: Actor, row: _Row, report: ImportReport) -> None:
    values = dict(row.values)
    objective = values.pop("objective")
    if row.action is None:
        report.created.append(services.action_create(actor=actor, objective=objective, **values))
        return
    current = _current(row.action)
    changed = {k: v for k, v in {"objective": objective, **values}.items() if current[k] != v}
    if not changed:
        report.unchanged += 1
        return
    progress = {k: changed.pop(k) for k in ("status", "percent_complete") if k in changed}
    if changed:
        services.action_update(actor=actor, action=row.action, **changed)
    if progress:
        services.progress_add(
            actor=actor,
            action=row.action,
            status=values["status"],
            percent_complete=values["percent_complete"],
            note=_("Excel import"),
        )
    report.updated.append(row.action)
