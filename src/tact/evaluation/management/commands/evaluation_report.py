"""tact evaluation-report: the portfolio analysis as PDF or Excel.

    tact evaluation-report --state KEN --format pdf -o kenya.pdf
    tact evaluation-report --theme police --format xlsx -o police.xlsx

Run by an operator: it sees what the secretariat sees (every classification). Pass
--public to report on public records only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.evaluation import analysis, report


class Command(BaseCommand):
    help = "Write the portfolio analysis (coherence, effectiveness, impact) as PDF or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--state", default="", help="ISO3 code of a state")
        parser.add_argument("--theme", default="", help="theme code")
        parser.add_argument("--provision", default="", help="provision key, e.g. untoc/art_24")
        parser.add_argument("--funder", default="", help="funder identifier or name")
        parser.add_argument("--channel", default="", help="channel (unodc, un_other, ...)")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="file to write")
        parser.add_argument(
            "--public", action="store_true", help="only public records (as the public sees them)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        state = options["state"].strip().upper()
        if state and not State.objects.filter(iso3=state).exists():
            raise CommandError(f"No state with ISO3 code {state}.")
        filters = analysis.Filters(
            state=state,
            theme=options["theme"].strip(),
            provision=options["provision"].strip(),
            funder=options["funder"].strip(),
            channel=options["channel"].strip(),
        )
        user = AnonymousUser() if options["public"] else SYSTEM
        result = analysis.portfolio(user, filters, every_cell=True)
        title = f"Portfolio analysis — {state}" if state else "Portfolio analysis"
        data = (
            report.portfolio_pdf(result, title=title)
            if options["format"] == "pdf"
            else report.portfolio_xlsx(result)
        )
        path = Path(options["output"])
        path.write_bytes(data)
        self.stdout.write(
            f"{path}: {len(data)} bytes; {result.projects} projects, "
            f"{result.achievement.total} indicators, {result.evaluations} evaluations"
        )
