"""Releasing a finding beyond its assessment (issue 15, item 4): the owner publishes the
finding's sanitised summary as a record with its own classification, which strategy
objectives (aim ii) may cite; withdrawing makes it confidential again. The ratings, evidence
and pseudonyms of the assessment never travel with it. Writes are checked, atomic and
audited; reads are access-filtered like every list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.core.models import Classification
from tact.threats import permissions
from tact.threats.models import Finding, SanitisedSummary

# Publishing means one of these; confidential is the unpublished state.
PUBLISHED = (Classification.PUBLIC, Classification.RESTRICTED)


@transaction.atomic
def summary_publish(
    *, actor: Actor, finding: Finding, classification: str = Classification.PUBLIC
) -> SanitisedSummary:
    """Release (or re-release, with the finding's current text) the sanitised summary."""
    if not permissions.can_publish_summary(actor, finding):
        raise PermissionDenied(_("Only the owner of the assessment may publish its findings."))
    if classification not in PUBLISHED:
        raise ValidationError(_("A published summary is public or restricted."))
    if not finding.sanitised_summary.strip():
        raise ValidationError(_("Write the sanitised summary before publishing it."))
    assessment = finding.assessment
    summary = SanitisedSummary.objects.filter(finding=finding).first()
    before = snapshot(summary) if summary is not None else {}
    if summary is None:
        summary = SanitisedSummary(finding=finding, created_by=access.author_of(actor))
    summary.owner_state_id = assessment.owner_state_id
    summary.owner_organisation_id = assessment.owner_organisation_id
    summary.title = finding.title
    summary.summary = finding.sanitised_summary
    summary.classification = classification
    summary.published_on = timezone.localdate()
    summary.full_clean()
    summary.save()
    audit_log(
        actor=actor,
        action="threats.summary.publish",
        target=summary,
        changes=diff(before, snapshot(summary)),
    )
    return summary


@transaction.atomic
def summary_withdraw(*, actor: Actor, summary: SanitisedSummary) -> SanitisedSummary:
    """Make a released summary confidential again: objectives citing it then show "a record
    you may not see" to everyone outside the owner."""
    if not permissions.can_publish_summary(actor, summary.finding):
        raise PermissionDenied(_("Only the owner of the assessment may withdraw its findings."))
    before = snapshot(summary)
    summary.classification = Classification.CONFIDENTIAL
    summary.published_on = None
    summary.save(update_fields=["classification", "published_on", "updated_at"])
    audit_log(
        actor=actor,
        action="threats.summary.withdraw",
        target=summary,
        changes=diff(before, snapshot(summary)),
    )
    return summary


def published_summaries(*, actor: Actor, state: str = "") -> QuerySet[SanitisedSummary]:
    """The released summaries the actor may see (withdrawn ones are not offered for citing,
    even to their owner)."""
    qs = access.visible(actor, SanitisedSummary.objects.select_related("owner_state"))
    qs = qs.filter(classification__in=PUBLISHED)
    if state:
        qs = qs.filter(owner_state__iso3=state.upper())
    return qs.order_by("-published_on", "title")
