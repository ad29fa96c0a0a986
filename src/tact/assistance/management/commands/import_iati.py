"""tact import-iati FILE... [--strict] [--lenient] [--schema-only]: import IATI activity files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from tact.assistance.importing import ImportReport, import_iati
from tact.core.access import SYSTEM


class Command(BaseCommand):
    help = (
        "Import IATI 2.01-2.03 activity files. Each activity is validated on its own; the "
        "report lists every rejected activity with its line and reason. Re-importing updates "
        "by identifier and last-updated-datetime and never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--strict", action="store_true", help="Reject a whole file if any activity is invalid"
        )
        parser.add_argument(
            "--lenient",
            action="store_true",
            help="Import activities with small schema slips and record each as a data-quality "
            "warning on the project",
        )
        parser.add_argument(
            "--schema-only",
            action="store_true",
            help="Check only the 2.03 schema (no version, codelist or rule checks), as the IATI "
            "schema conformance suite does",
        )
        parser.add_argument(
            "--progress",
            choices=["auto", "always", "never"],
            default="auto",
            help="Show a progress bar (auto: when the terminal is interactive)",
        )
        parser.add_argument(
            "--all-rows", action="store_true", help="List every activity, not only the rejected"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        show = options["progress"] == "always" or (
            options["progress"] == "auto" and sys.stderr.isatty()
        )
        failed = 0
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            report = self._import(path, options, show)
            self._print(path, report, options["all_rows"])
            failed += report.failed
        if failed:
            raise CommandError(f"{failed} file(s) rejected: nothing was imported from them")

    def _import(self, path: Path, options: dict[str, Any], show: bool) -> ImportReport:
        if not show:
            return import_iati(
                path,
                actor=SYSTEM,
                strict=options["strict"],
                schema_only=options["schema_only"],
                lenient=options["lenient"],
            )
        console = Console(stderr=True)
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[seen]} activities"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        ) as bar:
            task = bar.add_task(path.name, total=path.stat().st_size, seen=0)
            return import_iati(
                path,
                actor=SYSTEM,
                strict=options["strict"],
                schema_only=options["schema_only"],
                lenient=options["lenient"],
                progress=lambda done, total, rep: bar.update(
                    task, completed=done, total=total or None, seen=rep.seen
                ),
                progress_every=0.2,
            )

    def _print(self, path: Path, report: ImportReport, all_rows: bool) -> None:
        for row in report.rows:
            if all_rows or row["outcome"] == "rejected":
                line = f"line {row['line']}" if row["line"] else "line ?"
                self.stdout.write(
                    f"  {row['outcome']:<8} {line:<11} {row['identifier'] or '(no identifier)'}"
                    + (f": {row['reason']}" if row["reason"] else "")
                )
        if report.truncated:
            self.stdout.write("  (report truncated; counts are complete)")
        for warning in report.file_warnings:
            self.stdout.write(f"  warning: {warning}")
        summary = (
            f"{path}: {report.seen} activities: {report.imported} imported, "
            f"{report.updated} updated, {report.skipped} skipped, {report.rejected} rejected"
        )
        if report.error:
            where = f" (line {report.error_line})" if report.error_line else ""
            self.stderr.write(f"{path}: {report.error}{where}")
        self.stdout.write(summary)
