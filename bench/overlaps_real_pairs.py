"""Overlap precision and recall on a real IATI file pair, with nothing planted (issue 11
item 9).

    PYTHONPATH=src python bench/overlaps_real_pairs.py [FILE ...]
    (default: the Spanish MAEC file and the Netherlands MFA file in /work/shared/data/iati/real)

bench/overlaps_real.py measures on real activities plus planted twins. This one measures on
the real records alone. The labels come from the data, by a rule written down here and
checked by reading every flagged pair (the closing note of issue 11 lists them):

* **same activity**: the same publisher's two records with the same title and description,
  the same recipient and the same start date, whose transactions fall in different years.
  That is how the Spanish file re-publishes each old FAD credit: once with its 2011
  transactions (identifiers 009-02xxxx-04xxxx) and again with its 2012-2013 transactions
  (009-057xxx-058xxx). Counting both counts the credit twice.
* **different activities**: every other pair, including records that share a title but not
  a start date (two credits for "SUMINISTRO DE PUENTES METALICOS", 1999 and 2007) and the
  volunteer postings of one programme (same description, different posts and amounts).

Prints the number of records, labelled duplicates, pairs flagged at the default threshold,
precision, recall, precision at the number of true pairs, and each false positive.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
os.environ.setdefault("TACT_DATA_DIR", str(Path(__file__).parent / ".." / "var" / "bench"))

import django

django.setup()

from tact.assistance.iati import iter_activities  # noqa: E402
from tact.assistance.iati.model import Activity  # noqa: E402
from tact.assistance.overlaps import DEFAULT_THRESHOLD, detect_overlaps  # noqa: E402
from tact.assistance.overlaps.records import record_from_activity  # noqa: E402

REAL = Path("/work/shared/data/iati/real")
DEFAULT_FILES = [
    REAL / "real-spain-maec-iati-2.01-indonesia-activities.xml",
    REAL / "semi-real-netherlands-mfa-iati-2.03-justice-15220-with-example-results.xml",
]


def read(paths: list[Path]) -> list[Activity]:
    out: list[Activity] = []
    for path in paths:
        for result in iter_activities(path, strict_schema=False):
            if result.activity is not None and result.activity.identifier:
                out.append(result.activity)
    return out


def _text(narratives: dict[str, str]) -> str:
    return " ".join(next(iter(narratives.values()), "").casefold().split())


def same_activity(a: Activity, b: Activity) -> bool:
    """The labelling rule in the module docstring."""
    if (a.reporting_org.ref or "") != (b.reporting_org.ref or ""):
        return False
    if _text(a.title) != _text(b.title) or _text(a.description) != _text(b.description):
        return False
    if a.dates.get("1") is None or a.dates.get("1") != b.dates.get("1"):
        return False
    countries = {c.code for c in a.recipient_countries} == {c.code for c in b.recipient_countries}
    years_a = {t.date.year for t in a.transactions if t.date}
    years_b = {t.date.year for t in b.transactions if t.date}
    return countries and bool(years_a) and bool(years_b) and not years_a & years_b


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or DEFAULT_FILES
    activities = read(paths)
    by_id = {a.identifier: a for a in activities}
    truth = {
        frozenset((a.identifier, b.identifier))
        for a, b in itertools.combinations(activities, 2)
        if same_activity(a, b)
    }
    records = [record_from_activity(a) for a in activities]
    key_to_id = {str(r.key): r.identifier for r in records}
    result = detect_overlaps(records, threshold=DEFAULT_THRESHOLD)
    found = [frozenset((key_to_id[str(p.a)], key_to_id[str(p.b)])) for p in result.pairs]
    hits = [pair for pair in found if pair in truth]
    precision = len(hits) / len(found) if found else 1.0
    recall = len(set(hits)) / len(truth) if truth else 1.0
    top = found[: len(truth)]
    top_precision = sum(1 for p in top if p in truth) / len(top) if top else 1.0
    publishers = {a.reporting_org.ref for a in activities}
    print(
        f"{len(activities)} real activities from {len(publishers)} publishers "
        f"({', '.join(p.name for p in paths)}); {len(truth)} labelled same-activity pairs"
    )
    print(
        f"pairs>={DEFAULT_THRESHOLD}: {len(found)}  precision {precision:.3f}  recall "
        f"{recall:.3f}  precision@{len(truth)} {top_precision:.3f}"
    )
    for pair, flagged in zip(found, result.pairs, strict=True):
        if pair not in truth:
            a, b = (by_id[i] for i in sorted(pair))
            print(
                f"  not the same ({flagged.score:.2f}): {a.identifier} / {b.identifier}: "
                f"{_text(a.title)[:50]!r}, starts {a.dates.get('1')} / {b.dates.get('1')}"
            )
    for pair in sorted(truth - set(found), key=sorted):
        print(f"  missed: {' / '.join(sorted(pair))}")


if __name__ == "__main__":
    main()
