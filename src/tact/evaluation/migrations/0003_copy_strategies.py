"""Strategies move to the strategies app: copy every evaluation.Strategy row into
strategies.Strategy with the same id, so results frameworks keep pointing at the same records.

Kinds map "strategy" -> "national_strategy" and "programme" -> "programme"; the status, which
the old model did not have, follows the period (in force, expired, or adopted when unknown).
Reverse: 0005 has copied the rows back into evaluation.Strategy before the foreign key
returned; the copies here are removed, so the records have moved back (with whatever the
strategies app had added to them).
"""

import datetime as dt

from django.core.management.color import no_style
from django.db import migrations

KIND = {"strategy": "national_strategy", "programme": "programme"}


def _status(start, end, today):
    if end is not None and end < today:
        return "expired"
    if start is not None and start <= today:
        return "in_force"
    return "adopted"


def copy_forward(apps, schema_editor):
    Old = apps.get_model("evaluation", "Strategy")
    New = apps.get_model("strategies", "Strategy")
    today = dt.date.today()
    old_rows = list(Old.objects.order_by("pk"))
    taken = set(New.objects.filter(pk__in=[o.pk for o in old_rows]).values_list("pk", flat=True))
    if taken:
        raise RuntimeError(
            f"strategies.Strategy already has rows with the ids {sorted(taken)}: "
            "move them before migrating evaluation."
        )
    New.objects.bulk_create(
        New(
            pk=o.pk,
            title=o.title,
            kind=KIND.get(o.kind, "national_strategy"),
            status=_status(o.start, o.end, today),
            state_id=o.state_id,
            description=o.description,
            start=o.start,
            end=o.end,
            classification=o.classification,
            owner_state_id=o.owner_state_id,
            owner_organisation_id=o.owner_organisation_id,
            created_by_id=o.created_by_id,
        )
        for o in old_rows
    )
    for o in old_rows:  # auto_now fields were set on insert: keep the original dates
        New.objects.filter(pk=o.pk).update(created_at=o.created_at, updated_at=o.updated_at)
    # Rows came in with their own ids: move the id sequence past them (PostgreSQL).
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [New]):
            cursor.execute(sql)


def remove_copies(apps, schema_editor):
    Old = apps.get_model("evaluation", "Strategy")
    New = apps.get_model("strategies", "Strategy")
    New.objects.filter(pk__in=list(Old.objects.values_list("pk", flat=True))).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_default_scales"),
        ("strategies", "0002_default_link_rules"),
    ]

    operations = [migrations.RunPython(copy_forward, remove_copies)]
