"""Helpers shared by the evaluation services: the audit of a change, field
assignment and model validation."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot


def audit_change(actor: Actor, action: str, obj: Model, before: dict[str, Any]) -> None:
    changes = diff(before, snapshot(obj))
    if changes:
        audit_log(actor=actor, action=action, target=obj, changes=changes)


def set_fields(obj: Model, values: dict[str, Any]) -> dict[str, Any]:
    m2m = {}
    for key, value in values.items():
        field = obj._meta.get_field(key)
        if field.many_to_many:
            m2m[key] = value
        else:
            setattr(obj, key, value)
    return m2m


def validate(obj: Model, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
