"""Overlap and double-counting detection: pure scoring (:mod:`.scoring`) and candidate
search (:mod:`.detection`), the bridge from the database (:mod:`.records`), writes
(:mod:`.services`), reads (:mod:`.selectors`), the background task (:mod:`.tasks`), pages
(:mod:`.views`) and API operations (:mod:`.api`).

This package's top level names only the database-free algorithm, so importing it never
needs the app registry.
"""

from tact.assistance.overlaps.detection import (
    DetectionResult,
    OverlapPair,
    detect_overlaps,
)
from tact.assistance.overlaps.reference import brute_force_pairs, recall_against_brute_force
from tact.assistance.overlaps.scoring import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    ProjectRecord,
    Reason,
    score_pair,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_THRESHOLD",
    "DetectionResult",
    "OverlapPair",
    "ProjectRecord",
    "Reason",
    "brute_force_pairs",
    "detect_overlaps",
    "recall_against_brute_force",
    "score_pair",
]
