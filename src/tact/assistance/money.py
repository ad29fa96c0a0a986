"""US dollar conversion through the dated ExchangeRate table."""

from __future__ import annotations

import bisect
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from tact.assistance.models import ExchangeRate

CENT = Decimal("0.01")


class RateBook:
    """All exchange rates in memory (the table is small), for fast repeated conversion.

    A value is converted at the latest rate on or before its date; when the currency has no
    rate that early, at its earliest rate (better an approximate figure than none, and the
    page says which rates are loaded). US dollars convert at 1. Unknown currency -> None.
    """

    def __init__(self) -> None:
        self._dates: dict[str, list[dt.date]] = {}
        self._rates: dict[str, list[Decimal]] = {}
        for currency, date, rate in ExchangeRate.objects.order_by("currency", "date").values_list(
            "currency", "date", "usd_rate"
        ):
            self._dates.setdefault(currency, []).append(date)
            self._rates.setdefault(currency, []).append(rate)

    def rate(self, currency: str, date: dt.date | None) -> Decimal | None:
        currency = (currency or "").upper()
        if currency == "USD":
            return Decimal(1)
        dates = self._dates.get(currency)
        if not dates:
            return None
        if date is None:
            return self._rates[currency][-1]
        index = bisect.bisect_right(dates, date) - 1
        return self._rates[currency][max(index, 0)]

    def usd(self, value: Decimal | None, currency: str, date: dt.date | None) -> Decimal | None:
        if value is None:
            return None
        rate = self.rate(currency, date)
        if rate is None:
            return None
        return (value * rate).quantize(CENT, rounding=ROUND_HALF_UP)
