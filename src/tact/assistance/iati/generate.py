"""Synthetic but realistic IATI 2.03 activity files, for scale tests and benchmarks.

Why synthetic: tact needs files of tens of thousands of activities to check that the reader's
memory stays bounded and to measure throughput, and later to test overlap detection; real
files of that size are not redistributable test data.  The generator therefore imitates the
portfolio tact cares about: UNODC and bilateral/multilateral donors funding criminal-justice
work (DAC sectors 15130, 15210, 15220, 15110) in partner countries, with yearly budgets,
commitments, disbursements and expenditures, some results and documents, and
**near-duplicates**: a donor's activity and UNODC's own record of the same project, published
by two publishers with slightly different titles, dates and currencies, and linked to each
other by ``related-activity`` (type 5, "third party") and provider/receiver activity ids.

Output is deterministic for a given ``seed`` and valid against the 2.03 schema (it goes
through :func:`tact.assistance.iati.writer.write_activities`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from tact.assistance.iati.model import (
    Activity,
    AidType,
    Baseline,
    Budget,
    DocumentLink,
    Indicator,
    Org,
    ParticipatingOrg,
    Period,
    PeriodValue,
    RecipientCountry,
    RecipientRegion,
    RelatedActivity,
    Result,
    Sector,
    Transaction,
    TransactionOrg,
)
from tact.assistance.iati.writer import write_activities

GENERATED_AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
AS_OF = dt.date(2024, 12, 31)
"""Actual dates and transactions are never later than this, so the data stays plausible."""


@dataclass(frozen=True, slots=True)
class Publisher:
    ref: str
    name: str
    type: str
    currency: str
    prefix: str


UNODC = Publisher("XM-DAC-41128", "United Nations Office on Drugs and Crime", "40", "USD", "UNODC")
DONORS: tuple[Publisher, ...] = (
    Publisher("XM-DAC-7", "Ministry of Foreign Affairs of the Netherlands", "10", "EUR", "NL"),
    Publisher("GB-GOV-1", "Foreign, Commonwealth and Development Office", "10", "GBP", "UK"),
    Publisher("US-GOV-1", "U.S. Agency for International Development", "10", "USD", "US"),
    Publisher("SE-0", "Swedish International Development Cooperation Agency", "10", "SEK", "SE"),
    Publisher(
        "DE-1", "Federal Ministry for Economic Cooperation and Development", "10", "EUR", "DE"
    ),
    Publisher(
        "NO-BRC-971277882", "Norwegian Agency for Development Cooperation", "10", "NOK", "NO"
    ),
    Publisher(
        "XI-IATI-EC_INTPA", "European Commission - International Partnerships", "15", "EUR", "EU"
    ),
    Publisher("AU-5", "Department of Foreign Affairs and Trade, Australia", "10", "AUD", "AU"),
)

COUNTRIES: tuple[tuple[str, str, str], ...] = (
    # (ISO code, name, DAC region of the country)
    ("KE", "Kenya", "289"),
    ("NG", "Nigeria", "289"),
    ("TZ", "Tanzania", "289"),
    ("UG", "Uganda", "289"),
    ("GH", "Ghana", "289"),
    ("ML", "Mali", "289"),
    ("NE", "Niger", "289"),
    ("SN", "Senegal", "289"),
    ("MZ", "Mozambique", "289"),
    ("ET", "Ethiopia", "289"),
    ("MX", "Mexico", "389"),
    ("GT", "Guatemala", "389"),
    ("HN", "Honduras", "389"),
    ("SV", "El Salvador", "389"),
    ("DO", "Dominican Republic", "389"),
    ("CO", "Colombia", "489"),
    ("PE", "Peru", "489"),
    ("BO", "Bolivia", "489"),
    ("EC", "Ecuador", "489"),
    ("PK", "Pakistan", "798"),
    ("AF", "Afghanistan", "798"),
    ("BD", "Bangladesh", "798"),
    ("MM", "Myanmar", "798"),
    ("VN", "Viet Nam", "798"),
    ("ID", "Indonesia", "798"),
    ("PH", "Philippines", "798"),
    ("KG", "Kyrgyzstan", "619"),
    ("TJ", "Tajikistan", "619"),
    ("UZ", "Uzbekistan", "619"),
    ("MA", "Morocco", "189"),
    ("TN", "Tunisia", "189"),
    ("EG", "Egypt", "189"),
)

THEMES: tuple[tuple[str, str], ...] = (
    ("Strengthening criminal justice responses to trafficking in persons in {c}", "15130"),
    ("Countering the smuggling of migrants through {c}", "15210"),
    ("Support to the implementation of the UNTOC and its review mechanism in {c}", "15130"),
    ("Anti-money-laundering and asset recovery capacity in {c}", "15110"),
    ("Firearms control, marking and record-keeping in {c}", "15210"),
    ("Judicial integrity and international cooperation in criminal matters, {c}", "15130"),
    ("Investigating cybercrime and handling electronic evidence in {c}", "15210"),
    ("Container and border control against organized crime in {c}", "15210"),
    ("Witness protection and victim support in organized crime cases, {c}", "15130"),
    ("Preventing violent conflict linked to organized crime in {c}", "15220"),
    ("Mutual legal assistance and extradition networks including {c}", "15130"),
)

SPLITS: tuple[tuple[int, ...], ...] = ((100,), (60, 40), (70, 30), (50, 30, 20), (50, 50))
SECTORS = ("15130", "15210", "15220", "15110")
IMPLEMENTERS = (
    "Ministry of Justice",
    "Office of the Attorney General",
    "National Police Service",
    "Financial Intelligence Unit",
    "Judicial Training Institute",
    "Transparency and Rule of Law Foundation",
)


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """What :func:`generate_activities_xml` wrote."""

    path: Path
    activities: int
    duplicate_pairs: int


class _Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.sequence = 0
        self.pairs = 0

    def _money(self, low: int, high: int) -> Decimal:
        return Decimal(self.random.randrange(low, high) * 1000)

    def _dates(self) -> tuple[dt.date, dt.date, str]:
        start = dt.date(2015, 1, 1) + dt.timedelta(days=self.random.randrange(0, 9 * 365))
        end = start + dt.timedelta(days=self.random.randrange(2 * 365, 5 * 365))
        if start > AS_OF:
            status = "1"
        elif end > AS_OF:
            status = "2"
        else:
            status = self.random.choice(("3", "4", "4"))
        return start, end, status

    def _sectors(self, main: str) -> list[Sector]:
        split = self.random.choice(SPLITS)
        others = [s for s in SECTORS if s != main]
        self.random.shuffle(others)
        codes = [main, *others][: len(split)]
        return [
            Sector(code=code, vocabulary="1", percentage=Decimal(share))
            for code, share in zip(codes, split, strict=True)
        ]

    def _budgets(self, start: dt.date, end: dt.date, total: Decimal, currency: str) -> list[Budget]:
        years = list(range(start.year, end.year + 1))
        share = (total / len(years)).quantize(Decimal("1"))
        budgets = []
        for year in years:
            period_start = max(start, dt.date(year, 1, 1))
            period_end = min(end, dt.date(year, 12, 31))
            budgets.append(
                Budget(
                    type="1",
                    status="2" if year < 2024 else "1",
                    period_start=period_start,
                    period_end=period_end,
                    value=share,
                    currency=currency,
                    value_date=period_start,
                )
            )
        return budgets

    def _transactions(
        self,
        start: dt.date,
        end: dt.date,
        total: Decimal,
        currency: str,
        provider: Publisher,
        receiver: TransactionOrg,
        *,
        incoming: bool,
    ) -> list[Transaction]:
        def org(publisher: Publisher, activity_id: str | None = None) -> TransactionOrg:
            return TransactionOrg(
                ref=publisher.ref,
                type=publisher.type,
                activity_id=activity_id,
                names={"en": publisher.name},
            )

        transactions: list[Transaction] = []
        if start <= AS_OF:
            first = Transaction(
                type_code="1" if incoming else "2",
                date=start,
                value=total,
                currency=currency,
                value_date=start,
                ref=f"T{self.sequence}-0",
            )
            if incoming:
                first.provider_org = org(provider, receiver.activity_id)
            else:
                first.receiver_org = receiver
            transactions.append(first)
        day, number, spent = start, 1, Decimal(0)
        while day <= min(end, AS_OF) and spent < total:
            amount = min(total - spent, (total / 3).quantize(Decimal("1")))
            spent += amount
            transactions.append(
                Transaction(
                    type_code="4" if incoming else "3",
                    date=day,
                    value=amount,
                    currency=currency,
                    value_date=day,
                    ref=f"T{self.sequence}-{number}",
                    receiver_org=None if incoming else receiver,
                )
            )
            day, number = day + dt.timedelta(days=self.random.randrange(150, 400)), number + 1
        return transactions

    def _result(self, start: dt.date) -> Result:
        target = self.random.randrange(20, 400)
        return Result(
            type="2",
            aggregation_status=False,
            title={"en": "Criminal justice practitioners apply new skills"},
            indicators=[
                Indicator(
                    measure="1",
                    ascending=True,
                    title={"en": "Number of officials trained on UNTOC obligations"},
                    baselines=[Baseline(year=start.year, iso_date=start, value="0")],
                    periods=[
                        Period(
                            start=start,
                            end=start + dt.timedelta(days=364),
                            targets=[PeriodValue(value=str(target))],
                            actuals=[PeriodValue(value=str(self.random.randrange(0, target)))],
                        )
                    ],
                )
            ],
        )

    def activity(self, publisher: Publisher, country: tuple[str, str, str]) -> Activity:
        self.sequence += 1
        code, name, region = country
        start, end, status = self._dates()
        template, main_sector = self.random.choice(THEMES)
        total = self._money(200, 5000)
        currency = publisher.currency
        identifier = f"{publisher.ref}-{publisher.prefix}{self.sequence:07d}"
        implementer = (
            UNODC.name if publisher is not UNODC else f"{self.random.choice(IMPLEMENTERS)}, {name}"
        )
        receiver = TransactionOrg(
            ref=UNODC.ref if publisher is not UNODC else None,
            type="40" if publisher is not UNODC else "10",
            names={"en": implementer},
        )
        dates = {"1": start, "3": end}
        if status != "1":
            dates["2"] = start
        if status in ("3", "4"):
            dates["4"] = end
        regional = self.random.random() < 0.15
        activity = Activity(
            identifier=identifier,
            iati_version="2.03",
            default_language="en",
            default_currency=currency,
            last_updated=GENERATED_AT - dt.timedelta(days=self.random.randrange(0, 400)),
            hierarchy=1,
            humanitarian=False,
            reporting_org=Org(ref=publisher.ref, type=publisher.type, names={"en": publisher.name}),
            title={"en": template.format(c=name)},
            description={
                "en": f"{template.format(c=name)}. Technical assistance under the United Nations "
                "Convention against Transnational Organized Crime and its Protocols."
            },
            participating_orgs=[
                ParticipatingOrg(
                    role="1", ref=publisher.ref, type=publisher.type, names={"en": publisher.name}
                ),
                ParticipatingOrg(
                    role="4",
                    ref=receiver.ref,
                    type=receiver.type,
                    names=dict(receiver.names),
                    crs_channel_code="41128" if publisher is not UNODC else None,
                ),
            ],
            status_code=status,
            dates=dates,
            recipient_countries=[RecipientCountry(code, Decimal(80 if regional else 100))],
            recipient_regions=[RecipientRegion(region, "1", Decimal(20))] if regional else [],
            sectors=self._sectors(main_sector),
            collaboration_type="1" if publisher is not UNODC else "2",
            default_flow_type="10",
            default_finance_type="110",
            default_aid_types=[AidType("C01" if publisher is UNODC else "B03")],
            default_tied_status="5",
            budgets=self._budgets(start, end, total, currency),
            transactions=self._transactions(
                start, end, total, currency, publisher, receiver, incoming=False
            ),
        )
        if self.random.random() < 0.2:
            activity.results.append(self._result(start))
        if self.random.random() < 0.3:
            activity.documents.append(
                DocumentLink(
                    url=f"https://example.org/{publisher.prefix.lower()}/{identifier}.pdf",
                    format="application/pdf",
                    title={"en": "Project document"},
                    categories=["A02"],
                    languages=["en"],
                    document_date=start,
                )
            )
        return activity

    def mirror(self, donor_activity: Activity, donor: Publisher) -> Activity:
        """UNODC's own record of a donor-funded project: a near-duplicate, linked both ways."""
        self.sequence += 1
        self.pairs += 1
        identifier = f"{UNODC.ref}-{UNODC.prefix}{self.sequence:07d}"
        start = min(
            donor_activity.dates["1"] + dt.timedelta(days=self.random.randrange(0, 45)), AS_OF
        )
        end = donor_activity.dates["3"] + dt.timedelta(days=self.random.randrange(-30, 90))
        rate = Decimal("1.00") if donor.currency == "USD" else Decimal("1.08")
        total = sum(
            (t.value or Decimal(0) for t in donor_activity.transactions if t.type_code == "2"),
            Decimal(0),
        ) or Decimal(500000)
        total = (total * rate).quantize(Decimal("1"))
        title = donor_activity.title_text()
        title = self.random.choice(
            (
                f"UNODC: {title}",
                title.replace("Strengthening", "Enhancing").replace("Support to", "Supporting"),
                f"{title} (phase II)",
                title.upper(),
            )
        )
        dates = {"1": start, "3": end}
        if "2" in donor_activity.dates:
            dates["2"] = start
        if "4" in donor_activity.dates and end <= AS_OF:
            dates["4"] = end
        donor_org = TransactionOrg(
            ref=donor.ref,
            type=donor.type,
            activity_id=donor_activity.identifier,
            names={"en": donor.name},
        )
        activity = replace(
            donor_activity,
            identifier=identifier,
            reporting_org=Org(ref=UNODC.ref, type=UNODC.type, names={"en": UNODC.name}),
            default_currency="USD",
            title={"en": title},
            dates=dates,
            participating_orgs=[
                ParticipatingOrg(
                    role="1",
                    ref=donor.ref,
                    type=donor.type,
                    names={"en": donor.name},
                    activity_id=donor_activity.identifier,
                ),
                ParticipatingOrg(
                    role="4",
                    ref=UNODC.ref,
                    type=UNODC.type,
                    names={"en": UNODC.name},
                    crs_channel_code="41128",
                ),
            ],
            collaboration_type="2",
            default_aid_types=[AidType("C01")],
            sectors=[replace(s) for s in donor_activity.sectors],
            budgets=self._budgets(start, end, total, "USD"),
            transactions=self._transactions(
                start, end, total, "USD", donor, donor_org, incoming=True
            ),
            related_activities=[RelatedActivity(donor_activity.identifier, "5")],
            results=[],
            documents=[],
        )
        donor_activity.related_activities.append(RelatedActivity(identifier, "5"))
        for transaction in donor_activity.transactions:
            if transaction.receiver_org is not None:
                transaction.receiver_org = replace(transaction.receiver_org, activity_id=identifier)
        donor_activity.participating_orgs[1].activity_id = identifier
        return activity

    def activities(self, n: int, duplicate_share: float) -> Iterator[Activity]:
        produced = 0
        while produced < n:
            country = self.random.choice(COUNTRIES)
            if self.random.random() < 0.35:
                yield self.activity(UNODC, country)
                produced += 1
                continue
            donor = self.random.choice(DONORS)
            donor_activity = self.activity(donor, country)
            twin = None
            if produced + 2 <= n and self.random.random() < duplicate_share:
                twin = self.mirror(donor_activity, donor)
            yield donor_activity
            produced += 1
            if twin is not None:
                yield twin
                produced += 1


def iter_generated_activities(
    n: int, seed: int = 0, *, duplicate_share: float = 0.1
) -> Iterator[Activity]:
    """The activities :func:`generate_activities_xml` writes, without writing them."""
    yield from _Generator(seed).activities(n, duplicate_share)


def generate_activities_xml(
    path: str | Path, n: int, seed: int = 0, *, duplicate_share: float = 0.1
) -> GeneratedFile:
    """Write ``n`` activities to ``path`` as one IATI 2.03 file; deterministic per ``seed``.

    ``duplicate_share`` is the probability that a donor activity gets a UNODC near-duplicate
    (each pair counts as two of the ``n`` activities).
    """
    if n < 1:
        raise ValueError("n must be at least 1: an IATI file needs one activity")
    generator = _Generator(seed)
    target = Path(path)
    with target.open("wb") as out:
        write_activities(generator.activities(n, duplicate_share), out, generated=GENERATED_AT)
    return GeneratedFile(path=target, activities=n, duplicate_pairs=generator.pairs)
