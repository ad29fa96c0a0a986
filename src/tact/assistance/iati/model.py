"""Plain dataclasses for one IATI activity, independent of XML and of Django.

Why a separate, dependency-free model: the reader fills it from IATI 2.01-2.03 XML, the writer
turns it back into 2.03 XML, and the Django side maps it to database rows.  None of those three
should have to know about the others, so the model holds *values* only (codes as strings,
money and percentages as Decimal, dates as ``datetime.date``) and no lxml objects.

Conventions used throughout:

* An optional XML attribute (or code element) that is absent *or empty* is ``None``: an
  empty code carries no information.  A *required* one that is empty stays ``""`` so that
  the rules can reject it with a precise message.
* Human-readable text is a :data:`Narratives` mapping from language code to text.  Narratives
  without ``xml:lang`` are stored under the activity's default language (``iati-activity/
  @xml:lang``) or under ``""`` when the activity declares none, so a consumer can always look
  up ``narratives.get(default_language or "")``.
* Codes are kept exactly as published (``"15130"``, ``"2"``); the codelist checks in
  :mod:`tact.assistance.iati.rules` say whether they are known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

Narratives = dict[str, str]
"""Language code -> text.  ``""`` means "the activity's default language, unspecified"."""


def first_text(narratives: Narratives, language: str | None = None) -> str:
    """The text in ``language`` if present, else the first narrative, else ``""``.

    Why: most screens and CSV exports need exactly one string; the first narrative is, by IATI
    practice, the one in the activity's default language.
    """
    if language is not None and language in narratives:
        return narratives[language]
    return next(iter(narratives.values()), "")


class RecipientCountry(NamedTuple):
    """``recipient-country``: ISO 3166-1 alpha-2 code and optional share of the activity."""

    code: str
    percentage: Decimal | None = None


class RecipientRegion(NamedTuple):
    """``recipient-region``: code within ``vocabulary`` (default "1", OECD DAC regions)."""

    code: str
    vocabulary: str = "1"
    percentage: Decimal | None = None
    vocabulary_uri: str | None = None


class RelatedActivity(NamedTuple):
    """``related-activity``: another activity's identifier and the RelatedActivityType code."""

    ref: str
    type: str


class AidType(NamedTuple):
    """``default-aid-type`` / ``transaction/aid-type``: code within ``vocabulary`` (default 1)."""

    code: str
    vocabulary: str = "1"


class OtherIdentifier(NamedTuple):
    """``other-identifier``: kept because earlier or internal identifiers help de-duplication."""

    ref: str
    type: str
    owner_ref: str | None = None


class Dimension(NamedTuple):
    """``dimension`` of a result value (e.g. sex=female), used for disaggregated results."""

    name: str | None
    value: str | None


class IndicatorReference(NamedTuple):
    """``result/indicator/reference``: the indicator's code in an external vocabulary."""

    vocabulary: str
    code: str
    indicator_uri: str | None = None


@dataclass(slots=True, kw_only=True)
class Org:
    """The reporting organisation.

    ``name`` is a convenience for the first narrative; ``names`` keeps every language.
    """

    ref: str | None = None
    type: str | None = None
    names: Narratives = field(default_factory=dict)
    secondary_reporter: bool | None = None

    @property
    def name(self) -> str:
        return first_text(self.names)


@dataclass(slots=True, kw_only=True)
class ParticipatingOrg:
    """``participating-org``; ``activity_id`` links to the org's own activity (2.02+)."""

    role: str
    ref: str | None = None
    type: str | None = None
    names: Narratives = field(default_factory=dict)
    activity_id: str | None = None
    crs_channel_code: str | None = None

    @property
    def name(self) -> str:
        return first_text(self.names)


@dataclass(slots=True, kw_only=True)
class TransactionOrg:
    """``provider-org`` / ``receiver-org`` of a transaction.

    ``activity_id`` is ``@provider-activity-id`` or ``@receiver-activity-id``: the link that
    lets money be traced between two publishers' activities (and duplicates be recognised).
    """

    ref: str | None = None
    type: str | None = None
    activity_id: str | None = None
    names: Narratives = field(default_factory=dict)

    @property
    def name(self) -> str:
        return first_text(self.names)


@dataclass(slots=True, kw_only=True)
class Sector:
    """``sector``: ``vocabulary`` defaults to "1" (DAC 5-digit) as the standard says."""

    code: str
    vocabulary: str = "1"
    percentage: Decimal | None = None
    vocabulary_uri: str | None = None
    narratives: Narratives = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Tag:
    """``tag`` (2.03): non-financial classification, e.g. SDG goals and targets."""

    code: str
    vocabulary: str
    vocabulary_uri: str | None = None
    narratives: Narratives = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Budget:
    """``budget``.  ``currency`` is the effective currency (own or the activity default)."""

    type: str | None = None
    status: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    value: Decimal | None = None
    currency: str | None = None
    value_date: dt.date | None = None


@dataclass(slots=True, kw_only=True)
class Transaction:
    """``transaction``.  ``currency`` is the effective currency (own or the activity default).

    Classification fields (flow/finance/aid/tied) are as published: ``None`` means "use the
    activity default", which the consumer resolves; only the currency is resolved here because
    a value without a currency is meaningless.
    """

    type_code: str
    date: dt.date | None = None
    value: Decimal | None = None
    currency: str | None = None
    value_date: dt.date | None = None
    ref: str | None = None
    humanitarian: bool | None = None
    description: Narratives = field(default_factory=dict)
    provider_org: TransactionOrg | None = None
    receiver_org: TransactionOrg | None = None
    disbursement_channel: str | None = None
    sectors: list[Sector] = field(default_factory=list)
    recipient_country: str | None = None
    recipient_region: RecipientRegion | None = None
    flow_type: str | None = None
    finance_type: str | None = None
    aid_types: list[AidType] = field(default_factory=list)
    tied_status: str | None = None


