"""Reverse of the move only: before the foreign key points at evaluation.Strategy again, copy
back the strategies that results frameworks point at (same ids). Forward: nothing."""

from django.core.management.color import no_style
from django.db import migrations

KIND = {"national_strategy": "strategy", "programme": "programme"}


def copy_back(apps, schema_editor):
    Old = apps.get_model("evaluation", "Strategy")
    New = apps.get_model("strategies", "Strategy")
    Framework = apps.get_model("evaluation", "ResultsFramework")
    ids = set(Framework.objects.exclude(strategy=None).values_list("strategy_id", flat=True))
    rows = list(New.objects.filter(pk__in=ids).order_by("pk"))
    Old.objects.bulk_create(
        Old(
            pk=n.pk,
            title=n.title,
            kind=KIND.get(n.kind, "strategy"),
            state_id=n.state_id,
            description=n.description,
            start=n.start,
            end=n.end,
            classification=n.classification,
            owner_state_id=n.owner_state_id,
            owner_organisation_id=n.owner_organisation_id,
            created_by_id=n.created_by_id,
        )
        for n in rows
    )
    for n in rows:
        Old.objects.filter(pk=n.pk).update(created_at=n.created_at, updated_at=n.updated_at)
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Old]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0004_framework_strategy_to_strategies")]

    operations = [migrations.RunPython(migrations.RunPython.noop, copy_back)]
