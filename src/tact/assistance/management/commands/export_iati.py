"""tact export-iati [--format xml|csv] [-o FILE]: tact's projects as IATI 2.03 XML or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tact.assistance import selectors, services
from tact.core.access import SYSTEM


class Command(BaseCommand):
    help = "Export projects as IATI 2.03 XML (schema-valid) or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["xml", "csv"], default="xml")
        parser.add_argument("-o", "--output", type=Path, help="File to write (default: stdout)")
        parser.add_argument("--state", default="", help="Recipient state (ISO3)")
        parser.add_argument("--organisation", default="", help="Organisation IATI identifier")

    def handle(self, *args: Any, **options: Any) -> None:
        projects = selectors.project_list(
            SYSTEM, state=options["state"], organisation=options["organisation"]
        ).iterator()
        fmt = options["format"]
        output: Path | None = options["output"]
        if fmt == "csv":
            if output:
                with output.open("w", newline="", encoding="utf-8") as text:
                    left_out = services.export_projects(projects, text, fmt="csv")
            else:
                left_out = services.export_projects(projects, sys.stdout, fmt="csv")
        elif output:
            with output.open("wb") as data:
                left_out = services.export_projects(projects, data, fmt="xml")
        else:
            left_out = services.export_projects(projects, sys.stdout.buffer, fmt="xml")
        for identifier, problems in left_out:
            self.stderr.write(f"left out {identifier}: {'; '.join(problems)}")
        if output:
            self.stderr.write(f"written {output}")
