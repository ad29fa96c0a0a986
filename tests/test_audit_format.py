"""One audit format for every write (issue 18, item 8): [before, after] per field, actor,
time and request id, for creates, updates and deletes alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client

from tact.core.models import AuditEntry

REQUEST_ID = "probe-0123456789"


def _pairs(entry: AuditEntry) -> bool:
    return all(isinstance(v, list) and len(v) == 2 for v in entry.changes.values())


def test_a_create_through_the_api_is_audited_with_fields_actor_and_request_id(
    secretariat: Any, token_for: Any
) -> None:
    response = Client().post(
        "/api/v1/contacts",
        {"name": "Ms Wanjiru", "state": "KEN", "position": "Prosecutor"},
        content_type="application/json",
        HTTP_X_REQUEST_ID=REQUEST_ID,
        **token_for(secretariat),
    )
    assert response.status_code in {200, 201}, response.content
    assert response["X-Request-ID"] == REQUEST_ID
    entry = AuditEntry.objects.exclude(action__startswith="accounts.").latest("pk")
    assert entry.actor == secretariat
    assert entry.at is not None
    assert entry.request_id == REQUEST_ID
    assert _pairs(entry)
    assert entry.changes["name"] == [None, "Ms Wanjiru"]
    assert entry.changes["position"] == [None, "Prosecutor"]


def test_a_delete_is_audited_with_the_record_before(
    secretariat: Any, token_for: Any, kenya: Any, settings: Any, tmp_path: Path
) -> None:
    from tact.core.access import SYSTEM
    from tact.legislation.services import import_law

    settings.MEDIA_ROOT = tmp_path
    law = import_law(
        actor=SYSTEM,
        state=kenya,
        data=b"Section 1. Title\nThis Act may be cited as the Test Act.\n",
        filename="t.txt",
        language="en",
        text_type="law",
        title="Test Act",
    ).legal_text
    response = Client().delete(f"/api/v1/legislation/laws/{law.pk}", **token_for(secretariat))
    assert response.status_code == 204
    entry = AuditEntry.objects.get(action="legislation.law_deleted")
    assert entry.request_id == response["X-Request-ID"]
    assert len(entry.request_id) == 32
    assert _pairs(entry)
    assert entry.changes["title"] == ["Test Act", None]


def test_an_update_keeps_before_and_after_and_a_bad_request_id_is_replaced(
    secretariat: Any, token_for: Any
) -> None:
    from tact.directory.models import Contact

    client = Client()
    auth = token_for(secretariat)
    created = client.post(
        "/api/v1/contacts",
        {"name": "Mr Otieno", "state": "KEN"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code in {200, 201}
    contact = Contact.objects.get(name="Mr Otieno")
    from tact.directory.services import contact_update

    contact_update(actor=secretariat, contact=contact, position="Judge")
    entry = AuditEntry.objects.filter(target_id=str(contact.pk)).latest("pk")
    assert entry.changes == {"position": ["", "Judge"]}
    response = client.get("/api/v1/me", HTTP_X_REQUEST_ID="<script>", **auth)
    assert response["X-Request-ID"] != "<script>"
