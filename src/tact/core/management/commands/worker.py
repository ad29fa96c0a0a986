"""tact worker: the background task worker as its own process (production).

With the database queue (``TACT_TASK_BACKEND=database``, the default) it runs django-tasks'
``db_worker``; with ``TACT_TASK_BACKEND=rq`` it runs an RQ worker on ``TACT_REDIS_URL``.
Run several for more throughput; each takes one task at a time.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the background task worker (imports, overlap detection) in this process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Database poll (s)")

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_db"):
            call_command("db_worker", interval=options["interval"])
        elif "rq" in backend:
            call_command("rqworker", "default")
        else:
            raise CommandError(
                "TACT_TASK_BACKEND=immediate runs tasks inside the request: no worker to run."
            )
