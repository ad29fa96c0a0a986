"""The compiled prefix join and score bound lose no pair that reaches the threshold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random

import numpy as np
import pytest

from tact.assistance.overlaps import ProjectRecord, detect_overlaps, recall_against_brute_force
from tact.assistance.overlaps.generate import generate_records
from tact.assistance.overlaps.join import PairBound, flatten_blocks, prefix_pairs, rarity
from tact.assistance.overlaps.scoring import prepare, score_value
from tact.assistance.textsim import jaccard


def join(
    sets: list[frozenset[str]], blocks: list[list[int]], threshold: float, max_block: int = 5000
) -> tuple[set[tuple[int, int]], dict[str, int]]:
    stats = {"candidate_pairs": 0, "capped_postings": 0}
    flat = flatten_blocks(blocks)
    found: set[tuple[int, int]] = set()
    count = max((b for bs in blocks for b in bs), default=0) + 1
    for x, y in prefix_pairs(sets, rarity(sets), flat, flat, count, threshold, max_block, stats):
        pairs = list(zip(x.tolist(), y.tolist(), strict=True))
        assert not found & set(pairs), "a pair is yielded once"
        found.update(pairs)
    assert stats["candidate_pairs"] == len(found)
    return found, stats


@pytest.mark.parametrize("threshold", [0.45, 0.5, 0.6, 0.8, 1.0])
def test_prefix_join_yields_every_pair_reaching_the_threshold_within_a_block(
    threshold: float,
) -> None:
    rnd = random.Random(int(threshold * 100))
    vocabulary = [f"w{n}" for n in range(14)]  # small: many pairs are alike
    sets = [frozenset(rnd.sample(vocabulary, rnd.randint(0, 7))) for _ in range(300)]
    blocks = [rnd.sample(range(4), rnd.randint(1, 2)) for _ in sets]
    found, _stats = join(sets, blocks, threshold)
    expected = {
        (x, y)
        for x, y in itertools.combinations(range(len(sets)), 2)
        if set(blocks[x]) & set(blocks[y]) and jaccard(sets[x], sets[y]) >= threshold
    }
    assert expected  # the case is not empty
    assert expected <= {(min(x, y), max(x, y)) for x, y in found}


def test_long_posting_lists_are_cut_and_the_cut_is_counted() -> None:
    sets = [frozenset({"a", "b"})] * 10
    # Jaccard 1 between all: index prefix of one word, cut at three records per list.
    found, stats = join(sets, [[0]] * 10, 0.9, max_block=3)
    assert stats["capped_postings"] == 7
    assert len(found) == 1 + 2 + 3 * 7  # the first three meet every later record


def _variants(records: list[ProjectRecord]) -> list[ProjectRecord]:
    """Records with missing fields and no identifiers (the bound leaves identifiers out)."""
    rnd = random.Random(5)
    out = []
    for record in records:
        record = dataclasses.replace(record, identifier="", linked_ids=frozenset())
        roll = rnd.random()
        if roll < 0.1:
            record.countries = frozenset()
        elif roll < 0.2:
            record.start = record.end = None
        elif roll < 0.3:
            record.description = ""
        elif roll < 0.4:
            record.funders = record.implementers = frozenset()
            record.reporting_org = ""
        elif roll < 0.5:
            record.sectors = record.topics = frozenset()
        elif roll < 0.6:
            record.countries = record.countries | {"KE", "NG"}
            record.end = (record.start or dt.date(2020, 1, 1)) + dt.timedelta(days=4000)
        out.append(record)
    return out


def test_the_score_bound_is_never_below_the_score() -> None:
    items = [prepare(r) for r in _variants(generate_records(400, seed=9).records)]
    pairs = np.array(list(itertools.combinations(range(len(items)), 2)), dtype=np.int64)
    a, b = pairs[:, 0], pairs[:, 1]
    scores = np.array([score_value(items[x], items[y]) for x, y in pairs.tolist()])
    bound = PairBound(items)
    for threshold in (0.3, 0.45, 0.5, 0.7):
        keep = bound.reaching(a, b, threshold)
        assert keep[scores >= threshold].all()
        assert keep.sum() < len(keep) / 10  # and it prunes
    assert (scores >= 0.5).sum() > 20


def test_detection_with_unknown_and_different_organisations_matches_brute_force() -> None:
    # Doors by shared organisation: twins of other publishers, records without any.
    records = _variants(generate_records(700, seed=21).records)
    result = detect_overlaps(records, threshold=0.45)
    recall, reference, _hit = recall_against_brute_force(
        records, result, range(len(records)), threshold=0.45
    )
    assert reference >= 30 and recall == 1.0


def test_the_bounded_join_keeps_exactly_the_candidates_whose_bound_reaches() -> None:
    items = [prepare(r) for r in _variants(generate_records(500, seed=13).records)]
    sets = [p.title for p in items]
    blocks = [[0]] * len(items)
    flat = flatten_blocks(blocks)
    bound = PairBound(items)
    plain = {"candidate_pairs": 0, "capped_postings": 0}
    bounded = dict(plain)
    args = (sets, rarity(sets), flat, flat, 1, 0.5, 5000)
    every = [(x, y) for xs, ys in prefix_pairs(*args, plain) for x, y in zip(xs, ys, strict=True)]
    kept = [
        (x, y)
        for xs, ys in prefix_pairs(*args, bounded, bound, 0.5)
        for x, y in zip(xs.tolist(), ys.tolist(), strict=True)
    ]
    a = np.array([x for x, _ in every], dtype=np.int64)
    b = np.array([y for _, y in every], dtype=np.int64)
    reaching = bound.reaching(a, b, 0.5)
    assert plain["candidate_pairs"] == bounded["candidate_pairs"] == len(every) > 1000
    assert kept == [(int(x), int(y)) for x, y in zip(a[reaching], b[reaching], strict=True)]
    assert 0 < len(kept) < len(every) / 10
