"""tact generate --projects N [--seed S]: registry-scale generated projects (bench data)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tact.assistance import generate
from tact.catalog.models import Theme
from tact.catalog.services import catalog_load
from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.directory.services import states_load


class Command(BaseCommand):
    help = (
        "Generate N projects with registry-like distributions (publishers, countries, themes, "
        "transactions); idempotent per seed. For benches, not real data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--projects", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=generate.BATCH)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["projects"] < 0 or options["batch"] < 1:
            self.stderr.write("--projects must be >= 0 and --batch >= 1")
            return
        if not State.objects.exists():
            created, _updated = states_load(actor=SYSTEM)
            self.stdout.write(f"states: {created} loaded")
        if not Theme.objects.exists():
            self.stdout.write(f"catalog: {catalog_load(actor=SYSTEM)}")
        started = time.perf_counter()

        def say(message: str) -> None:
            self.stdout.write(f"[{time.perf_counter() - started:7.1f} s] {message}")
            self.stdout.flush()

        written = generate.generate(
            options["projects"], seed=options["seed"], batch=options["batch"], progress=say
        )
        say(f"done: {written} projects written")
