"""Who may see and change training records (Zulip-style helpers on `tact.core.access`).

Programmes and sessions are classified records; courses, participants, attendance, scores,
surveys and certificates inherit from their programme or session. On top of that, a
participant's name is personal data: only the secretariat and the session's organiser see it,
even where the rest of the roster is visible.
"""

from __future__ import annotations

from typing import Any

from tact.core import access
from tact.core.access import Actor
from tact.training.models import Participant, Programme, Session


def access_programme(actor: Actor, pk: Any, *, for_edit: bool = False) -> Programme:
    queryset = Programme.objects.select_related("project", "implementer")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def access_session(actor: Actor, pk: Any, *, for_edit: bool = False) -> Session:
    queryset = Session.objects.select_related("course__programme", "state", "organiser")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def access_participant(actor: Actor, pk: Any, *, for_edit: bool = False) -> Participant:
    queryset = Participant.objects.select_related("session__course__programme", "state")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def can_create_programme(actor: Actor) -> bool:
    """Any role that writes starts a programme (owned by its state or organisation, or by
    the evaluator as author; the service checks the owner chosen)."""
    return access.scope_of(actor).can_write_anything


def can_add_session(actor: Actor, programme: Programme) -> bool:
    """The "New session" button: a writer who sees the programme (`can_create_session_for`
    checks the host state chosen)."""
    return access.scope_of(actor).can_write_anything and access.can_view(actor, programme)


def can_edit_programme(actor: Actor, programme: Programme) -> bool:
    return access.can_edit(actor, programme)


def can_edit_session(actor: Actor, session: Session) -> bool:
    return access.can_edit(actor, session)


def can_see_names(actor: Actor, session: Session) -> bool:
    """Participants' names: the secretariat and the session's organiser only."""
    scope = access.scope_of(actor)
    if scope.is_secretariat:
        return True
    return (
        scope.user_id is not None
        and session.organiser_id == scope.user_id
        and access.can_view(actor, session)
    )


def can_create_session_for(actor: Actor, programme: Programme, owner_state_id: int | None) -> bool:
    """A session may be added by whoever may see the programme and create records for the
    host state (a focal point runs sessions in their own state)."""
    return access.can_view(actor, programme) and access.can_create_for(
        actor, owner_state_id=owner_state_id
    )
