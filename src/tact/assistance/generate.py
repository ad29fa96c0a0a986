"""Generated projects at registry scale (issue 19): ``tact generate --projects N [--seed S]``.

The shapes follow the IATI registry: publishers sized by a power law (a few publish tens of
thousands of activities, most publish a handful), recipient countries likewise skewed over the
directory's states, one to three themes, a main DAC sector, transactions per project from a
geometric law, amounts log-normal in the publisher's currency, start years leaning to the
recent past. Everything is drawn from ``random.Random`` seeded by (seed, project number), so
the same seed and number give the same records, and a second run only adds what is missing.

Rows are written as tuples in batches (COPY on PostgreSQL, ``executemany`` on SQLite) with
ids reserved up front, without signals; the maintained summaries are rebuilt once at the end
and the site-wide search index gets the new projects in bulk. Generated records are not real:
identifiers start with ``GEN-<seed>-`` and publishers are called "Generated publisher".
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from tact.assistance import summaries
from tact.assistance.models import (
    Budget,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
    ProjectSector,
    Transaction,
)
from tact.assistance.overlaps.generate import project_texts, reword, twin_description
from tact.catalog.models import Theme
from tact.core.bulk import insert_rows
from tact.directory.models import Organisation, State
from tact.search.documents import index_new_records

BATCH = 2000
#: Approximate USD per unit (generated data: fixed rates keep the generator deterministic).
RATES = {"USD": "1", "EUR": "1.10", "GBP": "1.28", "JPY": "0.0068", "SEK": "0.095",
         "NOK": "0.094", "CHF": "1.12", "CAD": "0.74", "AUD": "0.66", "DKK": "0.15"}  # fmt: skip
CURRENCIES = (("USD", 45), ("EUR", 25), ("GBP", 8), ("JPY", 4), ("SEK", 4), ("NOK", 4),
              ("CHF", 3), ("CAD", 3), ("AUD", 2), ("DKK", 2))  # fmt: skip
# DAC 5-digit sectors of crime, justice and governance work, with rough shares.
SECTORS = (("15130", "Legal and judicial development", 30), ("15210", "Security system "
           "management and reform", 18), ("15110", "Public sector policy", 10), ("15113",
           "Anti-corruption organisations", 10), ("15220", "Civilian peace-building", 8),
           ("15160", "Human rights", 8), ("16063", "Narcotics control", 7), ("15170",
           "Women's rights organisations", 4), ("13040", "STD control including HIV/AIDS", 3),
           ("15180", "Ending violence against women and girls", 2))  # fmt: skip
# Publisher kinds: (IATI organisation type, channel, share of the long tail).
KINDS = (("10", "bilateral", 30), ("40", "un_other", 20), ("21", "ngo_other", 35),
         ("15", "regional", 8), ("40", "unodc", 7))  # fmt: skip
# (name, IATI ref, organisation type, CRS channel code): who implements.
IMPLEMENTERS = (("United Nations Office on Drugs and Crime", "XM-DAC-41128", "40", "41128"),
                ("United Nations Development Programme", "XM-DAC-41114", "40", "41114"),
                ("International Organization for Migration", "XM-DAC-47066", "40", "47066"),
                ("Council of Europe", "", "40", "47008"), ("Ministry of Justice", "", "10",
                "12000"), ("Rule of Law Foundation", "", "21", "21000"), ("Justice Sector "
                "Partnership", "", "22", "22000"), ("Regional Anti-Crime Centre", "", "40",
                "47000"))  # fmt: skip
TOPICS = ("Strengthening the prosecution of organized crime", "Countering trafficking in "
          "persons", "Anti-money-laundering and asset recovery", "Firearms control",
          "Mutual legal assistance networks", "Witness protection", "Cybercrime evidence "
          "and special investigative techniques", "Legislative assistance", "Judicial "
          "integrity and anti-corruption", "Border management and migrant smuggling")  # fmt: skip
TODAY = dt.date(2026, 1, 1)
TWIN_SHARE = 0.08
"""Share of projects that are a second record of the project before them (see ``_texts``)."""
TWIN_KINDS = ("linked", "unlinked", "republished")


@dataclass(frozen=True)
class Publisher:
    ref: str
    name: str
    type: str
    channel: str
    currency: str
    organisation_id: int | None


def zipf_weights(n: int, exponent: float) -> list[float]:
    """Weights 1/rank^exponent: a few large, a long tail."""
    return [1 / (rank**exponent) for rank in range(1, n + 1)]


def publisher_count(projects: int) -> int:
    """About one publisher per 150 activities (the registry: ~1,500 for ~1M), 12 at least."""
    return max(12, min(1500, projects // 150))


def publishers(seed: int, projects: int) -> list[Publisher]:
    """The seed's publishers, largest first; the top 20 are directory organisations (so the
    donor dashboards have something to show)."""
    rng = random.Random(f"publishers:{seed}")  # noqa: S311 (test data, not secrets)
    made: list[Publisher] = []
    for rank in range(publisher_count(projects)):
        type_, channel, _w = rng.choices(KINDS, weights=[k[2] for k in KINDS])[0]
        if rank == 0:
            type_, channel = "10", "bilateral"
        currency = rng.choices([c for c, _ in CURRENCIES], [w for _, w in CURRENCIES])[0]
        ref = f"XG-GEN{seed}-{rank + 1:04d}"
        name = f"Generated publisher {rank + 1} ({seed})"
        org_id = None
        if rank < 20:
            kind = "donor_government" if type_ == "10" else "international"
            org, _created = Organisation.objects.get_or_create(
                iati_ref=ref, defaults={"name": name, "kind": kind, "is_demo": True}
            )
            org_id = org.pk
        made.append(Publisher(ref, name, type_, channel, currency, org_id))
    return made


@dataclass
class Core:
    """A project's publisher, currency, dates, status, size and recipients."""

    pub: Publisher
    currency: str
    start: dt.date
    years: int
    end: dt.date
    status: str
    usd: float
    places: list[tuple[int, str, str]]


