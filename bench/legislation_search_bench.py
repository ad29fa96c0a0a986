"""Legislation search at scale: 100,000 generated provisions (Russian and English) on SQLite
(FTS5) and PostgreSQL (tsvector + GIN), tact's search layer against the engine alone.

Why: tact's search adds query analysis, access rules (only what the actor may see), facet
counts (state, instrument, article, theme, year, language), a total, ranking joins and
highlighted snippets on top of the full-text engine.  This bench says what that costs, as a
ratio to the same query run directly on the engine (FTS5 ``MATCH`` + ``bm25``, or
``tsvector @@ tsquery`` + ``ts_rank_cd``, top 20), over the same index.

For each engine a child process gets a fresh database (a temporary SQLite file, or the
PostgreSQL database ``tact_bench``, dropped and created), runs the migrations, loads the
catalog and the states, writes the generated texts, provisions and mappings with bulk inserts,
builds the index (``reindex_all``, timed), then runs every query ``--repeat`` times in three
ways: tact's layer with facets (what the page and the API do), tact's layer without facets,
and the engine alone.  It prints per-query and overall p50/p95 latencies and the ratios.

Usage: .venv/bin/python bench/legislation_search_bench.py [--n 100000] [--repeat 15]
       [--engines sqlite,postgresql] [--pg postgres://postgres@127.0.0.1:5432/tact_bench]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/tact_bench"

# (query, why it is in the set)
QUERIES: tuple[tuple[str, str], ...] = (
    ("свидетелей", "ru, one common word (inflected)"),
    ("защита потерпевших", "ru, two words"),
    ("отмывание денежных средств", "ru, three words"),
    ("торговля людьми", "ru, two words"),
    ("выдаче иностранного государства", "ru, three words"),
    ('"организованной группой"', "ru, phrase"),
    ("криптовалюта", "ru, rare word"),
    ("witnesses", "en, one common word"),
    ("protection of victims", "en, two words + stopword"),
    ("money laundering", "en, two words"),
    ("trafficking in persons", "en, two words + stopword"),
    ("extradition request", "en, two words"),
    ('"organized criminal group"', "en, phrase"),
    ("cryptocurrency", "en, rare word"),
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# --- child: one engine ----------------------------------------------------------------------


def _load(n: int, texts_per_state: int, restricted_share: float) -> dict[str, Any]:
    import datetime as dt
    import random

    sys.path.insert(0, str(ROOT / "bench"))
    from legislation_search_corpus import TOPICS, generate

    from tact.catalog.models import Provision
    from tact.core.models import Classification
    from tact.directory.models import State
    from tact.legislation.models import LegalProvision, LegalText, ProvisionMapping

    rng = random.Random(7)
    states = list(State.objects.order_by("iso3"))
    articles = {p.key: p for p in Provision.objects.all()}
    topic_articles = {t.key: [articles[k] for k in t.articles if k in articles] for t in TOPICS}
    per_text = 100
    n_texts = (n + per_text - 1) // per_text
    texts: list[LegalText] = []
    for i in range(n_texts):
        state = states[(i // texts_per_state) % len(states)]
        language = "ru" if i % 2 == 0 else "en"
        title = f"Уголовный кодекс, часть {i}" if language == "ru" else f"Criminal Code, part {i}"
        key = f"bench/{state.iso3}/{i}"
        texts.append(
            LegalText(
                state=state,
                owner_state=state,
                title=title,
                language=language,
                adopted_on=dt.date(1990 + rng.randint(0, 35), 1 + rng.randint(0, 11), 1),
                work_key=key,
                expression_key=key,
                classification=(
                    Classification.RESTRICTED
                    if rng.random() < restricted_share
                    else Classification.PUBLIC
                ),
            )
        )
    LegalText.objects.bulk_create(texts, batch_size=1000)
    texts = list(LegalText.objects.filter(work_key__startswith="bench/").order_by("pk"))
    streams = {
        "ru": generate(n, seed=1, languages=("ru",)),
        "en": generate(n, seed=2, languages=("en",)),
    }
    provisions: list[LegalProvision] = []
    topics: list[str] = []
    for text in texts:
        for j in range(per_text):
            if len(provisions) >= n:
                break
            g = next(streams[text.language])
            label = f"Статья {j + 1}" if text.language == "ru" else f"Section {j + 1}"
            provisions.append(
                LegalProvision(
                    legal_text=text,
                    eid=f"art_{j + 1}",
                    label=label,
                    number=str(j + 1),
                    heading=g.heading,
                    body=g.text,
                    order=j + 1,
                )
            )
            topics.append(g.topic)
    LegalProvision.objects.bulk_create(provisions, batch_size=2000)
    saved = list(LegalProvision.objects.order_by("pk").values_list("pk", "legal_text__state_id"))
    mappings: list[ProvisionMapping] = []
    for (pk, state_id), topic in zip(saved, topics, strict=True):
        if rng.random() < 0.05 and topic_articles[topic]:
            mappings.append(
                ProvisionMapping(
                    state_id=state_id,
                    owner_state_id=state_id,
                    legal_provision_id=pk,
                    convention_provision=rng.choice(topic_articles[topic]),
                    compliance="partial",
                    classification=Classification.PUBLIC,
                )
            )
    ProvisionMapping.objects.bulk_create(mappings, batch_size=2000)
    return {"texts": len(texts), "provisions": len(saved), "mappings": len(mappings)}


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from tact.catalog.services import catalog_load
    from tact.directory.services import states_load
    from tact.legislation.search_index import get_backend, reindex_all
    from tact.legislation.search_service import search_provisions
    from tact.search.query import parse_query

    out: dict[str, Any] = {"engine": connection.vendor}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    catalog_load()
    states_load()
    out["setup_s"] = time.perf_counter() - started
    started = time.perf_counter()
    out["data"] = _load(args.n, args.texts_per_state, args.restricted)
    out["load_s"] = time.perf_counter() - started
    started = time.perf_counter()
    out["indexed"] = reindex_all(batch_size=5000).indexed
    out["index_s"] = time.perf_counter() - started

    out["load_before"] = os.getloadavg()[0]
    backend = get_backend()
    user = AnonymousUser()  # the public: access rules filter restricted texts out
    matches = {query: parse_query(query) for query, _why in QUERIES}
    timings: dict[str, dict[str, list[float]]] = {
        query: {"layer": [], "layer_nofacets": [], "engine": []} for query, _why in QUERIES
    }
    totals: dict[str, int] = {}
    # Round-robin over the queries (not all runs of one query in a row), so that a burst of
    # load on the machine spreads over every query instead of spoiling one.
    for i in range(args.repeat + 2):  # two warm-up rounds
        for query, _why in QUERIES:
            t0 = time.perf_counter()
            result = search_provisions(user, query)
            t1 = time.perf_counter()
            search_provisions(user, query, facets=False)
            t2 = time.perf_counter()
            backend.raw_search(matches[query], 20)
            t3 = time.perf_counter()
            if i >= 2:
                timings[query]["layer"].append((t1 - t0) * 1000)
                timings[query]["layer_nofacets"].append((t2 - t1) * 1000)
                timings[query]["engine"].append((t3 - t2) * 1000)
            totals[query] = result.total
            reset_queries()
    rows = []
    for query, why in QUERIES:
        with connection.cursor() as cursor:
            sql, params = backend.match_sql(matches[query])
            cursor.execute(f"SELECT count(*) FROM ({sql}) m", params)  # noqa: S608
            engine_matches = int(cursor.fetchone()[0])
        rows.append(
            {"query": query, "why": why, "matches": engine_matches, "visible": totals[query]}
            | timings[query]
        )
    out["rows"] = rows
    out["load_after"] = os.getloadavg()[0]
    out["cpus"] = os.cpu_count()
    print("RESULT " + json.dumps(out))


# --- parent: run one child per engine and report --------------------------------------------


def _pg_admin(url: str, sql: str) -> None:
    parsed = urlparse(url)
    subprocess.run(  # noqa: S603 (fixed arguments, the bench's own database)
        [  # noqa: S607 (psql from PATH, as the brief's createdb)
            "psql",
            "-h",
            parsed.hostname or "127.0.0.1",
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username or "postgres",
            "-d",
            "postgres",
            "-qc",
            sql,
        ],
        check=True,
    )


def run_engine(engine: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    env = dict(os.environ)
    env["TACT_DATA_DIR"] = str(tmp / engine)
    env["DJANGO_SETTINGS_MODULE"] = "tact.config.settings"
    env.setdefault("TACT_SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
    if engine == "postgresql":
        name = urlparse(args.pg).path.lstrip("/")
        _pg_admin(args.pg, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(args.pg, f'CREATE DATABASE "{name}"')
        env["TACT_DATABASE_URL"] = args.pg
    else:
        env.pop("TACT_DATABASE_URL", None)
    command = [
        sys.executable,
        __file__,
        "--child",
        "--n",
        str(args.n),
        "--repeat",
        str(args.repeat),
        "--texts-per-state",
        str(args.texts_per_state),
        "--restricted",
        str(args.restricted),
    ]
    try:
        proc = subprocess.run(  # noqa: S603 (this script itself)
            command, env=env, capture_output=True, text=True, check=False
        )
    finally:
        if engine == "postgresql" and not args.keep:
            name = urlparse(args.pg).path.lstrip("/")
            _pg_admin(args.pg, f'DROP DATABASE IF EXISTS "{name}"')
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"{engine}: the child failed ({proc.returncode})")
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line[len("RESULT ") :])
    return result


def report(result: dict[str, Any], repeat: int) -> None:
    data = result["data"]
    print(f"\n=== {result['engine']} ===")
    print(
        f"data: {data['provisions']} provisions in {data['texts']} texts, "
        f"{data['mappings']} mappings; load {result['load_s']:.1f} s; "
        f"index build {result['index_s']:.1f} s "
        f"({result['indexed'] / max(result['index_s'], 1e-9):.0f} provisions/s)"
    )
    if "cpus" in result:
        print(
            f"machine: {result['cpus']} CPUs, 1-min load average {result['load_before']:.1f} "
            f"before and {result['load_after']:.1f} after the queries (other work shares it)"
        )
    print(
        f"{'query':34} {'match':>6} {'seen':>6} | {'tact p50':>8} {'p95':>7} | "
        f"{'no-facet':>8} {'p95':>7} | {'engine':>7} {'p95':>7} | {'ratio':>6}"
    )
    all_layer: list[float] = []
    all_nofacets: list[float] = []
    all_engine: list[float] = []
    for row in result["rows"]:
        lay, nof, eng = row["layer"], row["layer_nofacets"], row["engine"]
        all_layer += lay
        all_nofacets += nof
        all_engine += eng
        p50l, p50n, p50e = statistics.median(lay), statistics.median(nof), statistics.median(eng)
        print(
            f"{row['query'][:34]:34} {row['matches']:>6} {row['visible']:>6} | "
            f"{p50l:8.1f} {percentile(lay, 0.95):7.1f} | "
            f"{p50n:8.1f} {percentile(nof, 0.95):7.1f} | "
            f"{p50e:7.2f} {percentile(eng, 0.95):7.2f} | {p50l / max(p50e, 1e-9):6.1f}"
        )
    p50l, p95l = percentile(all_layer, 0.5), percentile(all_layer, 0.95)
    p50n, p95n = percentile(all_nofacets, 0.5), percentile(all_nofacets, 0.95)
    p50e, p95e = percentile(all_engine, 0.5), percentile(all_engine, 0.95)
    n = len(all_layer)
    print(f"ALL ({n} runs = {len(result['rows'])} queries x {repeat}), milliseconds:")
    print(f"  tact layer, page + facets + total : p50 {p50l:8.1f}  p95 {p95l:8.1f}")
    print(f"  tact layer, page + total          : p50 {p50n:8.1f}  p95 {p95n:8.1f}")
    print(f"  engine alone (top 20)             : p50 {p50e:8.2f}  p95 {p95e:8.2f}")
    print(
        f"  overhead ratio tact/engine        : p50 {p50l / p50e:6.1f}x  p95 {p95l / p95e:6.1f}x"
        f"   (without facets: p50 {p50n / p50e:6.1f}x  p95 {p95n / p95e:6.1f}x)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--texts-per-state", type=int, default=6)
    parser.add_argument("--restricted", type=float, default=0.2, help="share of restricted texts")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return 0
    print(
        f"legislation search bench: {args.n} provisions (ru + en), {len(QUERIES)} queries x "
        f"{args.repeat} runs as an anonymous visitor (public texts only)"
    )
    with tempfile.TemporaryDirectory(prefix="tact-search-bench-") as tmp:
        for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
            report(run_engine(engine, args, Path(tmp)), args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
