"""IATI rules the XSD cannot express: codelists, percentages, dates, currencies, versions.

The checks work on the :class:`~tact.assistance.iati.model.Activity` dataclass, not on XML, so
the same function can vet an activity built by hand (e.g. from the database) before it is
written out.

Severity policy (why some problems reject and others only warn):

* **Errors** reject the activity.  They are used for what tact stores and aggregates on:
  a missing identifier, codes of the activity's own classification (status, dates, DAC
  sectors, recipient countries and DAC regions, organisation roles and types, currencies,
  default flow/finance/aid/tied, collaboration type), money that cannot be interpreted
  (transaction and budget type, currency, impossible periods), result types and indicator
  measures, and percentage splits that contradict themselves (not adding up to 100, or
  exceeding 100 before the unlabelled shares are even counted).
* **Warnings** keep the activity.  They are used for codes withdrawn by IATI (old
  activities legitimately carry them), for codes in optional per-transaction
  classifications (a bad sector code on one transaction must not discard the activity's
  money), and for descriptive codelists that lag behind their source registries (CRS
  channel codes, IANA file formats, languages).  They also flag features newer than the
  version the file declares, and countries/regions/sectors reported without a percentage
  where the others leave room for them: the split is incomplete, but nothing is wrong.

Withdrawn codes are always warnings, never errors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from tact.assistance.iati.codelists import Codelist, load_codelist
from tact.assistance.iati.model import Activity, AidType, Sector, Transaction
from tact.assistance.iati.values import parse_decimal

SUPPORTED_VERSIONS: tuple[str, ...] = ("2.01", "2.02", "2.03")

PERCENT_TOLERANCE = Decimal("0.1")
"""Allowed distance from 100 for percentage sums: publishers round thirds (33.33 x 3)."""

Severity = Literal["error", "warning"]

SECTOR_CODELISTS: dict[str, str] = {
    "1": "Sector",
    "2": "SectorCategory",
    "7": "UNSDG-Goals",
    "8": "UNSDG-Targets",
}
"""Sector vocabularies whose codes we can check (others are external or publisher-defined)."""

AID_TYPE_CODELISTS: dict[str, str] = {
    "1": "AidType",
    "2": "EarmarkingCategory",
    "4": "CashandVoucherModalities",
}
"""Aid-type vocabularies with a shipped codelist (3, earmarking modality, is not shipped)."""

TAG_CODELISTS: dict[str, str] = {"2": "UNSDG-Goals", "3": "UNSDG-Targets"}

CODE_INTRODUCED: dict[tuple[str, str], str] = {
    ("TransactionType", "11"): "2.02",
    ("TransactionType", "12"): "2.03",
    ("TransactionType", "13"): "2.03",
    ("RegionVocabulary", "99"): "2.02",
    ("SectorVocabulary", "7"): "2.02",
    ("SectorVocabulary", "8"): "2.02",
    ("SectorVocabulary", "9"): "2.02",
    ("SectorVocabulary", "10"): "2.02",
}
"""Codes of version-fixed lists that did not exist in 2.01/2.02 (warned, not rejected)."""


_CODELISTS: dict[str, Codelist] = {}


def _codelist(name: str) -> Codelist:
    """``load_codelist`` behind a plain dict: the rules look codes up ~100 times an activity."""
    codelist = _CODELISTS.get(name)
    if codelist is None:
        codelist = _CODELISTS[name] = load_codelist(name)
    return codelist


_FINE: dict[str, frozenset[str]] = {}


def _fine(name: str) -> frozenset[str]:
    """The codes of a list that need no message in any version: listed, not withdrawn, not
    introduced after 2.01.  Nearly every code checked is one of them, so the check of an
    activity's hundred codes is mostly one set look-up each."""
    fine = _FINE.get(name)
    if fine is None:
        listed = _codelist(name)
        late = {code for (codelist, code) in CODE_INTRODUCED if codelist == name}
        fine = _FINE[name] = frozenset(set(listed.codes) - set(listed.withdrawn) - late - {""})
    return fine


@dataclass(slots=True)
class RuleReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