@dataclass
class Plan:
    """What the generator draws from, built once per run."""

    seed: int
    publishers: list[Publisher]
    publisher_weights: list[float]
    states: list[tuple[int, str, str]]  # pk, iso2, name
    state_weights: list[float]
    themes: list[int]
    theme_weights: list[float]

    @classmethod
    def build(cls, seed: int, projects: int) -> Plan:
        rng = random.Random(f"plan:{seed}")  # noqa: S311
        states = list(State.objects.order_by("iso3").values_list("pk", "iso2", "name"))
        states = [s for s in states if s[1]]
        rng.shuffle(states)
        themes = list(Theme.objects.order_by("code").values_list("pk", flat=True))
        rng.shuffle(themes)
        pubs = publishers(seed, projects)
        return cls(
            seed,
            pubs,
            zipf_weights(len(pubs), 1.1),
            states,
            zipf_weights(len(states), 0.9),
            themes,
            zipf_weights(len(themes), 0.7),
        )


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


class Rows:
    """The rows of one batch, per table, as tuples in the order of :data:`COLUMNS`."""

    def __init__(self) -> None:
        self.tables: dict[type[models.Model], list[tuple[Any, ...]]] = {m: [] for m in COLUMNS}
        self.themes: list[tuple[int, int]] = []


# The columns the generator writes; the others take their model default.
COLUMNS: dict[type[models.Model], tuple[str, ...]] = {
    Project: ("id", "created_at", "updated_at", "classification", "owner_state_id",
              "owner_organisation_id", "created_by_id", "iati_identifier", "title",
              "description", "language", "reporting_org_ref", "reporting_org_name",
              "reporting_org_type", "reporting_organisation_id", "status", "planned_start",
              "actual_start", "planned_end", "actual_end", "default_currency", "last_updated",
              "iati_version", "hierarchy", "humanitarian", "collaboration_type",
              "default_flow_type", "default_finance_type", "default_aid_type",
              "crs_channel_code", "channel_derived", "channel_override", "budget_usd",
              "commitment_usd", "disbursement_usd", "origin", "import_run_id",
              "iati_activity", "is_demo"),
    ParticipatingOrganisation: ("project_id", "role", "ref", "name", "type",
                                "crs_channel_code", "activity_id", "organisation_id",
                                "order"),
    ProjectCountry: ("project_id", "code", "state_id", "percentage"),
    ProjectSector: ("project_id", "vocabulary", "code", "name", "percentage"),
    Budget: ("project_id", "type", "status", "period_start", "period_end", "value", "currency",
             "value_date", "value_usd"),
    Transaction: ("project_id", "type", "date", "value", "currency", "value_date",
                  "value_usd", "ref", "description", "provider_ref", "provider_name",
                  "provider_activity_id", "receiver_ref", "receiver_name",
                  "receiver_activity_id", "recipient_country"),
}  # fmt: skip


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _pick(rng: random.Random, items: Sequence[Any], cumulative: Sequence[float]) -> Any:
    return rng.choices(items, cum_weights=cumulative)[0]


