"""tact backup FILE: every record, the uploaded files they name and a manifest (tar.gz)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from tact.core.backup_archive import EXCLUDED, write_archive

__all__ = ["EXCLUDED", "Command"]


class Command(BaseCommand):
    help = "Write a full backup (records, uploaded files, manifest) to FILE (.tar.gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        buffer = io.StringIO()
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            use_base_manager=True,  # every row, whatever a default manager filters
            format="tactjson",  # datetimes to the microsecond
            indent=None,
            stdout=buffer,
        )
        data = buffer.getvalue().encode("utf-8")
        path: Path = options["file"]
        tmp = path.with_name(path.name + ".part")
        manifest = write_archive(tmp, data)
        tmp.replace(path)  # never leave a half-written backup under the final name
        records = sum(manifest["records"].values())
        self.stdout.write(
            f"backup written to {path}: {records} records, {len(manifest['files'])} files"
        )
        if manifest["missing"]:
            self.stderr.write(
                f"{len(manifest['missing'])} files named by records are missing from storage: "
                + ", ".join(manifest["missing"][:5])
            )
