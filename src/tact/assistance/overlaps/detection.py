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
  the description words: words are ordered by rarity within the partition and each record
  is indexed by the first ``|x| - ceil(t*|x|) + 1`` of its words only. Two sets with
  Jaccard similarity >= t must share one of those prefix words, so the filter loses no pair
  above the threshold while the rare-word posting lists stay short.

The score is built so that this blocking is *complete* for it: without a shared identifier,
``score = text * (0.4 + 0.6 * context) <= text`` and ``text`` is a weighted mean of the title
and description similarities, so a pair scoring >= t has a title or a description Jaccard
>= t. Two records whose (known) organisations differ have ``context <= 0.8``, so they need
texts reaching ``t / 0.88``: each door runs twice, at ``t`` among records sharing an
organisation (or lacking any) and at ``t / 0.88`` among all, with far fewer candidates than
at ``t`` among all. In a large country the candidates still number in the hundreds of
millions, so the join runs as a sparse matrix product and each candidate's score is bounded
in compiled code (:mod:`.join`); only pairs whose bound reaches ``t`` are scored in Python.
Only posting lists longer than ``max_block`` are cut, and the cuts are counted in the
statistics; :func:`brute_force_pairs` measures the recall on a sample against scoring every
pair.

Everything here works on plain :class:`ProjectRecord` values, so it is tested and
benchmarked without a database; :mod:`.scoring` scores one pair.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tact.assistance.overlaps.join import (
    Ints,
    PairBound,
    flatten_blocks,
    prefix_pairs,
    rarity,
)
from tact.assistance.overlaps.scoring import (
    CONTEXT_WEIGHTS,
    DEFAULT_THRESHOLD,
    DESCRIPTION_ALONE,
    MIN_THRESHOLD,
    Prepared,
    ProjectRecord,
    Reason,
    prepare,
    score_prepared,
    score_value,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_THRESHOLD",
    "DetectionResult",
    "OverlapPair",
    "Partition",
    "ProjectRecord",
    "block_countries",
    "detect_in_partitions",
    "detect_overlaps",
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


_ANY = "~any"
_STAR = "~unknown"
MAX_BLOCK_COUNTRIES = 12
NO_SHARED_ORGANISATION = 0.4 + 0.6 * (1 - CONTEXT_WEIGHTS["organisations"])
"""The best context factor of two records whose (known) organisations differ: such a pair
reaches the threshold only with texts that reach ``threshold / 0.88``."""

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


def _blocks(
    item: Prepared, country: str | None, no_country: bool, no_years: bool
) -> tuple[list[Block], list[Block]]:
    """(blocks to file the record under, blocks to look up) as (side, country, year) keys.

    ``country`` is the partition's recipient (None for a record without a blockable one).

    Years: two intervals share a calendar year iff one's start year lies within the other's
    years. Side "A" files every year and is looked up with the start year; side "B" files the
    start year and is looked up with every year; together they meet every overlapping pair
    once or twice instead of once per shared year. Undated records use ``_STAR``/``_ANY`` on
    side "A" as for countries.
    """
    file_c, look_c = _country_labels(
        frozenset({country}) if country is not None else None, no_country
    )
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


def block_countries(record: ProjectRecord) -> frozenset[str] | None:
    """The recipients a record is blocked under; None: it meets every partition."""
    countries = record.countries
    return countries if 0 < len(countries) <= MAX_BLOCK_COUNTRIES else None


@dataclass(slots=True)
class Partition:
    """A recipient country and the records blocked under it.

    Partitions come in the order of their country codes. A record with several recipients
    belongs to several partitions; a reader may send it once, in its first partition, and
    list its key in ``carried`` for the later ones: the detection keeps its prepared form
    until its last partition (:func:`last_partition`) instead of reading and tokenising it
    again (a fifth of the reads on registry-shaped data)."""

    country: str
    records: list[ProjectRecord]
    carried: list[Hashable] = field(default_factory=list)


def last_partition(record: ProjectRecord) -> str | None:
    """The last partition a record belongs to, when it belongs to more than one."""
    countries = block_countries(record)
    return max(countries) if countries is not None and len(countries) > 1 else None


@dataclass(slots=True)
class _Run:
    """What one detection keeps across partitions: pairs, identifiers, statistics."""

    threshold: float
    max_block: int
    rank: Callable[[Hashable], Any]
    kept: dict[tuple[Hashable, Hashable], OverlapPair] = field(default_factory=dict)
    links: dict[Hashable, tuple[str, frozenset[str]]] = field(default_factory=dict)
    carry: dict[Hashable, Prepared] = field(default_factory=dict)
    carry_until: dict[str, list[Hashable]] = field(default_factory=dict)
    stats: dict[str, Any] = field(
        default_factory=lambda: (
            dict.fromkeys(("candidate_pairs", "scored_pairs", "capped_postings", "partitions"), 0)
            | {"largest_partition": 0, "prepare_seconds": 0.0}
        )
    )

    def prepared(self, records: Iterable[ProjectRecord]) -> list[Prepared]:
        started = time.perf_counter()
        out = []
        for record in records:
            self.links[record.key] = (record.identifier, record.linked_ids)
            out.append(prepare(record))
        self.stats["prepare_seconds"] += time.perf_counter() - started
        return out

    def partition_items(self, partition: Partition) -> list[Prepared]:
        """The partition's records prepared, carried ones included, in rank order; records
        needed again in a later partition are carried until then."""
        items = self.prepared(partition.records)
        for item in items:
            last = last_partition(item.record)
            if last is not None and last > partition.country:
                self.carry[item.record.key] = item
                self.carry_until.setdefault(last, []).append(item.record.key)
        try:
            items.extend(self.carry[key] for key in partition.carried)
        except KeyError as missing:
            raise ValueError(
                f"record {missing} carried into {partition.country} was never read: "
                "partitions must come in the order of their country codes"
            ) from None
        items.sort(key=lambda item: self.rank(item.record.key))
        return items

    def partition_done(self, country: str) -> None:
        for key in self.carry_until.pop(country, ()):
            del self.carry[key]

    def score(self, x: Prepared, y: Prepared) -> None:
        """Score a candidate; keep it, with its reasons, when it reaches the threshold."""
        self.stats["scored_pairs"] += 1
        if score_value(x, y) < self.threshold:
            return
        if self.rank(x.record.key) > self.rank(y.record.key):
            x, y = y, x
        score, reasons, kind = score_prepared(x, y)
        pair = OverlapPair(x.record.key, y.record.key, score, reasons, kind)
        self.kept[(pair.a, pair.b)] = pair


def _owner(x: ProjectRecord, y: ProjectRecord) -> str | None:
    """The partition that scores a pair: its first shared recipient (None: the first one)."""
    cx, cy = block_countries(x), block_countries(y)
    if cx is None:
        return None if cy is None else min(cy)
    if cy is None or len(cx) == 1:
        return min(cx)
    return min(cx & cy) if len(cy) > 1 else min(cy)


def _detect_partition(
    run: _Run, country: str | None, items: list[Prepared], wild: list[Prepared], first: bool
) -> None:
    """Title and description doors among one partition's records and the records without a
    blockable recipient (which meet every partition; pairs of two of them are scored in the
    first partition only)."""
    everyone = items + wild
    known = len(items)
    no_country = bool(wild)
    no_years = any(p.years is None for p in everyone)
    # Block lists depend on (years, country) only: numbered once per distinct pair of them.
    numbers: dict[Block, int] = {}
    by_dates: dict[Any, tuple[list[int], list[int]]] = {}
    blocks: list[tuple[list[int], list[int]]] = []
    for n, p in enumerate(everyone):
        place = country if n < known else None
        numbered = by_dates.get((p.years, place))
        if numbered is None:
            filed, looked = _blocks(p, place, no_country, no_years)
            numbered = by_dates[(p.years, place)] = (
                [numbers.setdefault(b, len(numbers)) for b in filed],
                [numbers.setdefault(b, len(numbers)) for b in looked],
            )
        blocks.append(numbered)
    # Pass 1: pairs sharing an organisation (or with one unknown) at the threshold, blocks
    # crossed with organisations; pass 2: every pair, at the threshold over the best
    # context factor of records that share none.
    unknown = any(not p.organisations for p in everyone)
    names: dict[Any, int] = {}
    by_names: dict[Any, tuple[list[int], list[int]]] = {}
    labels = []
    for p in everyone:
        numbered = by_names.get(p.organisations)
        if numbered is None:
            mine, theirs = _country_labels(p.organisations or None, unknown)
            numbered = by_names[p.organisations] = (
                [names.setdefault(o, len(names)) for o in mine],
                [names.setdefault(o, len(names)) for o in theirs],
            )
        labels.append(numbered)
    width = len(names)
    shared = (
        flatten_blocks(
            [b * width + o for b in f for o in label[0]]
            for (f, _), label in zip(blocks, labels, strict=True)
        ),
        flatten_blocks(
            [b * width + o for b in lk for o in label[1]]
            for (_, lk), label in zip(blocks, labels, strict=True)
        ),
    )
    anyone = flatten_blocks(f for f, _ in blocks), flatten_blocks(lk for _, lk in blocks)
    bound = PairBound(everyone)
    threshold = run.threshold
    survivors: list[Ints] = []
    for sets, door in (
        ([p.title for p in everyone], threshold),
        ([p.description for p in everyone], threshold / DESCRIPTION_ALONE),
    ):
        rank = rarity(sets)
        for (file, look), count, factor in (
            (shared, len(numbers) * width, 1.0),
            (anyone, len(numbers), NO_SHARED_ORGANISATION),
        ):
            for x, y in prefix_pairs(
                sets,
                rank,
                file,
                look,
                count,
                door / factor,
                run.max_block,
                run.stats,
                bound,
                threshold,
            ):
                survivors.append(np.minimum(x, y) * len(everyone) + np.maximum(x, y))
    if not survivors:
        return
    for code in np.unique(np.concatenate(survivors)).tolist():
        a, b = divmod(code, len(everyone))
        if b >= known and a >= known and not first:
            continue
        if (b < known or a < known) and _owner(everyone[a].record, everyone[b].record) not in (
            country,
            None,
        ):
            continue
        run.score(everyone[a], everyone[b])


def _identifier_door(run: _Run, fetch: Callable[[list[Hashable]], Iterable[ProjectRecord]]) -> None:
    """Pairs one of which points at the other, both at a third, or that share an identifier,
    wherever their recipients: scored from records fetched again by key."""
    by_identifier: dict[str, list[Hashable]] = {}
    pointing: dict[str, list[Hashable]] = {}
    for key, (identifier, linked) in run.links.items():
        if identifier:
            by_identifier.setdefault(identifier, []).append(key)
        for ref in linked:
            pointing.setdefault(ref, []).append(key)
    wanted: set[tuple[Hashable, Hashable]] = set()

    def add(group: Sequence[Hashable]) -> None:
        ordered = sorted(group, key=run.rank)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1 : i + 1 + run.max_block]:
                run.stats["candidate_pairs"] += 1
                if (x, y) not in run.kept:
                    wanted.add((x, y))

    for ref, members in pointing.items():
        group = set(members) | set(by_identifier.get(ref, ()))
        if len(group) > run.max_block:
            run.stats["capped_postings"] += 1
            continue
        add(list(group))
    for members in by_identifier.values():
        if len(members) > 1:
            add(members)
    keys = sorted({k for pair in wanted for k in pair}, key=run.rank)
    prepared = {p.record.key: p for p in run.prepared(fetch(keys))}
    for x, y in sorted(wanted, key=lambda pair: (run.rank(pair[0]), run.rank(pair[1]))):
        if x in prepared and y in prepared:
            run.score(prepared[x], prepared[y])


