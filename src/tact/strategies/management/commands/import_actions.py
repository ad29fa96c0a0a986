"""tact import-actions FILE.xlsx --strategy ID: apply an edited action table of a strategy.

The sheet is the one the strategy page exports (Excel of actions). Rows with an id update
that action, rows without one add an action. One bad row rejects the file: every bad row is
listed with its number and nothing is saved. Run by an operator (secretariat rights).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.strategies import action_table
from tact.strategies.models import Strategy


class Command(BaseCommand):
    help = "Import the action table of a strategy from Excel (round trip of the export)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .xlsx file")
        parser.add_argument("--strategy", type=int, required=True, help="the strategy's id")
        parser.add_argument(
            "--export", action="store_true", help="write the current table to FILE instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        strategy = Strategy.objects.filter(pk=options["strategy"]).first()
        if strategy is None:
            raise CommandError(f"No strategy with id {options['strategy']}.")
        path = Path(options["file"])
        if options["export"]:
            path.write_bytes(action_table.export_xlsx(strategy))
            self.stdout.write(f"{path}: actions of “{strategy}”")
            return
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        try:
            report = action_table.import_xlsx(
                actor=SYSTEM, strategy=strategy, data=path.read_bytes()
            )
        except action_table.ActionImportError as exc:
            raise CommandError(
                "Nothing was saved:\n" + "\n".join(f"  {m}" for m in exc.messages)
            ) from exc
        self.stdout.write(
            f"{path}: {len(report.created)} created, {len(report.updated)} updated, "
            f"{report.unchanged} unchanged"
        )
