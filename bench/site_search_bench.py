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

Usage: python bench/site_search_bench.py [--n 100000] [--repeat 10] [--engines sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/tact_bench_search"

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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


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
    catalog_load(actor=SYSTEM)
    states_load(actor=SYSTEM)
    out["setup_s"] = time.perf_counter() - started
    started = time.perf_counter()
    out["data"] = _load(args.n)
    out["load_s"] = time.perf_counter() - started
    backend = document_backend()
    user = AnonymousUser()  # the public: restricted and confidential rows are filtered out
    matches = {query: parse_query(query) for query, _why in QUERIES}
    timings = {q: {"layer": [], "nofacets": [], "engine": []} for q, _w in QUERIES}
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
    for i in range(args.repeat + 2):  # two warm-up rounds; round-robin over the queries
        for query, _why in QUERIES:
            t0 = time.perf_counter()
            result = search_documents(user, query)
            t1 = time.perf_counter()
            search_documents(user, query, facets=False)
            t2 = time.perf_counter()
            if matches[query]:
                backend.raw_search(matches[query], 20)
            t3 = time.perf_counter()
            if i >= 2:
                timings[query]["layer"].append((t1 - t0) * 1000)
                timings[query]["nofacets"].append((t2 - t1) * 1000)
                timings[query]["engine"].append((t3 - t2) * 1000)
            totals[query] = result.total
            reset_queries()
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
    print("RESULT " + json.dumps(out))


def _pg_admin(url: str, sql: str) -> None:
    parsed = urlparse(url)
    subprocess.run(  # noqa: S603 (fixed arguments, the bench's own database)
        [  # noqa: S607
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
    name = urlparse(args.pg).path.lstrip("/")
    if engine == "postgresql":
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
    ]
    try:
        proc = subprocess.run(  # noqa: S603 (this script itself)
            command, env=env, capture_output=True, text=True, check=False
        )
    finally:
        if engine == "postgresql":
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
        f"data: {sum(data.values())} practices ({data['public']} public, {data['restricted']} "
        f"restricted, {data['confidential']} confidential) in ru/en/fr/es/ar/zh; "
        f"load + index {result['load_s']:.1f} s; 1-min load average "
        f"{result['load_before']:.1f} -> {result['load_after']:.1f}"
    )
    print(
        f"{'query':28} {'match':>6} {'seen':>6} | {'tact p50':>8} {'p95':>7} | "
        f"{'no-facet':>8} {'p95':>7} | {'engine':>7} {'p95':>7}"
    )
    layer: list[float] = []
    nofacets: list[float] = []
    engine: list[float] = []
    for row in result["rows"]:
        lay, nof, eng = row["layer"], row["nofacets"], row["engine"]
        layer += lay
        nofacets += nof
        engine += eng
        print(
            f"{row['query'][:28]:28} {row['matches']:>6} {row['visible']:>6} | "
            f"{statistics.median(lay):8.1f} {percentile(lay, 0.95):7.1f} | "
            f"{statistics.median(nof):8.1f} {percentile(nof, 0.95):7.1f} | "
            f"{statistics.median(eng):7.2f} {percentile(eng, 0.95):7.2f}"
        )
    p50l, p95l = percentile(layer, 0.5), percentile(layer, 0.95)
    p50n, p95n = percentile(nofacets, 0.5), percentile(nofacets, 0.95)
    p50e, p95e = percentile(engine, 0.5), percentile(engine, 0.95)
    print(f"ALL ({len(layer)} runs = {len(result['rows'])} queries x {repeat}), milliseconds:")
    print(f"  tact search, page + facets + total : p50 {p50l:8.1f}  p95 {p95l:8.1f}")
    print(f"  tact search, page + total          : p50 {p50n:8.1f}  p95 {p95n:8.1f}")
    print(f"  engine alone (top 20)              : p50 {p50e:8.1f}  p95 {p95e:8.1f}")
    print(
        f"  ratio tact/engine                  : p50 {p50l / p50e:6.2f}x  p95 {p95l / p95e:6.2f}x"
        f"   (without facets: p50 {p50n / p50e:6.2f}x  p95 {p95n / p95e:6.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--engines", default="sqlite")
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--profile", action="store_true", help="(child) profile the layer")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="tact-search-bench-") as tmp:
        for engine in args.engines.split(","):
            report(run_engine(engine.strip(), args, Path(tmp)), args.repeat)


if __name__ == "__main__":
    main()
