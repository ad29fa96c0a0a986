"""Overlap detection one recipient country at a time (issue 19): the same pairs as over all
records at once, pairs in several shared countries stored once, records without a country
meeting every partition, identifier links across countries, and the generated twins of
``tact generate`` found."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command

from tact.assistance import generate
from tact.assistance.models import OverlapCandidate, Project, ProjectCountry
from tact.assistance.overlaps import ProjectRecord, detect_overlaps, recall_against_brute_force
from tact.assistance.overlaps.detection import Partition, detect_in_partitions
from tact.assistance.overlaps.generate import generate_records
from tact.assistance.overlaps.records import country_partitions, project_records
from tact.assistance.overlaps.scoring import prepare, score_prepared, score_value
from tact.assistance.overlaps.services import overlaps_detect
from tact.assistance.tests.review_support import make_project
from tact.core.access import SYSTEM
from tact.directory.models import State

TITLE = "Strengthening witness protection for prosecutors in Nairobi"


def _add_country(project: Project, code: str) -> None:
    ProjectCountry.objects.create(
        project=project, code=code, state=State.objects.filter(iso2=code).first()
    )


@pytest.mark.django_db
def test_database_partitions_find_what_detection_over_all_records_finds() -> None:
    make_project("KE-1", TITLE)
    make_project("KE-2", f"UNODC: {TITLE}")
    both_a = make_project("KEUG-1", "Countering migrant smuggling on Lake Victoria")
    both_b = make_project("KEUG-2", "Countering migrant smuggling on Lake Victoria, phase II")
    for project in (both_a, both_b):
        _add_country(project, "UG")  # two shared countries: scored and stored once
    nowhere = make_project("REG-1", TITLE, reporter="Council of Europe", reporter_ref="XM-CE")
    nowhere.countries.all().delete()  # no recipient country: meets every partition
    everywhere = make_project("GLO-1", f"{TITLE} (global)")
    for code in ("UG", "TZ", "NG", "GH", "SN", "ML", "NE", "MZ", "ET", "MX", "CO", "PE"):
        _add_country(everywhere, code)  # 13 countries: too many to block on
    make_project("MX-1", "Firearms tracing", country="MX", description="Gun marking.")
    make_project(
        "PE-1", "Other words entirely", country="PE", description="Unrelated.", related="MX-1"
    )  # points at MX-1 from another country
    make_project("UG-9", "Prison management reform", country="UG", description="Prisons.")

    expected = detect_overlaps(project_records(Project.objects.all()))
    summary = overlaps_detect(actor=SYSTEM)
    stored = {
        (c.project_a.iati_identifier, c.project_b.iati_identifier): c.score
        for c in OverlapCandidate.objects.select_related("project_a", "project_b")
    }
    by_id = dict(Project.objects.values_list("pk", "iati_identifier"))
    wanted = {(by_id[p.a], by_id[p.b]): round(p.score, 4) for p in expected.pairs}
    assert stored == wanted
    assert summary.pairs == len(wanted) == OverlapCandidate.objects.count()
    pairs = {frozenset(pair) for pair in stored}
    assert frozenset({"KEUG-1", "KEUG-2"}) in pairs
    assert frozenset({"KE-1", "REG-1"}) in pairs and frozenset({"REG-1", "GLO-1"}) in pairs
    assert frozenset({"MX-1", "PE-1"}) in pairs
    assert summary.stats["partitions"] >= 5 and summary.stats["records"] == 9


@pytest.mark.django_db
def test_generated_twins_are_found_as_overlaps() -> None:
    call_command("generate", "--projects", "300", "--seed", "9", stdout=StringIO())
    maker = generate.Generator(generate.Plan.build(9, 300))
    planted = {n: maker._texts(n)[0] for n in range(1, 301)}
    twins = [n for n, kind in planted.items() if kind]
    assert len(twins) >= 10 and {planted[n] for n in twins} == set(generate.TWIN_KINDS)
    overlaps_detect(actor=SYSTEM)
    pk = dict(Project.objects.values_list("iati_identifier", "pk"))
    found = set(OverlapCandidate.objects.values_list("project_a_id", "project_b_id"))
    for n in twins:
        a, b = generate.ids_of((n - 1, n), 9)
        assert (pk[a], pk[b]) in found, (n, planted[n])


def test_score_value_is_the_score_of_score_prepared() -> None:
    records = generate_records(600, seed=4).records
    rnd = random.Random(4)
    prepared = [prepare(r) for r in records]
    for _ in range(3000):
        a, b = rnd.sample(prepared, 2)
        assert score_value(a, b) == score_prepared(a, b)[0]


def test_partitions_lose_nothing_with_countryless_and_many_country_records() -> None:
    records = generate_records(500, seed=11).records
    rnd = random.Random(11)
    many = frozenset(["KE", "NG", "TZ", "UG", "GH", "ML", "NE", "SN", "MZ", "ET", "MX", "GT", "HN"])
    mixed: list[ProjectRecord] = []
    for record in records:
        roll = rnd.random()
        if roll < 0.1:
            record.countries = frozenset()
        elif roll < 0.15:
            record.countries = many
        elif roll < 0.2:
            record.start = record.end = None
        elif roll < 0.3:
            record.countries = record.countries | {rnd.choice(sorted(many))}
        mixed.append(record)
    result = detect_overlaps(mixed)
    recall, reference, _hit = recall_against_brute_force(mixed, result, range(len(mixed)))
    assert reference >= 20 and recall == 1.0
    assert len({frozenset((p.a, p.b)) for p in result.pairs}) == len(result.pairs)


@pytest.mark.django_db
def test_a_project_in_several_countries_is_read_once_and_carried() -> None:
    first = make_project("KEUG-1", "Countering migrant smuggling on Lake Victoria")
    second = make_project("KEUG-2", "Countering migrant smuggling on Lake Victoria, phase II")
    for project in (first, second):
        _add_country(project, "UG")
        _add_country(project, "TZ")
    make_project("UG-9", "Prison management reform", country="UG", description="Prisons.")
    partitions = list(country_partitions(Project.objects.all()))
    assert [p.country for p in partitions] == ["KE", "TZ", "UG"]
    read = [r.key for p in partitions for r in p.records]
    assert sorted(read) == sorted(set(read))  # every project read once
    assert partitions[1].carried == partitions[2].carried[:2] == [first.pk, second.pk]
    # The pair shares three countries: found (in Kenya's partition) and stored once.
    summary = overlaps_detect(actor=SYSTEM)
    assert summary.pairs == 1 and summary.stats["records"] == 3


def test_partitions_out_of_order_are_refused() -> None:
    records = generate_records(40, seed=3).records
    for record in records:
        record.countries = frozenset({"KE", "UG"})
    later = Partition("UG", [], [r.key for r in records])
    with pytest.raises(ValueError, match="never read"):
        detect_in_partitions([later], [], lambda keys: [])
