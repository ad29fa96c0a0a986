from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.catalog.services import catalog_load, catalog_load_text


class Command(BaseCommand):
    help = (
        "Load the Convention catalog shipped with tact (idempotent); with --text, also the "
        "official text of an instrument in another UN language from a Markdown file "
        "(`### Article N` headings, optional `####Title` lines)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--text",
            action="append",
            default=[],
            metavar="INSTRUMENT:LANG=FILE",
            help="for example untoc:fr=untoc-fr.md (repeatable; languages ar es fr ru zh)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = catalog_load(actor=None)
        self.stdout.write(f"catalog: {report}")
        for spec in options["text"]:
            target, _sep, filename = spec.partition("=")
            code, _sep, language = target.partition(":")
            if not (code and language and filename):
                raise CommandError(f"--text wants INSTRUMENT:LANG=FILE, not {spec!r}")
            try:
                markdown = Path(filename).read_text(encoding="utf-8")
                text_report = catalog_load_text(
                    actor=None, instrument_code=code, language=language, markdown=markdown
                )
            except (OSError, ValueError) as error:
                raise CommandError(str(error)) from error
            except Exception as error:  # Instrument.DoesNotExist
                raise CommandError(f"{code}: {error}") from error
            self.stdout.write(f"{code} {language}: {text_report}")
