"""Load bench (issues 18 and 19): every main page and API list under 16 concurrent clients,
against `tact serve --prod` (gunicorn), beside the bare health endpoint of the same server.

    # data: the demo records, then generated projects (idempotent per seed)
    TACT_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tact_x PYTHONPATH=src \\
        python -m tact.cli migrate && python -m tact.cli demo-data && \\
        python -m tact.cli generate --projects 100000
    # the bench (SQLite: leave TACT_DATABASE_URL unset)
    TACT_DATABASE_URL=... PYTHONPATH=src python bench/load_bench.py [--clients 16] \\
        [--seconds 5] [--max-requests 2000] [--workers N] [--only SUBSTRING] [--roles anon,sec]

It starts gunicorn on a free loopback port (its own process group, stopped at the end),
makes a secretariat user with a session and an API token, and then for each URL and role
runs a closed loop of N client threads (http.client) for a bounded time and number of
requests. It prints p50/p95 latency, throughput, the share of page-cache hits, the error
rate, and the ratios to the
health endpoint measured the same way on the same server: p95 <= target (250 ms on
PostgreSQL, 500 ms on SQLite) and throughput >= 1/2 of health's are the issue-19 targets.
Pages that send an anonymous visitor to the log-in page are skipped for that role.
With the page cache on (the default) the figures are warm: the warm-up requests fill it, so
repeated URLs are answered from it (see the hits column), except the project page: it is
asked for as many different projects as there are requests, so nearly every request
computes its page (the registry's long tail). `--page-cache off` gives the cold figures of
every page.
Beside health, a second reference: the help page with a new query string on every request
(`COMPUTED`), so that each request renders it (the page cache never answers), and it reads
no records: the site's layout, sessions and middleware alone. It shows what any page computed
on request can reach on this server, whatever its own queries and template cost.
Only 127.0.0.1 is contacted. Exit status 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tact.config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tact.accounts.models import User  # noqa: E402
from tact.accounts.services import token_create, user_create  # noqa: E402
from tact.assistance.models import Project  # noqa: E402
from tact.core.access import SYSTEM  # noqa: E402
from tact.directory.models import Organisation  # noqa: E402

HOST = "127.0.0.1"
# As behind the TLS front server of docs/deployment.md (production settings redirect plain
# http to https).
PROXY = {"X-Forwarded-Proto": "https"}
TIMEOUT = 60.0
HEALTH_EVERY = 4
COMPUTED = "/en/help/?fresh={fresh}"  # the floor of a computed page (see the docstring)
WARM = 6  # requests per URL and role before measuring (about one per gunicorn worker)
SRC = Path(__file__).resolve().parent.parent / "src"

PAGES = [
    "/en/",
    "/en/assistance/",
    "/en/assistance/projects/",
    "/en/assistance/projects/?state=KEN",
    "/en/assistance/projects/?q=trafficking",
    "/en/assistance/projects/{project}/",
    "/en/assistance/matrix/",
    "/en/assistance/map/",
    "/en/assistance/map/data/",
    "/en/assistance/donors/",
    "/en/assistance/donors/{donor}/",
    "/en/assistance/recipients/KEN/",
    "/en/assistance/needs/",
    "/en/assistance/overlaps/",
    "/en/assistance/contributions/",
    "/en/search/?q=trafficking",
    "/en/directory/states/",
    "/en/states/KEN/",  # the state profile (the directory page redirects here)
    "/en/directory/organisations/",
    "/en/catalog/",
    "/en/resolutions/",
    "/en/resolutions/meetings/",
    "/en/legislation/",
    "/en/legislation/laws/",
    "/en/legislation/search/?q=witness",
    "/en/legislation/gaps/",
    "/en/legislation/comparison/",
    "/en/evaluation/",
    "/en/evaluation/evaluations/",
    "/en/evaluation/portfolio/",
    "/en/evaluation/good-practices/",
    "/en/strategies/",
    "/en/strategies/coverage/",
    "/en/practices/",
    "/en/threats/",
    "/en/training/",
]
API = [
    "/api/v1/assistance/projects",
    "/api/v1/assistance/projects?state=KEN",
    "/api/v1/assistance/transactions",
    "/api/v1/assistance/matrix",
    "/api/v1/assistance/map",
    "/api/v1/assistance/needs",
    "/api/v1/assistance/overlaps",
    "/api/v1/assistance/contributions",
    "/api/v1/search?q=trafficking",
    "/api/v1/states",
    "/api/v1/organisations",
    "/api/v1/resolutions",
    "/api/v1/recommendations",
    "/api/v1/meetings",
    "/api/v1/legislation/laws",
    "/api/v1/legislation/search?q=witness",
    "/api/v1/evaluation/evaluations",
    "/api/v1/evaluation/portfolio",
    "/api/v1/strategies/",
    "/api/v1/practices/",
    "/api/v1/threats/assessments",
    "/api/v1/training/programmes",
]


@dataclass
class Result:
    url: str
    role: str
    times: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)
    hits: int = 0  # answered from the page cache (X-Page-Cache: hit)
    elapsed: float = 0.0
    skipped: str = ""
    reference: float = 0.0  # health's throughput it is compared with (measured just before)

    @property
    def count(self) -> int:
        return len(self.times)

    def pct(self, q: float) -> float:
        if not self.times:
            return 0.0
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def throughput(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def get(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> int:
    return fetch(conn, path, headers)[0]


def fetch(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> tuple[int, bool]:
    """The status, and whether the page cache answered."""
    conn.request("GET", path, headers={**PROXY, **headers})
    response = conn.getresponse()
    response.read()
    return response.status, response.getheader("X-Page-Cache") == "hit"


def run(
    port: int,
    paths: list[str],
    headers: dict[str, str],
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    result: Result,
) -> Result:
    """A closed loop of `clients` threads over `paths` (round robin), bounded in time and
    number of requests."""
    lock = threading.Lock()
    issued = [0]
    deadline = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        while time.perf_counter() < deadline:
            with lock:
                if issued[0] >= max_requests:
                    break
                issued[0] += 1
                path = paths[issued[0] % len(paths)]
            started = time.perf_counter()
            hit = False
            try:
                status, hit = fetch(conn, path, headers)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
            took = time.perf_counter() - started
            with lock:
                result.times.append(took)
                result.hits += hit
                if status != 200:
                    result.errors[status] = result.errors.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result


def secretariat() -> tuple[str, str]:
    """A secretariat user's session cookie and API token (created once, kept)."""
    user = User.objects.filter(username="load-bench").first()
    if user is None:
        user = user_create(actor=SYSTEM, username="load-bench", password=None, role="secretariat")
    _token, key = token_create(actor=SYSTEM, user=user, name="load bench")
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value, key


