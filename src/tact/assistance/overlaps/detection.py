"""Overlap and double-counting detection between assistance projects.

Two records "overlap" when they look like the same assistance: a donor's activity and the
implementer's record of it, two donors reporting the same co-funded work, or one publisher
publishing the same award twice. The signals are the ones a reviewer would check: shared
identifiers (``related-activity``, provider/receiver activity ids, identical identifiers),
the same recipient, overlapping dates, the same sectors/provisions/themes, shared
organisations, and similar titles and descriptions.

Scaling: comparing all pairs of 100,000 activities is 5*10^9 comparisons. Instead, candidates
come from *blocking*:

* an inverted index of identifiers: pairs where one lists the other's identifier, or both
  list the same third activity;
* *prefix filtering* (the AllPairs set-similarity join) on the title words and, separately,
  the description words: words are ordered by rarity over the whole collection and each
  record is indexed by the first ``|x| - ceil(t*|x|) + 1`` of its words only. Two sets with
  Jaccard similarity >= t must share one of those prefix words, so the filter loses no pair
  above the threshold while the rare-word posting lists stay short. A length filter drops
  pairs whose sizes cannot reach t.

The score is built so that this blocking is *complete* for it: without a shared identifier,
``score = text * (0.4 + 0.6 * context) <= text`` and ``text`` is a weighted mean of the title
and description similarities, so a pair scoring >= t has a title or a description Jaccard
>= t. Only posting lists longer than ``max_block`` (very common words inside short titles)
are cut, and the cuts are counted in the statistics; :func:`brute_force_pairs` measures the
recall on a sample against scoring every pair.

Everything here works on plain :class:`ProjectRecord` values, so it is tested and
benchmarked without a database; :mod:`.scoring` scores one pair.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tact.assistance.overlaps.scoring import (
    DEFAULT_THRESHOLD,
    DESCRIPTION_ALONE,
    MIN_THRESHOLD,
    Prepared,
    ProjectRecord,
    Reason,
    apart_factor,
    link_between,
    prepare,
    score_prepared,
    text_similarity,
)
from tact.assistance.textsim import jaccard

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_THRESHOLD",
    "DetectionResult",
    "OverlapPair",
    "ProjectRecord",
    "brute_force_pairs",
    "detect_overlaps",
    "recall_against_brute_force",
]


@dataclass(slots=True)
class OverlapPair:
    a: Hashable
    b: Hashable
    score: float
    reasons: list[Reason]
    kind: str
    """``same_publisher`` (published twice by one publisher), ``linked`` (records that point
    at each other, e.g. a donor's and the implementer's) or ``cross_publisher``."""


@dataclass(slots=True)
class DetectionResult:
    pairs: list[OverlapPair]
    clusters: list[list[Hashable]]
    stats: dict[str, Any] = field(default_factory=dict)

    def cluster_of(self) -> dict[Hashable, int]:
        return {key: n for n, members in enumerate(self.clusters) for key in members}


def _prefix_length(size: int, threshold: float) -> int:
    return size - math.ceil(threshold * size - 1e-9) + 1


_ANY = "~any"
_STAR = "~unknown"
MAX_BLOCK_COUNTRIES = 12

Block = tuple[Any, ...]


def _country_labels(
    countries: frozenset[str] | None, unknown_exist: bool
) -> tuple[list[Any], list[Any]]:
    """(labels a record is filed under, labels it looks up) for the recipient dimension.

    Known countries are filed under themselves (and under ``_ANY`` when some records have no
    country); a record without one is filed under ``_STAR`` and ``_ANY`` and looks up
    ``_ANY``, so it meets everyone; records with countries also look up ``_STAR``.
    """
    if countries:
        file = list(countries)
        look = list(countries)
        if unknown_exist:
            file.append(_ANY)
            look.append(_STAR)
        return file, look
    return [_STAR, _ANY], [_ANY]


def _blocks(item: Prepared, no_country: bool, no_years: bool) -> tuple[list[Block], list[Block]]:
    """(blocks to file the record under, blocks to look up) as (side, country, year) keys.

    Years: two intervals share a calendar year iff one's start year lies within the other's
    years. Side "A" files every year and is looked up with the start year; side "B" files the
    start year and is looked up with every year; together they meet every overlapping pair
    once or twice instead of once per shared year. Undated records use ``_STAR``/``_ANY`` on
    side "A" as for countries.
    """
    file_c, look_c = _country_labels(_block_countries(item), no_country)
    years = item.years
    file: list[Block] = []
    look: list[Block] = []
    if years:
        start = min(years)
        file_a = list(years) + ([_ANY] if no_years else [])
        look_a = [start] + ([_STAR] if no_years else [])
        for c in file_c:
            file.extend(("A", c, y) for y in file_a)
            file.append(("B", c, start))
        for c in look_c:
            look.extend(("A", c, y) for y in look_a)
            look.extend(("B", c, y) for y in years)
    else:
        for c in file_c:
            file.extend((("A", c, _STAR), ("A", c, _ANY)))
        for c in look_c:
            look.append(("A", c, _ANY))
    return file, look


def _rarity(sets: Iterable[frozenset[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for words in sets:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    ordered = sorted(counts, key=lambda w: (counts[w], w))
    return {word: n for n, word in enumerate(ordered)}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def _block_countries(item: Prepared) -> frozenset[str] | None:
    countries = item.record.countries
    return countries if 0 < len(countries) <= MAX_BLOCK_COUNTRIES else None


def _prefix_join(
    sets: Sequence[frozenset[str]],
    blocks: Sequence[tuple[list[Block], list[Block]]],
    threshold: float,
    max_block: int,
) -> Iterator[tuple[int, list[int]]]:
    """AllPairs: for each record, the earlier records (by size) that may reach ``threshold``.

    Records are visited by increasing size; each probes with its first
    ``|x| - ceil(t|x|) + 1`` words (rarest first) and is indexed by its first
    ``|y| - ceil(2t/(1+t)|y|) + 1`` words, within its blocks. Every pair with Jaccard >= t is
    yielded (once per block it shares; callers deduplicate). Posting lists stop growing at
    ``max_block`` entries (counted in ``capped``).
    """
    if threshold > 1:
        return
    rank = _rarity(sets)
    sizes = [len(s) for s in sets]
    index_share = 2 * threshold / (1 + threshold)
    postings: dict[str, dict[Block, list[int]]] = {}
    order = sorted(range(len(sets)), key=sizes.__getitem__)
    for position in order:
        size = sizes[position]
        if not size:
            continue
        ordered = sorted(sets[position], key=rank.__getitem__)
        probe = size - math.ceil(threshold * size - 1e-9) + 1
        indexed = size - math.ceil(index_share * size - 1e-9) + 1
        low = threshold * size - 1e-9
        file, look = blocks[position]
        found: set[int] = set()
        for word in ordered[:probe]:
            by_block = postings.get(word)
            if by_block is None:
                continue  # rare words are often unseen: one lookup instead of one per block
            for block in look:
                posting = by_block.get(block)
                if posting:
                    found.update(posting)
        if found:
            yield position, [o for o in found if sizes[o] >= low]
        for word in ordered[:indexed]:
            by_block = postings.get(word)
            if by_block is None:
                by_block = postings[word] = {}
            for block in file:
                posting = by_block.get(block)
                if posting is None:
                    by_block[block] = [position]
                elif len(posting) < max_block:
                    posting.append(position)
                else:
                    _CAPPED[0] += 1


_CAPPED = [0]


def detect_overlaps(
    records: Iterable[ProjectRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = 5000,
) -> DetectionResult:
    """Candidate pairs by blocking, scored; pairs >= ``threshold``, clusters, statistics.

    Blocks are (recipient country, calendar year, word): a pair in different countries or
    with no year in common scores at most ``0.5 * (0.4 + 0.6 * 0.75) < MIN_THRESHOLD``
    without a shared identifier, so these blocks lose nothing above the threshold. Three
    passes propose candidates: titles (Jaccard >= t), descriptions (Jaccard >= t / 0.6), and
    identifiers; each candidate is checked cheaply, then scored.
    """
    if not MIN_THRESHOLD <= threshold <= 1:
        raise ValueError(f"threshold must be between {MIN_THRESHOLD} and 1")
    started = time.perf_counter()
    prepared = [prepare(r) for r in records]
    prepared_at = time.perf_counter()
    _CAPPED[0] = 0
    no_country = any(_block_countries(p) is None for p in prepared)
    no_years = any(p.years is None for p in prepared)
    blocks = [_blocks(p, no_country, no_years) for p in prepared]
    description_threshold = threshold / DESCRIPTION_ALONE

    kept: dict[tuple[int, int], OverlapPair] = {}
    scored: set[tuple[int, int]] = set()
    candidates_total = 0
    links = _UnionFind()

    def consider(x: int, y: int) -> None:
        a, b = (x, y) if x < y else (y, x)
        if (a, b) in scored:
            return
        scored.add((a, b))
        score, reasons, kind = score_prepared(prepared[a], prepared[b])
        if score >= threshold:
            kept[(a, b)] = OverlapPair(
                prepared[a].record.key, prepared[b].record.key, score, reasons, kind
            )
            links.union(a, b)

    # 1. Titles: only pairs whose titles reach the threshold can pass through this door.
    titles = [p.title for p in prepared]
    for position, others in _prefix_join(titles, blocks, threshold, max_block):
        candidates_total += len(others)
        words = titles[position]
        for other in others:
            if jaccard(titles[other], words) >= threshold:
                consider(other, position)
    # 2. Descriptions: pairs whose titles do not reach it need descriptions >= t / 0.6.
    descriptions = [p.description for p in prepared]
    for position, others in _prefix_join(descriptions, blocks, description_threshold, max_block):
        candidates_total += len(others)
        words = descriptions[position]
        for other in others:
            if jaccard(descriptions[other], words) >= description_threshold:
                consider(other, position)
    # 3. Identifiers: one points at the other, both point at a third, or the same identifier.
    by_identifier: dict[str, list[int]] = {}
    pointing: dict[str, list[int]] = {}
    for position, item in enumerate(prepared):
        if item.record.identifier:
            by_identifier.setdefault(item.record.identifier, []).append(position)
        for ref in item.record.linked_ids:
            pointing.setdefault(ref, []).append(position)
    for ref, members in pointing.items():
        group = set(members) | set(by_identifier.get(ref, ()))
        if len(group) > max_block:
            _CAPPED[0] += 1
            continue
        ordered = sorted(group)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1 :]:
                candidates_total += 1
                consider(x, y)
    for members in by_identifier.values():
        for i, x in enumerate(members):
            for y in members[i + 1 : i + 1 + max_block]:
                candidates_total += 1
                consider(x, y)
    finished = time.perf_counter()

    groups: dict[int, list[Hashable]] = {}
    for position in links.parent:
        groups.setdefault(links.find(position), []).append(prepared[position].record.key)
    clusters = sorted(
        (sorted(members, key=str) for members in groups.values()), key=lambda m: (-len(m), str(m))
    )
    pairs = sorted(kept.values(), key=lambda p: (-p.score, str(p.a), str(p.b)))
    stats = {
        "records": len(prepared),
        "candidate_pairs": candidates_total,
        "scored_pairs": len(scored),
        "pairs": len(pairs),
        "clusters": len(clusters),
        "threshold": threshold,
        "capped_postings": _CAPPED[0],
        "prepare_seconds": round(prepared_at - started, 3),
        "seconds": round(finished - started, 3),
    }
    return DetectionResult(pairs=pairs, clusters=clusters, stats=stats)


def brute_force_pairs(
    records: Sequence[ProjectRecord],
    sample: Sequence[int],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    full_scoring: bool = False,
) -> set[frozenset[Hashable]]:
    """Every pair (sampled record, any record) scoring >= ``threshold``, without blocking.

    The reference for recall: all ``len(sample) * len(records)`` pairs are evaluated. Each
    pair's exact upper bound (``text * apart``, or the identifier floor when the records are
    linked) is computed first and the full score only where the bound reaches the threshold;
    ``full_scoring=True`` scores every pair in full (slower, same result).
    """
    prepared = [prepare(r) for r in records]
    found: set[frozenset[Hashable]] = set()
    for position in sample:
        item = prepared[position]
        for other, candidate in enumerate(prepared):
            if other == position:
                continue
            if not full_scoring and link_between(candidate.record, item.record) is None:
                text, _, _ = text_similarity(candidate, item)
                if text * apart_factor(candidate, item) < threshold:
                    continue
            score, _, _ = score_prepared(candidate, item)
            if score >= threshold:
                found.add(frozenset((item.record.key, candidate.record.key)))
    return found


def recall_against_brute_force(
    records: Sequence[ProjectRecord],
    result: DetectionResult,
    sample: Sequence[int],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[float, int, int]:
    """(recall, pairs found by brute force, of which blocking found) for the sampled records."""
    reference = brute_force_pairs(records, sample, threshold=threshold)
    found = {frozenset((p.a, p.b)) for p in result.pairs}
    hit = len(reference & found)
    return (hit / len(reference) if reference else 1.0), len(reference), hit
