"""Writes to good practices: create, edit, evidence, and the review workflow.

draft -> submitted -> in review -> published, or in review -> returned -> submitted again.
Every transition is checked by :mod:`tact.practices.permissions`, runs in a transaction and
is audited (``practice.submit``, ``practice.review``, ``practice.return``,
``practice.publish``) with the status before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.core.links import record_ref, resolve_ref
from tact.core.models import Classification
from tact.directory.models import Organisation, State
from tact.practices import permissions
from tact.practices.models import (
    REVIEWABLE_FIELDS,
    GoodPractice,
    PracticeEvidence,
    PracticeTranslation,
    ReviewComment,
    SourceKind,
    Status,
)
from tact.search.documents import index_records

TEXT_FIELDS = (
    "title",
    "summary",
    "context",
    "problem",
    "actions",
    "results",
    "cost",
    "transferability",
    "contacts",
    "language",
    "restrict_when_published",
)


def _relations(
    practice: GoodPractice,
    *,
    states: Iterable[State] | None,
    organisations: Iterable[Organisation] | None,
    themes: Iterable[Theme] | None,
    provisions: Iterable[Provision] | None,
) -> None:
    if states is not None:
        practice.states.set(list(states))
    if organisations is not None:
        practice.organisations.set(list(organisations))
    if themes is not None:
        practice.themes.set(list(themes))
    if provisions is not None:
        practice.provisions.set(list(provisions))


@transaction.atomic
def practice_create(
    *,
    actor: Actor,
    values: dict[str, Any],
    owner_state: State | None = None,
    owner_organisation: Organisation | None = None,
    source_kind: str = SourceKind.SUBMISSION,
    source_ref: str = "",
    states: Iterable[State] | None = None,
    organisations: Iterable[Organisation] | None = None,
    themes: Iterable[Theme] | None = None,
    provisions: Iterable[Provision] | None = None,
) -> GoodPractice:
    """A new draft, confidential to its submitter's side until it is published."""
    if not access.can_create_for(
        actor,
        owner_state_id=owner_state.pk if owner_state else None,
        owner_organisation_id=owner_organisation.pk if owner_organisation else None,
    ):
        raise PermissionDenied(_("You may not submit practices for this state or organisation."))
    practice = GoodPractice(
        **{k: v for k, v in values.items() if k in TEXT_FIELDS},
        owner_state=owner_state,
        owner_organisation=owner_organisation,
        source_kind=source_kind,
        source_ref=source_ref,
        classification=Classification.CONFIDENTIAL,
        created_by=access.author_of(actor),
    )
    practice.full_clean()
    practice.save()
    _relations(
        practice,
        states=states if states is not None else ([owner_state] if owner_state else None),
        organisations=organisations,
        themes=themes,
        provisions=provisions,
    )
    audit_log(actor=actor, action="practice.create", target=practice, changes={})
    return practice


@transaction.atomic
def practice_update(
    *,
    actor: Actor,
    practice: GoodPractice,
    values: dict[str, Any],
    states: Iterable[State] | None = None,
    organisations: Iterable[Organisation] | None = None,
    themes: Iterable[Theme] | None = None,
    provisions: Iterable[Provision] | None = None,
) -> GoodPractice:
    if not permissions.can_edit_practice(actor, practice):
        raise PermissionDenied(_("This practice cannot be changed now."))
    before = snapshot(practice)
    for key, value in values.items():
        if key in TEXT_FIELDS:
            setattr(practice, key, value)
    practice.full_clean()
    practice.save()
    _relations(
        practice, states=states, organisations=organisations, themes=themes, provisions=provisions
    )
    audit_log(
        actor=actor,
        action="practice.update",
        target=practice,
        changes=diff(before, snapshot(practice)),
    )
    return practice


def _transition(
    actor: Actor, practice: GoodPractice, status: str, action: str, **extra: Any
) -> GoodPractice:
    before = snapshot(practice)
    practice.status = status
    for key, value in extra.items():
        setattr(practice, key, value)
    practice.save()
    audit_log(actor=actor, action=action, target=practice, changes=diff(before, snapshot(practice)))
    # m2m facets were set after the first save: index the final state of the record
    index_records([practice])
    return practice