class _Checker:
    def __init__(self, activity: Activity, *, presence: bool, today: dt.date) -> None:
        self.activity = activity
        self.presence = presence
        self.today = today
        self.version = activity.iati_version
        self.report = RuleReport()

    def add(self, severity: Severity, message: str) -> None:
        (self.report.errors if severity == "error" else self.report.warnings).append(message)

    def code(
        self,
        value: str | None,
        codelist: str,
        where: str,
        *,
        severity: Severity = "error",
        qualifier: str = "",
    ) -> None:
        if value is None or value in (_FINE.get(codelist) or _fine(codelist)):
            return
        if value == "":
            self.add(severity, f"Empty code for codelist {codelist}{qualifier} at {where}.")
            return
        listed = _codelist(codelist)
        # Messages only on a problem: an activity has some hundred codes, nearly all fine.
        if value in listed.withdrawn:
            self.add(
                "warning",
                f"Code '{value}' in codelist {codelist}{qualifier} at {where} is withdrawn "
                "by IATI.",
            )
        elif value not in listed.codes:
            self.add(
                severity, f"Unknown code '{value}' in codelist {codelist}{qualifier} at {where}."
            )
        introduced = CODE_INTRODUCED.get((codelist, value))
        if introduced and self.version < introduced:
            self.add(
                "warning",
                f"Code '{value}' in codelist {codelist}{qualifier} at {where} was introduced in "
                f"IATI {introduced}, but the file declares version {self.version}.",
            )

    def required(self, value: object, message: str) -> None:
        if self.presence and value is None:
            self.add("error", message)

    # -- activity level ----------------------------------------------------------------------

    def identity(self) -> None:
        activity = self.activity
        if not activity.identifier:
            self.add("error", "Missing iati-identifier: the element is absent or empty.")
        org = activity.reporting_org
        if not org.ref:
            self.add("error", "reporting-org has no @ref (organisation identifier).")
        self.code(org.type, "OrganisationType", "reporting-org/@type")
        if self.presence and org.type is None:
            self.add("error", "reporting-org has no @type.")
        if activity.identifier and org.ref:
            prefixes = [org.ref] + [o.ref for o in activity.other_identifiers if o.type == "B1"]
            if not any(p and activity.identifier.startswith(p) for p in prefixes):
                self.add(
                    "warning",
                    f"iati-identifier '{activity.identifier}' does not start with the "
                    f"reporting-org identifier '{org.ref}'.",
                )
        if not activity.title:
            self.add("error", "The activity has no title text.")
        for kind in activity.descriptions:
            self.code(kind, "DescriptionType", f"description[@type='{kind}']", severity="warning")
        if activity.hierarchy is not None and activity.hierarchy < 1:
            self.add("warning", f"hierarchy {activity.hierarchy} is below 1.")

    def classification(self) -> None:
        activity = self.activity
        self.required(activity.status_code, "Missing activity-status.")
        self.code(activity.status_code, "ActivityStatus", "activity-status/@code")
        self.code(activity.default_currency, "Currency", "iati-activity/@default-currency")
        self.code(
            activity.default_language,
            "Language",
            "iati-activity/@xml:lang",
            severity="warning",
        )
        self.code(
            activity.activity_scope, "ActivityScope", "activity-scope/@code", severity="warning"
        )
        self.code(activity.collaboration_type, "CollaborationType", "collaboration-type/@code")
        self.code(activity.default_flow_type, "FlowType", "default-flow-type/@code")
        self.code(activity.default_finance_type, "FinanceType", "default-finance-type/@code")
        self.code(activity.default_tied_status, "TiedStatus", "default-tied-status/@code")
        self.aid_types(activity.default_aid_types, "default-aid-type", "error")
        self.code(
            activity.budget_not_provided,
            "BudgetNotProvided",
            "iati-activity/@budget-not-provided",
            severity="warning",
        )
        for number, org in enumerate(activity.participating_orgs, 1):
            where = f"participating-org #{number}"
            self.code(org.role, "OrganisationRole", f"{where}/@role")
            self.code(org.type, "OrganisationType", f"{where}/@type")
            self.code(
                org.crs_channel_code,
                "CRSChannelCode",
                f"{where}/@crs-channel-code",
                severity="warning",
            )
            if not org.ref and not org.names:
                self.add("error", f"{where} has neither @ref nor a name narrative.")
        self.code(
            activity.crs_add_channel_code,
            "CRSChannelCode",
            "crs-add/channel-code",
            severity="warning",
        )
        for number, tag in enumerate(activity.tags, 1):
            where = f"tag #{number}"
            self.code(tag.vocabulary, "TagVocabulary", f"{where}/@vocabulary", severity="warning")
            if tag.vocabulary in TAG_CODELISTS:
                self.code(
                    tag.code,
                    TAG_CODELISTS[tag.vocabulary],
                    f"{where}/@code",
                    severity="warning",
                    qualifier=f" (tag vocabulary {tag.vocabulary})",
                )
        for number, related in enumerate(activity.related_activities, 1):
            where = f"related-activity #{number}"
            self.code(related.type, "RelatedActivityType", f"{where}/@type")
            if not related.ref:
                self.add("warning", f"{where} has an empty @ref.")

    def aid_types(self, aids: Iterable[AidType], where: str, severity: Severity) -> None:
        for number, aid in enumerate(aids, 1):
            here = f"{where} #{number}"
            self.code(aid.vocabulary, "AidTypeVocabulary", f"{here}/@vocabulary", severity=severity)
            if aid.vocabulary in AID_TYPE_CODELISTS:
                self.code(
                    aid.code,
                    AID_TYPE_CODELISTS[aid.vocabulary],
                    f"{here}/@code",
                    severity=severity,
                    qualifier=f" (vocabulary {aid.vocabulary})",
                )

    def dates(self) -> None:
        dates = self.activity.dates
        for kind in dates:
            self.code(kind, "ActivityDateType", f"activity-date[@type='{kind}']/@type")
        if "1" not in dates and "2" not in dates:
            self.add("warning", "Neither a planned (1) nor an actual (2) start date is reported.")
        for start, end, label in (("1", "3", "planned"), ("2", "4", "actual")):
            if start in dates and end in dates and dates[end] < dates[start]:
                self.add(
                    "error",
                    f"Bad dates: the {label} end {dates[end]} is before the {label} "
                    f"start {dates[start]}.",
                )
        for kind in ("2", "4"):
            if kind in dates and dates[kind] > self.today:
                name = "start" if kind == "2" else "end"
                self.add("warning", f"The actual {name} date {dates[kind]} is in the future.")

    # -- geography and sectors ---------------------------------------------------------------

    def geography(self) -> None:
        activity = self.activity
        for country in activity.recipient_countries:
            self.code(country.code, "Country", f"recipient-country '{country.code}'")
        for region in activity.recipient_regions:
            where = f"recipient-region '{region.code}'"
            self.code(region.vocabulary, "RegionVocabulary", f"{where}/@vocabulary")
            if region.vocabulary == "1":
                self.code(region.code, "Region", where, qualifier=" (vocabulary 1)")
        shares: list[tuple[str, Decimal | None]] = [
            (f"recipient-country '{c.code}'", c.percentage) for c in activity.recipient_countries
        ] + [
            (f"recipient-region '{r.code}' (vocabulary {r.vocabulary})", r.percentage)
            for r in activity.recipient_regions
        ]
        if not self.percentages_in_range(shares) or not shares:
            return
        if not self.incomplete_split(shares, "recipient countries/regions"):
            return
        countries = sum(
            (c.percentage or Decimal(0) for c in activity.recipient_countries), Decimal(0)
        )
        regions_by_vocabulary: dict[str, Decimal] = defaultdict(Decimal)
        for region in activity.recipient_regions:
            regions_by_vocabulary[region.vocabulary] += region.percentage or Decimal(0)
        total = countries + sum(regions_by_vocabulary.values(), Decimal(0))
        if abs(total - 100) <= PERCENT_TOLERANCE:
            return
        # The schema documentation reads "within a vocabulary": accept that reading too.
        if regions_by_vocabulary and all(
            abs(countries + part - 100) <= PERCENT_TOLERANCE
            for part in regions_by_vocabulary.values()
        ):
            return
        self.add(
            "error",
            f"Percentages of recipient-country + recipient-region add up to {_fmt(total)}, "
            f"not 100 (countries {_fmt(countries)}, regions "
            f"{_fmt(sum(regions_by_vocabulary.values(), Decimal(0)))}).",
        )

    def incomplete_split(self, shares: list[tuple[str, Decimal | None]], what: str) -> bool:
        """Handle shares where some percentages are missing; True if all are present.

        Why missing percentages only warn unless they contradict: publishers often add a
        region "for context" next to a country at 100%, or leave the remainder implicit.
        Nothing reported is wrong then, only incomplete; a reported total above 100 is wrong.
        """
        missing = [label for label, share in shares if share is None]
        if not missing:
            return True
        if len(shares) == 1:
            return False
        reported = sum((share for _label, share in shares if share is not None), Decimal(0))
        if reported > 100 + PERCENT_TOLERANCE:
            self.add(
                "error",
                f"Percentages of {what} already add up to {_fmt(reported)}, more than 100, "
                f"and {', '.join(missing)} {'has' if len(missing) == 1 else 'have'} none.",
            )
        elif abs(reported - 100) <= PERCENT_TOLERANCE:
            self.add(
                "warning",
                f"{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} no percentage "
                f"while the other {what} already add up to 100; read as context only.",
            )
        elif len(missing) == len(shares):
            self.add(
                "warning",
                f"{len(shares)} {what} are reported without percentages, so the split between "
                "them is unknown.",
            )
        else:
            self.add(
                "warning",
                f"{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} no percentage; "
                f"the other {what} add up to {_fmt(reported)}, leaving "
                f"{_fmt(Decimal(100) - reported)} unassigned.",
            )
        return False

    def percentages_in_range(self, shares: list[tuple[str, Decimal | None]]) -> bool:
        ok = True
        for label, share in shares:
            if share is not None and not Decimal(0) <= share <= Decimal(100):
                self.add(
                    "error", f"The percentage {_fmt(share)} of {label} is not between 0 and 100."
                )
                ok = False
        return ok

    def sector_codes(self, sectors: Iterable[Sector], where: str, severity: Severity) -> None:
        for sector in sectors:
            here = f"{where} '{sector.code}' (vocabulary {sector.vocabulary})"
            self.code(
                sector.vocabulary, "SectorVocabulary", f"{here}/@vocabulary", severity=severity
            )
            if sector.vocabulary in SECTOR_CODELISTS:
                self.code(
                    sector.code,
                    SECTOR_CODELISTS[sector.vocabulary],
                    where,
                    severity=severity,
                    qualifier=f" (vocabulary {sector.vocabulary})",
                )

    def sectors(self) -> None:
        activity = self.activity
        self.sector_codes(activity.sectors, "sector", "error")
        by_vocabulary: dict[str, list[Sector]] = defaultdict(list)
        for sector in activity.sectors:
            by_vocabulary[sector.vocabulary].append(sector)
        for vocabulary, sectors in by_vocabulary.items():
            shares = [
                (f"sector '{s.code}' (vocabulary {vocabulary})", s.percentage) for s in sectors
            ]
            if not self.percentages_in_range(shares):
                continue
            if not self.incomplete_split(shares, f"sectors of vocabulary {vocabulary}"):
                continue
            total = sum((s.percentage or Decimal(0) for s in sectors), Decimal(0))
            if abs(total - 100) > PERCENT_TOLERANCE:
                self.add(
                    "error",
                    f"Percentages of sectors in vocabulary {vocabulary} add up to {_fmt(total)}, "
                    "not 100.",
                )
        with_sectors = [t for t in activity.transactions if t.sectors]
        if activity.sectors and with_sectors:
            self.add(
                "warning",
                "Sectors are reported both on the activity and on transactions; IATI asks for "
                "one or the other.",
            )
        elif with_sectors and len(with_sectors) < len(activity.transactions):
            self.add(
                "warning",
                "Some transactions report sectors and others do not; IATI asks for all or none.",
            )

    # -- money -------------------------------------------------------------------------------

    def currency(self, currency: str | None, where: str) -> None:
        if currency is None:
            self.add(
                "error",
                f"{where} has no currency: neither value/@currency nor "
                "iati-activity/@default-currency is given.",
            )
            return
        self.code(currency, "Currency", f"{where} value/@currency")

    def budgets(self) -> None:
        for number, budget in enumerate(self.activity.budgets, 1):
            where = f"budget #{number}"
            self.code(budget.type, "BudgetType", f"{where}/@type")
            self.code(budget.status, "BudgetStatus", f"{where}/@status")
            self.required(budget.period_start, f"{where} has no period-start date.")
            self.required(budget.period_end, f"{where} has no period-end date.")
            self.required(budget.value, f"{where} has no value.")
            if budget.value is not None:
                self.currency(budget.currency, where)
            start, end = budget.period_start, budget.period_end
            if start and end:
                if end < start:
                    self.add(
                        "error", f"Bad dates: {where} ends ({end}) before it starts ({start})."
                    )
                elif (end - start).days > 366:
                    self.add(
                        "warning",
                        f"{where} covers {start} to {end}, more than the one year IATI allows.",
                    )

    def transactions(self) -> None:
        activity = self.activity
        geography_on_activity = bool(activity.recipient_countries or activity.recipient_regions)
        for number, transaction in enumerate(activity.transactions, 1):
            where = f"transaction #{number}" + (
                f" (ref '{transaction.ref}')" if transaction.ref else ""
            )
            self.transaction(transaction, where)
            if geography_on_activity and (
                transaction.recipient_country or transaction.recipient_region
            ):
                self.add(
                    "warning",
                    f"{where} has a recipient country/region although the activity has them "
                    "too; IATI asks for one or the other.",
                )

    def transaction(self, transaction: Transaction, where: str) -> None:
        self.code(transaction.type_code, "TransactionType", f"{where} transaction-type/@code")
        self.required(transaction.date, f"{where} has no transaction-date.")
        self.required(transaction.value, f"{where} has no value.")
        if transaction.value is not None:
            self.currency(transaction.currency, where)
        if transaction.date and transaction.date > self.today:
            self.add("warning", f"{where} is dated {transaction.date}, in the future.")
        for role, org in (
            ("provider-org", transaction.provider_org),
            ("receiver-org", transaction.receiver_org),
        ):
            if org is not None:
                self.code(org.type, "OrganisationType", f"{where} {role}/@type", severity="warning")
        # Optional codes, mostly absent: their place is spelled out only for those present.
        for value, codelist, part in (
            (transaction.disbursement_channel, "DisbursementChannel", "disbursement-channel"),
            (transaction.flow_type, "FlowType", "flow-type"),
            (transaction.finance_type, "FinanceType", "finance-type"),
            (transaction.tied_status, "TiedStatus", "tied-status"),
        ):
            if value is not None:
                self.code(value, codelist, f"{where} {part}", severity="warning")
        if transaction.aid_types:
            self.aid_types(transaction.aid_types, f"{where} aid-type", "warning")
        if transaction.sectors:
            self.sector_codes(transaction.sectors, f"{where} sector", "warning")
        if transaction.recipient_country is not None:
            self.code(
                transaction.recipient_country,
                "Country",
                f"{where} recipient-country",
                severity="warning",
            )
        region = transaction.recipient_region
        if region is not None:
            self.code(
                region.vocabulary,
                "RegionVocabulary",
                f"{where} recipient-region/@vocabulary",
                severity="warning",
            )
            if region.vocabulary == "1":
                self.code(
                    region.code,
                    "Region",
                    f"{where} recipient-region",
                    severity="warning",
                    qualifier=" (vocabulary 1)",
                )
        if transaction.recipient_country and region is not None:
            self.add("warning", f"{where} has both a recipient-country and a recipient-region.")

    # -- documents and results ---------------------------------------------------------------

    def documents(self) -> None:
        for number, document in enumerate(self.activity.documents, 1):
            where = f"document-link #{number}"
            if not document.url:
                self.add("warning", f"{where} has an empty @url.")
            self.code(document.format, "FileFormat", f"{where}/@format", severity="warning")
            for category in document.categories:
                self.code(category, "DocumentCategory", f"{where} category")
            for language in document.languages:
                self.code(language, "Language", f"{where} language", severity="warning")

    def results(self) -> None:
        for number, result in enumerate(self.activity.results, 1):
            where = f"result #{number}"
            self.code(result.type, "ResultType", f"{where}/@type")
            if not result.title:
                self.add("warning", f"{where} has no title text.")
            for index, indicator in enumerate(result.indicators, 1):
                here = f"{where} indicator #{index}"
                self.code(indicator.measure, "IndicatorMeasure", f"{here}/@measure")
                for reference in indicator.references:
                    self.code(
                        reference.vocabulary,
                        "IndicatorVocabulary",
                        f"{here} reference/@vocabulary",
                        severity="warning",
                    )
                numeric = indicator.measure in ("1", "2")
                values: list[tuple[str, str | None]] = [
                    (f"{here} baseline", b.value) for b in indicator.baselines
                ]
                for baseline in indicator.baselines:
                    if (
                        baseline.iso_date
                        and baseline.year
                        and baseline.iso_date.year != baseline.year
                    ):
                        self.add(
                            "warning",
                            f"{here} baseline year {baseline.year} differs from its date "
                            f"{baseline.iso_date}.",
                        )
                for period_number, period in enumerate(indicator.periods, 1):
                    label = f"{here} period #{period_number}"
                    if period.start and period.end and period.end < period.start:
                        self.add(
                            "error",
                            f"Bad dates: {label} ends ({period.end}) before it starts "
                            f"({period.start}).",
                        )
                    values += [(f"{label} target", v.value) for v in period.targets]
                    values += [(f"{label} actual", v.value) for v in period.actuals]
                if numeric:
                    for label, value in values:
                        if value is not None and value.strip() and _not_number(value):
                            self.add(
                                "warning",
                                f"{label} value '{value}' is not a number although the "
                                f"indicator measure is {indicator.measure}.",
                            )


