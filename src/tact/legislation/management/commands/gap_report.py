"""tact gap-report ISO3 --format pdf|xlsx -o FILE"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.legislation import gaps, reports, services


class Command(BaseCommand):
    help = "Write a state's gap analysis (all assessments, run as the operator) to PDF or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("state", help="ISO 3166 alpha-3 code")
        parser.add_argument("--format", dest="fmt", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("-o", "--output", type=Path, default=None)
        parser.add_argument("--instrument", default="", help="untoc, tip, som or fp")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            state = services.state_by_iso3(options["state"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        analysis = gaps.gap_analysis(SYSTEM, state, instrument=options["instrument"])
        fmt = options["fmt"]
        content = reports.gap_pdf(analysis) if fmt == "pdf" else reports.gap_xlsx(analysis)
        output: Path = options["output"] or Path(f"gap-analysis-{state.iso3}.{fmt}")
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        s = analysis.summary
        self.stdout.write(
            f"{output}: {state.iso3} {s['assessed']}/{s['total']} paragraphs assessed, "
            f"{s['gaps']} gaps, score {s['score_pct']}%"
        )
