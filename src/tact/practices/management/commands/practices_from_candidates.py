from typing import Any

from django.core.management.base import BaseCommand

from tact.core.access import SYSTEM
from tact.practices.candidates import practices_from_candidates


class Command(BaseCommand):
    help = "Draw a draft good practice from every good-practice candidate of evaluations."

    def handle(self, *args: Any, **options: Any) -> None:
        report = practices_from_candidates(actor=SYSTEM)
        self.stdout.write(
            f"{report.created} practices created, {report.existing} already there, "
            f"{report.skipped} skipped"
        )
