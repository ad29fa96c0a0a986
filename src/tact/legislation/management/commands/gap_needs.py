"""tact gap-needs ISO3: turn a state's gaps into technical-assistance needs (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.legislation import services


class Command(BaseCommand):
    help = (
        "Create or update one technical-assistance need per Convention article with gaps "
        "(source: gap analysis). Running it again updates the same needs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("state", help="ISO 3166 alpha-3 code")
        parser.add_argument(
            "--include-not-assessed",
            action="store_true",
            help="Also treat mandatory paragraphs not yet assessed as gaps",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            state = services.state_by_iso3(options["state"])
            report = services.gap_needs(
                SYSTEM, state, include_not_assessed=options["include_not_assessed"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{state.iso3}: {report.created} needs created, {report.updated} updated")
