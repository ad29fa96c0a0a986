"""The two preset rating scales (six-point IEG, four-point)."""

from typing import Any

from django.db import migrations

# A copy of the presets as they were when this migration was written.
SCALES: list[dict[str, Any]] = [
    {
        "code": "ieg-6",
        "name": "Six-point (IEG)",
        "description": "Highly satisfactory to highly unsatisfactory; moderately satisfactory "
        "or better counts as satisfactory (IEG 'MS+').",
        "levels": [
            {"code": "HS", "label": "Highly satisfactory", "satisfactory": True},
            {"code": "S", "label": "Satisfactory", "satisfactory": True},
            {"code": "MS", "label": "Moderately satisfactory", "satisfactory": True},
            {"code": "MU", "label": "Moderately unsatisfactory", "satisfactory": False},
            {"code": "U", "label": "Unsatisfactory", "satisfactory": False},
            {"code": "HU", "label": "Highly unsatisfactory", "satisfactory": False},
        ],
    },
    {
        "code": "four-point",
        "name": "Four-point",
        "description": "Fully achieved to not achieved; the top two levels count as satisfactory.",
        "levels": [
            {"code": "4", "label": "Highly satisfactory", "satisfactory": True},
            {"code": "3", "label": "Satisfactory", "satisfactory": True},
            {"code": "2", "label": "Unsatisfactory", "satisfactory": False},
            {"code": "1", "label": "Highly unsatisfactory", "satisfactory": False},
        ],
    },
]


def forwards(apps: Any, schema_editor: Any) -> None:
    RatingScale = apps.get_model("evaluation", "RatingScale")
    for row in SCALES:
        RatingScale.objects.get_or_create(
            code=row["code"],
            defaults={"name": row["name"], "levels": row["levels"], "description": row["description"]},
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    RatingScale = apps.get_model("evaluation", "RatingScale")
    RatingScale.objects.filter(
        code__in=[row["code"] for row in SCALES], evaluations__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
