"""Candidate generation and pruning for overlap detection (numpy, and numba's compiled loops).

Detection compares the records of one recipient country. In a large country (a sixth of a
million generated projects) the words of short titles are shared by thousands of records, so
even prefix filtering proposes candidates by the hundred million: checked one at a time in
Python (a few microseconds each) that is hours. Here both steps run in compiled code:

* :func:`prefix_pairs` is the AllPairs prefix join. Keys are (word, block); a record's
  probe prefix (``|x| - ceil(t|x|) + 1`` rarest words) is looked up in the posting lists of
  the records' index prefixes (``|y| - ceil(2t/(1+t)|y|) + 1``), each list in order of size
  and cut at ``max_block`` records. The lists are built with numpy; the walk over them
  (:func:`.kernels.join`) is compiled and bounds each candidate as it meets it, so only the
  few pairs that may reach the threshold are ever stored.
* :class:`PairBound` holds what an *upper bound* of the score of
  :func:`.scoring.score_value` without identifiers needs: Jaccard bounds from bit
  signatures of the word sets (``|a & b| / |a | b|`` is at most ``(|a| + |b|) / popcount(
  sig a | sig b) - 1``, since words hashed to one bit can only make the union look smaller),
  the exact date agreement and the no-common-year multiplier (a partition's records share
  its recipient). Only pairs whose bound reaches the threshold are scored in Python; pairs
  linked by identifiers are scored by the identifier door whatever their texts.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import numpy.typing as npt

from tact.assistance.overlaps import kernels
from tact.assistance.overlaps.scoring import Prepared

Ints = npt.NDArray[np.int64]
THREADS = max(1, len(os.sched_getaffinity(0)))
"""Threads walking the posting lists (the cores this process may use)."""


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
    bound: PairBound | None = None,
    bound_threshold: float = 0.0,
) -> Iterator[tuple[Ints, Ints]]:
    """Batches of candidate pairs (x, y): y comes before x by size, and x's probe prefix
    shares a word with y's index prefix (words ranked by ``rank``: :func:`rarity`) within a
    block x looks up and y is filed under; with ``bound``, only the candidates whose score
    bound reaches ``bound_threshold`` (:meth:`PairBound.reaching`).

    The same candidates as the posting lists of AllPairs, with the same cut: a (word,
    block) list keeps its first ``max_block`` records by size (the others are counted in
    ``stats["capped_postings"]``). ``stats["candidate_pairs"]`` counts the candidates.
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
    columns, counts = np.unique(f_key, return_counts=True)
    index_ptr = np.zeros(len(columns) + 1, dtype=np.int64)
    index_ptr[1:] = np.cumsum(counts)  # f_rec is in (key, position) order: the posting lists
    where = np.searchsorted(columns, p_key)
    found = (where < len(columns)) & (columns[np.minimum(where, len(columns) - 1)] == p_key)
    p_rec, p_col = p_rec[found], where[found]  # in record order, as the prefixes were listed
    probe_ptr = np.zeros(n + 1, dtype=np.int64)
    probe_ptr[1:] = np.cumsum(np.bincount(p_rec, minlength=n))
    numbers, signatures = bound.arrays() if bound is not None else PairBound.nothing()

    def walk(span: tuple[int, int]) -> tuple[Ints, Ints, int]:
        return kernels.join(
            position, sizes.astype(np.float64), threshold, probe_ptr, p_col, index_ptr, f_rec,
            bound is not None, bound_threshold, numbers, signatures, *span,
        )  # fmt: skip

    # The walk over records in ranges of about equal work, on every core (the kernel
    # releases the GIL); results in record order whatever the threads' timing.
    walked = np.r_[0, np.cumsum(np.diff(index_ptr)[p_col])][probe_ptr]  # before each record
    cuts = np.searchsorted(walked, np.linspace(0, walked[-1], 4 * THREADS + 1))
    bounds = np.unique(np.r_[0, cuts, n])
    spans = list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for x, y, candidates in pool.map(walk, spans):
            stats["candidate_pairs"] += int(candidates)
            if len(x):
                yield x, y


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


class PairBound:
    """What the score bound of pairs of ``items`` reads, one row per record (a candidate's
    record is met at random: its numbers in one or two cache lines, not fifteen arrays).

    ``numbers`` columns (:mod:`.kernels`): title size, description size, topic count,
    organisation count, placed, dated, start, end, has years, first year, last year.
    ``signatures``: 4 words of title, 8 of description, 1 of topics, 1 of organisations.
    Records of a partition share its country, so the recipient agreement is taken as 1
    (0.5 when a record has none) and the different-recipients factor as 1: cheap bounds.
    """

    def __init__(self, items: Sequence[Prepared]) -> None:
        rows = []
        for p in items:
            start, end, years = p.record.start, p.record.end, p.years
            first = start.toordinal() if start is not None else 0
            last = max(end.toordinal(), first) if start is not None and end else first
            rows.append((
                len(p.title), len(p.description), len(p.topics), len(p.organisations),
                bool(p.record.countries), start is not None, first, last, bool(years),
                min(years) if years else 0, max(years) if years else 0,
            ))  # fmt: skip
        self.numbers = np.array(rows, dtype=np.float64).reshape(len(items), kernels.NUMBERS)
        self.signatures = np.ascontiguousarray(
            np.hstack(
                [
                    _signatures([p.title for p in items], kernels.TITLE_WORDS),
                    _signatures([p.description for p in items], kernels.DESCRIPTION_WORDS),
                    _signatures([p.topics for p in items], 1),
                    _signatures([p.organisations for p in items], 1),
                ]
            )
        )

    def arrays(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint64]]:
        return self.numbers, self.signatures

    @staticmethod
    def nothing() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint64]]:
        """Arrays of the right types for an unbounded join (never read)."""
        return np.zeros((0, kernels.NUMBERS)), np.zeros((0, kernels.SIGNATURE_WORDS), np.uint64)

    def reaching(self, a: Ints, b: Ints, threshold: float) -> npt.NDArray[np.bool_]:
        """Which pairs may score ``threshold`` or more without a shared identifier."""
        return np.asarray(kernels.reaching_pairs(a, b, threshold, *self.arrays()))
