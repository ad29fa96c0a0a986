from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from tact.directory import demo

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"contenttypes", "sessions", "admin"}
        and m._meta.label != "auth.Permission"
    }


def _wipe() -> None:
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0)
    connection.close()


def test_backup_restores_into_an_empty_database_with_nothing_lost(tmp_path: Path) -> None:
    # given: reference data plus the demo records (users, contacts, audit entries)
    from tact.catalog.services import catalog_load
    from tact.directory.services import states_load

    catalog_load()
    states_load()
    demo.load()
    before = _counts()
    target = tmp_path / "tact-backup.tar.gz"
    # when
    call_command("backup", str(target))
    _wipe()
    assert sum(_counts().values()) == 0
    call_command("restore", str(target))
    # then
    assert _counts() == before
    from tact.accounts.models import User

    assert User.objects.get(username="focal.kenya").check_password(demo.DEMO_PASSWORD)


def test_restore_refuses_a_database_with_accounts_unless_replace(tmp_path: Path) -> None:
    from tact.accounts.models import User
    from tact.accounts.services import user_create

    user_create(actor=None, username="keeper", password="pw-for-tests-1", role="reader")
    target = tmp_path / "b.tar.gz"
    call_command("backup", str(target))
    user_create(actor=None, username="later", password="pw-for-tests-1", role="reader")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(target))
    call_command("restore", str(target), replace=True)
    assert list(User.objects.values_list("username", flat=True)) == ["keeper"]


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


def test_restore_rejects_a_file_that_is_not_a_backup(tmp_path: Path, db: Any) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("hello")
    with pytest.raises(CommandError, match="not a tact backup"):
        call_command("restore", str(bad))
