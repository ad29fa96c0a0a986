"""The reference for recall: every pair of a sample scored without blocking."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from tact.assistance.overlaps.detection import DetectionResult
from tact.assistance.overlaps.scoring import (
    DEFAULT_THRESHOLD,
    ProjectRecord,
    apart_factor,
    link_between,
    prepare,
    score_prepared,
    text_similarity,
)


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
    return brute_force_streamed(
        [records[n] for n in sample], records, threshold=threshold, full_scoring=full_scoring
    )


def brute_force_streamed(
    sample: Sequence[ProjectRecord],
    records: Iterable[ProjectRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    full_scoring: bool = False,
) -> set[frozenset[Hashable]]:
    """:func:`brute_force_pairs` for ``sample`` against records read one at a time (a
    database of a million projects, in flat memory)."""
    chosen = [prepare(r) for r in sample]
    found: set[frozenset[Hashable]] = set()
    for record in records:
        candidate = prepare(record)
        for item in chosen:
            if item.record.key == record.key:
                continue
            if not full_scoring and link_between(record, item.record) is None:
                text, _, _ = text_similarity(candidate, item)
                if text * apart_factor(candidate, item) < threshold:
                    continue
            score, _, _ = score_prepared(candidate, item)
            if score >= threshold:
                found.add(frozenset((item.record.key, record.key)))
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
