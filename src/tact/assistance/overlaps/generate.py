"""Synthetic project records with planted overlaps, for overlap tests and the benchmark.

Fast and in memory (no XML): 100,000 records in a couple of seconds. Titles and descriptions
are composed from a vocabulary of criminal-justice assistance (actions, subjects, target
groups, places), so unrelated projects share words the way real portfolios do. A share of the
records get a planted twin of one of three kinds:

* ``linked``: the implementer's record of a donor's project, pointing at it by identifier
  (related-activity / provider activity id), title reworded;
* ``unlinked``: another publisher's record of the same work with no shared identifier: only
  the recipient, dates, sectors and reworded texts give it away;
* ``republished``: the same publisher publishing the award twice under a new identifier.

Deterministic for a given seed. ``planted`` lists the twin pairs (keys) and their kind.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from tact.assistance.overlaps.scoring import ProjectRecord

PUBLISHERS = (
    ("XM-DAC-41128", "United Nations Office on Drugs and Crime"),
    ("XM-DAC-7", "Ministry of Foreign Affairs of the Netherlands"),
    ("GB-GOV-1", "Foreign, Commonwealth and Development Office"),
    ("US-GOV-1", "U.S. Agency for International Development"),
    ("SE-0", "Swedish International Development Cooperation Agency"),
    ("DE-1", "Federal Ministry for Economic Cooperation and Development"),
    ("NO-BRC-971277882", "Norwegian Agency for Development Cooperation"),
    ("XI-IATI-EC_INTPA", "European Commission - International Partnerships"),
    ("AU-5", "Department of Foreign Affairs and Trade, Australia"),
    ("XM-DAC-41114", "United Nations Development Programme"),
    ("XM-OCHA-CERF", "International Organization for Migration"),
    ("XI-IATI-OSCE", "Organization for Security and Co-operation in Europe"),
)
COUNTRIES = [
    "KE",
    "NG",
    "TZ",
    "UG",
    "GH",
    "ML",
    "NE",
    "SN",
    "MZ",
    "ET",
    "MX",
    "GT",
    "HN",
    "SV",
    "DO",
    "CO",
    "PE",
    "BO",
    "EC",
    "PK",
    "AF",
    "BD",
    "MM",
    "VN",
    "ID",
    "PH",
    "KG",
    "TJ",
    "UZ",
    "MA",
    "TN",
    "EG",
    "JO",
    "LB",
    "IQ",
    "UA",
    "MD",
    "GE",
    "AM",
    "AZ",
    "KZ",
    "SO",
    "SD",
    "SS",
    "ZA",
    "ZW",
    "ZM",
    "MW",
    "BF",
    "CI",
    "CM",
    "CD",
]
CITIES = [
    "Nairobi",
    "Mombasa",
    "Kisumu",
    "Lagos",
    "Abuja",
    "Kano",
    "Dodoma",
    "Arusha",
    "Kampala",
    "Gulu",
    "Accra",
    "Kumasi",
    "Bamako",
    "Gao",
    "Niamey",
    "Agadez",
    "Dakar",
    "Maputo",
    "Beira",
    "Addis",
    "Monterrey",
    "Tijuana",
    "Chiapas",
    "Oaxaca",
    "Quetzaltenango",
    "Tegucigalpa",
    "Cortes",
    "SanSalvador",
    "SantoDomingo",
    "Cali",
    "Medellin",
    "Cusco",
    "Arequipa",
    "LaPaz",
    "Guayaquil",
    "Karachi",
    "Lahore",
    "Peshawar",
    "Herat",
    "Kandahar",
    "Chittagong",
    "Mandalay",
    "Danang",
    "Surabaya",
    "Davao",
    "Osh",
    "Khujand",
    "Samarkand",
    "Tangier",
    "Sfax",
    "Alexandria",
    "Aqaba",
    "Tripoli",
    "Basra",
    "Odesa",
    "Chisinau",
    "Batumi",
]
ACTIONS = (
    ("Strengthening", "Reinforcing"),
    ("Building capacity for", "Capacity building on"),
    ("Support to", "Supporting"),
    ("Enhancing", "Improving"),
    ("Countering", "Combating"),
    ("Preventing", "Prevention of"),
    ("Developing", "Establishing"),
    ("Modernising", "Upgrading"),
)
SUBJECTS = (
    "criminal justice responses to trafficking in persons",
    "investigation of migrant smuggling networks",
    "implementation of the Convention review mechanism",
    "anti-money-laundering and asset recovery",
    "firearms marking, record-keeping and tracing",
    "judicial integrity and mutual legal assistance",
    "cybercrime investigation and electronic evidence",
    "container control at seaports and dry ports",
    "witness protection and victim assistance",
    "prison management and rehabilitation",
    "financial investigations of organized crime",
    "forensic science laboratories",
    "maritime crime and piracy prosecution",
    "wildlife and forest crime enforcement",
    "drug trafficking interdiction at airports",
    "corruption prevention in procurement",
    "cross-border intelligence sharing",
    "joint investigation teams",
    "extradition and transfer of sentenced persons",
    "protection of smuggled migrants at sea",
    "cultural property trafficking investigations",
    "border management and document security",
    "gender-sensitive victim identification",
    "threat assessment of organized crime groups",
    "crime statistics and data collection",
    "legislative drafting and harmonisation",
    "special investigative techniques",
    "confiscation of criminal proceeds",
    "trafficking in falsified medical products",
    "counter-kidnapping units",
)
GROUPS = (
    "prosecutors",
    "judges",
    "police investigators",
    "customs officers",
    "border guards",
    "financial intelligence analysts",
    "prison staff",
    "labour inspectors",
    "coast guards",
    "social workers",
    "parliamentarians",
    "civil society organisations",
    "forensic experts",
    "central authorities",
    "anti-corruption commissions",
    "immigration officers",
)
SENTENCES = (
    "The {kind} will train {n} {group} from {city} and neighbouring provinces.",
    "Activities include workshops, mentoring and study visits for {group}.",
    "A national task force on {subject} will be supported with equipment and guidance.",
    "Standard operating procedures on {subject} will be drafted with the {group}.",
    "The {kind} builds on a needs assessment conducted in {city} in {year}.",
    "Regional cooperation with {other} will be promoted through joint exercises.",
    "A case management system will be piloted in {city}.",
    "Awareness campaigns will reach communities around {city}.",
    "Legislation will be reviewed against the Convention and its Protocols.",
    "Results will be monitored against a baseline survey of {group}.",
    "Specialised units of {group} will receive advisory support on {subject}.",
    "The {kind} contributes to the national strategy against organized crime.",
)
BOILERPLATE = "Technical assistance under the Convention against Transnational Organized Crime."
SECTORS = ("15130", "15210", "15220", "15110", "15150", "16063")
TOPICS = tuple(f"untoc/art_{n}" for n in range(5, 32)) + tuple(
    f"theme/{t}" for t in ("tip", "som", "firearms", "aml", "cyber", "corruption", "mla")
)


@dataclass(slots=True)
class Generated:
    records: list[ProjectRecord]
    planted: list[tuple[str, str, str]] = field(default_factory=list)
    """(key a, key b, kind) of every planted twin pair."""


def describe(rnd: random.Random, subject: str, group: str, city: str, year: int) -> list[str]:
    """Three sentences of a project description, from the shared templates."""
    chosen = rnd.sample(SENTENCES, 3)
    return [
        s.format(
            kind=rnd.choice(("project", "programme", "initiative")),
            n=rnd.randrange(20, 400),
            group=group if rnd.random() < 0.6 else rnd.choice(GROUPS),
            city=city,
            subject=subject,
            year=year - rnd.randrange(0, 3),
            other=rnd.choice(COUNTRIES),
        )
        for s in chosen
    ]


SYLLABLES = ("ka", "ru", "mbo", "ta", "ne", "li", "sa", "do", "gu", "wa", "mi", "zo", "be",
             "ko", "ra", "ti", "an", "el", "om", "ur", "ba", "shi", "ya", "lo", "fe", "qu",
             "hai", "tan", "bur", "kar")  # fmt: skip


def district(rnd: random.Random) -> str:
    """A made-up district name of two to four syllables (837,000 of them)."""
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4))).capitalize()


def acronym(rnd: random.Random) -> str:
    """A programme's acronym, as many registry titles carry one (456,976 of them)."""
    return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))


