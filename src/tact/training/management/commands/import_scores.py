"""tact import-scores FILE.xlsx --session ID: pre/post test scores (participant_id, pre, post).

Every bad row is listed with its row number and nothing is saved (exit status 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.training import roster, selectors, services
from tact.training.models import Session


class Command(BaseCommand):
    help = "Import a session's pre/post test scores from Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--session", type=int, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        session = Session.objects.filter(pk=options["session"]).first()
        if session is None:
            raise CommandError(f"No session {options['session']}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        codes = set(session.participants.values_list("code", flat=True))
        sheet = roster.read_scores(path.read_bytes(), maximum=session.max_score, codes=codes)
        if sheet.errors:
            for error in sheet.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(sheet.errors)} problems; nothing was saved.")
        changed = services.scores_set(
            actor=SYSTEM,
            session=session,
            scores={r["code"]: (r["pre"], r["post"]) for r in sheet.rows},
        )
        report = selectors.session_gain(session)
        self.stdout.write(
            f"{session}: scores changed for {changed} participants; "
            f"<g> = {report.class_gain} ({report.class_band or 'undefined'}), "
            f"average g = {report.average_gain}, n = {report.matched}, "
            f"at ceiling = {report.at_ceiling}."
        )
