"""Overlap detection on plain records: scores and reasons, blocking recall, clusters."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tact.assistance.overlaps import (
    ProjectRecord,
    brute_force_pairs,
    detect_overlaps,
    recall_against_brute_force,
    score_pair,
)
from tact.assistance.overlaps.generate import generate_records

D = dt.date


def record(key: str, **values: object) -> ProjectRecord:
    base: dict[str, object] = {
        "identifier": key,
        "reporting_org": "Ministry of Foreign Affairs of the Netherlands",
        "funders": frozenset({"Ministry of Foreign Affairs of the Netherlands"}),
        "implementers": frozenset({"United Nations Office on Drugs and Crime"}),
        "countries": frozenset({"KE"}),
        "sectors": frozenset({"15130"}),
        "start": D(2022, 1, 1),
        "end": D(2024, 12, 31),
        "title": "Strengthening witness protection for prosecutors in Nairobi",
        "description": "Training of prosecutors and police on witness protection. "
        "Relocation procedures and testimony by video link.",
    }
    base.update(values)
    return ProjectRecord(key=key, **base)  # type: ignore[arg-type]


def codes(reasons: list) -> list[str]:
    return [r.code for r in reasons]


def test_implementer_record_pointing_at_the_donor_record_scores_high_with_reasons() -> None:
    donor = record("NL-1")
    unodc = record(
        "UNODC-9",
        reporting_org="United Nations Office on Drugs and Crime",
        title="UNODC: Reinforcing witness protection for prosecutors in Nairobi",
        linked_ids=frozenset({"NL-1"}),
        start=D(2022, 2, 1),
    )
    score, reasons, kind = score_pair(donor, unodc)
    assert score >= 0.9
    assert kind == "linked"
    assert codes(reasons)[0] == "linked_identifier"
    assert {"similar_title", "same_recipient", "dates_overlap", "same_sectors"} <= set(
        codes(reasons)
    )


def test_same_award_published_twice_by_one_publisher() -> None:
    score, reasons, kind = score_pair(record("NL-1"), record("NL-1-bis"))
    assert kind == "same_publisher" and "same_publisher" in codes(reasons)
    assert score > 0.9


def test_different_recipient_or_years_push_the_score_below_any_threshold() -> None:
    a = record("A")
    other_country = record("B", countries=frozenset({"MX"}))
    other_years = record("C", start=D(2010, 1, 1), end=D(2011, 6, 30))
    score_country, reasons, _ = score_pair(a, other_country)
    assert score_country < 0.45 and "different_recipients" in codes(reasons)
    score_years, reasons, _ = score_pair(a, other_years)
    assert score_years < 0.45 and "dates_apart" in codes(reasons)


def test_unrelated_titles_in_the_same_country_do_not_overlap() -> None:
    b = record(
        "B",
        title="Firearms marking and record-keeping for customs officers",
        description="Marking machines and a national firearms register.",
    )
    score, _, _ = score_pair(record("A"), b)
    assert score < 0.3


def test_threshold_outside_the_complete_range_is_refused() -> None:
    with pytest.raises(ValueError):
        detect_overlaps([record("A")], threshold=0.3)


def test_records_without_country_or_dates_are_still_compared() -> None:
    a = record("A")
    b = record("B", countries=frozenset(), start=None, end=None)
    c = record("C", title="Completely different subject matter", description="Nothing alike.")
    result = detect_overlaps([a, b, c])
    assert {frozenset((p.a, p.b)) for p in result.pairs} == {frozenset(("A", "B"))}


def test_shared_reference_to_a_third_activity_is_found_even_with_other_titles() -> None:
    a = record("A", linked_ids=frozenset({"UNODC-GLO"}), title="Alpha", description="One")
    b = record("B", linked_ids=frozenset({"UNODC-GLO"}), title="Beta", description="Two")
    result = detect_overlaps([a, b])
    assert len(result.pairs) == 1
    assert result.pairs[0].reasons[0].code == "shared_reference"


def test_pairs_form_clusters() -> None:
    records = [record(k) for k in ("A", "B", "C")] + [
        record("D", title="Completely different subject matter", description="Nothing alike.")
    ]
    result = detect_overlaps(records)
    assert len(result.pairs) == 3
    assert result.clusters == [["A", "B", "C"]]


def test_blocking_finds_every_planted_twin_and_loses_nothing_against_brute_force() -> None:
    generated = generate_records(2000, seed=7)
    result = detect_overlaps(generated.records)
    found = {frozenset((p.a, p.b)) for p in result.pairs}
    planted = {frozenset((a, b)) for a, b, _kind in generated.planted}
    assert planted and planted <= found
    kinds = {p.kind for p in result.pairs}
    assert {"linked", "same_publisher", "cross_publisher"} <= kinds
    sample = random.Random(3).sample(range(len(generated.records)), 100)
    recall, reference, _hit = recall_against_brute_force(generated.records, result, sample)
    assert reference > 0
    assert recall == 1.0
    # Blocking compares far fewer pairs than all of them.
    n = len(generated.records)
    assert result.stats["candidate_pairs"] < n * (n - 1) / 2 / 50


def test_brute_force_reference_contains_planted_twins_and_its_bound_is_exact() -> None:
    generated = generate_records(400, seed=1)
    keys = [r.key for r in generated.records]
    a, b, _ = generated.planted[0]
    sample = [keys.index(a), *range(0, 400, 20)]
    found = brute_force_pairs(generated.records, sample)
    assert frozenset((a, b)) in found
    assert found == brute_force_pairs(generated.records, sample, full_scoring=True)


def test_same_titled_credits_started_years_apart_rank_below_a_republished_credit() -> None:
    # The shape of the Spanish MAEC file: old FAD credits run to 2020, two different credits
    # share the title "SUMINISTRO DE PUENTES METALICOS" (1999 and 2007), and each credit is
    # published again under a new identifier the next reporting year.
    base = {
        "title": "SUMINISTRO DE PUENTES METALICOS",
        "description": "SUMINISTRO DE PUENTES METALICOS",
        "countries": frozenset({"ID"}),
        "sectors": frozenset({"32172"}),
        "end": D(2020, 12, 31),
    }
    credit_1999 = record("ES-033473", start=D(1999, 1, 1), **base)
    republished = record("ES-057625", start=D(1999, 1, 1), **base)
    credit_2007 = record("ES-034717", start=D(2007, 1, 1), **base)
    same, _, _ = score_pair(credit_1999, republished)
    different, reasons, _ = score_pair(credit_1999, credit_2007)
    assert same > different
    assert ("starts_apart", str((D(2007, 1, 1) - D(1999, 1, 1)).days)) in [
        (r.code, r.detail) for r in reasons
    ]
    assert "dates_overlap" not in codes(reasons)  # 8 years apart: no date agreement left
