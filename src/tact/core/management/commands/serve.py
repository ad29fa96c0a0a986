"""tact serve: the web server on 127.0.0.1:8000 plus the embedded background worker.

``tact serve --prod``: gunicorn with several worker processes (static files served by
whitenoise from the collected files), without the embedded task worker: run ``tact worker``
as its own process (see docs/deployment.md). ``make demo`` keeps the one-process default.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

WORKER_STOP_SECONDS = 10


def _die_with_parent() -> None:  # pragma: no cover (runs in the child before exec)
    """Linux: the worker gets SIGTERM if `tact serve` dies, even by SIGKILL."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop(signum: int, frame: FrameType | None) -> None:
    # SIGTERM (systemd, docker stop, kill) ends serve like Ctrl-C does: through `finally`.
    raise SystemExit(128 + signum)


def default_workers() -> int:
    """gunicorn's rule of thumb, 2 x cores + 1, kept small on small machines."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = (
        "Serve tact (web + embedded task worker); --prod: gunicorn with several workers, "
        "the task worker being `tact worker` in its own process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")
        parser.add_argument("--prod", action="store_true", help="gunicorn, several workers")
        parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (--prod)")
        parser.add_argument(
            "--with-worker", action="store_true", help="also start the task worker (--prod)"
        )
        parser.add_argument(
            "--collectstatic", action="store_true", help="collect static files first (--prod)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["prod"]:
            self._prod(options)
            return
        worker = None
        backend = settings.TASKS["default"]["BACKEND"]
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGHUP, _stop)
        # A parent that ignores SIGINT (a test runner, nohup) passes SIG_IGN on, and Python then
        # installs no KeyboardInterrupt handler: Ctrl-C must stop serve whoever started it.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if not options["no_worker"] and backend.startswith("django_tasks_db"):
            # The database queue is worked off by a side process, so no Redis is needed.
            worker = subprocess.Popen(
                [sys.executable, "-m", "tact.cli", "db_worker", "--interval", "1"],
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        try:
            if not settings.DEBUG:
                call_command("collectstatic", interactive=False, verbosity=0)
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            if worker is not None:
                _stop_worker(worker)

    def _prod(self, options: dict[str, Any]) -> None:
        # Collecting (and compressing) every static file takes minutes on a small machine:
        # done once per release (or with --collectstatic), not at every start.
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if options["collectstatic"] or not manifest.exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        workers = options["workers"] or default_workers()
        worker = None
        if options["with_worker"]:
            worker = subprocess.Popen(
                [sys.executable, "-m", "tact.cli", "worker"],
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "tact.config.wsgi:application",
            # loaded and warmed once, before the workers fork (tact.core.warmup)
            "--config",
            "python:tact.config.gunicorn",
            "--bind",
            options["addrport"],
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--graceful-timeout",
            "30",
            # Recycled now and then (a leak stays bounded), at well spread moments: with a
            # jitter of a tenth, the workers of an evenly loaded server restarted together
            # and every request waited for their boot (a 25 s p95 in the load bench).
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "2500",
            "--access-logfile",
            "-",
        ]
        self.stdout.write(f"gunicorn on {options['addrport']} with {workers} workers")
        try:
            # gunicorn is stopped with us: a SIGTERM to `tact serve --prod` left it running,
            # orphaned, still holding the port.
            subprocess.run(  # noqa: S603 (our own interpreter and args)
                command,
                check=False,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        finally:
            if worker is not None:
                _stop_worker(worker)


def _stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """Ask the worker to finish its task and stop; kill it if it does not within 10 s."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
