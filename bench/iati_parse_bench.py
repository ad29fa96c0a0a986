"""Throughput and peak memory of IATI activity parsing on a generated file.

Why: tact imports publishers' IATI files, some of them 100 MB.  This prints activities per
second and peak resident memory for

  (a) bare ``lxml.etree.iterparse`` counting activities (the floor: parsing only),
  (b) iatikit, if installed (it parses the whole document into a tree, no validation),
  (c) ``tact.assistance.iati.iter_activities`` with per-activity XSD validation, conversion
      to dataclasses and the IATI rules (the real import path), and
  (d) the same reader with ``schema_only=True`` (XSD validation and conversion, no codelist
      or rule checks), which shows what the rules cost,

each in a fresh interpreter so that one method's peak memory does not hide another's.
The file is written by ``tact.assistance.iati.generate.generate_activities_xml``.

Usage: .venv/bin/python bench/iati_parse_bench.py [N=20000] [--seed S] [--keep PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def peak_rss() -> int:
    """Peak resident bytes of this program image (VmHWM), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss if sys.platform == "darwin" else maxrss * 1024


def count_lxml(path: str) -> int:
    from lxml import etree

    count = 0
    for _event, element in etree.iterparse(
        path, tag="iati-activity", resolve_entities=False, no_network=True, load_dtd=False
    ):
        count += 1
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]
    return count


def count_iatikit(path: str) -> int:
    import iatikit

    dataset = iatikit.Dataset(path)
    return sum(1 for activity in dataset.activities if activity.iati_identifier is not None)


def count_tact(path: str) -> int:
    from tact.assistance.iati import iter_activities

    return sum(1 for result in iter_activities(path) if result.ok)


def count_tact_schema_only(path: str) -> int:
    from tact.assistance.iati import iter_activities

    return sum(1 for result in iter_activities(path, schema_only=True) if result.ok)


METHODS: dict[str, tuple[str, Callable[[str], int]]] = {
    "lxml": ("(a) bare lxml iterparse", count_lxml),
    "iatikit": ("(b) iatikit Dataset.activities", count_iatikit),
    "tact": ("(c) iter_activities, validated", count_tact),
    "tact-schema": ("(d) iter_activities, schema_only", count_tact_schema_only),
}


def run_one(method: str, path: str) -> None:
    """Child process: time one method and print a JSON line."""
    started = time.perf_counter()
    count = METHODS[method][1](path)
    seconds = time.perf_counter() - started
    print(json.dumps({"count": count, "seconds": seconds, "peak_rss": peak_rss()}))


def measure(method: str, path: Path) -> dict[str, float] | str:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    )
    completed = subprocess.run(  # noqa: S603 - this very script, with our own arguments
        [sys.executable, __file__, "--run", method, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["failed"])[-1]
        return last
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=20000, help="activities (default 20000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the generated file here and keep it")
    parser.add_argument("--run", nargs=2, metavar=("METHOD", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(args.run[0], args.run[1])
        return 0

    sys.path.insert(0, str(SRC))
    from tact.assistance.iati.generate import generate_activities_xml

    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / f"iati-{args.n}.xml"
        started = time.perf_counter()
        info = generate_activities_xml(path, args.n, seed=args.seed)
        generated = time.perf_counter() - started
        size = path.stat().st_size
        where = path if args.keep else "a temporary file"
        print(
            f"generated {info.activities} activities ({info.duplicate_pairs} near-duplicate "
            f"pairs), {size / 2**20:.1f} MiB in {generated:.1f} s -> {where}"
        )
        print(f"{'method':36} {'activities':>10} {'seconds':>8} {'act/s':>9} {'peak RSS':>10}")
        for method, (label, _function) in METHODS.items():
            outcome = measure(method, path)
            if isinstance(outcome, str):
                print(f"{label:36} skipped: {outcome}")
                continue
            rate = outcome["count"] / outcome["seconds"] if outcome["seconds"] else float("inf")
            print(
                f"{label:36} {int(outcome['count']):>10} {outcome['seconds']:>8.2f} "
                f"{rate:>9.0f} {outcome['peak_rss'] / 2**20:>7.0f} MiB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
