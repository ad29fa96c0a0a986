"""The inner loops of overlap detection, compiled with numba.

In the largest country of a registry-sized database (a sixth of a million projects) prefix
filtering visits hundreds of millions of candidate pairs, and only about one in a thousand
may reach the threshold. As numpy array operations each candidate cost ~600 ns (the sparse
product that made it, then a dozen gathered temporaries for its bound); here one loop walks
the posting lists, skips a pair already met, and bounds it on the spot with early exits
(~20 ns), so the candidates are never materialised.

The bound is the one :class:`.join.PairBound` documents; the functions read its two arrays
(numbers and signatures, one row per record; columns named below).

Compiled on first use in the process that detects (the task worker, never a web process) and
cached on disk (numba's cache) for the next process.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from tact.assistance.overlaps.scoring import (
    APART_FACTOR,
    CONTEXT_WEIGHTS,
    DESCRIPTION_ALONE,
    START_GAP_DAYS,
)

EPSILON = 1e-9
W_RECIPIENT = CONTEXT_WEIGHTS["recipient"]
W_DATES = CONTEXT_WEIGHTS["dates"]
W_SECTORS = CONTEXT_WEIGHTS["sectors"]
W_ORGANISATIONS = CONTEXT_WEIGHTS["organisations"]
LATE_SPAN = 3 * 365.0

# Columns of a record's numbers (:class:`.join.PairBound`) and words of its signatures.
TITLE, DESCRIPTION, TOPICS, ORGANISATIONS, PLACED, DATED, START, END = range(8)
HAS_YEARS, FIRST_YEAR, LAST_YEAR = 8, 9, 10
NUMBERS = 11
TITLE_WORDS, DESCRIPTION_WORDS = 4, 8
TOPIC_WORD = TITLE_WORDS + DESCRIPTION_WORDS
ORGANISATION_WORD = TOPIC_WORD + 1
SIGNATURE_WORDS = ORGANISATION_WORD + 1

# uint64 constants: numba turns mixed uint64/int64 arithmetic into floats.
_M1 = np.uint64(0x5555555555555555)
_M2 = np.uint64(0x3333333333333333)
_M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)
_S1, _S2, _S4, _S56 = np.uint64(1), np.uint64(2), np.uint64(4), np.uint64(56)


@njit(cache=True, nogil=True, inline="always")
def _popcount(v: Any) -> Any:
    v = v - ((v >> _S1) & _M1)
    v = (v & _M2) + ((v >> _S2) & _M2)
    v = (v + (v >> _S4)) & _M4
    return (v * _H01) >> _S56


# The helpers take numbers, never arrays: an array handed to a function costs two atomic
# reference counts per call, which made the bound ~10x slower than its arithmetic.
@njit(cache=True, nogil=True, inline="always")
def _size_bound(sa: float, sb: float) -> float:
    if sa == 0.0 or sb == 0.0:
        return 0.0
    return min(sa, sb) / max(sa, sb)


@njit(cache=True, nogil=True, inline="always")
def _jaccard_bound(sa: float, sb: float, union: int) -> float:
    """At least the Jaccard similarity of two sets of ``sa`` and ``sb`` words whose
    signatures have ``union`` bits together (0 when one is empty): words hashed to one bit
    can only make the union look smaller."""
    if sa == 0.0 or sb == 0.0:
        return 0.0
    seen = max(float(union), max(sa, sb))
    return min((sa + sb) / seen - 1.0, min(sa, sb) / max(sa, sb), 1.0)


@njit(cache=True, nogil=True, inline="always")
def _part(sa: float, sb: float, union: int) -> float:
    """A context part from a small set (0.5 when one side is unknown)."""
    if sa == 0.0 or sb == 0.0:
        return 0.5
    return _jaccard_bound(sa, sb, union)


@njit(cache=True, nogil=True, inline="always")
def _text(title: float, description: float, described: bool) -> float:
    if described:
        return max(title * (0.75 + 0.25 * description), DESCRIPTION_ALONE * description)
    return title


@njit(cache=True, nogil=True, inline="always")
def _dates(both: bool, sa: float, sb: float, ea: float, eb: float) -> float:
    """The date agreement of :func:`.scoring._date_overlap` (0.5 when unknown)."""
    if not both:
        return 0.5
    overlap = min(ea, eb) - max(sa, sb) + 1.0
    share = 0.0
    if overlap > 0.0:
        share = min(1.0, overlap / (min(ea - sa, eb - sb) + 1.0))
    gap = abs(sa - sb)
    if gap > START_GAP_DAYS:
        share *= max(0.0, 1.0 - (gap - START_GAP_DAYS) / LATE_SPAN)
    return share


@njit(cache=True, nogil=True, inline="always")
def _union(signatures: Any, a: int, b: int, first: int, stop: int) -> int:
    union = 0
    for word in range(first, stop):
        union += int(_popcount(signatures[a, word] | signatures[b, word]))
    return union


@njit(cache=True, nogil=True, inline="always")
def reaches(a: int, b: int, threshold: float, numbers: Any, signatures: Any) -> bool:
    """Whether the pair's score bound reaches ``threshold``: the texts' bounds first with
    the best context (the factor is at most 1), then the context factor from dates and
    small sets, then the description's signatures."""
    x, y = numbers[a], numbers[b]
    described = x[DESCRIPTION] > 0.0 and y[DESCRIPTION] > 0.0
    description = _size_bound(x[DESCRIPTION], y[DESCRIPTION])
    least = threshold - EPSILON
    if _text(_size_bound(x[TITLE], y[TITLE]), description, described) < least:
        return False
    union = _union(signatures, a, b, 0, TITLE_WORDS)
    title = _jaccard_bound(x[TITLE], y[TITLE], union)
    if _text(title, description, described) < least:
        return False
    topics = _union(signatures, a, b, TOPIC_WORD, TOPIC_WORD + 1)
    organisations = _union(signatures, a, b, ORGANISATION_WORD, ORGANISATION_WORD + 1)
    dated = x[DATED] > 0.0 and y[DATED] > 0.0
    context = (
        W_RECIPIENT * (1.0 if x[PLACED] > 0.0 and y[PLACED] > 0.0 else 0.5)
        + W_DATES * _dates(dated, x[START], y[START], x[END], y[END])
        + W_SECTORS * _part(x[TOPICS], y[TOPICS], topics)
        + W_ORGANISATIONS * _part(x[ORGANISATIONS], y[ORGANISATIONS], organisations)
    )
    factor = 0.4 + 0.6 * context
    if (
        x[HAS_YEARS] > 0.0
        and y[HAS_YEARS] > 0.0
        and (x[LAST_YEAR] < y[FIRST_YEAR] or y[LAST_YEAR] < x[FIRST_YEAR])
    ):
        factor *= APART_FACTOR
    need = least / max(factor, EPSILON)
    if _text(title, description, described) < need:
        return False
    if described:
        union = _union(signatures, a, b, TITLE_WORDS, TITLE_WORDS + DESCRIPTION_WORDS)
        description = _jaccard_bound(x[DESCRIPTION], y[DESCRIPTION], union)
    return _text(title, description, described) >= need