def _not_number(value: str) -> bool:
    try:
        parse_decimal(value)
    except ValueError:
        return True
    return False


def version_feature_warnings(activity: Activity) -> list[str]:
    """Features newer than the version the file declares (valid 2.03, so only warned).

    Why warn and not reject: the data means the same in 2.03, which is what we store, but a
    publisher claiming 2.01 while using 2.03 features probably mislabels the file.
    """
    version = activity.iati_version
    used: list[tuple[str, str]] = []
    if version < "2.02":
        if activity.humanitarian is not None:
            used.append(("iati-activity/@humanitarian", "2.02"))
        if any(o.activity_id for o in activity.participating_orgs):
            used.append(("participating-org/@activity-id", "2.02"))
        if any(b.status for b in activity.budgets):
            used.append(("budget/@status", "2.02"))
        if any(t.humanitarian is not None for t in activity.transactions):
            used.append(("transaction/@humanitarian", "2.02"))
        if any(d.document_date for d in activity.documents):
            used.append(("document-link/document-date", "2.02"))
        if activity.crs_add_channel_code:
            used.append(("crs-add/channel-code", "2.02"))
        if any(i.references for r in activity.results for i in r.indicators):
            used.append(("result/indicator/reference", "2.02"))
    if version < "2.03":
        if activity.tags:
            used.append(("tag", "2.03"))
        if any(o.crs_channel_code for o in activity.participating_orgs):
            used.append(("participating-org/@crs-channel-code", "2.03"))
        if activity.budget_not_provided:
            used.append(("iati-activity/@budget-not-provided", "2.03"))
        if any(d.description for d in activity.documents):
            used.append(("document-link/description", "2.03"))
        if len(activity.default_aid_types) > 1 or any(
            a.vocabulary != "1" for a in activity.default_aid_types
        ):
            used.append(("repeated or non-DAC default-aid-type", "2.03"))
        if any(
            len(t.aid_types) > 1 or any(a.vocabulary != "1" for a in t.aid_types)
            for t in activity.transactions
        ):
            used.append(("repeated or non-DAC transaction/aid-type", "2.03"))
        indicators = [i for r in activity.results for i in r.indicators]
        if any(i.aggregation_status is not None for i in indicators):
            used.append(("result/indicator/@aggregation-status", "2.03"))
        if any(len(i.baselines) > 1 or any(b.iso_date for b in i.baselines) for i in indicators):
            used.append(("repeated baseline or baseline/@iso-date", "2.03"))
        if any(len(p.targets) > 1 or len(p.actuals) > 1 for i in indicators for p in i.periods):
            used.append(("repeated period target/actual", "2.03"))
    return [
        f"{feature} was introduced in IATI {since}, but the file declares version {version}; "
        "it is read as 2.03 data."
        for feature, since in used
    ]


def check_activity(
    activity: Activity, *, presence: bool = True, today: dt.date | None = None
) -> RuleReport:
    """Run every rule on ``activity``.

    ``presence=False`` skips "X is missing" checks for things the XSD already requires; the
    reader sets it after a strict schema validation so each problem is reported once.
    ``today`` anchors "in the future" warnings (tests pass a fixed date).
    """
    checker = _Checker(activity, presence=presence, today=today or dt.datetime.now(dt.UTC).date())
    checker.identity()
    checker.classification()
    checker.dates()
    checker.geography()
    checker.sectors()
    checker.budgets()
    checker.transactions()
    checker.documents()
    checker.results()
    checker.report.warnings.extend(version_feature_warnings(activity))
    return checker.report