@dataclass(slots=True, kw_only=True)
class DocumentLink:
    """``document-link``.  IATI allows several ``language`` children, hence ``languages``."""

    url: str
    format: str | None = None
    title: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    document_date: dt.date | None = None

    @property
    def language(self) -> str | None:
        """The first document language, for consumers that store only one."""
        return self.languages[0] if self.languages else None


def _decimal_or_none(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass(slots=True, kw_only=True)
class Baseline:
    """``indicator/baseline``.  ``value`` is a string: 2.03 allows qualitative values."""

    year: int | None = None
    iso_date: dt.date | None = None
    value: str | None = None
    comment: Narratives = field(default_factory=dict)
    location_refs: list[str] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)

    @property
    def value_decimal(self) -> Decimal | None:
        return _decimal_or_none(self.value)


@dataclass(slots=True, kw_only=True)
class PeriodValue:
    """One ``target`` or ``actual`` of a period (2.03 allows several, disaggregated)."""

    value: str | None = None
    comment: Narratives = field(default_factory=dict)
    location_refs: list[str] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)

    @property
    def value_decimal(self) -> Decimal | None:
        return _decimal_or_none(self.value)


@dataclass(slots=True, kw_only=True)
class Period:
    """``indicator/period``; the ``target_*``/``actual_*`` properties read the first value."""

    start: dt.date | None = None
    end: dt.date | None = None
    targets: list[PeriodValue] = field(default_factory=list)
    actuals: list[PeriodValue] = field(default_factory=list)

    @property
    def target_value(self) -> str | None:
        return self.targets[0].value if self.targets else None

    @property
    def actual_value(self) -> str | None:
        return self.actuals[0].value if self.actuals else None

    @property
    def target_comment(self) -> Narratives:
        return self.targets[0].comment if self.targets else {}

    @property
    def actual_comment(self) -> Narratives:
        return self.actuals[0].comment if self.actuals else {}


@dataclass(slots=True, kw_only=True)
class Indicator:
    """``result/indicator``.  ``ascending`` defaults to True as in the standard."""

    measure: str
    ascending: bool = True
    aggregation_status: bool | None = None
    title: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    references: list[IndicatorReference] = field(default_factory=list)
    baselines: list[Baseline] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)

    @property
    def baseline(self) -> Baseline | None:
        """The first baseline (2.01/2.02 allowed only one; 2.03 allows several)."""
        return self.baselines[0] if self.baselines else None


@dataclass(slots=True, kw_only=True)
class Result:
    """``result``."""

    type: str
    aggregation_status: bool | None = None
    title: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Activity:
    """One ``iati-activity``.

    ``description`` is the general description (DescriptionType 1, or descriptions without a
    type); ``descriptions`` keeps every type, keyed by DescriptionType code ("1" included).
    ``dates`` maps ActivityDateType codes ("1" planned start ... "4" actual end) to dates.
    ``iati_version`` is the version declared by the file the activity came from.
    """

    identifier: str
    reporting_org: Org = field(default_factory=Org)
    iati_version: str = "2.03"
    default_language: str | None = None
    default_currency: str | None = None
    last_updated: dt.datetime | None = None
    hierarchy: int | None = None
    humanitarian: bool | None = None
    budget_not_provided: str | None = None
    title: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    descriptions: dict[str, Narratives] = field(default_factory=dict)
    participating_orgs: list[ParticipatingOrg] = field(default_factory=list)
    other_identifiers: list[OtherIdentifier] = field(default_factory=list)
    status_code: str | None = None
    dates: dict[str, dt.date] = field(default_factory=dict)
    activity_scope: str | None = None
    recipient_countries: list[RecipientCountry] = field(default_factory=list)
    recipient_regions: list[RecipientRegion] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    collaboration_type: str | None = None
    default_flow_type: str | None = None
    default_finance_type: str | None = None
    default_aid_types: list[AidType] = field(default_factory=list)
    default_tied_status: str | None = None
    budgets: list[Budget] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    documents: list[DocumentLink] = field(default_factory=list)
    related_activities: list[RelatedActivity] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    crs_add_channel_code: str | None = None
    #: Lenient import only: each schema slip tolerated in this activity, shown on the project
    #: page as a data-quality warning (not part of IATI, never exported).
    quality_warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Keep ``description`` and ``descriptions["1"]`` the same mapping.

        Why: readers want the general description directly, writers want every type; an
        activity built by hand with only one of the two must still look the same to both.
        """
        general = self.description or self.descriptions.get("1") or {}
        if general:
            self.description = general
            others = {k: v for k, v in self.descriptions.items() if k != "1"}
            self.descriptions = {"1": general, **others}

    @property
    def crs_channel_code(self) -> str | None:
        """CRS channel of delivery: ``crs-add/channel-code``, else a participating org's.

        Why both: 2.02 put the channel in ``crs-add``; 2.03 added
        ``participating-org/@crs-channel-code``.  Publishers use either.
        """
        if self.crs_add_channel_code:
            return self.crs_add_channel_code
        for org in self.participating_orgs:
            if org.crs_channel_code:
                return org.crs_channel_code
        return None

    @property
    def default_aid_type(self) -> str | None:
        """The DAC (vocabulary 1) default aid type, the one most consumers expect."""
        for aid in self.default_aid_types:
            if aid.vocabulary == "1":
                return aid.code
        return None

    def title_text(self, language: str | None = None) -> str:
        return first_text(self.title, language or self.default_language)

    def description_text(self, language: str | None = None) -> str:
        return first_text(self.description, language or self.default_language)
