"""Timing shared by the search benches (site search, legislation search).

Both benches time tact's search layer against the engine's own query, in a child process per
engine (a temporary SQLite file, or a PostgreSQL database created and dropped for the run), and
print p50/p95 per query and overall as ratios.  This module holds what they share: the
percentile, the round-robin timing loop, the PostgreSQL database of the run, the child process
and the report.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

#: What each query is timed as, in this order: tact with facets, tact without, the engine alone.
KINDS = ("layer", "nofacets", "engine")
#: Optional: the engine's own query for a page *with* facets (top k + the bare facet GROUP BYs
#: over the match set, no access rules), the floor of tact's search with facets.
FACET_FLOOR = "efacets"
#: Optional: tact's facets and total alone (the search page's second request), against that floor.
FACET_COUNTS = "counts"
BENCH_SECRET = "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_rounds(
    queries: Sequence[str],
    runs: Sequence[tuple[str, Callable[[str], Any]]],
    *,
    repeat: int,
    warmup: int = 2,
    after: Callable[[], None] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, dict[str, list[float]]]:
    """Milliseconds of each run of each query, ``repeat`` rounds after ``warmup`` rounds.

    Round-robin over the queries (not all runs of one query in a row), so that a burst of load
    on the shared machine spreads over every query instead of spoiling one.  *clock*
    ``time.process_time`` counts this process's CPU only: on a machine shared with other work
    it is steadier than the wall clock, and with SQLite (in the process) it is all the work.
    """
    timings = {query: {name: [] for name, _run in runs} for query in queries}
    for i in range(warmup + repeat):
        for query in queries:
            for name, run in runs:
                started = clock()
                run(query)
                elapsed = (clock() - started) * 1000
                if i >= warmup:
                    timings[query][name].append(elapsed)
            if after is not None:
                after()
    return timings


# --- PostgreSQL and the child process ---------------------------------------------------------


def bench_database_url(explicit: str | None, default_name: str) -> str:
    """The PostgreSQL database of the run: *explicit* (``--pg``), else the server of
    ``TACT_DATABASE_URL`` with the bench's own database name (the bench drops and creates it,
    so it never touches the database the URL names), else a local server."""
    if explicit:
        return explicit
    configured = os.environ.get("TACT_DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        return urlunparse(urlparse(configured)._replace(path=f"/{default_name}"))
    return f"postgres://postgres@127.0.0.1:5432/{default_name}"


def _psql(url: str, flag: str, sql: str) -> str:
    """Run `sql` with psql against the server of `url` (on its `postgres` database)."""
    parsed = urlparse(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    done = subprocess.run(  # noqa: S603 (fixed arguments, the bench's own database)
        [  # noqa: S607 (psql from PATH)
            "psql",
            "-h",
            parsed.hostname or "127.0.0.1",
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username or "postgres",
            "-d",
            "postgres",
            flag,
            sql,
        ],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    return done.stdout


def pg_admin(url: str, sql: str) -> None:
    _psql(url, "-qc", sql)


def pg_exists(url: str) -> bool:
    name = urlparse(url).path.lstrip("/")
    sql = "SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'"  # noqa: S608 (the bench's own name, quoted)
    return _psql(url, "-tAc", sql).strip() == "1"


@contextmanager
def fresh_database(
    engine: str, pg_url: str, *, keep: bool = False, reuse: bool = False
) -> Iterator[dict[str, str]]:
    """Environment variables of a fresh database for *engine* (dropped afterwards).

    With *reuse* the database of an earlier run (kept with *keep*) is used as it is, when it
    exists: generating 10^5 records takes minutes, the timings seconds.
    """
    if engine != "postgresql":
        yield {}
        return
    name = urlparse(pg_url).path.lstrip("/")
    if not (reuse and pg_exists(pg_url)):
        pg_admin(pg_url, f'DROP DATABASE IF EXISTS "{name}"')
        pg_admin(pg_url, f'CREATE DATABASE "{name}"')
    try:
        yield {"TACT_DATABASE_URL": pg_url}
    finally:
        if not (keep or reuse):
            pg_admin(pg_url, f'DROP DATABASE IF EXISTS "{name}"')


def run_child(
    script: str,
    engine: str,
    arguments: list[str],
    *,
    tmp: Path,
    pg_url: str,
    keep: bool = False,
    reuse: bool = False,
) -> dict[str, Any]:
    """Run ``script --child arguments`` on a fresh database of *engine* (or, with *reuse*, on
    the one an earlier run left in *tmp* / at *pg_url*); its RESULT line."""
    env = dict(os.environ)
    env["TACT_DATA_DIR"] = str(tmp / engine)
    env["DJANGO_SETTINGS_MODULE"] = "tact.config.settings"
    env.setdefault("TACT_SECRET_KEY", BENCH_SECRET)
    env.pop("TACT_DATABASE_URL", None)
    with fresh_database(engine, pg_url, keep=keep, reuse=reuse) as database:
        env.update(database)
        proc = subprocess.run(  # noqa: S603 (the bench script itself)
            [sys.executable, script, "--child", *arguments],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"{engine}: the child failed ({proc.returncode})")
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line[len("RESULT ") :])
    return result


def emit(out: dict[str, Any]) -> None:
    """The child's one line of result for the parent."""
    out.setdefault("cpus", os.cpu_count())
    print("RESULT " + json.dumps(out))


# --- the report ---------------------------------------------------------------------------


