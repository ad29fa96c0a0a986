"""Writing activities as IATI 2.03 XML (schema-valid) and as a flat CSV.

Why the element order is spelled out by hand: the 2.03 XSD declares ``iati-activity`` and
most of its children as ``xsd:sequence``, so order is part of validity (``budget`` before
``transaction``, ``comment`` after ``dimension`` in a baseline but before ``document-link``
in a target...).  The functions below follow the XSD top to bottom; the round-trip test
validates their output against the schema.

The XML is written incrementally with ``lxml.etree.xmlfile``: each activity is built, written
and dropped, so exporting a large portfolio does not hold the whole document in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, BinaryIO, TextIO

from lxml import etree

from tact.assistance.iati.build import XML_LANG
from tact.assistance.iati.errors import IatiWriteError
from tact.assistance.iati.model import (
    Activity,
    Baseline,
    Budget,
    DocumentLink,
    Indicator,
    Narratives,
    PeriodValue,
    Result,
    Sector,
    Transaction,
    TransactionOrg,
    first_text,
)
from tact.assistance.iati.values import (
    format_boolean,
    format_date,
    format_datetime,
    format_decimal,
)

WRITE_VERSION = "2.03"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """Drop the control characters XML 1.0 cannot carry (lxml would refuse the string)."""
    return _XML_ILLEGAL.sub("", value)


def _set(element: Any, name: str, value: str | Decimal | dt.date | bool | int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        text = format_boolean(value)
    elif isinstance(value, Decimal):
        text = format_decimal(value)
    elif isinstance(value, dt.date):
        text = format_date(value)
    else:
        text = str(value)
    element.set(name, _xml_text(text))


def _sub(parent: Any, tag: str, **attributes: str | Decimal | dt.date | bool | int | None) -> Any:
    child = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        _set(child, name.replace("_", "-"), value)
    return child


def _unchecked() -> ValueError:
    """For values :func:`writable_problems` guarantees; reaching this is a programming error."""
    return ValueError("activity was not checked with writable_problems() before writing")


class _Writer:
    def __init__(self, activity: Activity) -> None:
        self.activity = activity
        self.language = activity.default_language or ""

    def narratives(self, parent: Any, narratives: Narratives) -> Any:
        for language, text in narratives.items():
            narrative = etree.SubElement(parent, "narrative")
            if language and language != self.language:
                narrative.set(XML_LANG, language)
            narrative.text = _xml_text(text)
        return parent

    def text_element(self, parent: Any, tag: str, narratives: Narratives) -> None:
        if narratives:
            self.narratives(etree.SubElement(parent, tag), narratives)

    def value(
        self, parent: Any, amount: Decimal, currency: str | None, value_date: dt.date
    ) -> None:
        value = _sub(parent, "value", currency=currency, value_date=value_date)
        value.text = format_decimal(amount)

    def org(self, parent: Any, tag: str, org: TransactionOrg | None, id_attribute: str) -> None:
        if org is None:
            return
        element = _sub(parent, tag, ref=org.ref, type=org.type)
        _set(element, id_attribute, org.activity_id)
        self.narratives(element, org.names)

    def sector(self, parent: Any, sector: Sector, *, percentage: bool) -> None:
        element = _sub(
            parent,
            "sector",
            vocabulary=sector.vocabulary,
            vocabulary_uri=sector.vocabulary_uri,
            code=sector.code,
            percentage=sector.percentage if percentage else None,
        )
        self.narratives(element, sector.narratives)

    def budget(self, parent: Any, budget: Budget) -> None:
        start, end, amount = budget.period_start, budget.period_end, budget.value
        if start is None or end is None or amount is None:
            raise _unchecked()
        element = _sub(parent, "budget", type=budget.type, status=budget.status)
        _sub(element, "period-start", iso_date=start)
        _sub(element, "period-end", iso_date=end)
        self.value(element, amount, budget.currency, budget.value_date or start)

    def transaction(self, parent: Any, transaction: Transaction) -> None:
        day, amount = transaction.date, transaction.value
        if day is None or amount is None:
            raise _unchecked()
        element = _sub(
            parent, "transaction", ref=transaction.ref, humanitarian=transaction.humanitarian
        )
        _sub(element, "transaction-type", code=transaction.type_code)
        _sub(element, "transaction-date", iso_date=day)
        self.value(element, amount, transaction.currency, transaction.value_date or day)
        self.text_element(element, "description", transaction.description)
        self.org(element, "provider-org", transaction.provider_org, "provider-activity-id")
        self.org(element, "receiver-org", transaction.receiver_org, "receiver-activity-id")
        if transaction.disbursement_channel is not None:
            _sub(element, "disbursement-channel", code=transaction.disbursement_channel)
        for sector in transaction.sectors:
            self.sector(element, sector, percentage=False)
        if transaction.recipient_country is not None:
            _sub(element, "recipient-country", code=transaction.recipient_country)
        region = transaction.recipient_region
        if region is not None:
            _sub(
                element,
                "recipient-region",
                code=region.code,
                vocabulary=region.vocabulary,
                vocabulary_uri=region.vocabulary_uri,
            )
        for tag, code in (
            ("flow-type", transaction.flow_type),
            ("finance-type", transaction.finance_type),
        ):
            if code is not None:
                _sub(element, tag, code=code)
        for aid in transaction.aid_types:
            _sub(element, "aid-type", code=aid.code, vocabulary=aid.vocabulary)
        if transaction.tied_status is not None:
            _sub(element, "tied-status", code=transaction.tied_status)

    def document(self, parent: Any, document: DocumentLink) -> None:
        element = _sub(parent, "document-link", url=document.url, format=document.format)
        self.narratives(etree.SubElement(element, "title"), document.title)
        self.text_element(element, "description", document.description)
        for category in document.categories:
            _sub(element, "category", code=category)
        for language in document.languages:
            _sub(element, "language", code=language)
        if document.document_date is not None:
            _sub(element, "document-date", iso_date=document.document_date)

    def result_value(self, parent: Any, tag: str, value: PeriodValue) -> None:
        element = _sub(parent, tag, value=value.value)
        for ref in value.location_refs:
            _sub(element, "location", ref=ref)
        for dimension in value.dimensions:
            _sub(element, "dimension", name=dimension.name, value=dimension.value)
        self.text_element(element, "comment", value.comment)

    def baseline(self, parent: Any, baseline: Baseline) -> None:
        element = _sub(
            parent, "baseline", iso_date=baseline.iso_date, year=baseline.year, value=baseline.value
        )
        for ref in baseline.location_refs:
            _sub(element, "location", ref=ref)
        for dimension in baseline.dimensions:
            _sub(element, "dimension", name=dimension.name, value=dimension.value)
        self.text_element(element, "comment", baseline.comment)

    def indicator(self, parent: Any, indicator: Indicator) -> None:
        element = _sub(
            parent,
            "indicator",
            measure=indicator.measure,
            ascending=indicator.ascending,
            aggregation_status=indicator.aggregation_status,
        )
        self.narratives(etree.SubElement(element, "title"), indicator.title)
        self.text_element(element, "description", indicator.description)
        for reference in indicator.references:
            _sub(
                element,
                "reference",
                vocabulary=reference.vocabulary,
                code=reference.code,
                indicator_uri=reference.indicator_uri,
            )
        for baseline in indicator.baselines:
            self.baseline(element, baseline)
        for period in indicator.periods:
            if period.start is None or period.end is None:
                raise _unchecked()
            period_element = etree.SubElement(element, "period")
            _sub(period_element, "period-start", iso_date=period.start)
            _sub(period_element, "period-end", iso_date=period.end)
            for target in period.targets:
                self.result_value(period_element, "target", target)
            for actual in period.actuals:
                self.result_value(period_element, "actual", actual)

    def result(self, parent: Any, result: Result) -> None:
        element = _sub(
            parent, "result", type=result.type, aggregation_status=result.aggregation_status
        )
        self.narratives(etree.SubElement(element, "title"), result.title)
        self.text_element(element, "description", result.description)
        for indicator in result.indicators:
            self.indicator(element, indicator)

    def element(self) -> Any:
        a = self.activity
        root = etree.Element("iati-activity")
        if a.last_updated is not None:
            root.set("last-updated-datetime", format_datetime(a.last_updated))
        _set(root, XML_LANG, a.default_language)
        _set(root, "default-currency", a.default_currency)
        _set(root, "humanitarian", a.humanitarian)
        _set(root, "hierarchy", a.hierarchy)
        _set(root, "budget-not-provided", a.budget_not_provided)
        etree.SubElement(root, "iati-identifier").text = _xml_text(a.identifier)
        org = a.reporting_org
        self.narratives(
            _sub(
                root,
                "reporting-org",
                ref=org.ref,
                type=org.type,
                secondary_reporter=org.secondary_reporter,
            ),
            org.names,
        )
        self.narratives(etree.SubElement(root, "title"), a.title)
        for kind, narratives in _descriptions(a).items():
            self.narratives(_sub(root, "description", type=kind), narratives)
        for participant in a.participating_orgs:
            element = _sub(
                root,
                "participating-org",
                ref=participant.ref,
                type=participant.type,
                role=participant.role,
                activity_id=participant.activity_id,
                crs_channel_code=participant.crs_channel_code,
            )
            self.narratives(element, participant.names)
        for other in a.other_identifiers:
            element = _sub(root, "other-identifier", ref=other.ref, type=other.type)
            if other.owner_ref is not None:
                _sub(element, "owner-org", ref=other.owner_ref)
        _sub(root, "activity-status", code=a.status_code)
        for kind, day in a.dates.items():
            _sub(root, "activity-date", type=kind, iso_date=day)
        if a.activity_scope is not None:
            _sub(root, "activity-scope", code=a.activity_scope)
        for country in a.recipient_countries:
            _sub(root, "recipient-country", code=country.code, percentage=country.percentage)
        for region in a.recipient_regions:
            _sub(
                root,
                "recipient-region",
                code=region.code,
                vocabulary=region.vocabulary,
                vocabulary_uri=region.vocabulary_uri,
                percentage=region.percentage,
            )
        for sector in a.sectors:
            self.sector(root, sector, percentage=True)
        for tag in a.tags:
            element = _sub(
                root,
                "tag",
                code=tag.code,
                vocabulary=tag.vocabulary,
                vocabulary_uri=tag.vocabulary_uri,
            )
            self.narratives(element, tag.narratives)
        for tag_name, code in (
            ("collaboration-type", a.collaboration_type),
            ("default-flow-type", a.default_flow_type),
            ("default-finance-type", a.default_finance_type),
        ):
            if code is not None:
                _sub(root, tag_name, code=code)
        for aid in a.default_aid_types:
            _sub(root, "default-aid-type", code=aid.code, vocabulary=aid.vocabulary)
        if a.default_tied_status is not None:
            _sub(root, "default-tied-status", code=a.default_tied_status)
        for budget in a.budgets:
            self.budget(root, budget)
        for transaction in a.transactions:
            self.transaction(root, transaction)
        for document in a.documents:
            self.document(root, document)
        for related in a.related_activities:
            _sub(root, "related-activity", ref=related.ref, type=related.type)
        for result in a.results:
            self.result(root, result)
        if a.crs_add_channel_code:
            etree.SubElement(etree.SubElement(root, "crs-add"), "channel-code").text = _xml_text(
                a.crs_add_channel_code
            )
        return root


def _descriptions(activity: Activity) -> dict[str, Narratives]:
    """Descriptions by type, the general one first; ``activity.description`` wins for type 1."""
    merged: dict[str, Narratives] = {}
    general = activity.description or activity.descriptions.get("1", {})
    if general:
        merged["1"] = general
    for kind, narratives in activity.descriptions.items():
        if kind != "1" and narratives:
            merged[kind] = narratives
    return merged


def writable_problems(activity: Activity) -> list[str]:
    """What the 2.03 schema requires and ``activity`` lacks; ``[]`` means it can be written.

    Why a separate check: writing is streamed, so an activity that cannot be written stops
    the export part-way.  Callers exporting from the database can call this first and fix
    or skip the activity.  Value dates default to the transaction date / budget start, as
    IATI recommends, so they are not required here.
    """
    a = activity
    problems: list[str] = []
    org = a.reporting_org
    if org.ref is None:
        problems.append("reporting-org has no ref")
    if org.type is None:
        problems.append("reporting-org has no type")
    if not org.names:
        problems.append("reporting-org has no name")
    if not a.title:
        problems.append("no title")
    if not _descriptions(a):
        problems.append("no description")
    if not a.participating_orgs:
        problems.append("no participating-org")
    if a.status_code is None:
        problems.append("no activity-status")
    if not a.dates:
        problems.append("no activity-date")
    for number, budget in enumerate(a.budgets, 1):
        if budget.period_start is None or budget.period_end is None:
            problems.append(f"budget #{number} lacks its period")
        if budget.value is None:
            problems.append(f"budget #{number} has no value")
    for number, transaction in enumerate(a.transactions, 1):
        if transaction.date is None:
            problems.append(f"transaction #{number} has no date")
        if transaction.value is None:
            problems.append(f"transaction #{number} has no value")
    for number, document in enumerate(a.documents, 1):
        if document.format is None:
            problems.append(f"document-link #{number} has no format")
        if not document.title:
            problems.append(f"document-link #{number} has no title")
        if not document.categories:
            problems.append(f"document-link #{number} has no category")
    for number, result in enumerate(a.results, 1):
        if not result.title:
            problems.append(f"result #{number} has no title")
        if not result.indicators:
            problems.append(f"result #{number} has no indicator")
        for index, indicator in enumerate(result.indicators, 1):
            where = f"result #{number} indicator #{index}"
            if not indicator.title:
                problems.append(f"{where} has no title")
            if any(b.year is None for b in indicator.baselines):
                problems.append(f"{where} has a baseline without a year")
            if any(p.start is None or p.end is None for p in indicator.periods):
                problems.append(f"{where} has a period without start or end")
    return problems


def write_activities(
    activities: Iterable[Activity], out: BinaryIO, *, generated: dt.datetime
) -> None:
    """Write ``activities`` to ``out`` as one IATI 2.03 ``iati-activities`` document.

    ``generated`` must be timezone-aware (it becomes ``@generated-datetime``).  Raises
    :class:`IatiWriteError` for an activity that :func:`writable_problems` objects to; the
    activities before it have then already been written.
    """
    stamp = format_datetime(generated)
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", {"version": WRITE_VERSION, "generated-datetime": stamp}):
            xf.write("\n")
            for activity in activities:
                problems = writable_problems(activity)
                if problems:
                    raise IatiWriteError(activity.identifier, problems)
                xf.write(_Writer(activity).element(), pretty_print=True)
            xf.write("")


# -- CSV -------------------------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "iati_identifier",
    "iati_version",
    "reporting_org_ref",
    "reporting_org_name",
    "title",
    "status",
    "start_planned",
    "start_actual",
    "end_planned",
    "end_actual",
    "recipient_countries",
    "recipient_regions",
    "sectors",
    "participating_orgs",
    "currency",
    "budget",
    "incoming_funds",
    "commitments",
    "disbursements",
    "expenditures",
    "humanitarian",
    "crs_channel_code",
    "related_activities",
    "last_updated",
)
"""Columns of :func:`write_activities_csv`, in order."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas in free text (CSV injection): prefix with a quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _share(code: str, percentage: Decimal | None) -> str:
    return code if percentage is None else f"{code}:{format_decimal(percentage)}"