def project_texts(rnd: random.Random, year: int) -> tuple[str, str]:
    """(title, description) of one project starting in ``year``: what ``tact generate`` writes.

    The shared words (actions, subjects, target groups) come from small lists, but places
    are mostly districts and half the titles carry a programme acronym, drawn from large
    spaces: a real registry's vocabulary grows with its size (Heaps' law), so unrelated
    projects share their rare words no more often at a million records than at ten thousand.
    """
    city = rnd.choice(CITIES) if rnd.random() < 0.3 else district(rnd)
    action = rnd.choice(ACTIONS)[0]
    subject = rnd.choice(SUBJECTS)
    group = rnd.choice(GROUPS)
    title = f"{action} {subject} for {group} in {city}"
    if rnd.random() < 0.2:
        title += f", phase {rnd.choice(('I', 'II', 'III'))}"
    if rnd.random() < 0.5:
        title += f" ({acronym(rnd)})"
    return title, " ".join([*describe(rnd, subject, group, city, year), BOILERPLATE])


def reword(rnd: random.Random, title: str) -> str:
    """Another publisher's wording of the same title."""
    for plain, other in ACTIONS:
        if title.startswith(plain):
            title = other + title[len(plain) :]
            break
    variants = (
        title,
        f"UNODC: {title}",
        title.replace(" for ", " of ", 1),
        f"{title} (extension)",
        title.upper(),
    )
    return rnd.choice(variants)