def report_rows(result: dict[str, Any], repeat: int, *, width: int = 30) -> dict[str, float]:
    """Per-query and overall p50/p95 of the three kinds of run, and the ratios to the engine.

    Each row of ``result["rows"]`` has query, matches, visible and a list of milliseconds per
    kind (``KINDS``).  Returns the overall figures (for a summary line or a check).
    """
    if result.get("clock") == "cpu":
        print("clock: CPU time of the bench's process (the SQLite engine runs in it)")
    print(
        f"machine: {result.get('cpus')} CPUs, 1-min load average "
        f"{result.get('load_before', float('nan')):.1f} before and "
        f"{result.get('load_after', float('nan')):.1f} after the queries (other work shares it)"
    )
    print(
        f"{'query':{width}} {'match':>6} {'seen':>6} | {'tact p50':>8} {'p95':>7} | "
        f"{'no-facet':>8} {'p95':>7} | {'engine':>7} {'p95':>7} | {'p50 x':>6}"
    )
    every: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for row in result["rows"]:
        for kind in KINDS:
            every[kind] += row[kind]
        lay, nof, eng = (row[kind] for kind in KINDS)
        p50l, p50e = statistics.median(lay), statistics.median(eng)
        print(
            f"{row['query'][:width]:{width}} {row['matches']:>6} {row['visible']:>6} | "
            f"{p50l:8.1f} {percentile(lay, 0.95):7.1f} | "
            f"{statistics.median(nof):8.1f} {percentile(nof, 0.95):7.1f} | "
            f"{p50e:7.2f} {percentile(eng, 0.95):7.2f} | {p50l / max(p50e, 1e-9):6.1f}"
            + (
                f" | engine+facets {statistics.median(row[FACET_FLOOR]):7.2f} "
                f"{percentile(row[FACET_FLOOR], 0.95):7.2f}"
                if row.get(FACET_FLOOR)
                else ""
            )
        )
    figures = {
        f"{kind}_{name}": percentile(every[kind], q)
        for kind in KINDS
        for name, q in (("p50", 0.5), ("p95", 0.95))
    }
    for name in ("p50", "p95"):
        engine = max(figures[f"engine_{name}"], 1e-9)
        figures[f"ratio_{name}"] = figures[f"layer_{name}"] / engine
        figures[f"ratio_nofacets_{name}"] = figures[f"nofacets_{name}"] / engine
    floor = [ms for row in result["rows"] for ms in row.get(FACET_FLOOR, [])]
    counts = [ms for row in result["rows"] for ms in row.get(FACET_COUNTS, [])]
    if floor:
        for name, q in (("p50", 0.5), ("p95", 0.95)):
            figures[f"{FACET_FLOOR}_{name}"] = percentile(floor, q)
            figures[f"ratio_facets_{name}"] = figures[f"layer_{name}"] / max(
                figures[f"{FACET_FLOOR}_{name}"], 1e-9
            )
            if counts:
                figures[f"{FACET_COUNTS}_{name}"] = percentile(counts, q)
                figures[f"ratio_counts_{name}"] = figures[f"{FACET_COUNTS}_{name}"] / max(
                    figures[f"{FACET_FLOOR}_{name}"], 1e-9
                )
    runs = len(every["layer"])
    print(f"ALL ({runs} runs = {len(result['rows'])} queries x {repeat}), milliseconds:")
    print(
        f"  tact search, page + facets + total : p50 {figures['layer_p50']:8.1f}  "
        f"p95 {figures['layer_p95']:8.1f}"
    )
    print(
        f"  tact search, page + total          : p50 {figures['nofacets_p50']:8.1f}  "
        f"p95 {figures['nofacets_p95']:8.1f}"
    )
    print(
        f"  engine alone (top 20)              : p50 {figures['engine_p50']:8.2f}  "
        f"p95 {figures['engine_p95']:8.2f}"
    )
    print(
        f"  ratio tact/engine                  : p50 {figures['ratio_p50']:6.2f}x  "
        f"p95 {figures['ratio_p95']:6.2f}x   (without facets: p50 "
        f"{figures['ratio_nofacets_p50']:6.2f}x  p95 {figures['ratio_nofacets_p95']:6.2f}x)"
    )
    if floor:
        print(
            f"  engine top 20 + bare facet counts  : p50 {figures[f'{FACET_FLOOR}_p50']:8.2f}  "
            f"p95 {figures[f'{FACET_FLOOR}_p95']:8.2f}"
        )
        print(
            f"  ratio tact with facets / that floor: p50 {figures['ratio_facets_p50']:6.2f}x  "
            f"p95 {figures['ratio_facets_p95']:6.2f}x"
        )
        print(
            f"  ratio tact without facets / top 20 : p50 {figures['ratio_nofacets_p50']:6.2f}x  "
            f"p95 {figures['ratio_nofacets_p95']:6.2f}x"
        )
        print(
            f"  ratio tact with facets / top 20    : p50 {figures['ratio_p50']:6.2f}x  "
            f"p95 {figures['ratio_p95']:6.2f}x"
        )
    if floor and counts:
        print(
            f"  tact facets apart (page's 2nd ask) : p50 {figures[f'{FACET_COUNTS}_p50']:8.1f}  "
            f"p95 {figures[f'{FACET_COUNTS}_p95']:8.1f}"
        )
        print(
            f"  ratio facets apart / engine+facets : p50 {figures['ratio_counts_p50']:6.2f}x  "
            f"p95 {figures['ratio_counts_p95']:6.2f}x"
        )
    return figures
