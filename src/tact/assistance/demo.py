"""Demonstration data for assistance coordination: about forty projects across the twelve
demo states, from several funders and channels, with two deliberate near-duplicates (a donor's
record and UNODC's record of the same project) for overlap detection, contributions to UNODC
and approximate exchange rates. Idempotent: projects are keyed by IATI identifier.

Everything is generated: the projects, amounts and contributions are not real records.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from tact.assistance.iati.model import (
    Activity,
    Budget,
    Org,
    ParticipatingOrg,
    RecipientCountry,
    RelatedActivity,
    Sector,
    Transaction,
    TransactionOrg,
)
from tact.assistance.importing import Lookups, save_activity
from tact.assistance.models import Contribution, ExchangeRate, Project
from tact.assistance.services import recompute_usd
from tact.catalog.models import Provision, Theme
from tact.core.access import SYSTEM
from tact.directory.models import Organisation, State

LAST_UPDATED = dt.datetime(2025, 6, 30, tzinfo=dt.UTC)

# (IATI ref, name, organisation type, currency, short code)
FUNDERS = {
    "NL": ("XM-DAC-7", "Ministry of Foreign Affairs of the Netherlands", "10", "EUR"),
    "UK": ("GB-GOV-1", "Foreign, Commonwealth and Development Office", "10", "GBP"),
    "NO": ("NO-BRC-971277882", "Norad", "10", "NOK"),
    "EU": ("XI-IATI-EC_INTPA", "European Commission (INTPA)", "15", "EUR"),
    "UNODC": ("XM-DAC-41128", "United Nations Office on Drugs and Crime", "40", "USD"),
}
IMPLEMENTERS = {
    "UNODC": ("XM-DAC-41128", "United Nations Office on Drugs and Crime", "40", "41128"),
    "UNDP": ("XM-DAC-41114", "United Nations Development Programme", "40", "41114"),
    "IOM": ("XM-DAC-47066", "International Organization for Migration", "40", "47066"),
    "CoE": ("", "Council of Europe", "40", "47008"),
    "NGO": ("", "Rule of Law and Justice Foundation", "21", "21000"),
    "GOV": ("", "Ministry of Justice", "10", "12000"),
}

# (title template, sector, theme codes, provision keys)
TOPICS = [
    (
        "Strengthening the prosecution of trafficking in persons in {c}",
        "15130",
        ["criminalization", "protection_of_victims_and_witnesses"],
        ["tip/art_5", "tip/art_6"],
    ),
    (
        "Countering the smuggling of migrants through {c}",
        "15210",
        ["migrants_rights", "border_measures"],
        ["som/art_6", "som/art_11"],
    ),
    (
        "Anti-money-laundering and asset recovery capacity in {c}",
        "15110",
        ["money_laundering", "confiscation_and_proceeds"],
        ["untoc/art_6", "untoc/art_7", "untoc/art_12"],
    ),
    (
        "Firearms marking, record-keeping and control in {c}",
        "15210",
        ["firearms_control"],
        ["fp/art_7", "fp/art_8"],
    ),
    (
        "Mutual legal assistance and extradition networks: {c}",
        "15130",
        ["international_cooperation"],
        ["untoc/art_16", "untoc/art_18"],
    ),
    (
        "Witness protection in organized crime cases, {c}",
        "15130",
        ["protection_of_victims_and_witnesses"],
        ["untoc/art_24", "untoc/art_25"],
    ),
    (
        "Special investigative techniques and cybercrime evidence in {c}",
        "15210",
        ["law_enforcement", "information_exchange"],
        ["untoc/art_20", "untoc/art_27"],
    ),
    (
        "Legislative assistance for implementing the Convention in {c}",
        "15130",
        ["legislation", "technical_assistance"],
        ["untoc/art_29", "untoc/art_30", "untoc/art_34"],
    ),
    (
        "Judicial integrity and prevention of corruption in {c}",
        "15130",
        ["corruption"],
        ["untoc/art_8", "untoc/art_9"],
    ),
]

STATES = {
    "KEN": "KE",
    "NGA": "NG",
    "ZAF": "ZA",
    "MAR": "MA",
    "MEX": "MX",
    "COL": "CO",
    "URY": "UY",
    "FRA": "FR",
    "SRB": "RS",
    "IDN": "ID",
    "KGZ": "KG",
    "PHL": "PH",
}

# Approximate annual average values of one unit in US dollars (demo, not official rates).
RATES = {
    "EUR": {
        2019: "1.1200",
        2020: "1.1400",
        2021: "1.1800",
        2022: "1.0500",
        2023: "1.0800",
        2024: "1.0800",
        2025: "1.1000",
    },
    "GBP": {
        2019: "1.2800",
        2020: "1.2800",
        2021: "1.3800",
        2022: "1.2400",
        2023: "1.2400",
        2024: "1.2800",
        2025: "1.3000",
    },
    "NOK": {
        2019: "0.1140",
        2020: "0.1070",
        2021: "0.1160",
        2022: "0.1040",
        2023: "0.0950",
        2024: "0.0930",
        2025: "0.0940",
    },
}


def _activity(
    *,
    identifier: str,
    reporter: str,
    funder: str,
    implementer: str,
    countries: list[tuple[str, int]],
    topic: int,
    start: dt.date,
    years: int,
    amount: int,
    status: str,
    title: str | None = None,
    related: str | None = None,
) -> Activity:
    fref, fname, ftype, currency = FUNDERS[funder]
    rref, rname, rtype, rcurrency = FUNDERS[reporter]
    iref, iname, itype, icode = IMPLEMENTERS[implementer]
    names = ", ".join(
        State.objects.get(iso2=iso2).name
        for iso2, _p in countries
        if State.objects.filter(iso2=iso2).exists()
    )
    template, sector, _themes, _provisions = TOPICS[topic]
    end = dt.date(start.year + years, start.month, start.day) - dt.timedelta(days=1)
    budgets = []
    per_year = Decimal(amount) / years
    for year in range(years):
        period_start = dt.date(start.year + year, start.month, start.day)
        budgets.append(
            Budget(
                type="1",
                status="2",
                period_start=period_start,
                period_end=dt.date(period_start.year + 1, start.month, start.day)
                - dt.timedelta(days=1),
                value=per_year.quantize(Decimal(1)),
                currency=rcurrency if reporter != funder else currency,
                value_date=period_start,
            )
        )
    transactions = [
        Transaction(
            type_code="2",
            date=start,
            value=Decimal(amount),
            currency=budgets[0].currency,
            value_date=start,
            provider_org=TransactionOrg(ref=fref, names={"en": fname}),
            receiver_org=TransactionOrg(
                ref=iref or None,
                names={"en": iname},
                activity_id=related if reporter != "UNODC" else None,
            ),
        )
    ]
    if status in {"2", "3", "4"}:
        transactions.append(
            Transaction(
                type_code="3",
                date=min(start + dt.timedelta(days=200), dt.date(2025, 6, 1)),
                value=(Decimal(amount) * Decimal("0.4")).quantize(Decimal(1)),
                currency=budgets[0].currency,
                value_date=start + dt.timedelta(days=200),
                provider_org=TransactionOrg(ref=fref, names={"en": fname}),
                receiver_org=TransactionOrg(ref=iref or None, names={"en": iname}),
            )
        )
    dates = {"1": start, "3": end}
    if status in {"2", "3", "4"}:
        dates["2"] = start
    if status == "4":
        dates["4"] = end
    participating = [
        ParticipatingOrg(role="1", ref=fref, type=ftype, names={"en": fname}),
        ParticipatingOrg(
            role="4",
            ref=iref or None,
            type=itype,
            names={"en": iname},
            crs_channel_code=icode,
            activity_id=related if reporter != "UNODC" else None,
        ),
    ]
    if reporter != funder:
        participating.insert(
            1, ParticipatingOrg(role="2", ref=rref, type=rtype, names={"en": rname})
        )
    text = title or template.format(c=names)
    return Activity(
        identifier=identifier,
        reporting_org=Org(ref=rref, type=rtype, names={"en": rname}),
        default_language="en",
        default_currency=budgets[0].currency,
        last_updated=LAST_UPDATED,
        title={"en": text},
        description={
            "en": f"{text}. Generated demonstration project (not a real record): training, "
            "mentoring and legislative advice for the institutions concerned."
        },
        participating_orgs=participating,
        status_code=status,
        dates=dates,
        recipient_countries=[
            RecipientCountry(code=iso2, percentage=Decimal(p)) for iso2, p in countries
        ],
        sectors=[Sector(code=sector, vocabulary="1", percentage=Decimal(100))],
        collaboration_type="1" if reporter != "UNODC" else "2",
        default_flow_type="10",
        default_finance_type="110",
        budgets=budgets,
        transactions=transactions,
        related_activities=[RelatedActivity(ref=related, type="5")] if related else [],
    )


def _specs() -> list[dict[str, Any]]:
    rng = random.Random(2012)
    specs: list[dict[str, Any]] = []
    funders = ["NL", "UK", "NO", "EU", "UNODC"]
    implementers = ["UNODC", "UNODC", "UNDP", "IOM", "NGO", "GOV", "CoE"]
    for index, (iso3, iso2) in enumerate(STATES.items()):
        for n in range(3):
            funder = funders[(index + n) % len(funders)]
            implementer = implementers[(index * 3 + n) % len(implementers)]
            if implementer == "CoE" and iso3 not in {"SRB", "FRA", "MAR"}:
                implementer = "UNODC"
            reporter = "UNODC" if funder == "UNODC" else funder
            topic = (index * 2 + n) % len(TOPICS)
            countries = [(iso2, 100)]
            if n == 2 and index % 3 == 0:
                partner = list(STATES.values())[(index + 1) % len(STATES)]
                countries = [(iso2, 60), (partner, 40)]
            status = "4" if (index + n) % 6 == 0 else ("1" if (index + n) % 7 == 0 else "2")
            specs.append(
                {
                    "identifier": f"{FUNDERS[reporter][0]}-TACT-DEMO-{iso3}-{n + 1}",
                    "reporter": reporter,
                    "funder": funder,
                    "implementer": implementer,
                    "countries": countries,
                    "topic": topic,
                    "start": dt.date(2020 + (index + n) % 5, 1 + (index * 5 + n) % 12, 1),
                    "years": 2 + (index + n) % 3,
                    "amount": rng.randrange(4, 60) * 50_000,
                    "status": status,
                }
            )
    # Near-duplicates: a donor's record and UNODC's own record of the same project.
    pairs = [
        ("KEN", "KE", 0, "NL", dt.date(2023, 3, 1), 1_800_000),
        ("MEX", "MX", 2, "NO", dt.date(2022, 7, 1), 9_500_000),
    ]
    for iso3, iso2, topic, donor, start, amount in pairs:
        donor_id = f"{FUNDERS[donor][0]}-TACT-DEMO-{iso3}-PAIR"
        unodc_id = f"XM-DAC-41128-TACT-DEMO-{iso3}-PAIR"
        template = TOPICS[topic][0]
        name = State.objects.get(iso3=iso3).name
        specs.append(
            {
                "identifier": donor_id,
                "reporter": donor,
                "funder": donor,
                "implementer": "UNODC",
                "countries": [(iso2, 100)],
                "topic": topic,
                "start": start,
                "years": 3,
                "amount": amount,
                "status": "2",
                "related": unodc_id,
            }
        )
        specs.append(
            {
                "identifier": unodc_id,
                "reporter": "UNODC",
                "funder": donor,
                "implementer": "UNODC",
                "countries": [(iso2, 100)],
                "topic": topic,
                "start": start + dt.timedelta(days=30),
                "years": 3,
                "amount": amount,
                "status": "2",
                "related": donor_id,
                "title": template.format(c=name).replace("Strengthening the", "Support to the")
                + " (UNODC global programme segment)",
            }
        )
    return specs


def _rates() -> int:
    created = 0
    for currency, years in RATES.items():
        for year, rate in years.items():
            _obj, made = ExchangeRate.objects.update_or_create(
                currency=currency,
                date=dt.date(year, 1, 1),
                defaults={
                    "usd_rate": Decimal(rate),
                    "source": "demo: approximate annual average",
                },
            )
            created += made
    return created


CONTRIBUTIONS = [
    # donor ref, year, currency, pledged, paid, earmarking, target, detail
    ("XM-DAC-7", 2023, "EUR", 4_000_000, 4_000_000, "unearmarked", "", ""),
    ("XM-DAC-7", 2024, "EUR", 5_000_000, 3_500_000, "soft", "", ""),
    ("XM-DAC-7", 2025, "EUR", 2_500_000, None, "hard", "state", "KEN"),
    ("NO-BRC-971277882", 2023, "NOK", 30_000_000, 30_000_000, "hard", "theme", "firearms_control"),
    ("NO-BRC-971277882", 2024, "NOK", 35_000_000, 20_000_000, "soft", "", ""),
    ("GB-GOV-1", 2024, "GBP", 1_500_000, 1_500_000, "hard", "programme", "Global Programme"),
    ("XI-IATI-EC_INTPA", 2024, "EUR", 8_000_000, 6_000_000, "hard", "theme", "money_laundering"),
]


def _contributions() -> int:
    made = 0
    for ref, year, currency, pledged, paid, earmarking, target, detail in CONTRIBUTIONS:
        donor = Organisation.objects.filter(iati_ref=ref).first()
        if donor is None:
            continue
        values: dict[str, Any] = {
            "currency": currency,
            "pledged_amount": Decimal(pledged),
            "pledged_date": dt.date(year, 2, 15),
            "paid_amount": Decimal(paid) if paid is not None else None,
            "paid_date": dt.date(year, 9, 30) if paid is not None else None,
            "earmarking": earmarking,
            "earmark_target": target,
            "earmark_programme": detail if target == "programme" else "",
            "earmark_theme": Theme.objects.filter(code=detail).first()
            if target == "theme"
            else None,
            "earmark_state": State.objects.filter(iso3=detail).first()
            if target == "state"
            else None,
            "classification": "public",
            "owner_organisation": donor,
            "notes": "Demo data: not a real contribution.",
        }
        _obj, created = Contribution.objects.update_or_create(
            donor=donor, year=year, earmarking=earmarking, defaults=values
        )
        made += created
    return made


@transaction.atomic
def load(actor: Any = None) -> str:
    actor = actor or SYSTEM
    rates = _rates()
    lookups = Lookups()
    created = 0
    specs = _specs()
    for spec in specs:
        activity = _activity(**spec)
        project, outcome, _reason = save_activity(
            activity, actor=actor, lookups=lookups, origin=Project.Origin.DEMO
        )
        created += outcome == "imported"
        if project is not None and not project.themes.exists():
            _t, _s, theme_codes, provision_keys = TOPICS[spec["topic"]]
            project.themes.set(Theme.objects.filter(code__in=theme_codes))
            project.provisions.set(Provision.objects.filter(key__in=provision_keys))
    contributions = _contributions()
    recompute_usd()
    # Needs and overlap detection build on the projects just loaded.
    from tact.assistance.overlaps.demo import load_overlaps

    overlaps = load_overlaps(actor)
    return (
        f"assistance: {len(specs)} demo projects ({created} new), {contributions} new "
        f"contributions, {rates} new exchange rates; {overlaps}"
    )
