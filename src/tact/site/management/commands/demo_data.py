"""tact demo-data: load the catalog, the states and every domain's demo records."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string, module_has_submodule

from tact.catalog.services import catalog_load
from tact.core.access import SYSTEM
from tact.directory.services import states_load


def demo_loaders() -> list[tuple[str, Any]]:
    """Each installed tact app's `demo.load`, in the order of INSTALLED_APPS: later domains
    build on the records of earlier ones."""
    loaders = []
    for config in apps.get_app_configs():
        if config.name.startswith("tact.") and module_has_submodule(config.module, "demo"):
            loaders.append((config.label, import_string(f"{config.name}.demo.load")))
    return loaders


class Command(BaseCommand):
    help = "Load the catalog, states and the generated demo data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"catalog: {catalog_load(actor=SYSTEM)}")
        created, updated = states_load(actor=SYSTEM)
        self.stdout.write(f"states: {created} created, {updated} updated")
        for label, load in demo_loaders():
            self.stdout.write(f"{label}: {load(SYSTEM)}")
