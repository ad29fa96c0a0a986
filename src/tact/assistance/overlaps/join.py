"""Compiled candidate generation and pruning for overlap detection (numpy and scipy).

Detection compares the records of one recipient country. In a large country (a sixth of a
million generated projects) the words of short titles are shared by thousands of records, so
even prefix filtering proposes candidates by the hundred million: checked one at a time in
Python (a few microseconds each) that is hours. Here both steps run in compiled code:

* :func:`prefix_pairs` is the AllPairs prefix join as a sparse matrix product. Column keys
  are (word, block); a record's probe prefix (``|x| - ceil(t|x|) + 1`` rarest words) is one
  row of ``L`` and its index prefix (``|y| - ceil(2t/(1+t)|y|) + 1``) one row of ``F``;
  the non-zeros of ``L @ F.T`` whose column record comes earlier (by size) are the same
  candidates as the posting lists would give, including the ``max_block`` cut of long
  posting lists. Rows go by chunks of bounded work, so memory is bounded by a chunk.
* :class:`PairBound` computes, for a batch of candidate pairs at once, an *upper bound* of
  the score of :func:`.scoring.score_value` without identifiers: Jaccard bounds from bit
  signatures of the word sets (``|a & b| / |a | b|`` is at most ``(|a| + |b|) / popcount(
  sig a | sig b) - 1``, since words hashed to one bit can only make the union look smaller),
  the exact date agreement and the no-common-year multiplier (a partition's records share
  its recipient). Only pairs whose bound
  reaches the threshold are scored in Python; pairs linked by identifiers are scored by the
  identifier door whatever their texts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from tact.assistance.overlaps.scoring import (
    APART_FACTOR,
    CONTEXT_WEIGHTS,
    DESCRIPTION_ALONE,
    START_GAP_DAYS,
    Prepared,
)

Ints = npt.NDArray[np.int64]
CHUNK_WORK = 4_000_000
"""Products of the sparse join per chunk of rows (bounds the memory of a chunk)."""
BOUND_BATCH = 500_000
"""Candidate pairs bounded at once (bounds the temporary arrays)."""
EPSILON = 1e-9


def rarity(sets: Sequence[frozenset[str]]) -> dict[str, int]:
    """Each word's rank, rarest first: prefixes hold a record's rarest words."""
    counts: dict[str, int] = {}
    for words in sets:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    ordered = sorted(counts, key=lambda w: (counts[w], w))
    return {word: n for n, word in enumerate(ordered)}


def _prefixes(
    sets: Sequence[frozenset[str]], rank: dict[str, int], threshold: float
) -> tuple[list[int], list[int], list[int], list[int]]:
    """(record, word rank) of every probe-prefix word, then of every index-prefix word."""
    index_share = 2 * threshold / (1 + threshold)
    probe_rec: list[int] = []
    probe_word: list[int] = []
    index_rec: list[int] = []
    index_word: list[int] = []
    for record, words in enumerate(sets):
        size = len(words)
        if not size:
            continue
        ordered = sorted([rank[w] for w in words])
        probe = size - math.ceil(threshold * size - 1e-9) + 1
        indexed = size - math.ceil(index_share * size - 1e-9) + 1
        probe_word.extend(ordered[:probe])
        probe_rec.extend([record] * probe)
        index_word.extend(ordered[:indexed])
        index_rec.extend([record] * indexed)
    return probe_rec, probe_word, index_rec, index_word


def _with_blocks(
    records: list[int], words: list[int], offsets: Ints, blocks: Ints, count: int
) -> tuple[Ints, Ints]:
    """(record, key) for every (prefix word, block of the record): key = word * count + block."""
    rec = np.asarray(records, dtype=np.int64)
    word = np.asarray(words, dtype=np.int64)
    per = offsets[rec + 1] - offsets[rec]
    entry = np.repeat(np.arange(len(rec)), per)
    starts = np.repeat(np.cumsum(per) - per, per)
    block = blocks[offsets[rec[entry]] + np.arange(len(entry)) - starts]
    return rec[entry], word[entry] * count + block


def flatten_blocks(per_record: Iterable[Iterable[int]]) -> tuple[Ints, Ints]:
    """(offsets, values) of ragged lists of block numbers."""
    lists = [list(b) for b in per_record]
    offsets = np.zeros(len(lists) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in lists])
    values = np.fromiter((v for b in lists for v in b), dtype=np.int64, count=int(offsets[-1]))
    return offsets, values


def prefix_pairs(
    sets: Sequence[frozenset[str]],
    rank: dict[str, int],
    file: tuple[Ints, Ints],
    look: tuple[Ints, Ints],
    block_count: int,
    threshold: float,
    max_block: int,
    stats: dict[str, int],
) -> Iterator[tuple[Ints, Ints]]:
    """Batches of candidate pairs (x, y): y comes before x by size, and x's probe prefix
    shares a word with y's index prefix (words ranked by ``rank``: :func:`rarity`) within a
    block x looks up and y is filed under.

    The same candidates as the posting lists of AllPairs, with the same cut: a (word,
    block) list keeps its first ``max_block`` records by size (the others are counted in
    ``stats["capped_postings"]``). ``stats["candidate_pairs"]`` counts the pairs yielded.
    """
    n = len(sets)
    if threshold > 1 or n < 2:
        return
    probe_rec, probe_word, index_rec, index_word = _prefixes(sets, rank, threshold)
    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=n)
    position = np.empty(n, dtype=np.int64)
    position[np.argsort(sizes, kind="stable")] = np.arange(n)
    f_rec, f_key = _with_blocks(index_rec, index_word, *file, block_count)
    p_rec, p_key = _with_blocks(probe_rec, probe_word, *look, block_count)
    if not len(f_key) or not len(p_key):
        return
    # Posting lists: entries sorted by (key, position); a list keeps its first max_block.
    order = np.lexsort((position[f_rec], f_key))
    f_rec, f_key = f_rec[order], f_key[order]
    first = np.r_[True, f_key[1:] != f_key[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(f_key)), 0))
    kept = np.arange(len(f_key)) - group_start < max_block
    stats["capped_postings"] += int((~kept).sum())
    f_rec, f_key = f_rec[kept], f_key[kept]
    columns, f_col = np.unique(f_key, return_inverse=True)
    where = np.searchsorted(columns, p_key)
    found = (where < len(columns)) & (columns[np.minimum(where, len(columns) - 1)] == p_key)
    p_rec, p_col = p_rec[found], where[found]
    k = len(columns)
    index = sparse.csr_matrix(
        (np.ones(len(f_rec), dtype=np.int32), (f_col, f_rec)), shape=(k, n)
    )  # keys x records
    probe = sparse.csr_matrix((np.ones(len(p_rec), dtype=np.int32), (p_rec, p_col)), shape=(n, k))
    work = probe @ np.diff(index.indptr).astype(np.int64)  # products per probing record
    start = 0
    while start < n:
        stop = start + 1
        budget = work[start]
        while stop < n and budget + work[stop] <= CHUNK_WORK:
            budget += work[stop]
            stop += 1
        product = (probe[start:stop] @ index).tocoo()
        x = product.row.astype(np.int64) + start
        y = product.col.astype(np.int64)
        earlier = position[y] < position[x]
        x, y = x[earlier], y[earlier]
        stats["candidate_pairs"] += len(x)
        if len(x):
            yield x, y
        start = stop


def _signatures(sets: Sequence[frozenset[str]], words: int) -> npt.NDArray[np.uint64]:
    """One ``64 * words``-bit signature per set: bit ``id(word) % width`` for its words."""
    width = 64 * words
    counts: dict[str, int] = {}
    for items in sets:
        for item in items:
            counts[item] = counts.get(item, 0) + 1
    # The commonest words get bits of their own: they are the ones pairs share by chance.
    ordered = sorted(counts, key=lambda w: (-counts[w], w))
    bits = {item: 1 << (n % width) for n, item in enumerate(ordered)}
    out = bytearray()
    for items in sets:
        signature = 0
        for item in items:
            signature |= bits[item]
        out += signature.to_bytes(8 * words, "little")
    return np.frombuffer(bytes(out), dtype="<u8").reshape(len(sets), words).astype(np.uint64)


class _Sets:
    """Sizes and signatures of one field's sets, for Jaccard upper bounds."""

    def __init__(self, sets: Sequence[frozenset[str]], words: int) -> None:
        self.sizes = np.fromiter((len(s) for s in sets), dtype=np.float64, count=len(sets))
        self.signatures = _signatures(sets, words)
        self.present = self.sizes > 0

    def jaccard_bound(self, a: Ints, b: Ints) -> npt.NDArray[np.float64]:
        """At least the Jaccard similarity of each pair (0 when a set is empty)."""
        sa, sb = self.sizes[a], self.sizes[b]
        union = np.bitwise_count(self.signatures[a] | self.signatures[b]).sum(axis=1)
        union = np.maximum(union, np.maximum(sa, sb))
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = np.minimum((sa + sb) / union - 1, np.minimum(sa, sb) / np.maximum(sa, sb))
        return np.where((sa > 0) & (sb > 0), np.minimum(bound, 1.0), 0.0)

    def size_bound(self, a: Ints, b: Ints) -> npt.NDArray[np.float64]:
        """At least the Jaccard similarity, from the sizes alone (min / max)."""
        sa, sb = self.sizes[a], self.sizes[b]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where((sa > 0) & (sb > 0), np.minimum(sa, sb) / np.maximum(sa, sb), 0.0)

    def both(self, a: Ints, b: Ints) -> npt.NDArray[np.bool_]:
        return np.asarray(self.present[a] & self.present[b])


