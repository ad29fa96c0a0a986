"""Rejected import uploads are kept N days, then purged by a command (issue 18, item 7)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from tact.assistance.models import ImportRun
from tact.core.models import AuditEntry


def _run(status: str, days_ago: int) -> ImportRun:
    run = ImportRun(file_name="x.xml", status=status)
    run.file.save(f"run-{status}-{days_ago}.xml", ContentFile(b"<iati-activities/>"), save=False)
    run.finished_at = timezone.now() - dt.timedelta(days=days_ago)
    run.save()
    return run


def test_rejected_uploads_are_purged_after_the_retention_period(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.TACT_REJECTED_UPLOAD_DAYS = 7
    old = _run(ImportRun.Status.FAILED, 10)
    recent = _run(ImportRun.Status.FAILED, 2)
    done = _run(ImportRun.Status.DONE, 30)
    old_path = Path(old.file.path)

    call_command("purge_rejected_uploads")

    old.refresh_from_db()
    recent.refresh_from_db()
    done.refresh_from_db()
    assert not old.file and not old_path.exists()
    assert recent.file and Path(recent.file.path).exists()
    assert done.file and Path(done.file.path).exists()
    entry = AuditEntry.objects.get(action="assistance.import_upload_purged")
    assert entry.changes == {"file": [old_path.relative_to(tmp_path).as_posix(), ""]}

    call_command("purge_rejected_uploads", days=0)
    recent.refresh_from_db()
    assert not recent.file
    assert ImportRun.objects.count() == 3  # the runs and their reports stay