class Generator:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.pub_cum = _cumulative(plan.publisher_weights)
        self.state_cum = _cumulative(plan.state_weights)
        self.theme_cum = _cumulative(plan.theme_weights)
        self.cur_cum = _cumulative([w for _c, w in CURRENCIES])
        self.sector_cum = _cumulative([s[2] for s in SECTORS])

    def _rng(self, number: int) -> random.Random:
        return random.Random(self.plan.seed * 10_000_019 + number)  # noqa: S311

    def _core(self, rng: random.Random) -> Core:
        """Who publishes, when and where: the first draws of a project's own sequence."""
        plan = self.plan
        pub: Publisher = _pick(rng, plan.publishers, self.pub_cum)
        currency = pub.currency if rng.random() < 0.8 else _pick(
            rng, [c for c, _w in CURRENCIES], self.cur_cum
        )  # fmt: skip
        # Start years lean to the recent past: most registry activities are under ten years old.
        year = TODAY.year - min(int(rng.expovariate(1 / 4.5)), 20) - (rng.random() < 0.5)
        start = dt.date(year, rng.randint(1, 12), 1)
        years = rng.choices((1, 2, 3, 4, 5, 6), (15, 25, 25, 15, 12, 8))[0]
        end = dt.date(year + years, start.month, 1) - dt.timedelta(days=1)
        if start > TODAY:
            status = "1"
        elif end < TODAY:
            status = "4" if rng.random() < 0.9 else "3"
        else:
            status = "2"
        if rng.random() < 0.02:
            status = rng.choice(("5", "6"))
        usd = min(math.exp(rng.gauss(13.2, 1.4)), 2e9)  # median ~540k USD
        countries = rng.choices((1, 2, 3, 5), (82, 11, 5, 2))[0] if plan.states else 0
        places: list[tuple[int, str, str]] = []
        while len(places) < countries:
            state = _pick(rng, plan.states, self.state_cum)
            if state not in places:
                places.append(state)
        return Core(pub, currency, start, years, end, status, usd, places)

    def _texts(self, number: int) -> tuple[str | None, str, str]:
        """(twin kind or None, title, description). A share of projects are another
        publisher's record of the project before them (or its republication): the overlaps
        that detection must find. Texts come from their own sequence, so the other draws are
        those of earlier versions of the generator."""
        rng = random.Random(f"text:{self.plan.seed}:{number}")  # noqa: S311
        kind = None
        if number > 1 and rng.random() < TWIN_SHARE:
            kind = rng.choice(TWIN_KINDS)
        if kind is None or self._texts(number - 1)[0] is not None:  # no twins of twins
            year = self._core(self._rng(number)).start.year
            return None, *project_texts(rng, year)
        _kind, title, description = self._texts(number - 1)
        if kind != "republished" or rng.random() < 0.5:
            title = reword(rng, title)
        year = self._core(self._rng(number - 1)).start.year
        extra = kind != "republished"
        return kind, title, twin_description(rng, description, year, extra=extra)

    def project(self, number: int, pk: int, now: Any, rows: Rows) -> None:
        """Append project ``number``'s rows (its id being ``pk``) to ``rows``."""
        plan = self.plan
        rng = self._rng(number)
        core = self._core(rng)
        twin, title, description = self._texts(number)
        if twin is not None:  # the same work: where and when of the project before it
            before = self._core(self._rng(number - 1))
            core = replace(core, start=before.start, end=before.end, years=before.years,
                           places=before.places,
                           pub=before.pub if twin == "republished" else core.pub)  # fmt: skip
            core.status = "1" if core.start > TODAY else "4" if core.end < TODAY else "2"
        pub, currency, start, years, end = core.pub, core.currency, core.start, core.years, core.end
        status, places = core.status, core.places
        rate = float(RATES[currency])
        amount = core.usd / rate
        rng.choice(TOPICS)  # the topic of earlier versions' titles: keeps the later draws
        where = ", ".join(p[2] for p in places[:2]) or "several regions"
        impl = rng.choice(IMPLEMENTERS) if rng.random() < 0.7 else None
        channel = pub.channel if impl is None else _implementer_channel(impl[3])
        classification = rng.choices(("public", "restricted", "confidential"), (92, 6, 2))[0]
        identifier = f"GEN-{plan.seed}-{number:07d}"
        started = status != "1"
        transactions = self._transactions(rng, pk, start, end, amount, rate, currency, pub,
                                          impl, places, status, identifier)  # fmt: skip
        commitment = sum(t[6] for t in transactions if t[1] == "2")
        spent = sum(t[6] for t in transactions if t[1] in {"3", "4"})
        budgets = self._budgets(pk, start, years, amount, rate, currency)
        budget_usd = sum((b[8] for b in budgets), Decimal(0))
        activity = {"identifier": identifier, "generated": True}
        rows.tables[Project].append((
            pk, now, now, classification, None, pub.organisation_id, None, identifier, title,
            f"{description} Generated project (not a real record) in {where}.", "en",
            pub.ref, pub.name, pub.type, pub.organisation_id,
            status, _date(start), _date(start) if started else None, _date(end),
            _date(end) if status in {"3", "4"} else None, currency, now, "2.03", 1, False,
            "1", "10", "110", "C01", "", channel, "", budget_usd,
            _money(commitment) if transactions else None, _money(spent) if spent else None,
            "iati", None, json.dumps(activity), False,
        ))  # fmt: skip
        org_rows = rows.tables[ParticipatingOrganisation]
        # A linked twin names the activity it records (the funder's, the project before it).
        linked = f"GEN-{plan.seed}-{number - 1:07d}" if twin == "linked" else ""
        org_rows.append((pk, "1", pub.ref, pub.name, pub.type, "", linked, pub.organisation_id, 0))
        if impl is not None:
            org_rows.append((pk, "4", impl[1], impl[0], impl[2], impl[3], "", None, 1))
        percentages = _split(rng, len(places))
        for (state_pk, iso2, _name), share in zip(places, percentages, strict=True):
            rows.tables[ProjectCountry].append((pk, iso2, state_pk, share))
        sector = _pick(rng, SECTORS, self.sector_cum)
        rows.tables[ProjectSector].append((pk, "1", sector[0], sector[1], Decimal(100)))
        rows.tables[Budget].extend(budgets)
        rows.tables[Transaction].extend(transactions)
        if plan.themes:
            wanted = rng.choices((1, 2, 3), (50, 35, 15))[0]
            chosen = {_pick(rng, plan.themes, self.theme_cum) for _ in range(wanted)}
            rows.themes.extend((pk, theme) for theme in sorted(chosen))

    def _budgets(
        self, pk: int, start: dt.date, years: int, amount: float, rate: float, currency: str
    ) -> list[tuple[Any, ...]]:
        per_year = _money(amount / years)
        usd = _money(float(per_year) * rate)
        out = []
        for n in range(years):
            begin = dt.date(start.year + n, start.month, 1)
            stop = dt.date(begin.year + 1, begin.month, 1) - dt.timedelta(days=1)
            out.append((pk, "1", "2", _date(begin), _date(stop), per_year, currency,
                        _date(begin), usd))  # fmt: skip
        return out

    def _transactions(
        self,
        rng: random.Random,
        pk: int,
        start: dt.date,
        end: dt.date,
        amount: float,
        rate: float,
        currency: str,
        pub: Publisher,
        impl: tuple[str, str, str, str] | None,
        places: list[tuple[int, str, str]],
        status: str,
        identifier: str,
    ) -> list[tuple[Any, ...]]:
        if status == "1" and rng.random() < 0.6:
            return []
        receiver = impl or ("", "", "", "")
        country = places[0][1] if len(places) == 1 else ""
        # Geometric number of disbursements (mean ~3, a long tail of monthly reporters).
        count = min(int(rng.expovariate(1 / 3)), 60) if status != "1" else 0
        days = max((min(end, TODAY) - start).days, 1)
        paid = amount * rng.uniform(0.3, 1.0) if status in {"3", "4"} else amount * 0.5
        out = []
        for n in range(count + 1):
            commitment = n == 0
            value = amount if commitment else paid / count
            day = start + dt.timedelta(days=0 if commitment else rng.randrange(days))
            kind = "2" if commitment else rng.choice(("3", "3", "4"))
            out.append((pk, kind, _date(day), _money(value), currency, _date(day),
                        _money(value * rate), f"{identifier}-{n}", "", pub.ref, pub.name, "",
                        receiver[1], receiver[0], "", country))  # fmt: skip
        return out


