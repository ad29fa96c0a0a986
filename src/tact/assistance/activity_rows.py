"""An IATI activity as the rows tact stores: a project's values and its child rows as tuples.

Why tuples: they go straight to the database (:mod:`tact.assistance.bulk`), without a model
instance per row.  The column order of each child table is declared once, beside its builder.
The whole activity is kept as its own XML in ``Project.iati_activity`` (with the few parts that
queries read: related activities, other identifiers, data-quality warnings) instead of a
re-serialisation: export re-reads it with the same builder as the import.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from tact.assistance.bulk import json_text
from tact.assistance.channel import OrgFacts, derive_channel
from tact.assistance.iati import Activity
from tact.assistance.iati.codelists import CODELIST_DIR
from tact.assistance.iati.jsonable import to_jsonable
from tact.assistance.iati.model import first_text
from tact.assistance.money import RateBook
from tact.directory.models import Organisation, State

AMOUNT_LIMIT = Decimal(10) ** 17
CENT = Decimal("0.01")


def _cut(value: str | None, length: int) -> str:
    return (value or "").strip()[:length]


def _amount(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if abs(value) >= AMOUNT_LIMIT:
        raise ValueError(_("an amount is too large to store (%(value)s)") % {"value": value})
    return value.quantize(Decimal("0.01"))


def _percentage(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    try:
        quantized = value.quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    return quantized if abs(quantized) < 10000 else None


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


def _year(value: dt.date | None) -> dt.date | None:
    """Dates the databases can store (schema-only imports may carry odd years)."""
    return value if value is not None and 1 <= value.year <= 9999 else None


@lru_cache(maxsize=4096)
def _codes_json(codes: tuple[str, ...]) -> str:
    """A document's category codes as JSON: a handful of combinations recur in every file."""
    return json_text(list(codes))


@cache
def sector_names() -> dict[str, str]:
    """DAC 5-digit sector code -> English name, from the shipped Sector codelist."""
    names: dict[str, str] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(CODELIST_DIR / "Sector.xml"), parser).getroot()
    for item in root.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        name = item.findtext("name/narrative") or item.findtext("name") or ""
        if code:
            names[code] = name.strip()
    return names


