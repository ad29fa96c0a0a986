from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

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


def _rate_book(context: Any) -> Any:
    """One RateBook per rendered page (the table is read once, not once per figure)."""
    from tact.assistance.money import RateBook

    cache = context.render_context
    if "assistance_rate_book" not in cache:
        cache["assistance_rate_book"] = RateBook()
    return cache["assistance_rate_book"]


@register.simple_tag(takes_context=True)
def usd_figure(
    context: Any, usd_value: Any, value: Any, currency: str, date: Any = None
) -> SafeString:
    """A converted amount with its rate's source and date, or "—" and the reason for none.

    A stored USD value is shown with the rate that produced it; an amount stored before a
    rate existed is converted now (ECB reference rates ship with the application).
    """
    if value is None or value == "":
        return format_html('— <small class="muted">{}</small>', _("no amount reported"))
    quote = _rate_book(context).quote(currency or "", date)
    if quote is None:
        return format_html(
            '— <small class="muted">{}</small>',
            _("no exchange rate for %(currency)s") % {"currency": currency or "?"},
        )
    amount = usd_value
    if amount is None:
        amount = (Decimal(value) * quote.rate).quantize(Decimal("0.01"))
    if (currency or "").upper() == "USD":
        return format_html("{}", usd(amount))
    return format_html(
        '{} <small class="muted rate-source" title="{}">{} {}</small>',
        usd(amount),
        _("USD per unit: %(rate)s") % {"rate": quote.rate.normalize()},
        quote.source,
        quote.date.isoformat() if quote.date else "",
    )


@register.simple_tag
def usd_total(total: Any, rows: Any, kind: str) -> SafeString:
    """A project total in USD, or "—" saying whether nothing was reported or not converted."""
    if total is not None:
        return format_html("{}", usd(total))
    if not rows:
        reason = _("no budget reported") if kind == "budget" else _("no transactions reported")
    else:
        reason = _("amounts could not be converted to USD (no exchange rate)")
    return format_html('— <small class="muted">{}</small>', reason)