def twin_description(rnd: random.Random, description: str, year: int, *, extra: bool) -> str:
    """The same description, sentences shuffled and one dropped; ``extra`` adds one of the
    other publisher's own."""
    sentences = description.split(". ")
    rnd.shuffle(sentences)
    text = ". ".join(sentences[: max(2, len(sentences) - 1)])
    if not extra:
        return text
    return (
        text
        + " "
        + rnd.choice(SENTENCES).format(
            kind="project",
            n=rnd.randrange(20, 400),
            group=rnd.choice(GROUPS),
            city=rnd.choice(CITIES),
            subject=rnd.choice(SUBJECTS),
            year=year,
            other=rnd.choice(COUNTRIES),
        )
    )


class _Maker:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.sequence = 0

    def _key(self, publisher: str) -> str:
        self.sequence += 1
        return f"{publisher}-P{self.sequence:07d}"

    def record(self) -> ProjectRecord:
        rnd = self.random
        ref, name = rnd.choice(PUBLISHERS)
        implementer = PUBLISHERS[0][1] if ref != PUBLISHERS[0][0] else "Ministry of Justice"
        country = rnd.choice(COUNTRIES)
        countries = {country}
        if rnd.random() < 0.1:
            countries.add(rnd.choice(COUNTRIES))
        start = dt.date(2012, 1, 1) + dt.timedelta(days=rnd.randrange(0, 12 * 365))
        end = start + dt.timedelta(days=rnd.randrange(365, 5 * 365))
        title, description = project_texts(rnd, start.year)
        return ProjectRecord(
            key=self._key(ref),
            identifier="",
            reporting_org=name,
            funders=frozenset({name if ref != PUBLISHERS[0][0] else rnd.choice(PUBLISHERS)[1]}),
            implementers=frozenset({implementer}),
            countries=frozenset(countries),
            sectors=frozenset(rnd.sample(SECTORS, rnd.randrange(1, 3))),
            topics=frozenset(rnd.sample(TOPICS, rnd.randrange(0, 3))),
            start=start,
            end=end,
            title=title,
            description=description,
            linked_ids=frozenset(),
        )

    def twin(self, original: ProjectRecord, kind: str) -> ProjectRecord:
        rnd = self.random
        first = original.start or dt.date(2020, 1, 1)
        last = original.end or first
        start = first + dt.timedelta(days=rnd.randrange(-20, 60))
        end = last + dt.timedelta(days=rnd.randrange(-60, 120))
        description = twin_description(
            rnd, original.description, start.year, extra=kind != "republished"
        )
        if kind == "republished":
            ref = original.key.split("-P")[0] if isinstance(original.key, str) else "X"
            reporting = original.reporting_org
            title = original.title if rnd.random() < 0.5 else reword(rnd, original.title)
        else:
            ref, reporting = rnd.choice([p for p in PUBLISHERS if p[1] != original.reporting_org])
            title = reword(rnd, original.title)
        key = self._key(ref)
        linked: frozenset[str] = frozenset()
        if kind == "linked":
            linked = frozenset({str(original.key)})
        return replace(
            original,
            key=key,
            reporting_org=reporting,
            funders=original.funders if kind != "unlinked" else frozenset({reporting}),
            start=start,
            end=end,
            title=title,
            description=description,
            linked_ids=linked,
        )


def generate_records(n: int, seed: int = 0, *, twin_share: float = 0.08) -> Generated:
    """``n`` records; about ``twin_share`` of them are planted twins of another record."""
    maker = _Maker(seed)
    out = Generated(records=[])
    kinds = ("linked", "unlinked", "republished")
    while len(out.records) < n:
        record = maker.record()
        record.identifier = str(record.key)
        out.records.append(record)
        if len(out.records) < n and maker.random.random() < twin_share:
            kind = maker.random.choice(kinds)
            twin = maker.twin(record, kind)
            twin.identifier = str(twin.key)
            out.records.append(twin)
            out.planted.append((str(record.key), str(twin.key), kind))
    return out
