from typing import Any

from django.core.management.base import BaseCommand

from tact.directory.services import states_load


class Command(BaseCommand):
    help = "Load UN Member States, observer states and M49 regions (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = states_load(actor=None)
        self.stdout.write(f"states: {created} created, {updated} updated")
