"""What one page-cache hit costs in this process (issue 19): the anonymous visitor, a
signed-in secretariat user (session cookie) and an API token, on a page and an API list,
with the queries each hit makes. The signed-in hit should cost about the anonymous one.

    TACT_DATABASE_URL=... TACT_REDIS_URL=redis://127.0.0.1:6379/0 PYTHONPATH=src \\
        python bench/signin_hits.py [--hits 2000] [--rounds 10] [--profile ROLE]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_bench import PROXY, secretariat  # noqa: E402

URLS = {"page": "/en/assistance/", "api": "/api/v1/states"}


def record(seen: list[str], execute: Callable[..., Any], sql: str, *args: Any) -> Any:
    """A query wrapper (not CaptureQueriesContext: each request's start empties its log)."""
    seen.append(sql)
    return execute(sql, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hits", type=int, default=2000, help="hits per case, in rounds")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--profile", default="", help="cProfile this role's hits (anon, sec, api)")
    args = parser.parse_args()
    cookie, token = secretariat()
    roles = {
        "anon": ({}, ""),
        "sec": ({}, cookie),
        "api": ({"HTTP_AUTHORIZATION": f"Bearer {token}"}, ""),
    }
    cases: list[tuple[str, str, Client, dict[str, str], list[str]]] = []
    for kind, url in URLS.items():
        for role, (headers, session) in roles.items():
            if kind == "page" and role == "api":
                continue  # pages know sessions only
            client = Client(
                HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO=PROXY["X-Forwarded-Proto"]
            )
            if session:
                client.cookies["sessionid"] = session
            for _ in range(3):  # fill the caches
                response = client.get(url, **headers)
            assert response.status_code == 200, (url, role, response.status_code)
            queries: list[str] = []
            with connection.execute_wrapper(partial(record, queries)):
                response = client.get(url, **headers)
            assert response.get("X-Page-Cache") == "hit", (url, role)
            cases.append((role, url, client, headers, queries))
    # The machine is shared: rounds interleave the cases, and each case's best round counts.
    per_round = max(1, args.hits // args.rounds)
    times: list[list[float]] = [[] for _ in cases]
    profiler = cProfile.Profile()
    for _ in range(args.rounds):
        for index, (role, url, client, headers, _queries) in enumerate(cases):
            profiling = role == args.profile
            if profiling:
                profiler.enable()
            started = time.perf_counter()
            for _ in range(per_round):
                client.get(url, **headers)
            times[index].append((time.perf_counter() - started) / per_round)
            if profiling:
                profiler.disable()
    print(f"{'role':4} {'url':24} {'best ms':>8} {'median':>8} {'queries':>7}")
    for (role, url, _client, _headers, queries), measured in zip(cases, times, strict=True):
        print(
            f"{role:4} {url:24} {min(measured) * 1000:8.3f} "
            f"{statistics.median(measured) * 1000:8.3f} {len(queries):7}"
        )
        for sql in queries:
            print(f"{'':6}{sql[:120]}")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