class Lookups:
    """Directory look-ups cached for one import: organisations by IATI id, states by ISO2."""

    def __init__(self) -> None:
        self.organisations: dict[str, int] = dict(
            Organisation.objects.exclude(iati_ref="").values_list("iati_ref", "pk")
        )
        self.states: dict[str, int] = {
            iso2.upper(): pk
            for iso2, pk in State.objects.exclude(iso2="").values_list("iso2", "pk")
        }
        self.rates = RateBook()
        self._rates: dict[tuple[str, dt.date | None], Decimal | None] = {}

    def usd(self, value: Decimal | None, currency: str, date: dt.date | None) -> Decimal | None:
        """``RateBook.usd`` with the rate of each (currency, date) looked up once per run."""
        if value is None:
            return None
        key = (currency, date)
        try:
            rate = self._rates[key]
        except KeyError:
            rate = self._rates[key] = self.rates.rate(currency, date)
        if rate is None:
            return None
        return (value * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def project_values(activity: Activity, lookups: Lookups) -> dict[str, Any]:
    """The Project fields an activity sets (IATI-owned fields; tact links are left alone)."""
    reporting = activity.reporting_org
    orgs = [
        OrgFacts(
            role=o.role,
            ref=o.ref or "",
            name=o.name,
            type=o.type or "",
            crs_channel_code=o.crs_channel_code or "",
        )
        for o in activity.participating_orgs
    ]
    channel = derive_channel(
        orgs,
        crs_channel_code=activity.crs_channel_code or "",
        reporting=OrgFacts(
            role="", ref=reporting.ref or "", name=reporting.name, type=reporting.type or ""
        ),
    )
    title = first_text(activity.title, activity.default_language) or activity.identifier
    return {
        "title": _cut(title, 500),
        "description": first_text(activity.description, activity.default_language),
        "language": _cut(activity.default_language or "en", 8),
        "reporting_org_ref": _cut(reporting.ref, 100),
        "reporting_org_name": _cut(reporting.name, 300),
        "reporting_org_type": _cut(reporting.type, 4),
        "reporting_organisation_id": lookups.organisations.get(reporting.ref or ""),
        "status": _cut(activity.status_code, 2),
        "planned_start": _year(activity.dates.get("1")),
        "actual_start": _year(activity.dates.get("2")),
        "planned_end": _year(activity.dates.get("3")),
        "actual_end": _year(activity.dates.get("4")),
        "default_currency": _cut(activity.default_currency, 3),
        "last_updated": _aware(activity.last_updated),
        "iati_version": _cut(activity.iati_version, 8),
        "hierarchy": activity.hierarchy
        if activity.hierarchy and activity.hierarchy < 32767
        else None,
        "humanitarian": activity.humanitarian,
        "collaboration_type": _cut(activity.collaboration_type, 4),
        "default_flow_type": _cut(activity.default_flow_type, 4),
        "default_finance_type": _cut(activity.default_finance_type, 4),
        "default_aid_type": _cut(activity.default_aid_type, 8),
        "crs_channel_code": _cut(activity.crs_channel_code, 8),
        "channel_derived": channel,
    }


def activity_document(
    activity: Activity, *, xml: str = "", digest: str = "", version: str = ""
) -> dict[str, Any]:
    """What ``Project.iati_activity`` holds: the activity's XML when read from a file (plus
    what queries and pages read of it), else the generic JSON form (activities built in code)."""
    if not xml:
        return to_jsonable(activity)
    return {
        "xml": xml,
        "version": version,
        "digest": digest,
        "identifier": activity.identifier,
        "related_activities": [{"ref": r.ref, "type": r.type} for r in activity.related_activities],
        "other_identifiers": [
            {"ref": o.ref, "type": o.type, "owner_ref": o.owner_ref}
            for o in activity.other_identifiers
        ],
        "quality_warnings": list(activity.quality_warnings),
    }


PARTICIPATING_COLUMNS = (
    "project_id", "role", "ref", "name", "type", "crs_channel_code", "activity_id",
    "organisation_id", "order",
)  # fmt: skip
COUNTRY_COLUMNS = ("project_id", "code", "state_id", "percentage")
REGION_COLUMNS = ("project_id", "code", "vocabulary", "percentage")
SECTOR_COLUMNS = ("project_id", "vocabulary", "code", "name", "percentage")
BUDGET_COLUMNS = (
    "project_id", "type", "status", "period_start", "period_end", "value", "currency",
    "value_date", "value_usd",
)  # fmt: skip
TRANSACTION_COLUMNS = (
    "project_id", "type", "date", "value", "currency", "value_date", "value_usd", "ref",
    "description", "provider_ref", "provider_name", "provider_activity_id", "receiver_ref",
    "receiver_name", "receiver_activity_id", "recipient_country",
)  # fmt: skip
DOCUMENT_COLUMNS = (
    "project_id", "url", "title", "format", "categories", "language", "document_date",
)  # fmt: skip
RESULT_COLUMNS = ("project_id", "type", "title", "description", "aggregation_status", "order")
INDICATOR_COLUMNS = (
    "result_id", "measure", "ascending", "title", "description", "baseline_year",
    "baseline_value", "periods", "order",
)  # fmt: skip

PROJECT_VALUE_COLUMNS = (
    "title", "description", "language", "reporting_org_ref", "reporting_org_name",
    "reporting_org_type", "reporting_organisation_id", "status", "planned_start",
    "actual_start", "planned_end", "actual_end", "default_currency", "last_updated",
    "iati_version", "hierarchy", "humanitarian", "collaboration_type", "default_flow_type",
    "default_finance_type", "default_aid_type", "crs_channel_code", "channel_derived",
)  # fmt: skip
"""The columns :func:`project_values` fills (IATI-owned; tact's links are left alone)."""
Row = tuple[Any, ...]
"""A child row without its first column (the parent's id, known only once it is written)."""


NO_ORG = ("", "", "")


def _org_columns(org: Any) -> tuple[str, str, str]:
    """A transaction's provider or receiver as its ref, name and activity id columns."""
    names = org.names
    return (
        (org.ref or "").strip()[:200],
        (next(iter(names.values()), "") if names else "").strip()[:300],
        (org.activity_id or "").strip()[:200],
    )


def child_rows(activity: Activity, lookups: Lookups) -> dict[str, list[Row]]:
    """Child rows by table key ("participating", "country", ...), parent id left out."""
    organisations, states = lookups.organisations, lookups.states
    usd, default_currency = lookups.usd, activity.default_currency or ""
    names = sector_names()
    budgets: list[Row] = []
    for b in activity.budgets:
        currency = (b.currency or default_currency).upper()[:3]
        value = _amount(b.value)
        budgets.append(
            (
                _cut(b.type, 2),
                _cut(b.status, 2),
                _year(b.period_start),
                _year(b.period_end),
                value,
                currency,
                _year(b.value_date),
                _amount(usd(value, currency, b.value_date or b.period_start)),
            )
        )
    transactions: list[Row] = []
    # Spelled out rather than through ``_cut`` and ``first_text``: a transaction is the
    # commonest child row, and function calls were most of its cost (issue 19).
    for t in activity.transactions:
        currency = (t.currency or default_currency).upper()[:3]
        value = _amount(t.value)
        provider, receiver = t.provider_org, t.receiver_org
        description = t.description
        transactions.append(
            (
                (t.type_code or "").strip()[:2],
                _year(t.date),
                value,
                currency,
                _year(t.value_date),
                _amount(usd(value, currency, t.value_date or t.date)),
                (t.ref or "").strip()[:200],
                next(iter(description.values()), "") if description else "",
                *(_org_columns(provider) if provider is not None else NO_ORG),
                *(_org_columns(receiver) if receiver is not None else NO_ORG),
                (t.recipient_country or "").strip()[:2].upper(),
            )
        )
    return {
        "participating": [
            (
                _cut(o.role, 2),
                _cut(o.ref, 200),
                _cut(o.name, 300),
                _cut(o.type, 4),
                _cut(o.crs_channel_code, 8),
                _cut(o.activity_id, 200),
                organisations.get(o.ref or ""),
                i,
            )
            for i, o in enumerate(activity.participating_orgs)
        ],
        "country": [
            (
                _cut(c.code, 2).upper(),
                states.get(c.code.upper()),
                _percentage(c.percentage),
            )
            for c in activity.recipient_countries
        ],
        "region": [
            (_cut(r.code, 20), _cut(r.vocabulary, 4), _percentage(r.percentage))
            for r in activity.recipient_regions
        ],
        "sector": [
            (
                _cut(s.vocabulary, 4),
                _cut(s.code, 50),
                _cut(
                    first_text(s.narratives)
                    or (names.get(s.code, "") if s.vocabulary == "1" else ""),
                    300,
                ),
                _percentage(s.percentage),
            )
            for s in activity.sectors
        ],
        "budget": budgets,
        "transaction": transactions,
        "document": [
            (
                _cut(d.url, 1000),
                _cut(first_text(d.title), 500),
                _cut(d.format, 100),
                _codes_json(tuple(d.categories)),
                _cut(d.language, 8),
                _year(d.document_date),
            )
            for d in activity.documents
        ],
    }


def totals(children: dict[str, list[Row]]) -> dict[str, Decimal | None]:
    """The project's USD totals from its budget and transaction rows (revised budgets win)."""
    budgets = children["budget"]
    chosen = [b for b in budgets if b[0] == "2"] or budgets

    def total(values: list[Decimal | None]) -> Decimal | None:
        known = [v for v in values if v is not None]
        return sum(known, Decimal(0)) if known else None

    transactions = children["transaction"]
    return {
        "budget_usd": total([b[7] for b in chosen]),
        "commitment_usd": total([t[5] for t in transactions if t[0] == "2"]),
        "disbursement_usd": total([t[5] for t in transactions if t[0] in {"3", "4"}]),
    }


def _period(p: Any) -> dict[str, Any]:
    return {
        "start": p.start.isoformat() if p.start else None,
        "end": p.end.isoformat() if p.end else None,
        "target": p.target_value,
        "actual": p.actual_value,
        "target_comment": first_text(p.target_comment),
        "actual_comment": first_text(p.actual_comment),
    }


def result_values(result: Any, order: int) -> dict[str, Any]:
    return {
        "type": _cut(result.type, 2),
        "title": _cut(first_text(result.title), 500),
        "description": first_text(result.description),
        "aggregation_status": result.aggregation_status,
        "order": order,
    }


def indicator_values(indicator: Any, order: int) -> dict[str, Any]:
    baseline = indicator.baseline
    year = baseline.year if baseline is not None else None
    return {
        "measure": _cut(indicator.measure, 2),
        "ascending": indicator.ascending,
        "title": _cut(first_text(indicator.title), 500),
        "description": first_text(indicator.description),
        "baseline_year": year if year and 0 < year < 32767 else None,
        "baseline_value": _cut(baseline.value if baseline else "", 100),
        "periods": [_period(p) for p in indicator.periods],
        "order": order,
    }


def result_rows(activity: Activity) -> list[tuple[Row, list[Row]]]:
    """(result row, its indicator rows) per result; parent ids left out (see RESULT_COLUMNS)."""
    out: list[tuple[Row, list[Row]]] = []
    for i, result in enumerate(activity.results):
        values = result_values(result, i)
        indicators = []
        for j, indicator in enumerate(result.indicators):
            iv = indicator_values(indicator, j)
            iv["periods"] = json_text(iv["periods"])
            indicators.append(tuple(iv[c] for c in INDICATOR_COLUMNS[1:]))
        out.append((tuple(values[c] for c in RESULT_COLUMNS[1:]), indicators))
    return out
