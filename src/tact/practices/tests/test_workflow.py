"""The review workflow and who may do what, per persona; every transition is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tact.core.audit import history_for
from tact.core.models import Classification
from tact.practices import permissions, services
from tact.practices.models import Status
from tact.practices.tests.factories import practice

pytestmark = pytest.mark.django_db


def draft_of(kenya: Any, focal_kenya: Any) -> Any:
    return practice(kenya, status="draft", actor=focal_kenya)


def test_full_cycle_with_return_and_audit(kenya: Any, focal_kenya: Any, secretariat: Any) -> None:
    # given a Kenyan draft
    item = draft_of(kenya, focal_kenya)
    assert item.classification == Classification.CONFIDENTIAL
    # when it goes through submit, review with a comment, return, resubmit, publish
    services.practice_submit(actor=focal_kenya, practice=item)
    services.practice_comment(actor=secretariat, practice=item, field="results", text="Figures?")
    assert item.status == Status.IN_REVIEW
    services.practice_return(actor=secretariat, practice=item)
    assert item.status == Status.RETURNED
    services.practice_update(actor=focal_kenya, practice=item, values={"results": "40% fewer"})
    services.practice_submit(actor=focal_kenya, practice=item)
    services.practice_start_review(actor=secretariat, practice=item)
    services.practice_publish(actor=secretariat, practice=item)
    # then it is public, the comment is resolved, and each transition is in the history
    item.refresh_from_db()
    assert (item.status, item.classification) == (Status.PUBLISHED, Classification.PUBLIC)
    assert list(item.review_comments.values_list("resolved", flat=True)) == [True]
    actions = [e.action for e in history_for(item)]
    for action in (
        "practice.create",
        "practice.submit",
        "practice.review",
        "practice.comment",
        "practice.return",
        "practice.update",
        "practice.publish",
    ):
        assert action in actions
    submit = next(e for e in history_for(item) if e.action == "practice.return")
    assert submit.changes["status"] == ["in_review", "returned"]


def test_restricted_on_request_when_published(kenya: Any) -> None:
    item = practice(kenya, restricted=True)
    assert item.classification == Classification.RESTRICTED


@pytest.mark.parametrize(
    ("persona", "may_edit"),
    [
        ("secretariat", True),
        ("focal_kenya", True),
        ("focal_mexico", False),
        ("donor_nl", False),
        ("evaluator", False),
        ("reader", False),
    ],
)
def test_who_sees_and_edits_a_draft(
    request: pytest.FixtureRequest, kenya: Any, focal_kenya: Any, persona: str, may_edit: bool
) -> None:
    item = draft_of(kenya, focal_kenya)
    user = request.getfixturevalue(persona)
    if may_edit:
        assert permissions.access_practice(user, item.pk) == item
        assert permissions.can_submit_practice(user, item)
    else:
        # confidential until published: not even its existence shows
        with pytest.raises(Http404):
            permissions.access_practice(user, item.pk)
        with pytest.raises(PermissionDenied):
            services.practice_submit(actor=user, practice=item)
        item.refresh_from_db()
        assert item.status == Status.DRAFT


@pytest.mark.parametrize("persona", ["focal_kenya", "focal_mexico", "evaluator", "reader"])
def test_only_the_secretariat_reviews(
    request: pytest.FixtureRequest, kenya: Any, focal_kenya: Any, persona: str
) -> None:
    item = practice(kenya, status="submitted", actor=focal_kenya)
    user = request.getfixturevalue(persona)
    for step in (services.practice_start_review, services.practice_publish):
        with pytest.raises(PermissionDenied):
            step(actor=user, practice=item)
    with pytest.raises(PermissionDenied):
        services.practice_comment(actor=user, practice=item, field="title", text="x")
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    assert item.review_comments.count() == 0


def test_return_needs_a_comment_and_changes_nothing_without(
    kenya: Any, focal_kenya: Any, secretariat: Any
) -> None:
    item = practice(kenya, status="in_review", actor=focal_kenya)
    with pytest.raises(ValidationError):
        services.practice_return(actor=secretariat, practice=item)
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_comment_on_unknown_field_is_refused(kenya: Any, secretariat: Any) -> None:
    item = practice(kenya, status="in_review")
    with pytest.raises(ValidationError):
        services.practice_comment(actor=secretariat, practice=item, field="budget", text="x")
    assert item.review_comments.count() == 0


def test_published_practice_cannot_be_edited(kenya: Any, focal_kenya: Any) -> None:
    item = practice(kenya, actor=focal_kenya)
    with pytest.raises(PermissionDenied):
        services.practice_update(actor=focal_kenya, practice=item, values={"title": "changed"})
    item.refresh_from_db()
    assert item.title != "changed"


def test_focal_point_cannot_submit_for_another_state(mexico: Any, focal_kenya: Any) -> None:
    with pytest.raises(PermissionDenied):
        practice(mexico, status="draft", actor=focal_kenya)


def test_evidence_must_be_a_record_the_submitter_sees(
    kenya: Any, mexico: Any, focal_kenya: Any, secretariat: Any
) -> None:
    item = draft_of(kenya, focal_kenya)
    hidden = practice(mexico, status="draft", actor=secretariat)  # Mexico's confidential draft
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=focal_kenya, practice=item, ref=f"practices.goodpractice:{hidden.pk}"
        )
    assert item.evidence.count() == 0
    services.evidence_add(actor=focal_kenya, practice=item, ref="catalog.provision:24")
    assert list(item.evidence.values_list("record_ref", flat=True)) == ["catalog.provision:24"]
