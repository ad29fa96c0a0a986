"""The audit trail: every service that changes a record calls `audit_log`.

One format for every write: `changes` maps each field to `[before, after]`; a create has
`before` None, a delete `after` None. Pass `changes=diff(before, after)` for an update (its
pairs are tuples), or a snapshot / plain values for a create (after) or a delete (before,
recognised by the action name). Each entry records the actor, the time and the id of the
request that made it (`X-Request-ID`, see core.middleware.RequestIdMiddleware).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from tact.core.models import AuditEntry
from tact.core.pagecache import changed

# Set by RequestIdMiddleware for the duration of a request.
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "tact_request_id", default=""
)
_DELETING = re.compile(r"(^|[._])(delete|deleted|remove|removed|withdraw|withdrawn|purge)")
_CREATING = re.compile(r"(^|[._])(create|created|add|added)")


def _plain(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Concrete field values of a record, JSON-ready, for diffing before and after a change."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        values[field.name] = _plain(getattr(instance, field.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields that differ, each as a (before, after) pair."""
    return {
        key: (before.get(key), after.get(key))
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one change. `actor` may be None for system jobs (imports run by the CLI)."""
    # A create or delete logged without its fields: the record itself is the change.
    creating_or_deleting = bool(_DELETING.search(action) or _CREATING.search(action))
    if not changes and target is not None and target.pk is not None and creating_or_deleting:
        changes = snapshot(target)
    # An audited change is a change of data pages show, also when the service wrote it with
    # QuerySet.update (no signal): cached pages must not outlive it.
    changed(AuditEntry.objects.db)
    user = actor if getattr(actor, "is_authenticated", False) and actor.pk is not None else None
    label = user.get_username() if user is not None else "system"
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        changes=normalise(action, changes or {}),
        request_id=current_request_id.get()[:64],
    )


def normalise(action: str, changes: dict[str, Any]) -> dict[str, list[Any]]:
    """Every field as [before, after]: (b, a) pairs stay, plain values are the record after a
    create (or before a delete, when the action says so)."""
    deleting = bool(_DELETING.search(action))
    creating = bool(_CREATING.search(action))
    result: dict[str, list[Any]] = {}
    for key, value in changes.items():
        if isinstance(value, tuple) and len(value) == 2:
            before, after = value
        elif deleting:
            before, after = value, None
        elif not creating and isinstance(value, list) and len(value) == 2:
            before, after = value  # an update's [before, after] written as a list
        else:
            before, after = None, value
        result[key] = [_plain(before), _plain(after)]
    return result


def history_for(target: models.Model) -> models.QuerySet[AuditEntry]:
    """All audit entries about one record, newest first."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
