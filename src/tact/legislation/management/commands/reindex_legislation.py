"""`tact reindex-legislation`: rebuild the full-text index of legal provisions."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tact.legislation.search_index import get_backend, reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text search index of national legal provisions (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        verbosity = int(options["verbosity"])

        def progress(n: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"  {n} provisions indexed")

        stats = reindex_all(batch_size=options["batch_size"], progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {stats.indexed} provisions on {get_backend().vendor} "
                f"in {elapsed:.1f} s (stale entries dropped: {stats.removed})."
            )
        )
