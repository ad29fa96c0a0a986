"""Where one request of a page goes (issue 19): wall time, database queries (count and time)
and the rest (Python and templates), for the load bench's URLs, in this process, without
the page cache. Prints the slowest queries of each URL with --queries.

    TACT_DATABASE_URL=... PYTHONPATH=src python bench/page_profile.py [--only SUBSTRING] \\
        [--roles anon,sec] [--repeat 3] [--queries 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")
os.environ["TACT_PAGE_CACHE"] = "0"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_bench import API, PAGES, PROXY, expand, samples, secretariat  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="")
    parser.add_argument("--roles", default="anon,sec")
    parser.add_argument("--repeat", type=int, default=3, help="the best of N requests")
    parser.add_argument("--queries", type=int, default=0, help="show the N slowest queries")
    args = parser.parse_args()
    cookie, token = secretariat()
    values = samples()
    headers = {"anon": {}, "sec": {"HTTP_AUTHORIZATION": f"Bearer {token}"}}
    print(f"{'role':4} {'url':48} {'bytes':>9} {'ms':>7} {'queries':>7} {'db ms':>7} {'rest':>7}")
    for url in [u for u in [*PAGES, *API] if args.only in u]:
        for role in args.roles.split(","):
            client = Client(
                HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO=PROXY["X-Forwarded-Proto"]
            )
            if role == "sec":
                client.cookies["sessionid"] = cookie
            path = expand(url, values)[0]
            best = None
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path, **headers[role])
                    took = (time.perf_counter() - started) * 1000
                db = sum(float(q["time"]) for q in queries.captured_queries) * 1000
                if best is None or took < best[0]:
                    best = (took, len(queries), db, queries.captured_queries, response)
            assert best is not None
            took, count, db, captured, response = best
            print(
                f"{role:4} {url:48} {len(response.content):9} {took:7.0f} {count:7} {db:7.0f} "
                f"{took - db:7.0f}  {response.status_code}",
                flush=True,
            )
            for q in sorted(captured, key=lambda q: -float(q["time"]))[: args.queries]:
                print(f"      {float(q['time']) * 1000:6.1f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
