"""US dollar conversion: the dated ExchangeRate table first, then the ECB reference rates.

The table holds what users loaded (any currency, any source). Out of the box it is empty,
so EUR, GBP and the other currencies the European Central Bank publishes fall back to the
ECB daily reference rates since 1999 that the ``CurrencyConverter`` package ships offline.
Every conversion can say where its rate came from (:class:`RateQuote`), so pages show the
source and date next to each converted figure, and "—" with a reason when there is none.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from tact.assistance.models import ExchangeRate

CENT = Decimal("0.01")
ECB_SOURCE = "ECB reference rate"


@dataclass(frozen=True, slots=True)
class RateQuote:
    """A rate (USD per unit), where it came from and the date it is for."""

    rate: Decimal
    source: str
    date: dt.date | None


@lru_cache(maxsize=1)
def rate_book() -> Any:
    """The ECB rate book shipped with CurrencyConverter (loaded once per process; a server
    loads it before it forks its workers, see tact.core.warmup)."""
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def ecb_quote(currency: str, date: dt.date | None) -> RateQuote | None:
    """USD per unit of ``currency`` from the ECB reference rates, or None if not published.

    A date outside the published range uses the nearest published day (and says so by the
    date it returns); a day without a fixing (weekend, holiday) is interpolated.
    """
    converter = rate_book()
    currency = currency.upper()
    if currency not in converter.currencies or "USD" not in converter.currencies:
        return None
    first = max(converter.bounds[currency].first_date, converter.bounds["USD"].first_date)
    last = min(converter.bounds[currency].last_date, converter.bounds["USD"].last_date)
    day = min(max(date or last, first), last)
    try:
        value = converter.convert(1, currency, "USD", date=day)
    except Exception:  # the package raises its own RateNotFoundError and ValueError
        return None
    return RateQuote(Decimal(str(round(value, 10))), ECB_SOURCE, day)


class RateBook:
    """All loaded exchange rates in memory (the table is small), plus the ECB fallback.

    A value is converted at the latest loaded rate on or before its date; when the currency
    has no loaded rate that early, at its earliest loaded rate. A currency with no loaded
    rate at all is converted at the ECB reference rate of its date. US dollars convert at 1.
    A currency neither source knows -> None.
    """

    def __init__(self, *, use_ecb: bool = True) -> None:
        self._dates: dict[str, list[dt.date]] = {}
        self._rates: dict[str, list[Decimal]] = {}
        self._sources: dict[str, list[str]] = {}
        self._use_ecb = use_ecb
        rows = ExchangeRate.objects.order_by("currency", "date").values_list(
            "currency", "date", "usd_rate", "source"
        )
        for currency, date, rate, source in rows:
            self._dates.setdefault(currency, []).append(date)
            self._rates.setdefault(currency, []).append(rate)
            self._sources.setdefault(currency, []).append(source)

    def quote(self, currency: str, date: dt.date | None) -> RateQuote | None:
        """The rate to use for ``currency`` on ``date`` and where it comes from."""
        currency = (currency or "").upper()
        if currency == "USD":
            return RateQuote(Decimal(1), "USD", date)
        dates = self._dates.get(currency)
        if dates:
            index = len(dates) - 1 if date is None else max(bisect.bisect_right(dates, date) - 1, 0)
            source = self._sources[currency][index] or "exchange rate table"
            return RateQuote(self._rates[currency][index], source, dates[index])
        if self._use_ecb and currency:
            return ecb_quote(currency, date)
        return None

    def rate(self, currency: str, date: dt.date | None) -> Decimal | None:
        quote = self.quote(currency, date)
        return quote.rate if quote is not None else None

    def usd(self, value: Decimal | None, currency: str, date: dt.date | None) -> Decimal | None:
        if value is None:
            return None
        rate = self.rate(currency, date)
        if rate is None:
            return None
        return (value * rate).quantize(CENT, rounding=ROUND_HALF_UP)