@njit(cache=True, nogil=True)
def reaching_pairs(a: Any, b: Any, threshold: float, numbers: Any, signatures: Any) -> Any:
    """For each pair (a[i], b[i]): whether its bound reaches ``threshold``."""
    keep = np.zeros(len(a), dtype=np.bool_)
    for i in range(len(a)):
        keep[i] = reaches(a[i], b[i], threshold, numbers, signatures)
    return keep


@njit(cache=True, nogil=True)
def join(
    position: Any,
    sizes: Any,
    door: float,
    probe_ptr: Any,
    probe_keys: Any,
    index_ptr: Any,
    index_records: Any,
    bounded: bool,
    threshold: float,
    numbers: Any,
    signatures: Any,
    first: int,
    stop: int,
) -> Any:
    """(x, y, candidates visited) for x in ``first:stop``: pairs where y comes before x by
    ``position`` and shares one of x's probe keys; with ``bounded``, only those whose bound
    reaches ``threshold``. Releases the GIL: ranges of x run in threads.

    Length filter: a set of ``sizes[y]`` words has Jaccard similarity ``door`` or more with
    one of ``sizes[x] >= sizes[y]`` words only if ``sizes[y] >= door * sizes[x]``; posting
    lists are in order of size, so the walk starts at the first such y (binary search).

    ``index_records[index_ptr[k]:index_ptr[k + 1]]`` is key k's posting list in position
    order (so a list is left at the first record not before x); ``probe_keys[probe_ptr[x]:
    probe_ptr[x + 1]]`` are x's probe keys. A pair met through several keys counts once.
    """
    n = len(position)
    met = np.full(n, -1, dtype=np.int64)
    size = 1024
    xs = np.empty(size, dtype=np.int64)
    ys = np.empty(size, dtype=np.int64)
    found = 0
    candidates = 0
    for x in range(first, stop):
        before = position[x]
        for i in range(probe_ptr[x], probe_ptr[x + 1]):
            key = probe_keys[i]
            least = door * sizes[x] - 1e-9
            left, right = index_ptr[key], index_ptr[key + 1]
            while left < right:
                middle = (left + right) // 2
                if sizes[index_records[middle]] < least:
                    left = middle + 1
                else:
                    right = middle
            for j in range(left, index_ptr[key + 1]):
                y = index_records[j]
                if position[y] >= before:
                    break
                if met[y] == x:
                    continue
                met[y] = x
                candidates += 1
                if bounded and not reaches(x, y, threshold, numbers, signatures):
                    continue
                if found == size:
                    size *= 2
                    xs = np.concatenate((xs, np.empty(size - found, dtype=np.int64)))
                    ys = np.concatenate((ys, np.empty(size - found, dtype=np.int64)))
                xs[found] = x
                ys[found] = y
                found += 1
    return xs[:found], ys[:found], candidates