def samples(projects: int = 200) -> dict[str, list[str]]:
    """Values for the URL placeholders: a spread of ``projects`` public projects, the largest
    donor."""
    total = Project.objects.count()
    ids = list(
        Project.objects.filter(classification="public")
        .order_by("pk")
        .values_list("pk", flat=True)[:: max(1, total // projects)][:projects]
    )
    donor = (
        Organisation.objects.filter(reported_projects__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return {
        "project": [str(i) for i in ids] or ["1"],
        "donor": [str(donor or 1)],
        "fresh": [str(i) for i in range(max(projects, 1))],
    }


def expand(url: str, values: dict[str, list[str]]) -> list[str]:
    for name, options in values.items():
        if "{" + name + "}" in url:
            return [url.replace("{" + name + "}", v) for v in options]
    return [url]


def start_server(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tact.cli", "serve", "--prod", f"{HOST}:{port}"]
    if workers:
        command += ["--workers", str(workers)]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: S603 (our interpreter, our command)
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.time() + 600  # the first start may collect static files
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            if get(conn, "/health/", {}) == 200:
                return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            sys.exit(f"the server stopped: see {log}")
    stop_server(server)
    sys.exit("the server did not answer /health/ in 600 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # serve and its gunicorn: our process group
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def line(r: Result, health: Result, target_ms: float) -> str:
    if r.skipped:
        return f"{r.role:4} {r.url:48} skipped: {r.skipped}"
    p50, p95 = r.pct(0.5) * 1000, r.pct(0.95) * 1000
    ratio = r.throughput / health.throughput if health.throughput else 0.0
    ok = p95 <= target_ms and ratio >= 0.5 and not r.error_count
    errors = f"{r.error_count}/{r.count}" + (f" {dict(r.errors)}" if r.errors else "")
    return (
        f"{r.role:4} {r.url:48} {r.count:5} {p50:8.0f} {p95:8.0f} {r.throughput:8.1f} "
        f"{p95 / (health.pct(0.95) * 1000 or 1):7.1f} {ratio:6.2f} {r.hits / max(r.count, 1):5.0%} "
        f"{errors:10} "
        f"{'ok' if ok else 'SLOW' if not r.error_count else 'ERR'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=5.0)
    # Why 2000: a run of 400 requests lasts under half a second at these rates, and its
    # throughput swung from 0.30 to 0.74 of health's for the same cached page (measured
    # 2026-12-04, 10^5 projects); 2000 requests give about two seconds per URL.
    parser.add_argument("--max-requests", type=int, default=2000)
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: serve's)"
    )
    parser.add_argument("--only", default="", help="only URLs containing this")
    parser.add_argument("--roles", default="anon,sec")
    parser.add_argument(
        "--skip", default="", help="comma-separated substrings of URLs to leave out (timeouts)"
    )
    parser.add_argument(
        "--page-cache",
        choices=["on", "off"],
        default="on",
        help="off: every request computes its page (the cold figures)",
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", default="var/load-bench-server.log", help="gunicorn's output")
    args = parser.parse_args()
    skipped = [part for part in args.skip.split(",") if part]
    # Ctrl-C or a SIGTERM still stops the server (through `finally`).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    target_ms = 250.0 if connection.vendor == "postgresql" else 500.0
    projects = Project.objects.count()
    cookie, token = secretariat()
    # As many projects as requests: each measured request of the project page asks for a
    # project not asked for before in the run (after the warm-up), as the registry's long
    # tail does, so its figure is not flattered by the page cache.
    values = samples(args.max_requests)
    connection.close()
    roles = {
        "anon": {},
        "sec": {"Cookie": f"sessionid={cookie}", "Authorization": f"Bearer {token}"},
    }
    port = args.port or free_port()
    os.environ["TACT_PAGE_CACHE"] = "1" if args.page_cache == "on" else "0"
    print(
        f"page cache {args.page_cache} (hits: the share of measured requests it answered; the "
        "warm-up requests fill it)"
    )
    print(
        f"{connection.vendor}, {projects} projects, {args.clients} clients, <= {args.seconds} s "
        f"and <= {args.max_requests} requests per URL, server on {HOST}:{port}"
    )
    server = start_server(port, args.workers, Path(args.log))
    results: list[Result] = []
    healths: list[Result] = []
    failed = 0
    try:

        def measure(url: str, role: str) -> Result:
            return run(
                port, expand(url, values), roles[role], clients=args.clients,
                seconds=args.seconds, max_requests=args.max_requests, result=Result(url, role),
            )  # fmt: skip

        # Every gunicorn worker loads the URLs, templates and caches on its first requests.
        urls = [
            u
            for u in [*PAGES, *API]
            if (not args.only or args.only in u) and not any(part in u for part in skipped)
        ]
        for url in ["/health/", COMPUTED, *urls]:
            for role in args.roles.split(","):
                run(port, expand(url, values), roles[role], clients=args.clients,
                    seconds=30, max_requests=WARM, result=Result(url, role))  # fmt: skip
        health = measure("/health/", "anon")
        healths = [health]
        print(
            f"health: p50 {health.pct(0.5) * 1000:.1f} ms, p95 {health.pct(0.95) * 1000:.1f} "
            f"ms, {health.throughput:.1f} requests/s, {health.error_count} errors"
        )
        computed = {role: measure(COMPUTED, role) for role in args.roles.split(",")}
        after = measure("/health/", "anon")
        healths.append(after)
        for role, r in computed.items():
            print(
                f"computed-page floor ({role}, {COMPUTED}: no records, rendered each request): "
                f"p95 {r.pct(0.95) * 1000:.0f} ms, {r.throughput:.0f} requests/s = "
                f"{r.throughput / statistics.mean([health.throughput, after.throughput]):.2f}"
                f" of health's (the health runs before and after), {r.error_count} errors"
            )
            failed += r.error_count
        print()
        print(
            f"{'role':4} {'url':48} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} "
            f"{'p95/h':>7} {'thr/h':>6} {'hits':>5} {'errors':10} "
            f"verdict (p95 <= {target_ms:.0f} ms, throughput >= 0.5 x health)"
        )
        done = 0
        for role in args.roles.split(","):
            for url in urls:
                done += 1
                if done % HEALTH_EVERY == 0:
                    # The machine is shared: measure the reference again now and then.
                    health = measure("/health/", "anon")
                    healths.append(health)
                    print(line(health, health, target_ms))
                conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
                try:
                    first = get(conn, expand(url, values)[0], roles[role])  # probe
                except (OSError, http.client.HTTPException):
                    first = 0  # measured below: its timeouts count as errors
                conn.close()
                if first in (301, 302) and role == "anon":
                    result = Result(url, role, skipped="log-in required")
                elif first in (401, 403) and role == "anon":
                    result = Result(url, role, skipped=f"{first} for anonymous (log-in API)")
                else:
                    result = measure(url, role)
                failed += result.error_count
                result.reference = health.throughput
                results.append(result)
                print(line(result, health, target_ms), flush=True)
        healths.append(measure("/health/", "anon"))
        print(
            "\nhealth over the run: p95 "
            + ", ".join(f"{h.pct(0.95) * 1000:.0f}" for h in healths)
            + " ms; requests/s "
            + ", ".join(f"{h.throughput:.0f}" for h in healths)
        )
    finally:
        stop_server(server)
    measured = [r for r in results if not r.skipped]
    median = statistics.median(h.throughput for h in healths)

    def meets(r: Result, reference: float) -> bool:
        return r.pct(0.95) * 1000 <= target_ms and r.throughput >= 0.5 * reference

    requests = sum(r.count for r in measured)
    print(
        f"\n{len(measured)} URL x role measured, {requests} requests, {failed} errors "
        f"({failed / max(requests, 1):.2%}); meeting both targets: "
        f"{sum(meets(r, r.reference) for r in measured)} against the health run just before "
        f"them (the verdicts above), {sum(meets(r, median) for r in measured)} against the "
        f"median health of the run ({median:.0f} requests/s); median p95 "
        f"{statistics.median(r.pct(0.95) for r in measured) * 1000:.0f} ms"
        if measured
        else "nothing measured"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
