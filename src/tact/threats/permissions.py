"""Who may see and change threat assessments (Zulip-style `access_*` / `can_*` helpers).

Everything here rests on `tact.core.access` and the models' declarations: an assessment is
classified (confidential by default); its subjects, ratings, evidence and findings inherit
it. A record the actor may not see is a 404, exactly like a missing one.
"""

from __future__ import annotations

from tact.core import access
from tact.core.access import Actor
from tact.threats.models import (
    Assessment,
    Evidence,
    Finding,
    MethodTemplate,
    Rating,
    SanitisedSummary,
    Subject,
)


def access_assessment(actor: Actor, pk: object, *, for_edit: bool = False) -> Assessment:
    qs = Assessment.objects.select_related(
        "owner_state", "owner_organisation", "region", "template_version__template", "previous"
    )
    return access.access_record(actor, qs, pk, for_edit=for_edit)


def access_template(actor: Actor, pk: object, *, for_edit: bool = False) -> MethodTemplate:
    return access.access_record(actor, MethodTemplate.objects.all(), pk, for_edit=for_edit)


def access_subject(actor: Actor, pk: object, *, for_edit: bool = False) -> Subject:
    qs = Subject.objects.select_related("assessment")
    return access.access_record(actor, qs, pk, for_edit=for_edit)


def access_rating(actor: Actor, pk: object, *, for_edit: bool = False) -> Rating:
    qs = Rating.objects.select_related("assessment__template_version", "subject")
    return access.access_record(actor, qs, pk, for_edit=for_edit)


def access_evidence(actor: Actor, pk: object, *, for_edit: bool = False) -> Evidence:
    qs = Evidence.objects.select_related("rating__assessment")
    return access.access_record(actor, qs, pk, for_edit=for_edit)


def access_finding(actor: Actor, pk: object, *, for_edit: bool = False) -> Finding:
    qs = Finding.objects.select_related("assessment__owner_state", "need")
    return access.access_record(actor, qs, pk, for_edit=for_edit)


def can_create_assessment(
    actor: Actor, *, owner_state_id: int | None, owner_organisation_id: int | None
) -> bool:
    """An assessment always has an owner: a state's focal points, an organisation's members
    or the secretariat create it."""
    if owner_state_id is None and owner_organisation_id is None:
        return access.scope_of(actor).is_secretariat
    return access.can_create_for(
        actor, owner_state_id=owner_state_id, owner_organisation_id=owner_organisation_id
    )


def can_start_assessment(actor: Actor) -> bool:
    """Whether to offer the 'new assessment' button at all."""
    scope = access.scope_of(actor)
    return scope.is_secretariat or (
        bool(scope.state_ids or scope.organisation_ids)
        and (scope.role in {access.Role.FOCAL_POINT, access.Role.DONOR})
    )


def can_edit_assessment(actor: Actor, assessment: Assessment) -> bool:
    return access.can_edit(actor, assessment)


def can_create_template(actor: Actor) -> bool:
    """Method templates are shared method data: the secretariat and focal points make them."""
    scope = access.scope_of(actor)
    return scope.is_secretariat or scope.role == access.Role.FOCAL_POINT


def can_edit_template(actor: Actor, template: MethodTemplate) -> bool:
    return access.can_edit(actor, template)


def can_create_need(actor: Actor, finding: Finding) -> bool:
    """Only the owner state (or the secretariat) turns its finding into an assistance need."""
    state_id = finding.assessment.owner_state_id
    return (
        state_id is not None
        and access.can_edit(actor, finding)
        and access.can_create_for(actor, owner_state_id=state_id)
    )


def access_summary(actor: Actor, pk: object, *, for_edit: bool = False) -> SanitisedSummary:
    """A released sanitised summary, by its own classification (never its assessment's)."""
    qs = SanitisedSummary.objects.select_related("owner_state", "owner_organisation", "finding")
    return access.access_record(actor, qs, pk, for_edit=for_edit)


def can_publish_summary(actor: Actor, finding: Finding) -> bool:
    """Only those who may edit the assessment (its owner, the secretariat) release or withdraw
    a finding's sanitised summary."""
    return access.can_edit(actor, finding)