def _money(amounts: dict[str, Decimal]) -> tuple[str, str]:
    """(currency, amount) when one currency is used, else ("", "EUR 1; USD 2")."""
    if not amounts:
        return "", ""
    if len(amounts) == 1:
        ((currency, amount),) = amounts.items()
        return currency, format_decimal(amount)
    return "", "; ".join(f"{c} {format_decimal(v)}" for c, v in sorted(amounts.items()))


def _budget_totals(budgets: Iterable[Budget]) -> dict[str, Decimal]:
    """Sum budgets per currency, counting each period once (revised over original).

    Why: publishers report an original (type 1) and a revised (type 2) budget for the same
    period; adding both would double the money.
    """
    chosen: dict[tuple[Any, Any, str], Budget] = {}
    for budget in budgets:
        if budget.value is None:
            continue
        key = (budget.period_start, budget.period_end, budget.currency or "")
        current = chosen.get(key)
        if current is None or (budget.type == "2" and current.type != "2"):
            chosen[key] = budget
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for budget in chosen.values():
        totals[budget.currency or "?"] += budget.value or Decimal(0)
    return dict(totals)


def _transaction_totals(transactions: Iterable[Transaction], type_code: str) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for transaction in transactions:
        if transaction.type_code == type_code and transaction.value is not None:
            totals[transaction.currency or "?"] += transaction.value
    return dict(totals)


