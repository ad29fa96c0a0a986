"""Overlap detection as a background task (django-tasks: the database worker by default,
RQ at scale, immediate in tests)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django_tasks import task

from tact.assistance.models import ImportRun
from tact.core.access import SYSTEM


@task()
def detect_overlaps_task(run_id: int, user_id: int | None = None) -> dict[str, Any]:
    from tact.assistance.overlaps.services import run_detection

    run = ImportRun.objects.get(pk=run_id)
    actor: Any = SYSTEM
    if user_id is not None:
        actor = get_user_model().objects.get(pk=user_id)
    summary = run_detection(run, actor=actor)
    return {"pairs": summary.pairs if summary else 0}
