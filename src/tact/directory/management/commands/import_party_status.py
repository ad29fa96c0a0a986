from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.directory.services import party_status_import_csv


class Command(BaseCommand):
    help = "Import treaty party status from CSV (state,instrument,status,signature_date,...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--strict", action="store_true", help="Reject the file on any error")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = party_status_import_csv(
                actor=SYSTEM, data=options["file"].read_bytes(), strict=options["strict"]
            )
        except (OSError, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        for _line, reason in report.rejected:
            self.stderr.write(f"rejected: {reason}")
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.rejected)} rejected"
        )
        if options["strict"] and report.rejected:
            raise CommandError("strict: nothing was imported")
