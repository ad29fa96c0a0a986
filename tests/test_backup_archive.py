"""Backup archive with media and manifest; restore over migration-seeded rows (item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db(transaction=True)


def _wipe() -> None:
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0)
    connection.close()


def test_restore_replaces_rows_seeded_by_migrations(tmp_path: Path) -> None:
    """`tact migrate && tact restore FILE`: the seeded rating scales do not block it."""
    from tact.evaluation.models import RatingScale

    target = tmp_path / "b.tar.gz"
    call_command("backup", str(target))
    _wipe()
    RatingScale.objects.create(code="ieg-6", name="seeded by a migration")
    call_command("restore", str(target))
    assert RatingScale.objects.filter(name="seeded by a migration").count() == 0


def test_backup_holds_the_media_and_restore_checks_the_manifest(
    tmp_path: Path, settings: Any
) -> None:
    import io
    import json
    import tarfile

    from tact.resolutions.models import Meeting, MeetingDocument

    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "meetings").mkdir(parents=True)
    (tmp_path / "media" / "meetings" / "report.pdf").write_bytes(b"%PDF-1.4 report")
    import datetime as dt

    meeting = Meeting.objects.create(
        body="Working group", title="Working group", starts_on=dt.date(2024, 5, 1)
    )
    MeetingDocument.objects.create(meeting=meeting, title="Report", file="meetings/report.pdf")
    target = tmp_path / "b.tar.gz"
    call_command("backup", str(target))
    with tarfile.open(target) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert names == ["manifest.json", "data.json", "media/meetings/report.pdf"]
    assert manifest["records"]["resolutions.meetingdocument"] == 1
    assert list(manifest["files"]) == ["meetings/report.pdf"]
    # a tampered file fails its checksum and nothing is restored
    tampered = tmp_path / "t.tar.gz"
    with tarfile.open(target) as src, tarfile.open(tampered, "w:gz") as dst:
        for info in src.getmembers():
            blob = src.extractfile(info).read()  # type: ignore[union-attr]
            if info.name.startswith("media/"):
                blob = b"changed"
                info.size = len(blob)
            dst.addfile(info, io.BytesIO(blob))
    _wipe()
    (tmp_path / "media" / "meetings" / "report.pdf").unlink()
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tampered))
    assert Meeting.objects.count() == 0
    call_command("restore", str(target))
    assert MeetingDocument.objects.get().file.read() == b"%PDF-1.4 report"


def test_restore_moves_the_site_version_past_every_cached_page(tmp_path: Path) -> None:
    """The site version is not in the backup; after a restore it is above the version of any
    page cached before (a shared Redis outlives the database's rows)."""
    from tact.core import pagecache

    target = tmp_path / "v.tar.gz"
    call_command("backup", str(target))
    _wipe()
    pagecache.move_past(429)
    call_command("restore", str(target))
    assert pagecache.version() > 430
