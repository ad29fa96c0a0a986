"""Overlap detection at registry scale as the background task (issue 19, item 4).

    # data: generated projects (with planted twins: ``tact generate``)
    TACT_DATA_DIR=/tmp/g6 PYTHONPATH=src python -m tact.cli migrate
    TACT_DATA_DIR=/tmp/g6 PYTHONPATH=src python -m tact.cli generate --projects 1000000
    # the bench (PostgreSQL: TACT_DATABASE_URL=...)
    TACT_DATA_DIR=/tmp/g6 PYTHONPATH=src python bench/overlaps_task_bench.py \\
        [--seed 1] [--sample 20] [--probe-seconds 1]

It queues detection as the secretariat's page does (``overlaps_start``, database task
backend), runs ``tact worker`` as its own process, and while the worker runs asks the
overlaps page from this process every ``--probe-seconds`` (p50/p95: the page stays
responsive). It prints the task's time (started to finished, from the run), the worker's
peak resident memory (VmHWM), its progress as it goes, the pairs and clusters found, how
many of the generated twins (``tact generate`` plants them) are among the pairs, and the
recall against brute force for ``--sample`` random projects against every project, read
from the database one chunk at a time.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["TACT_TASK_BACKEND"] = "database"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
sys.path.insert(0, str(HERE.parent / "src"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# The page is asked in this process, without ``collectstatic``'s manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from tact.accounts.services import user_create  # noqa: E402
from tact.assistance import generate  # noqa: E402
from tact.assistance.models import ImportRun, OverlapCandidate, Project  # noqa: E402
from tact.assistance.overlaps import DEFAULT_THRESHOLD, score_pair  # noqa: E402
from tact.assistance.overlaps.records import project_records, records_by_key  # noqa: E402
from tact.assistance.overlaps.reference import brute_force_streamed  # noqa: E402
from tact.assistance.overlaps.services import overlaps_start  # noqa: E402
from tact.core.access import SYSTEM  # noqa: E402


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def planted_twins(seed: int) -> list[tuple[str, str, str]]:
    """(identifier before, twin identifier, kind) for every generated twin of ``seed``."""
    prefix = f"GEN-{seed}-"
    numbers = sorted(
        int(i[len(prefix) :])
        for i in Project.objects.filter(iati_identifier__startswith=prefix).values_list(
            "iati_identifier", flat=True
        )
    )
    maker = generate.Generator(generate.Plan.build(seed, len(numbers)))
    out = []
    for n in numbers:
        kind = maker._texts(n)[0]
        if kind:
            before, twin = generate.ids_of((n - 1, n), seed)
            out.append((before, twin, kind))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--probe-seconds", type=float, default=1.0)
    parser.add_argument(
        "--recall-only", action="store_true", help="measure the pairs stored by the last run"
    )
    args = parser.parse_args()
    total = Project.objects.count()
    print(f"{total:,} projects; load {os.getloadavg()[0]:.1f}", flush=True)
    if not args.recall_only:
        detect(args, total)
    found = set(OverlapCandidate.objects.filter(active=True).values_list("project_a", "project_b"))
    if args.sample:
        recall(found, args.sample, args.seed, total)


def detect(args: argparse.Namespace, total: int) -> None:
    """Run detection as the task, with the page asked meanwhile; print what it did."""
    staff = get_user_model().objects.filter(username="overlaps-bench").first()
    if staff is None:
        staff = user_create(
            actor=SYSTEM, username="overlaps-bench", password=None, role="secretariat"
        )
    run = overlaps_start(actor=SYSTEM)
    worker = subprocess.Popen([sys.executable, "-m", "tact.cli", "worker"], start_new_session=True)
    client = Client()
    page = reverse("assistance:overlap_list")
    client.force_login(staff)
    probes: list[float] = []
    peak = 0.0
    try:
        while True:
            started = time.perf_counter()
            response = client.get(page, secure=True)
            probes.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            peak = max(peak, peak_rss_mib(worker.pid))
            run.refresh_from_db()
            if run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED):
                break
            if len(probes) % 30 == 0:
                print(f"  {run.status}: {run.activities_seen or 0:,}/{total:,} read", flush=True)
            time.sleep(args.probe_seconds)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait()
    if run.status != ImportRun.Status.DONE:
        raise SystemExit(f"detection failed: {run.error}")
    seconds = (run.finished_at - run.started_at).total_seconds()
    report = run.report[0]
    print(f"task time:           {seconds:,.0f} s ({seconds / 60:.1f} min)")
    print(f"worker peak RSS:     {peak:,.0f} MiB")
    print(
        f"pairs:               {report['pairs']:,} in {report['clusters']:,} clusters; "
        f"{report['partitions']} partitions, largest {report['largest_partition']:,}; "
        f"candidates {report['candidate_pairs']:,}, scored {report['scored_pairs']:,}"
    )
    cut = sorted(probes)
    print(
        f"overlaps page meanwhile: {len(cut)} requests, p50 {statistics.median(cut) * 1000:.0f} "
        f"ms, p95 {cut[int(0.95 * (len(cut) - 1))] * 1000:.0f} ms"
    )
    pk = dict(Project.objects.values_list("iati_identifier", "pk"))
    found = set(OverlapCandidate.objects.filter(active=True).values_list("project_a", "project_b"))
    twins = planted_twins(args.seed)
    missed = [(pk[a], pk[b]) for a, b, _kind in twins if (pk[a], pk[b]) not in found]
    records = {r.key: r for r in records_by_key(sorted({k for pair in missed for k in pair}))}
    below = sum(1 for a, b in missed if score_pair(records[a], records[b])[0] < DEFAULT_THRESHOLD)
    print(
        f"generated twins found: {len(twins) - len(missed):,} / {len(twins):,} "
        f"(of the {len(missed):,} others, {below:,} score below the threshold: "
        "not overlaps by the score, not lost by blocking)"
    )


def recall(found: set[tuple[int, int]], size: int, seed: int, total: int) -> None:
    """Recall of the stored pairs against brute force for ``size`` random projects."""
    ids = sorted(Project.objects.values_list("pk", flat=True))
    sample = list(records_by_key(sorted(random.Random(seed).sample(ids, size))))
    started = time.perf_counter()
    reference = brute_force_streamed(sample, project_records(Project.objects.all()))
    pairs = {frozenset(p) for p in found}
    hit = len(reference & pairs)
    share = hit / len(reference) if reference else 1.0
    print(
        f"recall vs brute force: {share:.4f} ({hit} of {len(reference)} pairs among "
        f"{size} sampled projects x {total:,}; {time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
