"""tact restore FILE: load a backup into an empty, migrated database."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tact.core.management.commands.backup import EXCLUDED


def _domain_rows() -> int:
    total = 0
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in {"contenttypes", "sessions"} or label in EXCLUDED:
            continue
        total += model._default_manager.count()
    return total


class Command(BaseCommand):
    help = "Restore a backup written by `tact backup` into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        try:
            records = json.loads(raw)
        except ValueError as exc:
            raise CommandError(f"{path} is not a tact backup (not JSON)") from exc
        if not isinstance(records, list):
            raise CommandError(f"{path} is not a tact backup")
        if _domain_rows():
            raise CommandError(
                "The database is not empty: restore only into a new, migrated database "
                "(tact migrate on an empty TACT_DATABASE_URL)."
            )
        with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as handle:
            handle.write(raw)
            fixture = handle.name
        try:
            with transaction.atomic():
                call_command("loaddata", fixture, verbosity=0)
        finally:
            Path(fixture).unlink(missing_ok=True)
        self.stdout.write(f"restored {len(records)} records from {path}")
