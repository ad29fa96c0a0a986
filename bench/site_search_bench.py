"""One search across tact at scale: tact's search layer against the engine's own query.

Why: ``tact.search.service.search_documents`` adds query analysis, access rules (on the index
rows' access columns), the total, facet counts (type, state, theme, provision, year,
language), the page's records fetched and checked again through ``core.access``, and
highlighted snippets, on top of the full-text engine.  This bench says what that costs, as a
ratio to the engine's own query on the same index (FTS5 ``MATCH`` + ``bm25`` or
``tsvector @@ tsquery`` + ``ts_rank_cd``, top 20).

A child process gets a fresh database (a temporary SQLite file, or the PostgreSQL database
``tact_bench_search``, dropped and created), migrates, loads the catalog and the states,
writes ``--n`` published good practices in ru, en, fr, es, ar and zh (80% public, 10%
restricted, 10% confidential, owned by random states, with themes and provisions) with bulk
inserts, indexes them, then runs every query ``--repeat`` times as the anonymous visitor:
tact's layer with facets (what the page and the API do), without facets, and the engine alone.

The floor of a search with facets is the engine's own top 20 plus the bare facet GROUP BYs
over the whole match set (type, year, language, state, theme, provision; no access rules):
``engine+facets`` below; the floor of a search without facets is the top 20 alone.  The search
page asks for its hits without facets, then for its facets apart (``hits=False``, timed as
"facets apart" against the engine+facets floor).

Usage: python bench/site_search_bench.py [--n 100000] [--repeat 10] [--engines sqlite,postgresql]
       [--pg postgres://postgres@127.0.0.1:5432/tact_bench_search] [--reuse DIR]
(--reuse DIR: generate the corpus once - minutes - and time it again on the next runs.)
PostgreSQL: the server of TACT_DATABASE_URL (or --pg); the bench creates and drops its own
database there, never the one the URL names.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from search_timing import (  # noqa: E402 (the bench directory is not a package)
    FACET_COUNTS,
    FACET_FLOOR,
    bench_database_url,
    emit,
    report_rows,
    run_child,
    time_rounds,
)

PG_NAME = "tact_bench_search"

VOCABULARY = {
    "en": "witness protection victim trafficking persons smuggling migrants firearms money "
    "laundering proceeds crime confiscation extradition mutual legal assistance prosecutor "
    "judge police investigation joint team training programme cooperation border cyber "
    "corruption organized group court hearing relocation hotline desk regional unit "
    "evidence data exchange agency strategy national plan review result assessment",
    "ru": "защита свидетелей потерпевших торговля людьми незаконный ввоз мигрантов оружие "
    "отмывание денежных средств доходов преступлений конфискация выдача взаимная правовая "
    "помощь прокурор судья полиция расследование совместная группа обучение программа "
    "сотрудничество граница коррупция организованная преступная суд заседание бюро",
    "fr": "protection témoins victimes traite personnes trafic migrants armes blanchiment "
    "argent produits crime confiscation extradition entraide judiciaire procureur juge "
    "police enquête équipe commune formation programme coopération frontière corruption "
    "groupe criminel organisé tribunal audience bureau régional",
    "es": "protección testigos víctimas trata personas tráfico migrantes armas blanqueo "
    "dinero producto delito decomiso extradición asistencia judicial recíproca fiscal juez "
    "policía investigación equipo conjunto capacitación programa cooperación frontera "
    "corrupción grupo delictivo organizado tribunal audiencia oficina regional",
    "ar": "حماية الشهود الضحايا الاتجار بالأشخاص تهريب المهاجرين الأسلحة غسل الأموال عائدات "
    "الجريمة المصادرة تسليم المجرمين المساعدة القانونية المتبادلة النيابة القاضي الشرطة "
    "التحقيق فريق مشترك التدريب برنامج التعاون الحدود الفساد جماعة إجرامية منظمة المحكمة",
    "zh": "证人 保护 被害人 贩运 人口 偷运 移民 枪支 洗钱 犯罪 所得 没收 引渡 司法 协助 检察官 "
    "法官 警察 调查 联合 小组 培训 方案 合作 边境 腐败 有组织 犯罪集团 法院 审理 区域 办公室",
}

# (query, why it is in the set)
QUERIES: tuple[tuple[str, str], ...] = (
    ("witness protection", "en, two common words"),
    ("extradition", "en, one word"),
    ('"money laundering"', "en, phrase"),
    ("hotline relocation", "en, two rarer words"),
    ("свидетелей", "ru, inflected word"),
    ("отмывание денежных средств", "ru, three words"),
    ("témoins", "fr, accented word"),
    ("trata de personas", "es, words + stopword"),
    ("الشهود", "ar, one word"),
    ("证人保护", "zh, character pairs"),
    ("cooperation training", "en, two very common words"),
    ("cryptocurrency", "en, absent word"),
)


def _text(rng: random.Random, language: str, words: int) -> str:
    vocabulary = VOCABULARY[language].split()
    # Zipf-like: early words much more frequent than late ones
    weights = [1 / (i + 1) for i in range(len(vocabulary))]
    picked = rng.choices(vocabulary, weights=weights, k=words)
    joiner = "" if language == "zh" else " "
    return joiner.join(picked)


def _load(n: int, seed: int = 7) -> dict[str, int]:
    """Bulk-write n published practices and their index rows (what index_records would write,
    without one round trip per record)."""
    from django.db import transaction
    from django.utils import timezone

    from tact.catalog.models import Provision, Theme
    from tact.directory.models import State
    from tact.practices.models import GoodPractice
    from tact.search.backends import IndexDoc
    from tact.search.documents import document_backend
    from tact.search.models import SearchDocument, SearchFacet

    rng = random.Random(seed)
    states = list(State.objects.values_list("pk", "iso3"))
    themes = list(Theme.objects.values_list("code", flat=True))
    provisions = list(Provision.objects.values_list("key", flat=True))
    languages = list(VOCABULARY)
    now = timezone.now()
    batch = 5000
    counts = {"public": 0, "restricted": 0, "confidential": 0}
    backend = document_backend()
    for start in range(0, n, batch):
        size = min(batch, n - start)
        rows = []
        for _i in range(size):
            language = rng.choice(languages)
            roll = rng.random()
            classification = (
                "public" if roll < 0.8 else "restricted" if roll < 0.9 else "confidential"
            )
            counts[classification] += 1
            state_pk, _iso3 = rng.choice(states)
            rows.append(
                GoodPractice(
                    title=_text(rng, language, 6),
                    summary=_text(rng, language, 60),
                    language=language,
                    status="published",
                    classification=classification,
                    owner_state_id=state_pk,
                    published_at=now,
                )
            )
        with transaction.atomic():
            saved = GoodPractice.objects.bulk_create(rows)
            documents = SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        ref=f"practices.goodpractice:{p.pk}",
                        kind="practice",
                        language=p.language,
                        year=rng.choice((2022, 2023, 2024, 2025)),
                        access_ref=f"practices.goodpractice:{p.pk}",
                        classification=p.classification,
                        owner_state_id=p.owner_state_id,
                    )
                    for p in saved
                ]
            )
            iso3 = dict(states)
            facets = []
            for p, d in zip(saved, documents, strict=True):
                facets.append(SearchFacet(document=d, facet="state", value=iso3[p.owner_state_id]))
                for code in rng.sample(themes, 2):
                    facets.append(SearchFacet(document=d, facet="theme", value=code))
                facets.append(
                    SearchFacet(document=d, facet="provision", value=rng.choice(provisions))
                )
            SearchFacet.objects.bulk_create(facets, batch_size=5000)
            backend.index(
                IndexDoc(d.pk, p.language, p.title, p.summary)
                for p, d in zip(saved, documents, strict=True)
            )
    backend.optimize()
    return counts


def _loaded(n: int) -> dict[str, int] | None:
    """The corpus of an earlier run (``--reuse``), if this database holds one of *n* records."""
    from django.db.models import Count

    from tact.practices.models import GoodPractice
    from tact.search.models import SearchDocument

    if SearchDocument.objects.filter(kind="practice").count() != n:
        return None
    counts = {"public": 0, "restricted": 0, "confidential": 0}
    for row in GoodPractice.objects.values("classification").annotate(n=Count("id")):
        counts[row["classification"]] = row["n"]
    return counts


def bare_facet_counts(backend: Any, match: Any) -> list[tuple[Any, ...]]:
    """The engine's own facet counts: every facet (type, year, language and the facet rows:
    state, theme, provision) and the total over the whole match set, in one statement, without
    access rules - what any search with facets must at least do besides the top k."""
    from django.db import connection

    if connection.vendor == "sqlite":
        match_sql = "SELECT rowid AS id FROM search_document_fts WHERE search_document_fts MATCH %s"
        params = [backend.fts_query(match)]
    else:
        match_sql = (
            "SELECT document_id AS id FROM search_document_index WHERE vector @@ %s::tsquery"
        )
        params = [backend.tsquery(match)]
    sql = (
        f"WITH m AS MATERIALIZED ({match_sql}) "  # noqa: S608 (fixed SQL; the query is bound)
        "SELECT f.facet, f.value, NULL, COUNT(*) FROM m CROSS JOIN search_searchfacet f "
        "WHERE f.document_id = m.id GROUP BY f.facet, f.value "
        "UNION ALL "
        "SELECT d.kind, CAST(d.year AS VARCHAR(8)), d.language, COUNT(*) "
        "FROM m CROSS JOIN search_searchdocument d "
        "WHERE d.id = m.id GROUP BY d.kind, d.year, d.language"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from tact.catalog.services import catalog_load
    from tact.core.access import SYSTEM
    from tact.directory.services import states_load
    from tact.search.documents import document_backend
    from tact.search.query import parse_query
    from tact.search.service import search_documents

    out: dict[str, Any] = {"engine": connection.vendor}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    reused = _loaded(args.n) if args.reuse else None
    if reused is None:
        catalog_load(actor=SYSTEM)
        states_load(actor=SYSTEM)
    out["setup_s"] = time.perf_counter() - started
    started = time.perf_counter()
    out["data"] = reused or _load(args.n)
    out["load_s"] = time.perf_counter() - started
    out["reused"] = reused is not None
    if connection.vendor == "postgresql" and reused is None:
        # What autovacuum does after a bulk load on a live database: the visibility map that
        # index-only scans need, and fresh statistics.
        with connection.cursor() as cursor:
            for table in ("search_searchdocument", "search_searchfacet", "search_document_index"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    backend = document_backend()
    user = AnonymousUser()  # the public: restricted and confidential rows are filtered out
    matches = {query: parse_query(query) for query, _why in QUERIES}
    totals: dict[str, int] = {}
    out["load_before"] = os.getloadavg()[0]
    if args.profile:
        import cProfile
        import pstats

        for query, _why in QUERIES[:3]:
            search_documents(user, query)
        profiler = cProfile.Profile()
        profiler.enable()
        for query, _why in QUERIES:
            search_documents(user, query)
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(35)

    def layer(query: str) -> None:
        totals[query] = search_documents(user, query).total

    def engine(query: str) -> None:
        if matches[query]:
            backend.raw_search(matches[query], 20)

    def engine_facets(query: str) -> None:
        if matches[query]:
            backend.raw_search(matches[query], 20)
            bare_facet_counts(backend, matches[query])

    timings = time_rounds(
        [query for query, _why in QUERIES],
        [
            ("layer", layer),
            ("nofacets", lambda query: search_documents(user, query, facets=False)),
            ("engine", engine),
            (FACET_FLOOR, engine_facets),
            (FACET_COUNTS, lambda query: search_documents(user, query, hits=False)),
        ],
        repeat=args.repeat,
        after=reset_queries,
        clock=time.process_time if args.clock == "cpu" else time.perf_counter,
    )
    out["clock"] = args.clock
    rows = []
    for query, why in QUERIES:
        engine_matches = 0
        if matches[query]:
            sql, params = backend.match_sql(matches[query])
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM ({sql}) m", params)  # noqa: S608
                engine_matches = int(cursor.fetchone()[0])
        rows.append(
            {"query": query, "why": why, "matches": engine_matches, "visible": totals[query]}
            | timings[query]
        )
    out["rows"] = rows
    out["load_after"] = os.getloadavg()[0]
    emit(out)


def run_engine(engine: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    arguments = ["--n", str(args.n), "--repeat", str(args.repeat)]
    arguments += ["--reuse", args.reuse] if args.reuse else []
    arguments += ["--profile"] if args.profile else []
    arguments += ["--clock", args.clock]
    pg_url = bench_database_url(args.pg, PG_NAME)
    return run_child(
        __file__, engine, arguments, tmp=tmp, pg_url=pg_url, keep=args.keep, reuse=bool(args.reuse)
    )


def report(result: dict[str, Any], repeat: int) -> None:
    data = result["data"]
    print(f"\n=== {result['engine']} ===")
    print(
        f"data: {sum(data.values())} practices ({data['public']} public, {data['restricted']} "
        f"restricted, {data['confidential']} confidential) in ru/en/fr/es/ar/zh; "
        + ("corpus reused" if result.get("reused") else f"load + index {result['load_s']:.1f} s")
    )
    report_rows(result, repeat, width=28)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--pg",
        default="",
        help=f"PostgreSQL database of the run (default: {PG_NAME} on the server of "
        "TACT_DATABASE_URL, else on 127.0.0.1); created and dropped",
    )
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument(
        "--reuse",
        default="",
        metavar="DIR",
        help="keep the corpus (SQLite file in DIR, the PostgreSQL database) and reuse it on the "
        "next run with the same --n instead of generating it again",
    )
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="cpu: CPU time of the bench's process, steadier on a shared machine; SQLite only "
        "(PostgreSQL works in its server's processes)",
    )
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile the layer (cProfile)")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    sys.path.insert(0, str(ROOT / "src"))
    if args.clock == "cpu" and "postgresql" in args.engines:
        parser.error("--clock cpu measures SQLite only: --engines sqlite")
    if args.reuse:
        Path(args.reuse).mkdir(parents=True, exist_ok=True)
        for engine in args.engines.split(","):
            report(run_engine(engine.strip(), args, Path(args.reuse)), args.repeat)
        return
    with tempfile.TemporaryDirectory(prefix="tact-search-bench-") as tmp:
        for engine in args.engines.split(","):
            report(run_engine(engine.strip(), args, Path(tmp)), args.repeat)


if __name__ == "__main__":
    main()
