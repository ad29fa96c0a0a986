"""tact restore FILE: load a backup into a freshly migrated database.

`tact migrate && tact restore FILE`: the rows that migrations seed (rating scales, …) are
replaced by the backup's. A database that already holds user accounts is refused unless
`--replace` is given (it would be wiped). Every count and checksum of the manifest is checked
before anything is written; the uploaded files are put back under MEDIA_ROOT and the search
index is rebuilt.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tact.core import pagecache
from tact.core.backup_archive import BackupError, read_archive, record_counts
from tact.core.loading import raw_loading


class Command(BaseCommand):
    help = "Restore a backup written by `tact backup` into a freshly migrated database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="wipe a database that already holds user accounts before restoring",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            data, media, manifest = read_archive(path)
        except BackupError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        try:
            records = json.loads(data)
        except ValueError as exc:
            raise CommandError(f"{path} is not a tact backup (not JSON)") from exc
        if not isinstance(records, list):
            raise CommandError(f"{path} is not a tact backup")
        expected = record_counts(records)
        if manifest is not None and manifest.get("records") != expected:
            raise CommandError(f"{path}: the records do not match the manifest counts")
        if get_user_model()._default_manager.exists() and not options["replace"]:
            raise CommandError(
                "The database is not empty (it has user accounts): restore into a new, "
                "migrated database (tact migrate on an empty TACT_DATABASE_URL), or pass "
                "--replace to wipe it."
            )
        with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as handle:
            handle.write(data)
            fixture = handle.name
        try:
            cached_up_to = pagecache.version()
            with transaction.atomic():
                # Rows seeded by migrations are replaced by the backup's own copies.
                call_command("flush", interactive=False, verbosity=0)
                with raw_loading():
                    call_command("loaddata", fixture, verbosity=0)
                self._check_counts(expected)
                pagecache.move_past(cached_up_to)
        finally:
            Path(fixture).unlink(missing_ok=True)
        media_root = Path(settings.MEDIA_ROOT)
        for name, blob in media.items():
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        available = get_commands()
        for command in getattr(settings, "TACT_RESTORE_REBUILD", ()):
            if command in available:
                call_command(command, verbosity=0)
        self.stdout.write(f"restored {len(records)} records and {len(media)} files from {path}")

    def _check_counts(self, expected: dict[str, int]) -> None:
        for label, count in expected.items():
            found = apps.get_model(label)._base_manager.count()
            if found != count:
                raise CommandError(f"{label}: {found} rows after loading, {count} in the backup")
