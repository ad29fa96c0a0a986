"""tact import-roster FILE.xlsx --session ID [--dry-run]: a session's roster from Excel.

Every bad row is listed with its row number and nothing is saved (exit status 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.training import roster, services
from tact.training.models import Session


class Command(BaseCommand):
    help = "Import a session's roster (participants, attendance, optional scores) from Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--session", type=int, required=True)
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        session = Session.objects.filter(pk=options["session"]).first()
        if session is None:
            raise CommandError(f"No session {options['session']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        sheet = roster.read_roster(
            path.read_bytes(),
            maximum=session.max_score,
            days=session.days(),
            states=dict(State.objects.values_list("iso3", "pk")),
        )
        if sheet.errors:
            for error in sheet.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(sheet.errors)} problems; nothing was saved.")
        if options["dry_run"]:
            self.stdout.write(f"{len(sheet.rows)} participants read; nothing saved (dry run).")
            return
        counts = services.roster_import(actor=SYSTEM, session=session, rows=sheet.rows)
        self.stdout.write(
            f"{session}: {counts['created']} participants added, {counts['updated']} updated."
        )
