"""The history page reads as prose: field labels, related records by name (hidden ones as
"a record you may not see"), choice labels and translated action names."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.core.audit import audit_log
from tact.directory.models import Contact, Organisation
from tact.site.history import action_label

pytestmark = pytest.mark.django_db


def test_action_names_are_translated_verbs() -> None:
    assert action_label("evaluation.finding.create") == "Created"
    assert action_label("legislation.mapping_deleted") == "Deleted"
    assert action_label("contact.update") == "Changed"


def test_history_shows_labels_and_names_not_ids(kenya: Any, reader: Any, secretariat: Any) -> None:
    organisation = Organisation.objects.create(name="Kenya Police Service", kind="agency")
    contact = Contact.objects.create(
        name="Public contact", state=kenya, owner_state=kenya, classification="public"
    )
    audit_log(
        actor=SYSTEM,
        action="directory.contact.update",
        target=contact,
        changes={
            "organisation": [None, organisation.pk],
            "classification": ["restricted", "public"],
            "created_by": [None, secretariat.pk],
        },
    )
    client = Client()
    client.force_login(reader)
    html = client.get(f"/en/history/directory/contact/{contact.pk}/").content.decode()
    assert "Kenya Police Service" in html
    assert "Organisation" in html or "organisation" in html
    assert "Public</bdi>" in html and "Restricted</bdi>" in html
    assert "Changed" in html
    # A user account is the secretariat's: a reader sees that something is there, not who.
    assert "a record you may not see" in html
    assert f"→</span> <bdi>{secretariat.pk}</bdi>" not in html
    assert '<span class="arrow" aria-hidden="true">→</span> <bdi>' in html  # the form it would take