def _implementer_channel(crs: str) -> str:
    if crs == "41128":
        return "unodc"
    if crs.startswith("41") or crs == "47066":
        return "un_other"
    if crs.startswith("47"):
        return "regional"
    return "bilateral" if crs.startswith("1") else "ngo_other"


def _split(rng: random.Random, parts: int) -> list[Decimal | None]:
    """Percentages for a project's countries (a third of multi-country projects give none)."""
    if parts == 1:
        return [Decimal(100)]
    if rng.random() < 0.33:
        return [None] * parts
    cuts = sorted(rng.sample(range(5, 96, 5), parts - 1))
    edges = [0, *cuts, 100]
    return [Decimal(edges[i + 1] - edges[i]) for i in range(parts)]


# --- writing ---------------------------------------------------------------------------------


def _reserve_ids(count: int) -> int:
    """The first of ``count`` consecutive new project ids (the caller holds the transaction)."""
    table = Project._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Advance the sequence past the block in one call; concurrent writers get ids
            # after it.
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute(  # the table name is the model's, not input
                f"SELECT setval(%s, GREATEST(nextval(%s), (SELECT COALESCE(MAX(id), 0) FROM "  # noqa: S608
                f"{table}) + 1) + %s - 1)",
                [sequence, sequence, count],
            )
            return int(cursor.fetchone()[0]) - count + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0]) + 1


