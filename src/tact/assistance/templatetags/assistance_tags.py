from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def usd(value: Any) -> str:
    """A USD amount rounded to the dollar, with the locale's thousands separator."""
    if value is None or value == "":
        return "—"
    return number_format(Decimal(value).quantize(Decimal(1)), 0, use_l10n=True, force_grouping=True)


@register.filter
def money(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
