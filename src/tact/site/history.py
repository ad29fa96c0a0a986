"""The audit trail of one record made readable: field labels, related records by name
(only those the viewer may see), choice labels, and translated action names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core import access
from tact.core.access import Actor
from tact.core.models import AuditEntry

# The verb at the end of an action name ("evaluation.finding.update", "mapping_deleted").
VERBS = {
    "create": gettext_lazy("Created"),
    "created": gettext_lazy("Created"),
    "import": gettext_lazy("Imported"),
    "imported": gettext_lazy("Imported"),
    "update": gettext_lazy("Changed"),
    "updated": gettext_lazy("Changed"),
    "correct": gettext_lazy("Corrected"),
    "corrected": gettext_lazy("Corrected"),
    "delete": gettext_lazy("Deleted"),
    "deleted": gettext_lazy("Deleted"),
    "status": gettext_lazy("Status changed"),
    "reclassify": gettext_lazy("Reclassified"),
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    entry: AuditEntry
    action: str
    changes: list[Change]


def action_label(action: str) -> str:
    verb = action.replace("_", ".").rsplit(".", 1)[-1]
    found = VERBS.get(verb)
    return str(found) if found is not None else capfirst(verb.replace("-", " "))


def _value(actor: Actor, field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if field is None:
        return str(value)
    target = field.related_model if field.is_relation and field.many_to_one else None
    if target is not None and not isinstance(target, str):
        related = target._default_manager.filter(pk=value).first()
        if related is None:
            return _("a deleted record")
        return str(related) if access.can_view(actor, related) else _("a record you may not see")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def readable_history(
    actor: Actor, record: models.Model, entries: list[AuditEntry]
) -> list[HistoryRow]:
    model = type(record)
    rows = []
    for entry in entries:
        changes = []
        for name, before, after in entry.changed_fields:
            try:
                field: Any = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            label = capfirst(str(field.verbose_name)) if field is not None else name
            changes.append(
                Change(str(label), _value(actor, field, before), _value(actor, field, after))
            )
        rows.append(HistoryRow(entry, action_label(entry.action), changes))
    return rows
