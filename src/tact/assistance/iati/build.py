"""Turning one ``iati-activity`` element into an :class:`~tact.assistance.iati.model.Activity`.

Why tolerant: the builder also runs when schema validation is relaxed
(``strict_schema=False``) or has already failed, so it must never raise on odd input.  It
records values it cannot convert (a date like ``2010-07-``, a number like ``1e3``) as errors
with the element path and source line, and leaves the field ``None``; the reader decides
whether those errors reject the activity.

Only elements without a namespace are read: namespaced elements are publisher extensions,
which IATI allows and which carry nothing we map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from tact.assistance.iati.model import (
    Activity,
    AidType,
    Baseline,
    Budget,
    Dimension,
    DocumentLink,
    Indicator,
    IndicatorReference,
    Narratives,
    Org,
    OtherIdentifier,
    ParticipatingOrg,
    Period,
    PeriodValue,
    RecipientCountry,
    RecipientRegion,
    RelatedActivity,
    Result,
    Sector,
    Tag,
    Transaction,
    TransactionOrg,
)
from tact.assistance.iati.values import (
    parse_boolean,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

T = TypeVar("T")


@dataclass(slots=True)
class BuildOutcome:
    """The activity plus what could not be converted (``errors``) or looked odd."""

    activity: Activity
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def element_path(element: Any, attribute: str | None = None) -> str:
    """Path from the activity down to ``element`` (``transaction/value/@value-date``)."""
    parts: list[str] = []
    node = element
    while node is not None and node.tag != "iati-activity":
        parts.append(str(node.tag))
        node = node.getparent()
    path = "/".join(reversed(parts)) or "iati-activity"
    return f"{path}/@{attribute}" if attribute else path


def _where(element: Any, attribute: str | None = None) -> str:
    line = element.sourceline
    path = element_path(element, attribute)
    return f"{path} (line {line})" if line else path


def _first_children(element: Any) -> dict[str, Any]:
    """The first child of each tag, in one pass (cheaper than one ``find`` per field)."""
    first: dict[str, Any] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in first:
            first[tag] = child
    return first


def _children(element: Any) -> dict[str, list[Any]]:
    """The children of each tag, in document order, in one pass."""
    groups: dict[str, list[Any]] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str):
            found = groups.get(tag)
            if found is None:
                groups[tag] = [child]
            else:
                found.append(child)
    return groups


def _first(groups: dict[str, list[Any]], tag: str) -> Any:
    found = groups.get(tag)
    return found[0] if found else None


_FROM_ISO = dt.date.fromisoformat


def _plain_decimal(raw: str) -> Decimal | None:
    """``parse_decimal`` for the plain numbers nearly every value is (ASCII digits, one point
    at most, a sign): None for anything else, which the general path then judges."""
    text = raw.strip()
    body = text[1:] if text[:1] in ("-", "+") else text
    if body.isascii() and body.replace(".", "", 1).isdigit():
        return Decimal(text)
    return None


def _clean(value: str | None) -> str | None:
    """Strip a required attribute; ``""`` stays so the rules can say it is empty."""
    return value.strip() if value is not None else None


def _opt(value: str | None) -> str | None:
    """Strip an optional attribute; empty counts as absent (it carries no information)."""
    if value is None:
        return None
    return value.strip() or None


class _Builder:
    def __init__(self, default_language: str | None) -> None:
        self.language = default_language or ""
        self.errors: list[str] = []
        self.warnings: list[str] = []

    # -- conversions ---------------------------------------------------------------------

    def _convert(
        self,
        element: Any,
        attribute: str | None,
        raw: str | None,
        parse: Callable[[str], T],
        what: str,
    ) -> T | None:
        if raw is None:
            return None
        try:
            return parse(raw)
        except ValueError as error:
            self.errors.append(f"Bad {what} '{raw}' at {_where(element, attribute)}: {error}.")
            return None

    def date_attr(self, element: Any, attribute: str = "iso-date") -> dt.date | None:
        if element is None:
            return None
        raw = element.get(attribute)
        if raw is None:
            return None
        # The plain YYYY-MM-DD of nearly every date, without the two calls of the general
        # path (the builder converts some twenty dates per activity); odd ones go through it.
        if len(raw) == 10 and raw[4] == "-" and raw[7] == "-" and raw[:4].isdigit():
            try:
                return _FROM_ISO(raw)
            except ValueError:
                pass
        return self._convert(element, attribute, raw, parse_date, "date")

    def decimal_attr(self, element: Any, attribute: str) -> Decimal | None:
        raw = element.get(attribute)
        if raw is None:
            return None
        number = _plain_decimal(raw)
        if number is not None:
            return number
        return self._convert(element, attribute, raw, parse_decimal, "number")

    def decimal_text(self, element: Any) -> Decimal | None:
        if element is None:
            return None
        raw = element.text or ""
        number = _plain_decimal(raw)
        if number is not None:
            return number
        return self._convert(element, None, raw, parse_decimal, "number")

    def bool_attr(self, element: Any, attribute: str) -> bool | None:
        return self._convert(element, attribute, element.get(attribute), parse_boolean, "boolean")

    def int_attr(self, element: Any, attribute: str) -> int | None:
        return self._convert(element, attribute, element.get(attribute), parse_int, "integer")

    def narratives(self, element: Any) -> Narratives:
        """Narratives by language; repeated languages are joined rather than dropped."""
        result: Narratives = {}
        if element is None:
            return result
        # Walking the children and comparing tags is cheaper than ``iterchildren(tag)``
        # (the builder calls this some thirty times per activity).
        for narrative in element:
            if narrative.tag != "narrative":
                continue
            text = narrative.text
            if not text or not (text := text.strip()):
                continue
            language = narrative.get(XML_LANG)
            language = language.strip() if language else self.language
            result[language] = f"{result[language]}\n\n{text}" if language in result else text
        return result

    # -- parts -----------------------------------------------------------------------------

    def transaction_org(self, element: Any, id_attribute: str) -> TransactionOrg | None:
        if element is None:
            return None
        get = element.get
        return TransactionOrg(
            ref=_opt(get("ref")),
            type=_opt(get("type")),
            activity_id=_opt(get(id_attribute)),
            names=self.narratives(element),
        )

    def sector(self, element: Any, *, with_percentage: bool) -> Sector:
        return Sector(
            code=_clean(element.get("code")) or "",
            vocabulary=_clean(element.get("vocabulary")) or "1",
            percentage=self.decimal_attr(element, "percentage") if with_percentage else None,
            vocabulary_uri=element.get("vocabulary-uri"),
            narratives=self.narratives(element),
        )

    def region(self, element: Any, *, with_percentage: bool) -> RecipientRegion:
        return RecipientRegion(
            code=_clean(element.get("code")) or "",
            vocabulary=_clean(element.get("vocabulary")) or "1",
            percentage=self.decimal_attr(element, "percentage") if with_percentage else None,
            vocabulary_uri=element.get("vocabulary-uri"),
        )

    def aid_type(self, aid: Any) -> AidType:
        return AidType(
            code=_clean(aid.get("code")) or "", vocabulary=_clean(aid.get("vocabulary")) or "1"
        )

    def other_identifier(self, other: Any) -> OtherIdentifier:
        owner = _first_children(other).get("owner-org")
        return OtherIdentifier(
            ref=_clean(other.get("ref")) or "",
            type=_clean(other.get("type")) or "",
            owner_ref=_opt(owner.get("ref")) if owner is not None else None,
        )

    def aid_types(self, element: Any, tag: str) -> list[AidType]:
        return [
            AidType(
                code=_clean(aid.get("code")) or "", vocabulary=_clean(aid.get("vocabulary")) or "1"
            )
            for aid in element.iterchildren(tag)
        ]

    def code_of(
        self, element: Any, tag: str, *, optional: bool = True, first: dict[str, Any] | None = None
    ) -> str | None:
        """``tag/@code``; an empty code on an optional element counts as not reported.

        Why: ``<default-tied-status code=""/>`` carries no information, and rejecting a
        whole activity for it would discard good data; required codes stay ``""`` so the
        rules can reject them.  ``first`` is an optional :func:`_first_children` map.
        """
        child = element.find(tag) if first is None else first.get(tag)
        return None if child is None else self.code(child, optional=optional)

    def code(self, child: Any, *, optional: bool = True) -> str | None:
        """:meth:`code_of` for a child already found (not None)."""
        code = _clean(child.get("code"))
        if code == "" and optional:
            self.warnings.append(f"Empty code at {_where(child, 'code')}; treated as not reported.")
            return None
        return code

    def transaction(self, element: Any, default_currency: str | None) -> Transaction:
        # One pass over the children (a transaction has a dozen; most optional ones absent).
        # Why so spelled out: an activity has a handful of transactions or many hundreds, and
        # this is the builder's busiest part (issue 19).
        first: dict[str, Any] = {}
        sectors: list[Any] = []
        aid_types: list[Any] = []
        for child in element:
            tag = child.tag
            if tag == "sector":
                sectors.append(child)
            elif tag == "aid-type":
                aid_types.append(child)
            if tag not in first:
                first[tag] = child
        get = first.get
        value = get("value")
        region = get("recipient-region")
        kind = get("transaction-type")
        code = self.code
        optional = [
            None if child is None else code(child)
            for child in (
                get("disbursement-channel"),
                get("recipient-country"),
                get("flow-type"),
                get("finance-type"),
                get("tied-status"),
            )
        ]
        dated = get("transaction-date")
        humanitarian = element.get("humanitarian")
        currency = None
        value_date = None
        if value is not None:
            currency = _opt(value.get("currency"))
            value_date = self.date_attr(value, "value-date")
        provider, receiver = get("provider-org"), get("receiver-org")
        return Transaction(
            ref=element.get("ref"),
            humanitarian=None if humanitarian is None else self.bool_attr(element, "humanitarian"),
            type_code=(None if kind is None else code(kind, optional=False)) or "",
            date=None if dated is None else self.date_attr(dated),
            value=self.decimal_text(value),
            currency=currency or default_currency,
            value_date=value_date,
            description=self.narratives(get("description")),
            provider_org=None
            if provider is None
            else self.transaction_org(provider, "provider-activity-id"),
            receiver_org=None
            if receiver is None
            else self.transaction_org(receiver, "receiver-activity-id"),
            disbursement_channel=optional[0],
            sectors=[self.sector(s, with_percentage=False) for s in sectors] if sectors else [],
            recipient_country=optional[1],
            recipient_region=None if region is None else self.region(region, with_percentage=False),
            flow_type=optional[2],
            finance_type=optional[3],
            aid_types=[
                AidType(
                    code=_clean(aid.get("code")) or "",
                    vocabulary=_clean(aid.get("vocabulary")) or "1",
                )
                for aid in aid_types
            ]
            if aid_types
            else [],
            tied_status=optional[4],
        )

    def budget(self, element: Any, default_currency: str | None) -> Budget:
        first = _first_children(element)
        value = first.get("value")
        return Budget(
            type=_opt(element.get("type")),
            status=_opt(element.get("status")),
            period_start=self.date_attr(first.get("period-start")),
            period_end=self.date_attr(first.get("period-end")),
            value=self.decimal_text(value),
            currency=(_opt(value.get("currency")) if value is not None else None)
            or default_currency,
            value_date=self.date_attr(value, "value-date"),
        )

    def document(self, element: Any) -> DocumentLink:
        groups = _children(element)
        return DocumentLink(
            url=element.get("url") or "",
            format=_clean(element.get("format")),
            title=self.narratives(_first(groups, "title")),
            description=self.narratives(_first(groups, "description")),
            categories=[_clean(c.get("code")) or "" for c in groups.get("category", ())],
            languages=[_clean(c.get("code")) or "" for c in groups.get("language", ())],
            document_date=self.date_attr(_first(groups, "document-date")),
        )

    def dimensions(self, groups: dict[str, list[Any]]) -> list[Dimension]:
        return [Dimension(d.get("name"), d.get("value")) for d in groups.get("dimension", ())]

    def location_refs(self, groups: dict[str, list[Any]]) -> list[str]:
        return [loc.get("ref") or "" for loc in groups.get("location", ())]

    def period_value(self, element: Any) -> PeriodValue:
        groups = _children(element)
        return PeriodValue(
            value=element.get("value"),
            comment=self.narratives(_first(groups, "comment")),
            location_refs=self.location_refs(groups),
            dimensions=self.dimensions(groups),
        )

    def baseline(self, element: Any) -> Baseline:
        year = self.int_attr(element, "year")
        if year is not None and year < 1:
            self.errors.append(f"Bad year '{year}' at {_where(element, 'year')}: not positive.")
            year = None
        groups = _children(element)
        return Baseline(
            year=year,
            iso_date=self.date_attr(element, "iso-date"),
            value=element.get("value"),
            comment=self.narratives(_first(groups, "comment")),
            location_refs=self.location_refs(groups),
            dimensions=self.dimensions(groups),
        )

    def indicator(self, element: Any) -> Indicator:
        ascending = self.bool_attr(element, "ascending")
        first = _first_children(element)
        return Indicator(
            measure=_clean(element.get("measure")) or "",
            ascending=True if ascending is None else ascending,
            aggregation_status=self.bool_attr(element, "aggregation-status"),
            title=self.narratives(first.get("title")),
            description=self.narratives(first.get("description")),
            references=[
                IndicatorReference(
                    vocabulary=_clean(ref.get("vocabulary")) or "",
                    code=_clean(ref.get("code")) or "",
                    indicator_uri=ref.get("indicator-uri"),
                )
                for ref in element.iterchildren("reference")
            ],
            baselines=[self.baseline(b) for b in element.iterchildren("baseline")],
            periods=[self.period(p) for p in element.iterchildren("period")],
        )

    def period(self, element: Any) -> Period:
        groups = _children(element)
        return Period(
            start=self.date_attr(_first(groups, "period-start")),
            end=self.date_attr(_first(groups, "period-end")),
            targets=[self.period_value(t) for t in groups.get("target", ())],
            actuals=[self.period_value(a) for a in groups.get("actual", ())],
        )

    def result(self, element: Any) -> Result:
        groups = _children(element)
        return Result(
            type=_clean(element.get("type")) or "",
            aggregation_status=self.bool_attr(element, "aggregation-status"),
            title=self.narratives(_first(groups, "title")),
            description=self.narratives(_first(groups, "description")),
            indicators=[self.indicator(i) for i in groups.get("indicator", ())],
        )

    # -- the activity ------------------------------------------------------------------------

    def activity(self, element: Any, version: str) -> Activity:
        currency = _opt(element.get("default-currency"))
        groups = _children(element)
        first = {tag: children[0] for tag, children in groups.items()}

        def each(tag: str) -> list[Any]:
            return groups.get(tag, [])

        reporting = first.get("reporting-org")
        descriptions: dict[str, Narratives] = {}
        for description in each("description"):
            kind = _clean(description.get("type")) or "1"
            merged = descriptions.setdefault(kind, {})
            for language, text in self.narratives(description).items():
                merged[language] = f"{merged[language]}\n\n{text}" if language in merged else text
        dates: dict[str, dt.date] = {}
        for activity_date in each("activity-date"):
            kind = _clean(activity_date.get("type")) or ""
            value = self.date_attr(activity_date)
            if value is None:
                continue
            if kind in dates and dates[kind] != value:
                self.warnings.append(
                    f"activity-date type '{kind}' is repeated; keeping {dates[kind]}, "
                    f"ignoring {value} ({_where(activity_date)})."
                )
                continue
            dates.setdefault(kind, value)
        last_updated = self._convert(
            element,
            "last-updated-datetime",
            element.get("last-updated-datetime"),
            parse_datetime,
            "date-time",
        )
        crs_add = first.get("crs-add")
        channel = None if crs_add is None else crs_add.findtext("channel-code")
        identifier = first.get("iati-identifier")
        return Activity(
            identifier=((identifier.text or "") if identifier is not None else "").strip(),
            iati_version=version,
            default_language=_opt(element.get(XML_LANG)),
            default_currency=currency,
            last_updated=last_updated,
            hierarchy=self.int_attr(element, "hierarchy"),
            humanitarian=self.bool_attr(element, "humanitarian"),
            budget_not_provided=_opt(element.get("budget-not-provided")),
            reporting_org=Org()
            if reporting is None
            else Org(
                ref=_clean(reporting.get("ref")),
                type=_clean(reporting.get("type")),
                names=self.narratives(reporting),
                secondary_reporter=self.bool_attr(reporting, "secondary-reporter"),
            ),
            title=self.narratives(first.get("title")),
            description=descriptions.get("1", {}),
            descriptions=descriptions,
            participating_orgs=[
                ParticipatingOrg(
                    role=_clean(org.get("role")) or "",
                    ref=_opt(org.get("ref")),
                    type=_opt(org.get("type")),
                    names=self.narratives(org),
                    activity_id=_opt(org.get("activity-id")),
                    crs_channel_code=_opt(org.get("crs-channel-code")),
                )
                for org in each("participating-org")
            ],
            other_identifiers=[self.other_identifier(o) for o in each("other-identifier")],
            status_code=self.code_of(element, "activity-status", optional=False, first=first),
            dates=dates,
            activity_scope=self.code_of(element, "activity-scope", first=first),
            recipient_countries=[
                RecipientCountry(
                    code=_clean(country.get("code")) or "",
                    percentage=self.decimal_attr(country, "percentage"),
                )
                for country in each("recipient-country")
            ],
            recipient_regions=[
                self.region(region, with_percentage=True) for region in each("recipient-region")
            ],
            sectors=[self.sector(sector, with_percentage=True) for sector in each("sector")],
            tags=[
                Tag(
                    code=_clean(tag.get("code")) or "",
                    vocabulary=_clean(tag.get("vocabulary")) or "",
                    vocabulary_uri=tag.get("vocabulary-uri"),
                    narratives=self.narratives(tag),
                )
                for tag in each("tag")
            ],
            collaboration_type=self.code_of(element, "collaboration-type", first=first),
            default_flow_type=self.code_of(element, "default-flow-type", first=first),
            default_finance_type=self.code_of(element, "default-finance-type", first=first),
            default_aid_types=[self.aid_type(a) for a in each("default-aid-type")],
            default_tied_status=self.code_of(element, "default-tied-status", first=first),
            budgets=[self.budget(b, currency) for b in each("budget")],
            transactions=[self.transaction(t, currency) for t in each("transaction")],
            documents=[self.document(d) for d in each("document-link")],
            related_activities=[
                RelatedActivity(ref=_clean(r.get("ref")) or "", type=_clean(r.get("type")) or "")
                for r in each("related-activity")
            ],
            results=[self.result(r) for r in each("result")],
            crs_add_channel_code=_clean(channel) or None,
        )


def build_activity(element: Any, *, version: str = "2.03") -> BuildOutcome:
    """Read an ``iati-activity`` lxml element into an :class:`Activity`; never raises."""
    builder = _Builder(_opt(element.get(XML_LANG)))
    activity = builder.activity(element, version)
    return BuildOutcome(activity=activity, errors=builder.errors, warnings=builder.warnings)
