"""Ranges every stored value respects, checked before any save (pages, API, CLI, imports).

A null in a required field, a date before 1900 or after 2100, a year outside that span or
a number too wide for its column is a typing slip or a hostile request; it gets a
ValidationError naming the field (400 in the API, the 400 page on pages), never a database
error.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
# 64-bit integer columns (BigAutoField, IntegerField on PostgreSQL is 32-bit).
INTEGER_LIMITS = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-(2**31), 2**31 - 1),
    "PositiveIntegerField": (0, 2**31 - 1),
    "BigIntegerField": (-(2**63), 2**63 - 1),
    "PositiveBigIntegerField": (0, 2**63 - 1),
}


def _is_year(field: models.Field[Any, Any]) -> bool:
    return field.name == "year" or field.name.endswith("_year")


def range_errors(instance: models.Model) -> dict[str, str]:
    """Field name → message for each value outside tact's ranges."""
    errors: dict[str, str] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if value is None:
            # A PATCH with null for a required field: say so instead of an IntegrityError.
            filled_on_save = getattr(field, "auto_now", False) or getattr(
                field, "auto_now_add", False
            )
            db_default = field.db_default is not models.NOT_PROVIDED
            if not (field.null or field.primary_key or db_default or filled_on_save):
                errors[field.name] = _("This field cannot be null.")
            continue
        if isinstance(value, models.expressions.BaseExpression):
            continue
        kind = field.get_internal_type()
        if kind == "DateField" and isinstance(value, dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            if not MIN_DATE <= day <= MAX_DATE:
                errors[field.name] = _("Enter a date between 1900 and 2100.")
        elif kind in INTEGER_LIMITS and isinstance(value, int):
            low, high = (1900, 2100) if _is_year(field) else INTEGER_LIMITS[kind]
            if not low <= value <= high:
                errors[field.name] = _("Enter a number between %(low)d and %(high)d.") % {
                    "low": low,
                    "high": high,
                }
        elif kind == "DecimalField" and isinstance(value, decimal.Decimal):
            if not value.is_finite():
                errors[field.name] = _("Enter a finite number.")
                continue
            digits = field.max_digits  # type: ignore[attr-defined]
            places = field.decimal_places  # type: ignore[attr-defined]
            if digits is not None and abs(value) >= decimal.Decimal(10) ** (digits - places):
                errors[field.name] = _("The number is too large for this field.")
    return errors


def check_ranges(instance: models.Model) -> None:
    errors = range_errors(instance)
    if errors:
        raise ValidationError(errors)


def _check_before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if sender.__module__.startswith("tact.") and not kwargs.get("raw"):
        check_ranges(instance)


def connect() -> None:
    """Called from CoreConfig.ready: every tact model is checked before it is saved."""
    pre_save.connect(_check_before_save, dispatch_uid="tact.core.validation.check_ranges")