def _write(rows: Rows) -> None:
    for model, columns in COLUMNS.items():
        insert_rows(model._meta.db_table, columns, rows.tables[model])
    through = Project.themes.through._meta.db_table
    insert_rows(through, ("project_id", "theme_id"), rows.themes)


def existing(seed: int) -> set[int]:
    """Project numbers of this seed already in the database."""
    prefix = f"GEN-{seed}-"
    return {
        int(ident[len(prefix) :])
        for ident in Project.objects.filter(iati_identifier__startswith=prefix).values_list(
            "iati_identifier", flat=True
        )
    }


def generate(
    projects: int,
    *,
    seed: int = 1,
    batch: int = BATCH,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Make projects 1..``projects`` of ``seed`` exist; returns how many were written."""
    say = progress or (lambda _m: None)
    plan = Plan.build(seed, projects)
    have = existing(seed)
    todo = [n for n in range(1, projects + 1) if n not in have]
    say(f"{len(have)} of {projects} projects of seed {seed} exist; writing {len(todo)}")
    maker = Generator(plan)
    written = 0
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        with transaction.atomic():
            first = _reserve_ids(len(chunk))
            # What the column takes (an ISO string on SQLite, the datetime on PostgreSQL).
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            rows = Rows()
            for offset, number in enumerate(chunk):
                maker.project(number, first + offset, now, rows)
            _write(rows)
            ids = range(first, first + len(chunk))
            index_new_records(
                Project.objects.filter(pk__in=list(ids)).prefetch_related("countries__state")
            )
        written += len(chunk)
        say(f"{written}/{len(todo)} projects written")
    if written:
        _analyze()  # fresh statistics first: the rebuild reads what was just written
        say("rebuilding the assistance summaries")
        summaries.rebuild()
        _analyze()
    return written


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def shape(seed: int) -> dict[str, Any]:
    """Counts that describe the generated data (for the command's summary and the tests)."""
    prefix = f"GEN-{seed}-"
    qs = Project.objects.filter(iati_identifier__startswith=prefix)
    per_publisher = sorted(
        (
            row["n"]
            for row in qs.values("reporting_org_ref").annotate(n=models.Count("pk")).order_by()
        ),
        reverse=True,
    )
    per_state = sorted(
        (
            row["n"]
            for row in ProjectCountry.objects.filter(project__in=qs)
            .values("state_id")
            .annotate(n=models.Count("pk"))
            .order_by()
        ),
        reverse=True,
    )
    return {
        "projects": qs.count(),
        "per_publisher": per_publisher,
        "per_state": per_state,
        "transactions": Transaction.objects.filter(project__in=qs).count(),
        "currencies": dict(
            qs.values_list("default_currency").annotate(n=models.Count("pk")).order_by()
        ),
        "years": dict(
            qs.values_list("planned_start__year").annotate(n=models.Count("pk")).order_by()
        ),
    }


def ids_of(numbers: Iterable[int], seed: int) -> list[str]:
    return [f"GEN-{seed}-{n:07d}" for n in numbers]
