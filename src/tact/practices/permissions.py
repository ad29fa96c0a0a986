"""Who may do what with a good practice (fetch-and-check helpers, Zulip style).

Visibility is the access base's: a practice is confidential to its submitter's side (owner
state or organisation, author) and the secretariat until published, then public or, if the
submitter asked, restricted.  On top of that, the workflow decides:

=====================  ==============================================================
action                 who, when
=====================  ==============================================================
edit, submit           the submitter's side (or the secretariat), in draft or returned
start review, comment  the secretariat, once submitted / in review
return, publish        the secretariat, in review
endorse, replicate     a focal point of another state than the owner, once published
ask a question         any signed-in user who sees the published practice
answer                 the submitter's side or the secretariat
=====================  ==============================================================
"""

from __future__ import annotations

from tact.core import access
from tact.core.access import Actor, scope_of
from tact.practices.models import GoodPractice, Status


def access_practice(actor: Actor, pk: object, *, for_edit: bool = False) -> GoodPractice:
    """The practice if *actor* may see it (404 otherwise); with *for_edit*, 403 if read-only."""
    return access.access_record(actor, GoodPractice.objects.all(), pk, for_edit=for_edit)


def is_reviewer(actor: Actor) -> bool:
    return scope_of(actor).is_secretariat


def can_create_practice(actor: Actor) -> bool:
    """Any role that writes drafts a practice (for its side: state, organisation or self)."""
    return scope_of(actor).can_write_anything


def can_edit_practice(actor: Actor, practice: GoodPractice) -> bool:
    return practice.status in {Status.DRAFT, Status.RETURNED} and access.can_edit(actor, practice)


def can_submit_practice(actor: Actor, practice: GoodPractice) -> bool:
    return can_edit_practice(actor, practice)


def can_start_review(actor: Actor, practice: GoodPractice) -> bool:
    return is_reviewer(actor) and practice.status == Status.SUBMITTED


def can_comment_practice(actor: Actor, practice: GoodPractice) -> bool:
    return is_reviewer(actor) and practice.status in {Status.SUBMITTED, Status.IN_REVIEW}


def can_decide_practice(actor: Actor, practice: GoodPractice) -> bool:
    """Return or publish."""
    return is_reviewer(actor) and practice.status == Status.IN_REVIEW


def can_see_review(actor: Actor, practice: GoodPractice) -> bool:
    """Review comments are between the submitter's side and the secretariat."""
    return is_reviewer(actor) or access.can_edit(actor, practice)


def endorsing_states(actor: Actor, practice: GoodPractice) -> list[int]:
    """The states *actor* may endorse or request replication for: their own, not the owner."""
    scope = scope_of(actor)
    if practice.status != Status.PUBLISHED or scope.role != access.Role.FOCAL_POINT:
        return []
    if not access.can_view(actor, practice):
        return []
    return sorted(s for s in scope.state_ids if s != practice.owner_state_id)


def can_endorse_practice(actor: Actor, practice: GoodPractice) -> bool:
    return bool(endorsing_states(actor, practice))


def can_ask_question(actor: Actor, practice: GoodPractice) -> bool:
    return (
        scope_of(actor).authenticated
        and practice.status == Status.PUBLISHED
        and access.can_view(actor, practice)
    )


def can_answer_question(actor: Actor, practice: GoodPractice) -> bool:
    return practice.status == Status.PUBLISHED and (
        is_reviewer(actor) or access.can_edit(actor, practice)
    )
