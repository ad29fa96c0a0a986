"""Country-profile builds as a background task (django-tasks: the database worker by default,
RQ at scale, immediate in tests)."""

from __future__ import annotations

from django_tasks import task

from tact.profiles.models import ProfileExport


@task()
def build_profile_export(export_id: int) -> int:
    from tact.profiles.services import run_export

    export = ProfileExport.objects.select_related("state", "requested_by").get(pk=export_id)
    run_export(export)
    return export_id
