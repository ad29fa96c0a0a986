"""Aim ii becomes a link: an objective whose plain-text reference names a finding of a threat
assessment of its own state now points at that finding's sanitised summary.

Nothing is published here: a finding with no released summary gets a confidential one
(its owner's to publish), so the link shows "a record you may not see" to everyone else,
exactly as before the reference was resolved. The matched line leaves the text; the rest of
the text (other studies) stays. Reversing puts the linked title back into the text.
"""

from django.db import migrations


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def link_findings(apps, schema_editor):
    Objective = apps.get_model("strategies", "Objective")
    Finding = apps.get_model("threats", "Finding")
    SanitisedSummary = apps.get_model("threats", "SanitisedSummary")
    objectives = Objective.objects.filter(threat_summary__isnull=True).exclude(
        changing_nature_findings=""
    )
    for objective in objectives.select_related("strategy").iterator():
        state_id = objective.strategy.state_id
        if state_id is None:
            continue
        lines = _lines(objective.changing_nature_findings)
        for index, line in enumerate(lines):
            finding = (
                Finding.objects.filter(
                    assessment__owner_state_id=state_id, title__iexact=line
                )
                .select_related("assessment")
                .order_by("pk")
                .first()
            )
            if finding is None:
                continue
            summary = SanitisedSummary.objects.filter(finding=finding).first()
            if summary is None:
                summary = SanitisedSummary.objects.create(
                    finding=finding,
                    title=finding.title,
                    summary=finding.sanitised_summary,
                    classification="confidential",
                    owner_state_id=finding.assessment.owner_state_id,
                    owner_organisation_id=finding.assessment.owner_organisation_id,
                )
            objective.threat_summary = summary
            objective.changing_nature_findings = "\n".join(lines[:index] + lines[index + 1 :])
            objective.save(update_fields=["threat_summary", "changing_nature_findings"])
            break


def unlink_findings(apps, schema_editor):
    Objective = apps.get_model("strategies", "Objective")
    for objective in Objective.objects.filter(threat_summary__isnull=False).select_related(
        "threat_summary"
    ):
        title = objective.threat_summary.title
        lines = _lines(objective.changing_nature_findings)
        if title.lower() not in {line.lower() for line in lines}:
            lines.insert(0, title)
        objective.changing_nature_findings = "\n".join(lines)
        objective.threat_summary = None
        objective.save(update_fields=["threat_summary", "changing_nature_findings"])


class Migration(migrations.Migration):
    dependencies = [
        ("strategies", "0003_objective_threat_summary"),
        ("threats", "0003_sanitised_summary"),
    ]

    operations = [migrations.RunPython(link_findings, unlink_findings)]
