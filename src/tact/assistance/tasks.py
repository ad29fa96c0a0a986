"""Background work: IATI imports run as django-tasks tasks (immediate in tests)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django_tasks import task

from tact.assistance.importing import run_import
from tact.assistance.models import ImportRun
from tact.core.access import SYSTEM


@task()
def import_iati_task(run_id: int, user_id: int | None = None) -> dict[str, Any]:
    """Import the file of ImportRun ``run_id`` as the user who uploaded it."""
    run = ImportRun.objects.get(pk=run_id)
    actor: Any = SYSTEM
    if user_id is not None:
        actor = get_user_model().objects.get(pk=user_id)
    report = run_import(run, actor=actor)
    return {"imported": report.imported, "updated": report.updated, "rejected": report.rejected}
