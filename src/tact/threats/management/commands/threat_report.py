"""tact threat-report ID --format pdf|xlsx [-o FILE]: an assessment's report, run by the
operator (the system actor, secretariat rights); the PDF carries its classification on
every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from tact.core.access import SYSTEM
from tact.threats import permissions, report, selectors


class Command(BaseCommand):
    help = "Write the report of one threat assessment as PDF or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assessment_id", type=int)
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument(
            "-o", "--output", help="file to write (default threat-assessment-ID.FORMAT)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            assessment = permissions.access_assessment(SYSTEM, options["assessment_id"])
        except Http404 as exc:
            raise CommandError(f"No threat assessment {options['assessment_id']}.") from exc
        computed = selectors.compute(assessment, actor=SYSTEM)
        fmt = options["format"]
        body = report.report_pdf(computed) if fmt == "pdf" else report.report_xlsx(computed)
        target = Path(options["output"] or f"threat-assessment-{assessment.pk}.{fmt}")
        target.write_bytes(body)
        self.stdout.write(
            f"{target}: {len(body)} bytes, {report.marking(computed)}, "
            f"{len(computed.rows)} subjects, {len(computed.results.gaps)} gaps"
        )
