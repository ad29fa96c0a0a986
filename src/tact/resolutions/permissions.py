"""Who may see and do what with resolutions, recommendations, follow-up and meetings.

Fetch-and-check in one call (`access_<entity>`), or ask (`can_<verb>_<entity>`); views, the
API and services use these instead of deciding by hand. The rules themselves are in
`tact.core.access` and the models' `protection` declarations: resolutions, recommendations
and meetings are public reference records the secretariat keeps; follow-up reports are
classified by their author; evidence and a meeting's parts inherit from their parent.
"""

from __future__ import annotations

from django.db.models import QuerySet

from tact.core import access
from tact.core.access import Actor
from tact.directory.models import Organisation, State
from tact.resolutions.models import Evidence, FollowUp, Meeting, Recommendation, Resolution


def access_resolution(actor: Actor, pk: object) -> Resolution:
    return access.access_record(actor, Resolution.objects.all(), pk)


def access_recommendation(
    actor: Actor, pk: object, *, queryset: QuerySet[Recommendation] | None = None
) -> Recommendation:
    base = queryset if queryset is not None else Recommendation.objects.all()
    return access.access_record(actor, base.select_related("resolution", "parent"), pk)


def access_follow_up(actor: Actor, pk: object, *, for_edit: bool = False) -> FollowUp:
    queryset = FollowUp.objects.select_related(
        "recommendation__resolution", "owner_state", "owner_organisation"
    ).prefetch_related("evidence")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def access_evidence(actor: Actor, pk: object, *, for_edit: bool = False) -> Evidence:
    return access.access_record(
        actor, Evidence.objects.select_related("follow_up"), pk, for_edit=for_edit
    )


def access_meeting(actor: Actor, pk: object, *, for_edit: bool = False) -> Meeting:
    return access.access_record(actor, Meeting.objects.all(), pk, for_edit=for_edit)


def can_import_resolution(actor: Actor) -> bool:
    return access.scope_of(actor).is_secretariat


def can_correct_recommendation(actor: Actor) -> bool:
    """Corrections of codes, addressees, themes and provisions are the secretariat's."""
    return access.scope_of(actor).is_secretariat


def can_manage_meetings(actor: Actor) -> bool:
    return access.scope_of(actor).is_secretariat


def can_report_follow_up(actor: Actor) -> bool:
    """Any role that writes may report; for whom is checked by `can_report_for`."""
    return access.scope_of(actor).can_write_anything


def can_report_for(
    actor: Actor, *, state: State | None = None, organisation: Organisation | None = None
) -> bool:
    return access.can_create_for(
        actor,
        owner_state_id=state.pk if state else None,
        owner_organisation_id=organisation.pk if organisation else None,
    )


def can_edit_follow_up(actor: Actor, follow_up: FollowUp) -> bool:
    return access.can_edit(actor, follow_up)
