"""tact chain-check [--state ISO3] [--limit N] [--sync]: where the chain breaks off."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.chain.integrity import integrity_findings
from tact.chain.services import links_sync
from tact.core.access import SYSTEM
from tact.directory.models import State


class Command(BaseCommand):
    help = "Count the records where the chain from recommendation to result breaks off."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--state", default="", help="ISO3 code of one state")
        parser.add_argument("--limit", type=int, default=5, help="records listed per check")
        parser.add_argument(
            "--sync", action="store_true", help="first derive typed links from stored references"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        state = None
        if options["state"]:
            state = State.objects.filter(iso3=options["state"].upper()).first()
            if state is None:
                raise CommandError(f"No state with ISO3 code {options['state']!r}.")
        if options["limit"] < 0:
            raise CommandError("--limit must be 0 or more.")
        if options["sync"]:
            report = links_sync(actor=SYSTEM)
            self.stdout.write(f"links: {report.created} new, {report.existing} present")
        for finding in integrity_findings(SYSTEM, state, limit=options["limit"]):
            self.stdout.write(f"{finding.name}: {finding.count}")
            for record in finding.items:
                self.stdout.write(f"  {record._meta.label_lower}:{record.pk}  {record}")
