"""Overlap detection on real IATI files: precision and recall on a labelled sample (issue 11
item 9, issue 19).

    PYTHONPATH=src python bench/overlaps_real.py [DIR]   (default /work/shared/data/iati/real)

The activities are the real ones in DIR (every ``*.xml`` with ``iati-activity`` elements,
read with tact's reader, schema checks relaxed). The labelled sample is built from them the
way double counting arises in the registry:

* *implementer's record* (true duplicate): for every 6th real activity, the record another
  publisher (an implementing agency) makes of the same award: its own identifier, a
  ``transaction/provider-org/@provider-activity-id`` pointing at the donor's activity, the
  title re-worded ("Implementation of ..."), the same recipient and sectors, dates a month
  later;
* *published twice* (true duplicate): for every 10th, the same publisher's second record
  of it under a new identifier with the same title;
* every other pair is labelled "not the same activity".

Real publishers also put their *organisation* identifier in ``other-identifier`` (types
B1/B9, e.g. the previous reporting-org id), on every activity. The bench adds that to every
real activity and measures twice: ``legacy`` (every other-identifier counts as a link: what
main did) and ``fixed`` (only A1-A3/A9, related-activity, provider/receiver activity ids).
It prints, for each: pairs above the threshold, precision, recall, and the rank of the
lowest-ranked true duplicate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
os.environ.setdefault("TACT_DATA_DIR", str(Path(__file__).parent / ".." / "var" / "bench"))

import django

django.setup()

from tact.assistance.iati import iter_activities  # noqa: E402
from tact.assistance.iati.model import Activity, OtherIdentifier  # noqa: E402
from tact.assistance.overlaps import DEFAULT_THRESHOLD, ProjectRecord, detect_overlaps  # noqa: E402
from tact.assistance.overlaps.records import record_from_activity  # noqa: E402

DEFAULT_DIR = Path("/work/shared/data/iati/real")


def read(folder: Path) -> list[Activity]:
    out: list[Activity] = []
    for path in sorted(folder.glob("*.xml")):
        if b"<iati-activity" not in path.read_bytes()[:200_000]:
            continue  # organisation files
        for result in iter_activities(path, strict_schema=False):
            if result.activity is not None and result.activity.identifier:
                out.append(result.activity)
    return out


def with_org_identifier(activity: Activity) -> Activity:
    org = activity.reporting_org.ref or "XX-ORG"
    extra = [OtherIdentifier(ref=f"{org}-previous", type="B1", owner_ref=org)]
    return dataclasses.replace(activity, other_identifiers=[*activity.other_identifiers, *extra])


def shifted(day: dt.date | None) -> dt.date | None:
    return day + dt.timedelta(days=31) if day else None


def sample(activities: list[Activity]) -> tuple[list[ProjectRecord], set[frozenset[str]]]:
    records = [record_from_activity(a) for a in activities]
    truth: set[frozenset[str]] = set()
    for n, base in enumerate(records[: len(activities)]):
        if n % 6 == 0:
            twin = dataclasses.replace(
                base,
                key=f"XM-DAC-41128-{n}",
                identifier=f"XM-DAC-41128-{n}",
                reporting_org="United Nations Office on Drugs and Crime",
                implementers=frozenset({"United Nations Office on Drugs and Crime"}),
                title=f"Implementation of {base.title}",
                start=shifted(base.start),
                end=shifted(base.end),
                linked_ids=frozenset({base.identifier}),
            )
            records.append(twin)
            truth.add(frozenset((base.key, twin.key)))  # type: ignore[arg-type]
        if n % 10 == 0:
            again = dataclasses.replace(
                base, key=f"{base.identifier}-bis", identifier=f"{base.identifier}-bis"
            )
            records.append(again)
            truth.add(frozenset((base.key, again.key)))  # type: ignore[arg-type]
    return records, truth


def measure(name: str, records: list[ProjectRecord], truth: set[frozenset[str]]) -> None:
    started = time.perf_counter()
    result = detect_overlaps(records, threshold=DEFAULT_THRESHOLD)
    seconds = time.perf_counter() - started
    found = [frozenset((str(p.a), str(p.b))) for p in result.pairs]
    hits = [pair for pair in found if pair in truth]
    precision = len(hits) / len(found) if found else 1.0
    recall = len(set(hits)) / len(truth) if truth else 1.0
    ranks = [n + 1 for n, pair in enumerate(found) if pair in truth]
    by_key = {str(r.key): r for r in records}
    identical = sum(
        1
        for pair in found
        if pair not in truth and len({(by_key[k].title, by_key[k].description) for k in pair}) == 1
    )
    top = found[: len(truth)]
    top_precision = sum(1 for p in top if p in truth) / len(top) if top else 1.0
    print(
        f"{name:7} pairs>={DEFAULT_THRESHOLD}: {len(found):5}  precision {precision:.3f}  "
        f"recall {recall:.3f}  precision@{len(truth)} {top_precision:.3f}  "
        f"worst rank of a true pair {max(ranks) if ranks else '-'}  "
        f"candidates {result.stats['candidate_pairs']}  {seconds:.2f} s\n"
        f"        of the {len(found) - len(hits)} unlabelled pairs, {identical} are real records "
        f"with identical title and description in the source (likely true duplicates: "
        f"precision counting them {(len(hits) + identical) / len(found) if found else 1:.3f})"
    )


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    activities = [with_org_identifier(a) for a in read(folder)]
    publishers = {a.reporting_org.ref for a in activities}
    records, truth = sample(activities)
    print(
        f"{len(activities)} real activities from {len(publishers)} publishers in {folder}; "
        f"{len(records)} records with {len(truth)} labelled true duplicates"
    )
    measure("fixed", records, truth)
    # Legacy: the B1 organisation identifier counted as a link, on every record of a real
    # publisher (the republished copies carry it too; the implementer's record does not).
    org_ref = {a.reporting_org.name or a.reporting_org.ref: a.reporting_org.ref for a in activities}
    legacy = [
        dataclasses.replace(
            r, linked_ids=r.linked_ids | {f"{org_ref[r.reporting_org] or 'XX-ORG'}-previous"}
        )
        if r.reporting_org in org_ref
        else r
        for r in records
    ]
    measure("legacy", legacy, truth)


if __name__ == "__main__":
    main()
