"""tact load-exchange-rates FILE.csv [--strict]: load the dated exchange-rate table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.assistance.services import exchange_rates_import_csv
from tact.core.access import SYSTEM


class Command(BaseCommand):
    help = "Load exchange rates from CSV (currency,date,usd_rate[,source]); recompute USD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--strict", action="store_true", help="Reject the file on any error")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = exchange_rates_import_csv(
                actor=SYSTEM, data=options["file"].read_bytes(), strict=options["strict"]
            )
        except (OSError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        for line, reason in report.rejected:
            self.stderr.write(f"rejected line {line}: {reason}")
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.rejected)} rejected"
        )
        if report.error:
            raise CommandError(report.error)
