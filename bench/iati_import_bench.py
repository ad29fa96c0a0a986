"""IATI import into the database: activities per second and peak memory, SQLite and PostgreSQL.

Why: the issue asks how fast a full import (validation + database writes, one transaction per
file) runs compared with merely *parsing* the same file.  This prints, for one generated file:

  (a) bare ``lxml.etree.iterparse`` counting activities (parsing only: the floor),
  (b) iatikit iterating ``Dataset.activities`` (parsing only, whole tree in memory),
  (c) ``tact import-iati`` into a fresh SQLite database,
  (d) the same into a fresh PostgreSQL database (skipped if none is reachable),

each in its own interpreter (so peak RSS is that method's own), then each import rate as a
ratio of the parse-only rates.  Re-import (every activity skipped as unchanged) is timed too.

Usage: .venv/bin/python bench/iati_import_bench.py [N=5000] [--seed S]
       [--postgres postgres://postgres@127.0.0.1:5432/tact_bench_import]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))

from iati_parse_bench import count_iatikit, count_lxml, peak_rss  # noqa: E402

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/tact_bench_import"


def run_parse(method: str, path: str) -> None:
    started = time.perf_counter()
    count = {"lxml": count_lxml, "iatikit": count_iatikit}[method](path)
    seconds = time.perf_counter() - started
    print(json.dumps({"count": count, "seconds": seconds, "peak_rss": peak_rss()}))


def run_import(path: str) -> None:
    """Child: migrate the (fresh) database named by TACT_DATABASE_URL, then import twice."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tact.assistance.importing import import_iati
    from tact.core.access import SYSTEM

    started = time.perf_counter()
    report = import_iati(path, actor=SYSTEM)
    seconds = time.perf_counter() - started
    memory = peak_rss()
    started = time.perf_counter()
    again = import_iati(path, actor=SYSTEM)
    reimport = time.perf_counter() - started
    print(
        json.dumps(
            {
                "count": report.imported,
                "rejected": report.rejected,
                "seconds": seconds,
                "peak_rss": memory,
                "reimport_seconds": reimport,
                "reimport_skipped": again.skipped,
            }
        )
    )


def child(args: list[str], env: dict[str, str]) -> dict[str, float] | str:
    completed = subprocess.run(  # noqa: S603 - this very script, with our own arguments
        [sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=False
    )
    if completed.returncode != 0:
        return (completed.stderr.strip().splitlines() or ["failed"])[-1]
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def recreate_pg(url: str) -> str | None:
    """Drop and create the benchmark database; None if PostgreSQL is not reachable."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    try:
        with psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            user=config["USER"] or "postgres",
            password=config["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
            connect_timeout=3,
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # report and skip
        return f"PostgreSQL not available ({error})"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--postgres", default=os.environ.get("TACT_BENCH_PG", DEFAULT_PG))
    parser.add_argument("--parse", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--import-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parse:
        run_parse(*args.parse)
        return 0
    if args.import_file:
        run_import(args.import_file)
        return 0

    sys.path.insert(0, str(SRC))
    from tact.assistance.iati.generate import generate_activities_xml

    base_env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
        TACT_SECRET_KEY="bench-secret-key-not-for-production-0123456789abcdef",  # noqa: S106
        TACT_TASK_BACKEND="immediate",
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"iati-{args.n}.xml"
        info = generate_activities_xml(path, args.n, seed=args.seed)
        size = path.stat().st_size
        print(f"generated {info.activities} activities, {size / 2**20:.1f} MiB")
        results: dict[str, dict[str, float] | str] = {}
        for method in ("lxml", "iatikit"):
            results[method] = child(["--parse", method, str(path)], base_env)
        sqlite_env = dict(
            base_env,
            TACT_DATA_DIR=folder,
            TACT_DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
        )
        results["sqlite"] = child(["--import-file", str(path)], sqlite_env)
        problem = recreate_pg(args.postgres)
        if problem:
            results["postgres"] = problem
        else:
            pg_env = dict(base_env, TACT_DATA_DIR=folder, TACT_DATABASE_URL=args.postgres)
            results["postgres"] = child(["--import-file", str(path)], pg_env)

    labels = {
        "lxml": "(a) bare lxml iterparse (parse only)",
        "iatikit": "(b) iatikit (parse only)",
        "sqlite": "(c) tact import-iati -> SQLite",
        "postgres": "(d) tact import-iati -> PostgreSQL",
    }
    rates: dict[str, float] = {}
    print(f"{'method':40} {'activities':>10} {'seconds':>8} {'act/s':>9} {'peak RSS':>10}")
    for key, label in labels.items():
        outcome = results[key]
        if isinstance(outcome, str):
            print(f"{label:40} skipped: {outcome}")
            continue
        rate = outcome["count"] / outcome["seconds"] if outcome["seconds"] else float("inf")
        rates[key] = rate
        print(
            f"{label:40} {int(outcome['count']):>10} {outcome['seconds']:>8.2f} "
            f"{rate:>9.0f} {outcome['peak_rss'] / 2**20:>7.0f} MiB"
        )
        if "reimport_seconds" in outcome:
            print(
                f"{'   re-import (all skipped)':40} {int(outcome['reimport_skipped']):>10} "
                f"{outcome['reimport_seconds']:>8.2f} "
                f"{outcome['reimport_skipped'] / outcome['reimport_seconds']:>9.0f}"
            )
    print("ratios (import rate / parse-only rate):")
    for db in ("sqlite", "postgres"):
        for parser_name in ("lxml", "iatikit"):
            if db in rates and parser_name in rates:
                print(
                    f"  {labels[db][4:]:36} / {parser_name:8} = "
                    f"{rates[db] / rates[parser_name]:.3f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
