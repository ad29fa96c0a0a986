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
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from search_timing import (  # noqa: E402 (the bench directory is not a package)
    bench_database_url,
    emit,
    report_rows,
    run_child,
    time_rounds,
)

PG_NAME = "tact_bench"

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
    totals: dict[str, int] = {}

    def layer(query: str) -> None:
        totals[query] = search_provisions(user, query).total

    timings = time_rounds(
        [query for query, _why in QUERIES],
        [
            ("layer", layer),
            ("nofacets", lambda query: search_provisions(user, query, facets=False)),
            ("engine", lambda query: backend.raw_search(matches[query], 20)),
        ],
        repeat=args.repeat,
        after=reset_queries,
    )
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
    emit(out)


# --- parent: run one child per engine and report --------------------------------------------


def run_engine(engine: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    arguments = ["--n", str(args.n), "--repeat", str(args.repeat)]
    arguments += ["--texts-per-state", str(args.texts_per_state)]
    arguments += ["--restricted", str(args.restricted)]
    pg_url = bench_database_url(args.pg, PG_NAME)
    return run_child(__file__, engine, arguments, tmp=tmp, pg_url=pg_url, keep=args.keep)


def report(result: dict[str, Any], repeat: int) -> None:
    data = result["data"]
    print(f"\n=== {result['engine']} ===")
    print(
        f"data: {data['provisions']} provisions in {data['texts']} texts, "
        f"{data['mappings']} mappings; load {result['load_s']:.1f} s; "
        f"index build {result['index_s']:.1f} s "
        f"({result['indexed'] / max(result['index_s'], 1e-9):.0f} provisions/s)"
    )
    report_rows(result, repeat, width=34)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--pg",
        default="",
        help=f"PostgreSQL database of the run (default: {PG_NAME} on the "
        "server of TACT_DATABASE_URL, else on 127.0.0.1)",
    )
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
