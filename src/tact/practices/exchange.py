"""Exchange around a published practice: endorsements, question threads, requests to replicate
it (a need in assistance) and subscriptions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tact.assistance.models import Need
from tact.assistance.services import need_upsert
from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log
from tact.core.links import record_ref
from tact.directory.models import State
from tact.practices import permissions
from tact.practices.models import (
    Endorsement,
    GoodPractice,
    Question,
    ReplicationRequest,
    Subscription,
)


def _own_state(actor: Actor, practice: GoodPractice, state: State) -> None:
    if state.pk not in permissions.endorsing_states(actor, practice):
        raise PermissionDenied(
            _("Only focal points of another state may do this for a published practice.")
        )


@transaction.atomic
def endorse(
    *, actor: Actor, practice: GoodPractice, state: State, applied: str, result: str = ""
) -> Endorsement:
    """ "We applied it": one endorsement per state, updated when given again."""
    _own_state(actor, practice, state)
    if not applied.strip():
        raise ValidationError({"applied": _("Say how your state applied the practice.")})
    endorsement, created = Endorsement.objects.update_or_create(
        practice=practice,
        state=state,
        defaults={
            "applied": applied.strip()[:4000],
            "result": result.strip()[:4000],
            "author": access.author_of(actor),
        },
    )
    audit_log(
        actor=actor,
        action="practice.endorse",
        target=practice,
        changes={"endorsement": [None, state.iso3]} if created else {},
    )
    return endorsement


@transaction.atomic
def ask(
    *, actor: Actor, practice: GoodPractice, text: str, parent: Question | None = None
) -> Question:
    """A question, or with *parent* an answer in its thread (the submitter or the secretariat)."""
    if parent is not None and parent.practice_id != practice.pk:
        raise ValidationError(_("This answer belongs to another practice."))
    allowed = (
        permissions.can_answer_question(actor, practice)
        if parent is not None
        else permissions.can_ask_question(actor, practice)
    )
    if not allowed:
        raise PermissionDenied(_("You may not write in this thread."))
    if not text.strip():
        raise ValidationError({"text": _("Write something first.")})
    question = Question.objects.create(
        practice=practice,
        parent=parent.parent or parent if parent else None,
        text=text.strip()[:4000],
        author=access.author_of(actor),
    )
    audit_log(
        actor=actor,
        action="practice.answer" if parent else "practice.question",
        target=practice,
        changes={"text": [None, question.text[:200]]},
    )
    return question


@transaction.atomic
def request_replication(
    *, actor: Actor, practice: GoodPractice, state: State, note: str = ""
) -> ReplicationRequest:
    """Ask for assistance to replicate the practice: records a need of *state* in assistance
    (the same need again when asked twice)."""
    _own_state(actor, practice, state)
    need, _created = need_upsert(
        actor=actor,
        state=state,
        title=_("Replicate the practice: %(title)s") % {"title": practice.title},
        description=note.strip(),
        themes=practice.themes.all(),
        provisions=practice.provisions.all(),
        source=Need.Source.OTHER,
        source_ref=record_ref(practice),
        classification="restricted",
    )
    request, _new = ReplicationRequest.objects.update_or_create(
        practice=practice,
        state=state,
        defaults={
            "note": note.strip()[:4000],
            "need_ref": record_ref(need),
            "author": access.author_of(actor),
        },
    )
    audit_log(
        actor=actor,
        action="practice.replicate",
        target=practice,
        changes={"need": [None, request.need_ref]},
    )
    return request


# --- subscriptions ---------------------------------------------------------------------------


def subscribe(*, actor: Actor, target: str, value: str) -> Subscription:
    if not access.scope_of(actor).authenticated or getattr(actor, "pk", None) is None:
        raise PermissionDenied(_("Sign in to follow records."))
    if target not in Subscription.Target.values or not value.strip():
        raise ValidationError(_("Choose what to follow."))
    subscription, _created = Subscription.objects.get_or_create(
        user=actor, target=target, value=value.strip()[:80]
    )
    return subscription


def unsubscribe(*, actor: Actor, pk: int) -> None:
    user_id = getattr(actor, "pk", None)
    if user_id is not None:
        Subscription.objects.filter(user_id=user_id, pk=pk).delete()
