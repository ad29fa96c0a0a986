"""tact serve: the web server on 127.0.0.1:8000 plus the embedded background worker."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve tact (web + embedded task worker). For production use a WSGI server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        worker = None
        backend = settings.TASKS["default"]["BACKEND"]
        if not options["no_worker"] and backend.startswith("django_tasks_db"):
            # The database queue is worked off by a side process, so no Redis is needed.
            worker = subprocess.Popen(
                [sys.executable, "-m", "tact.cli", "db_worker", "--interval", "1"]
            )
        try:
            if not settings.DEBUG:
                call_command("collectstatic", interactive=False, verbosity=0)
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
