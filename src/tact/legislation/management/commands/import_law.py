"""tact import-law FILE --state ISO3 --type law --language fr [--title ...]"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.legislation import services
from tact.legislation.models import TextLanguage, TextType


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Import a national law (.txt, .docx or Akoma Ntoso .xml) and split it into provisions. "
        "Re-importing the same version updates it in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--state", required=True, help="ISO 3166 alpha-3 code")
        parser.add_argument("--type", dest="text_type", default="", choices=["", *TextType.values])
        parser.add_argument("--language", default="", choices=["", *TextLanguage.values])
        parser.add_argument("--title", default="")
        parser.add_argument("--number", default="")
        parser.add_argument("--adopted", default="")
        parser.add_argument("--in-force", dest="in_force", default="")
        parser.add_argument("--version-date", dest="version_date", default="")
        parser.add_argument("--source-url", dest="source_url", default="")
        parser.add_argument(
            "--classification", default="public", choices=["public", "restricted", "confidential"]
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            state = services.state_by_iso3(options["state"])
            report = services.import_law(
                actor=SYSTEM,
                state=state,
                data=data,
                filename=path.name,
                text_type=options["text_type"],
                language=options["language"],
                title=options["title"],
                number=options["number"],
                adopted_on=_date(options["adopted"]) if options["adopted"] else None,
                in_force_on=_date(options["in_force"]) if options["in_force"] else None,
                version_date=_date(options["version_date"]) if options["version_date"] else None,
                source_url=options["source_url"],
                classification=options["classification"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        law = report.legal_text
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            f"{'created' if report.created else 'updated'} law {law.pk} {law.title!r} "
            f"({law.state.iso3}, {law.language}): {report.provisions_created} provisions created, "
            f"{report.provisions_updated} updated, {report.provisions_unchanged} unchanged, "
            f"{report.provisions_removed} removed, {report.provisions_obsolete} kept as obsolete"
        )
