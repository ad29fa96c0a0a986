"""Endorsements, question threads, requests to replicate (a need in assistance), digests."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from tact.assistance.models import Need
from tact.core.links import record_ref
from tact.practices import exchange
from tact.practices.models import Subscription
from tact.practices.tests.factories import practice

pytestmark = pytest.mark.django_db


def test_another_state_endorses_once(kenya: Any, mexico: Any, focal_mexico: Any) -> None:
    item = practice(kenya)
    exchange.endorse(actor=focal_mexico, practice=item, state=mexico, applied="Two desks.")
    exchange.endorse(actor=focal_mexico, practice=item, state=mexico, applied="Three desks.")
    assert list(item.endorsements.values_list("state__iso3", "applied")) == [
        ("MEX", "Three desks.")
    ]


@pytest.mark.parametrize("persona", ["focal_kenya", "reader", "evaluator", "secretariat"])
def test_only_focal_points_of_other_states_endorse(
    request: pytest.FixtureRequest, kenya: Any, mexico: Any, persona: str
) -> None:
    item = practice(kenya)
    user = request.getfixturevalue(persona)
    for state in (kenya, mexico):
        with pytest.raises(PermissionDenied):
            exchange.endorse(actor=user, practice=item, state=state, applied="x")
    assert item.endorsements.count() == 0


def test_unpublished_practice_cannot_be_endorsed(
    kenya: Any, mexico: Any, focal_mexico: Any
) -> None:
    item = practice(kenya, status="in_review")
    with pytest.raises(PermissionDenied):
        exchange.endorse(actor=focal_mexico, practice=item, state=mexico, applied="x")


def test_question_thread(kenya: Any, focal_kenya: Any, reader: Any, focal_mexico: Any) -> None:
    item = practice(kenya)
    question = exchange.ask(actor=reader, practice=item, text="How many staff per desk?")
    answer = exchange.ask(actor=focal_kenya, practice=item, text="Two.", parent=question)
    assert answer.parent == question
    # another state's focal point may ask but not answer for Kenya
    with pytest.raises(PermissionDenied):
        exchange.ask(actor=focal_mexico, practice=item, text="Three.", parent=question)
    assert list(item.questions.values_list("text", flat=True)) == [
        "How many staff per desk?",
        "Two.",
    ]


def test_request_to_replicate_creates_one_need(kenya: Any, mexico: Any, focal_mexico: Any) -> None:
    item = practice(kenya, themes=("witness_protection",))
    exchange.request_replication(actor=focal_mexico, practice=item, state=mexico, note="Help")
    exchange.request_replication(actor=focal_mexico, practice=item, state=mexico, note="Help!")
    needs = Need.objects.filter(source_ref=record_ref(item))
    assert [(n.state.iso3, n.description, n.classification) for n in needs] == [
        ("MEX", "Help!", "restricted")
    ]
    assert item.replication_requests.get().need_ref == record_ref(needs.get())


def test_digest_mails_new_public_records_only(kenya: Any, focal_mexico: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    focal_mexico.email = "mx@example.org"
    focal_mexico.save()
    exchange.subscribe(actor=focal_mexico, target="state", value="KEN")
    Subscription.objects.update(created_at="2000-01-01T00:00:00Z")
    practice(kenya, title="Public desks")
    practice(kenya, title="Restricted desks", restricted=True)
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert "Public desks" in mail.outbox[0].body
    assert "Restricted desks" not in mail.outbox[0].body
    # nothing new: no second mail
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
