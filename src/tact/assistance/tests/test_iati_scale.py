"""Scale: a generated 6,000-activity file (~24 MB) is streamed in bounded memory.

The peak resident size must stay under twice the file's size (measured: 29 MiB for the
23 MiB file, the interpreter itself being most of it), where a reader that built the whole
tree would need several times the file; TACT_IATI_SCALE=20000 checks an ~80 MB file.

Why a subprocess: tracemalloc sees only Python allocations, not libxml2's, and the peak
resident size of the pytest process reflects every earlier test.  A fresh
interpreter reads the file twice: once plainly for the peak resident size (everything,
including lxml's trees; tracemalloc's own tables would inflate it), once under tracemalloc
for the peak of Python allocations (results or elements never freed would show there).  A
reader that built the whole tree would need several times the file size; the bounds below
are far under that.  Counts are asserted, never durations.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tact
from tact.assistance.iati.generate import generate_activities_xml
from tact.assistance.tests.iati_support import _english_by_default  # noqa: F401

# The streaming reader alone: no query on the suite's database.
pytestmark = pytest.mark.engine_independent

SCALE = int(os.environ.get("TACT_IATI_SCALE", "6000"))
TRACEMALLOC_BOUND = 60 * 1024 * 1024
RSS_BOUND = 100 * 1024 * 1024

PARSE_SCRIPT = """
import json, resource, sys, tracemalloc
from tact.assistance.iati import iter_activities

def walk():
    count = ok = linked = 0
    identifiers = set()
    for result in iter_activities(sys.argv[1]):
        count += 1
        ok += result.ok
        identifiers.add(result.identifier)
        activity = result.activity
        if activity is not None and any(r.type == "5" for r in activity.related_activities):
            linked += 1
    return {"count": count, "ok": ok, "linked": linked, "unique": len(identifiers)}

def peak_rss():
    # VmHWM belongs to this program image; ru_maxrss would include the forking pytest's.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

plain = walk()  # first pass without tracemalloc, whose own tables would inflate the RSS
max_rss = peak_rss()
tracemalloc.start()
traced = walk()
_current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(json.dumps({**plain, "traced_count": traced["count"], "tracemalloc_peak": peak,
                  "max_rss": max_rss}))
"""


@pytest.mark.slow
def test_large_file_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "large.xml"
    info = generate_activities_xml(path, SCALE, seed=11)
    size = path.stat().st_size
    env = dict(os.environ, PYTHONPATH=str(Path(tact.__file__).resolve().parents[1]))
    completed = subprocess.run(
        [sys.executable, "-c", PARSE_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    stats = json.loads(completed.stdout)
    print(  # noqa: T201 - the figures are the point of a scale check
        f"\n{SCALE} activities, {size / 2**20:.0f} MiB file: tracemalloc peak "
        f"{stats['tracemalloc_peak'] / 2**20:.1f} MiB, max RSS {stats['max_rss'] / 2**20:.0f} MiB"
    )
    assert stats["count"] == SCALE == stats["ok"] == stats["unique"] == stats["traced_count"]
    assert stats["linked"] == 2 * info.duplicate_pairs > 0
    assert stats["tracemalloc_peak"] < TRACEMALLOC_BOUND
    assert stats["max_rss"] < RSS_BOUND
    assert stats["max_rss"] < 2 * size  # a full tree would cost several times the file


def test_memory_does_not_grow_with_activities_in_process(tmp_path: Path) -> None:
    """A quick in-process guard: Python memory held after 500 vs 1,500 activities."""
    import tracemalloc

    from tact.assistance.iati import iter_activities

    peaks = []
    for n in (500, 1500):
        path = tmp_path / f"n{n}.xml"
        generate_activities_xml(path, n, seed=n)
        tracemalloc.start()
        count = sum(1 for result in iter_activities(path) if result.ok)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert count == n
    assert peaks[1] < peaks[0] * 1.5 + 1024 * 1024