@transaction.atomic
def practice_submit(*, actor: Actor, practice: GoodPractice) -> GoodPractice:
    if not permissions.can_submit_practice(actor, practice):
        raise PermissionDenied(_("This practice cannot be submitted now."))
    practice.full_clean()
    return _transition(
        actor, practice, Status.SUBMITTED, "practice.submit", submitted_at=timezone.now()
    )


@transaction.atomic
def practice_start_review(*, actor: Actor, practice: GoodPractice) -> GoodPractice:
    if not permissions.can_start_review(actor, practice):
        raise PermissionDenied(_("Only the secretariat reviews submitted practices."))
    reviewer = access.author_of(actor)
    return _transition(actor, practice, Status.IN_REVIEW, "practice.review", reviewer=reviewer)


@transaction.atomic
def practice_comment(
    *, actor: Actor, practice: GoodPractice, field: str, text: str
) -> ReviewComment:
    """A reviewer's comment on one field (starts the review if it had not started)."""
    if not permissions.can_comment_practice(actor, practice):
        raise PermissionDenied(_("Only the secretariat comments on practices in review."))
    text = text.strip()
    if field not in REVIEWABLE_FIELDS:
        raise ValidationError({"field": _("Choose a field of the practice.")})
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if practice.status == Status.SUBMITTED:
        practice_start_review(actor=actor, practice=practice)
    comment = ReviewComment.objects.create(
        practice=practice, field=field, text=text[:4000], author=access.author_of(actor)
    )
    audit_log(
        actor=actor,
        action="practice.comment",
        target=practice,
        changes={"comment": [None, f"{field}: {comment.text}"]},
    )
    return comment


@transaction.atomic
def practice_return(*, actor: Actor, practice: GoodPractice) -> GoodPractice:
    """Back to the submitter with the open comments (at least one is needed)."""
    if not permissions.can_decide_practice(actor, practice):
        raise PermissionDenied(_("Only the secretariat returns practices in review."))
    if not practice.review_comments.filter(resolved=False).exists():
        raise ValidationError(_("Comment on at least one field before returning the practice."))
    return _transition(actor, practice, Status.RETURNED, "practice.return")


@transaction.atomic
def practice_publish(*, actor: Actor, practice: GoodPractice) -> GoodPractice:
    """Published: public, or restricted if the submitter asked; open comments are resolved."""
    if not permissions.can_decide_practice(actor, practice):
        raise PermissionDenied(_("Only the secretariat publishes practices in review."))
    practice.review_comments.filter(resolved=False).update(resolved=True)
    classification = (
        Classification.RESTRICTED if practice.restrict_when_published else Classification.PUBLIC
    )
    return _transition(
        actor,
        practice,
        Status.PUBLISHED,
        "practice.publish",
        classification=classification,
        published_at=timezone.now(),
    )


@transaction.atomic
def evidence_add(
    *, actor: Actor, practice: GoodPractice, ref: str, note: str = ""
) -> PracticeEvidence:
    """Link a tact record the actor may see (``app.model:pk``) as evidence."""
    if not permissions.can_edit_practice(actor, practice):
        raise PermissionDenied(_("This practice cannot be changed now."))
    target = resolve_ref(actor, ref)
    if target is None:
        raise ValidationError({"ref": _("No record you may see has this reference.")})
    evidence, created = PracticeEvidence.objects.get_or_create(
        practice=practice, record_ref=record_ref(target), defaults={"note": note[:300]}
    )
    if created:
        audit_log(
            actor=actor,
            action="practice.evidence_add",
            target=practice,
            changes={"evidence": [None, evidence.record_ref]},
        )
    return evidence


@transaction.atomic
def translation_save(
    *, actor: Actor, practice: GoodPractice, language: str, values: dict[str, str]
) -> PracticeTranslation:
    if not (access.can_edit(actor, practice)):
        raise PermissionDenied(_("You may not change this record."))
    if language == practice.language:
        raise ValidationError({"language": _("This is the original language.")})
    translation, _created = PracticeTranslation.objects.update_or_create(
        practice=practice,
        language=language,
        defaults={k: values.get(k, "") for k in ("title", "summary", "actions", "results")},
    )
    translation.full_clean()
    audit_log(
        actor=actor,
        action="practice.translate",
        target=practice,
        changes={"translation": [None, language]},
    )
    return translation
