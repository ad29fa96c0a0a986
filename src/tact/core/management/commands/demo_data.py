"""tact demo-data: load the catalog, the states and every domain's demo records."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.core.management.base import BaseCommand

from tact.catalog.services import catalog_load
from tact.core.access import SYSTEM
from tact.directory.services import states_load

# Order matters: later domains build on the records of earlier ones.
DEMO_MODULES = (
    "tact.directory.demo",
    "tact.resolutions.demo",
    "tact.legislation.demo",
    "tact.assistance.demo",
    "tact.evaluation.demo",
    "tact.practices.demo",
)


class Command(BaseCommand):
    help = "Load the catalog, states and the generated demo data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"catalog: {catalog_load(actor=SYSTEM)}")
        created, updated = states_load(actor=SYSTEM)
        self.stdout.write(f"states: {created} created, {updated} updated")
        for name in DEMO_MODULES:
            if importlib.util.find_spec(name) is None:
                continue
            summary = importlib.import_module(name).load(SYSTEM)
            self.stdout.write(f"{name.split('.')[1]}: {summary}")