class PairBound:
    """Upper bounds of the score without identifiers, for batches of pairs of ``items``."""

    def __init__(self, items: Sequence[Prepared]) -> None:
        self.title = _Sets([p.title for p in items], 4)
        self.description = _Sets([p.description for p in items], 8)
        # Records of a partition share its country, so the recipient agreement is taken as 1
        # (0.5 when a record has none) and the different-recipients factor as 1: cheap bounds.
        self.placed = np.array([bool(p.record.countries) for p in items], dtype=bool)
        self.topics = _Sets([p.topics for p in items], 1)
        self.organisations = _Sets([p.organisations for p in items], 1)
        starts, ends, low, high = [], [], [], []
        for p in items:
            start, end = p.record.start, p.record.end
            first = start.toordinal() if start is not None else 0
            starts.append(first)
            ends.append(max(end.toordinal(), first) if start is not None and end else first)
            low.append(min(p.years) if p.years else 0)
            high.append(max(p.years) if p.years else 0)
        self.dated = np.array([p.record.start is not None for p in items], dtype=bool)
        self.start = np.array(starts, dtype=np.float64)
        self.end = np.array(ends, dtype=np.float64)
        self.has_years = np.array([bool(p.years) for p in items], dtype=bool)
        self.low = np.array(low, dtype=np.int64)
        self.high = np.array(high, dtype=np.int64)

    def _dates(self, a: Ints, b: Ints) -> npt.NDArray[np.float64]:
        """The date agreement of :func:`.scoring._date_overlap` (0.5 when unknown)."""
        sa, sb, ea, eb = self.start[a], self.start[b], self.end[a], self.end[b]
        overlap = np.minimum(ea, eb) - np.maximum(sa, sb) + 1
        shorter = np.minimum(ea - sa, eb - sb) + 1
        share = np.where(overlap > 0, np.minimum(1.0, overlap / shorter), 0.0)
        gap = np.abs(sa - sb)
        late = np.maximum(0.0, 1 - (gap - START_GAP_DAYS) / (3 * 365))
        share = np.where(gap > START_GAP_DAYS, share * late, share)
        return np.where(self.dated[a] & self.dated[b], share, 0.5)

    def _factor(self, a: Ints, b: Ints) -> npt.NDArray[np.float64]:
        """``(0.4 + 0.6 * context) * apart`` at most (cheap: dates and small sets)."""

        def part(field: _Sets) -> npt.NDArray[np.float64]:
            return np.where(field.both(a, b), field.jaccard_bound(a, b), 0.5)

        context = (
            CONTEXT_WEIGHTS["recipient"] * np.where(self.placed[a] & self.placed[b], 1.0, 0.5)
            + CONTEXT_WEIGHTS["dates"] * self._dates(a, b)
            + CONTEXT_WEIGHTS["sectors"] * part(self.topics)
            + CONTEXT_WEIGHTS["organisations"] * part(self.organisations)
        )
        years_apart = (
            self.has_years[a]
            & self.has_years[b]
            & ((self.high[a] < self.low[b]) | (self.high[b] < self.low[a]))
        )
        return np.asarray((0.4 + 0.6 * context) * np.where(years_apart, APART_FACTOR, 1.0))

    def _batch(self, a: Ints, b: Ints, threshold: float) -> npt.NDArray[np.bool_]:
        """Cheap bounds first; the costlier signatures only for the pairs still in."""

        def text(
            title: npt.NDArray[np.float64],
            description: npt.NDArray[np.float64],
            described: npt.NDArray[np.bool_],
        ) -> npt.NDArray[np.float64]:
            return np.where(
                described,
                np.maximum(title * (0.75 + 0.25 * description), DESCRIPTION_ALONE * description),
                title,
            )  # fmt: skip

        keep = np.zeros(len(a), dtype=bool)
        need = (threshold - EPSILON) / np.maximum(self._factor(a, b), EPSILON)
        described = self.description.both(a, b)
        description = self.description.size_bound(a, b)
        title = self.title.size_bound(a, b)
        alive = np.flatnonzero(text(title, description, described) >= need)
        a, b, need = a[alive], b[alive], need[alive]
        described, description = described[alive], description[alive]
        title = self.title.jaccard_bound(a, b)
        still = np.flatnonzero(text(title, description, described) >= need)
        alive, a, b, need = alive[still], a[still], b[still], need[still]
        title, described = title[still], described[still]
        description = self.description.jaccard_bound(a, b)
        keep[alive[text(title, description, described) >= need]] = True
        return keep

    def reaching(self, a: Ints, b: Ints, threshold: float) -> npt.NDArray[np.bool_]:
        """Which pairs may score ``threshold`` or more without a shared identifier."""
        keep = np.empty(len(a), dtype=bool)
        for start in range(0, len(a), BOUND_BATCH):
            part = slice(start, start + BOUND_BATCH)
            keep[part] = self._batch(a[part], b[part], threshold)
        return keep
