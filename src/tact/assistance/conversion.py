"""How the USD totals of a page were converted: one line per currency behind them.

Project pages show the rate next to each amount. Dashboards and the matrix add many
amounts into one figure, so they cannot; instead they carry this note: for every
currency of the budgets, transactions and contributions in scope, how many amounts, which
rate source (the loaded table and its sources, or the ECB reference rates of each value
date) and over which dates, and how many amounts had no rate and are left out of the
totals. Two aggregate queries per kind of amount, whatever the number of projects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from tact.assistance.models import Budget, Contribution, ExchangeRate, Project, Transaction
from tact.assistance.money import ECB_SOURCE, ecb_quote


@dataclass
class CurrencyLine:
    currency: str
    amounts: int = 0
    unconverted: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    sources: list[str] = field(default_factory=list)

    @property
    def converted(self) -> int:
        return self.amounts - self.unconverted


def _merge(lines: dict[str, CurrencyLine], rows: Any) -> None:
    for row in rows:
        currency = (row["cur"] or "").upper() or "?"
        line = lines.setdefault(currency, CurrencyLine(currency))
        line.amounts += row["n"]
        line.unconverted += row["missing"]
        if row["first"] is not None:
            line.first = row["first"] if line.first is None else min(line.first, row["first"])
        if row["last"] is not None:
            line.last = row["last"] if line.last is None else max(line.last, row["last"])


def conversion_note(
    projects: QuerySet[Project] | None = None,
    contributions: QuerySet[Contribution] | None = None,
) -> list[CurrencyLine]:
    """One line per currency of the amounts behind a page's USD totals, USD last."""
    lines: dict[str, CurrencyLine] = {}
    if projects is not None:
        ids = projects.order_by().values("pk")
        for model, date_field in ((Budget, "period_start"), (Transaction, "date")):
            rows = (
                model.objects.filter(project__in=ids, value__isnull=False)
                # A blank currency is the activity's default currency (IATI rule).
                .annotate(
                    day=Coalesce("value_date", date_field),
                    cur=Coalesce(NullIf("currency", Value("")), "project__default_currency"),
                )
                .values("cur")
                .annotate(
                    n=Count("pk"),
                    missing=Count("pk", filter=Q(value_usd__isnull=True)),
                    first=Min("day"),
                    last=Max("day"),
                )
                .order_by()
            )
            _merge(lines, rows)
    if contributions is not None:
        pledges = (
            contributions.filter(pledged_amount__isnull=False)
            .annotate(cur=F("currency"))
            .values("cur")
            .annotate(
                n=Count("pk"),
                missing=Count("pk", filter=Q(pledged_usd__isnull=True)),
                first=Min("pledged_date"),
                last=Max("pledged_date"),
            )
            .order_by()
        )
        _merge(lines, pledges)
    table = {
        currency: sorted({source or "exchange rate table" for source in sources})
        for currency, sources in _table_sources(set(lines)).items()
    }
    for line in lines.values():
        if line.currency == "USD":
            continue
        if line.currency in table:
            line.sources = table[line.currency]
        elif ecb_quote(line.currency, line.last) is not None:
            line.sources = [ECB_SOURCE]
    return sorted(lines.values(), key=lambda line: (line.currency == "USD", line.currency))


def _table_sources(currencies: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    rows = ExchangeRate.objects.filter(currency__in=currencies).values_list("currency", "source")
    for currency, source in rows.distinct():
        out.setdefault(currency, []).append(source)
    return out


def stored_note(
    user: Any,
    filters: dict[str, Any],
    projects: QuerySet[Project] | None = None,
    contributions: QuerySet[Contribution] | None = None,
) -> list[CurrencyLine]:
    """The note of the projects matching ``filters`` (or of ``projects``, which ``filters``
    then name), kept per access profile and summary version: it sums every budget and
    transaction in scope, which for the matrix or a large donor is most of them.
    Contributions are few and change without the summaries: they are added live."""
    from tact.assistance import selectors
    from tact.assistance.figures import derived

    def compute() -> list[dict[str, Any]]:
        scope = projects if projects is not None else selectors.project_list(user, **filters)
        return [
            {**line.__dict__, "first": _iso(line.first), "last": _iso(line.last)}
            for line in conversion_note(scope)
        ]

    params = {k: v for k, v in filters.items() if v}
    lines = {
        line["currency"]: CurrencyLine(
            **{**line, "first": _day(line["first"]), "last": _day(line["last"])}
        )
        for line in derived("usd-note", user, params, compute)
    }
    if contributions is not None:
        for extra in conversion_note(contributions=contributions):
            line = lines.setdefault(extra.currency, CurrencyLine(extra.currency))
            line.amounts += extra.amounts
            line.unconverted += extra.unconverted
            firsts = [d for d in (line.first, extra.first) if d is not None]
            line.first = min(firsts) if firsts else None
            lasts = [d for d in (line.last, extra.last) if d is not None]
            line.last = max(lasts) if lasts else None
            line.sources = sorted({*line.sources, *extra.sources})
    return sorted(lines.values(), key=lambda line: (line.currency == "USD", line.currency))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
