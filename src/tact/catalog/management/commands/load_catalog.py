from typing import Any

from django.core.management.base import BaseCommand

from tact.catalog.services import catalog_load


class Command(BaseCommand):
    help = "Load the Convention catalog shipped with tact (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = catalog_load(actor=None)
        self.stdout.write(f"catalog: {report}")
