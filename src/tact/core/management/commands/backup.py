"""tact backup FILE: every record as JSON (gzip if FILE ends in .gz), restorable with restore."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

# Rebuilt by `migrate`; dumping them would clash with the rows migrate creates.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class Command(BaseCommand):
    help = "Write a full backup of the database to FILE (.json or .json.gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        buffer = io.StringIO()
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            indent=None,
            stdout=buffer,
        )
        data = buffer.getvalue().encode("utf-8")
        path: Path = options["file"]
        tmp = path.with_name(path.name + ".part")
        if path.suffix == ".gz":
            tmp.write_bytes(gzip.compress(data))
        else:
            tmp.write_bytes(data)
        tmp.replace(path)  # never leave a half-written backup under the final name
        self.stdout.write(f"backup written to {path} ({len(data)} bytes of JSON)")
