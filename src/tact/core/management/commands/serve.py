"""tact serve: the web server on 127.0.0.1:8000 plus the embedded background worker."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
import sys
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


class Command(BaseCommand):
    help = "Serve tact (web + embedded task worker). For production use a WSGI server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        worker = None
        backend = settings.TASKS["default"]["BACKEND"]
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGHUP, _stop)
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