def _csv_row(a: Activity) -> list[str]:
    dates = a.dates
    money = {
        "budget": _money(_budget_totals(a.budgets)),
        "incoming_funds": _money(_transaction_totals(a.transactions, "1")),
        "commitments": _money(_transaction_totals(a.transactions, "2")),
        "disbursements": _money(_transaction_totals(a.transactions, "3")),
        "expenditures": _money(_transaction_totals(a.transactions, "4")),
    }
    currencies = {currency for currency, _amount in money.values() if currency}
    currency = currencies.pop() if len(currencies) == 1 else (a.default_currency or "")

    def day(kind: str) -> str:
        return dates[kind].isoformat() if kind in dates else ""

    text = {
        "iati_identifier": a.identifier,
        "iati_version": a.iati_version,
        "reporting_org_ref": a.reporting_org.ref or "",
        "reporting_org_name": a.reporting_org.name,
        "title": first_text(a.title, a.default_language),
        "status": a.status_code or "",
        "recipient_countries": ";".join(
            _share(c.code, c.percentage) for c in a.recipient_countries
        ),
        "recipient_regions": ";".join(
            _share(f"{r.vocabulary}/{r.code}", r.percentage) for r in a.recipient_regions
        ),
        "sectors": ";".join(
            _share(s.code if s.vocabulary == "1" else f"{s.vocabulary}/{s.code}", s.percentage)
            for s in a.sectors
        ),
        "participating_orgs": ";".join(f"{p.role}:{p.ref or p.name}" for p in a.participating_orgs),
        "crs_channel_code": a.crs_channel_code or "",
        "related_activities": ";".join(f"{r.type}:{r.ref}" for r in a.related_activities),
    }
    row: list[str] = []
    for column in CSV_COLUMNS:
        if column in text:
            row.append(_cell(text[column]))
        elif column in money:
            amount_currency, amount = money[column]
            row.append(
                amount if amount_currency in ("", currency) else f"{amount_currency} {amount}"
            )
        elif column.startswith(("start_", "end_")):
            row.append(
                day(
                    {"start_planned": "1", "start_actual": "2", "end_planned": "3"}.get(column, "4")
                )
            )
        elif column == "currency":
            row.append(currency)
        elif column == "humanitarian":
            row.append("" if a.humanitarian is None else format_boolean(a.humanitarian))
        elif column == "last_updated":
            row.append(format_datetime(a.last_updated) if a.last_updated else "")
    return row


def write_activities_csv(activities: Iterable[Activity], out_text: TextIO) -> None:
    """One row per activity with the main fields (see :data:`CSV_COLUMNS`).

    Money columns hold plain numbers in the ``currency`` column's currency; when an activity
    mixes currencies the cell reads ``"EUR 1000; USD 20"`` instead, because amounts in
    different currencies cannot be added without exchange rates.  Lists are ``;``-separated,
    with ``code:percentage`` where a percentage was reported.  Open ``out_text`` with
    ``newline=""`` as the :mod:`csv` module requires.
    """
    writer = csv.writer(out_text)
    writer.writerow(CSV_COLUMNS)
    for activity in activities:
        writer.writerow(_csv_row(activity))
