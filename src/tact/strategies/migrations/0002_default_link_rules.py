"""The pairs of agency types the Convention expects to cooperate, as editable data.

- art. 27 (law-enforcement cooperation) and art. 26 (cooperation with law enforcement):
  police with prosecution, customs and border control; customs with border control;
- art. 7 (measures to combat money-laundering, the financial intelligence unit): the FIU with
  police and prosecution;
- arts. 24-25 (protection of witnesses, assistance to victims): social services with police
  and prosecution.
"""

from django.db import migrations

RULES = [
    ("police", "prosecution", "UNTOC arts. 26-27", "Investigations lead to prosecutions; prosecutors guide evidence gathering."),
    ("customs", "police", "UNTOC art. 27", "Law-enforcement cooperation on smuggling and trafficking at and behind the border."),
    ("border", "police", "UNTOC art. 27", "Law-enforcement cooperation on movements of persons across borders."),
    ("border", "customs", "UNTOC art. 27", "Joint control of persons and goods at the border."),
    ("fiu", "police", "UNTOC art. 7", "Financial intelligence reaches investigators (art. 7(1)(b))."),
    ("fiu", "prosecution", "UNTOC art. 7", "Financial intelligence supports money-laundering prosecutions."),
    ("police", "social_services", "UNTOC arts. 24-25", "Victims and witnesses identified by the police are referred for assistance and protection."),
    ("prosecution", "social_services", "UNTOC arts. 24-25", "Witnesses in proceedings receive protection and support."),
]


def add_rules(apps, schema_editor):
    LinkRule = apps.get_model("strategies", "LinkRule")
    for type_a, type_b, basis, explanation in RULES:
        LinkRule.objects.get_or_create(
            type_a=type_a, type_b=type_b, defaults={"basis": basis, "explanation": explanation}
        )


def remove_rules(apps, schema_editor):
    LinkRule = apps.get_model("strategies", "LinkRule")
    for type_a, type_b, _basis, _explanation in RULES:
        LinkRule.objects.filter(type_a=type_a, type_b=type_b).delete()


class Migration(migrations.Migration):
    dependencies = [("strategies", "0001_initial")]

    operations = [migrations.RunPython(add_rules, remove_rules)]