def detect_in_partitions(
    partitions: Iterable[Partition],
    wildcard: Sequence[ProjectRecord],
    fetch: Callable[[list[Hashable]], Iterable[ProjectRecord]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = 5000,
    rank: Callable[[Hashable], Any] | None = None,
    progress: Callable[[int], None] | None = None,
) -> DetectionResult:
    """Detect overlaps one recipient country at a time: memory bounded by the largest
    country's records (and those without a country), not by all of them.

    Blocks are (recipient country, calendar year, word): a pair in different countries or
    with no year in common scores at most ``0.5 * (0.4 + 0.6 * 0.75) < MIN_THRESHOLD``
    without a shared identifier, so partitions by country lose nothing above the threshold;
    a pair with several shared countries is scored in the first of them only. Identifier
    pairs cross countries: they are found at the end from every record's identifiers
    (kept while the partitions stream by) and scored from ``fetch(keys)``. ``rank`` orders
    the keys (a pair's ``a`` comes first); ``progress(records read)`` is called per
    partition.
    """
    if not MIN_THRESHOLD <= threshold <= 1:
        raise ValueError(f"threshold must be between {MIN_THRESHOLD} and 1")
    started = time.perf_counter()
    run = _Run(threshold, max_block, rank or (lambda key: key))
    wild = run.prepared(wildcard)
    first = True
    for partition in partitions:
        items = run.partition_items(partition)
        run.stats["partitions"] += 1
        run.stats["largest_partition"] = max(run.stats["largest_partition"], len(items))
        _detect_partition(run, partition.country, items, wild, first)
        run.partition_done(partition.country)
        first = False
        if progress is not None:
            progress(len(run.links))
    if first and wild:
        _detect_partition(run, None, [], wild, True)
    _identifier_door(run, fetch)
    finished = time.perf_counter()

    links = _UnionFind()
    number = {key: n for n, key in enumerate({k for pair in run.kept for k in pair})}
    for a, b in run.kept:
        links.union(number[a], number[b])
    key_of = {n: key for key, n in number.items()}
    groups: dict[int, list[Hashable]] = {}
    for n in number.values():
        groups.setdefault(links.find(n), []).append(key_of[n])
    clusters = sorted(
        (sorted(members, key=str) for members in groups.values()), key=lambda m: (-len(m), str(m))
    )
    pairs = sorted(run.kept.values(), key=lambda p: (-p.score, str(p.a), str(p.b)))
    stats = run.stats | {
        "records": len(run.links),
        "pairs": len(pairs),
        "clusters": len(clusters),
        "threshold": threshold,
        "prepare_seconds": round(run.stats["prepare_seconds"], 3),
        "seconds": round(finished - started, 3),
    }
    return DetectionResult(pairs=pairs, clusters=clusters, stats=stats)


def detect_overlaps(
    records: Iterable[ProjectRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_block: int = 5000,
) -> DetectionResult:
    """Candidate pairs by blocking, scored; pairs >= ``threshold``, clusters, statistics.

    Records in memory, partitioned by recipient as :func:`detect_in_partitions` reads them
    from the database. Three doors propose candidates: titles (Jaccard >= t), descriptions
    (Jaccard >= t / 0.6), and identifiers; each candidate is checked cheaply, then scored.
    """
    records = list(records)
    order = {r.key: n for n, r in enumerate(records)}
    by_key = {r.key: r for r in records}
    partitions: dict[str, Partition] = {}
    wildcard: list[ProjectRecord] = []
    for record in records:
        countries = block_countries(record)
        if countries is None:
            wildcard.append(record)
            continue
        for country in countries:
            partition = partitions.setdefault(country, Partition(country, []))
            if country == min(countries):
                partition.records.append(record)
            else:
                partition.carried.append(record.key)
    return detect_in_partitions(
        [partitions[country] for country in sorted(partitions)],
        wildcard,
        lambda keys: [by_key[k] for k in keys],
        threshold=threshold,
        max_block=max_block,
        rank=order.__getitem__,
    )
