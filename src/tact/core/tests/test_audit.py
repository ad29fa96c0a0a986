from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.audit import history_for
from tact.core.models import AuditEntry
from tact.directory import services

pytestmark = pytest.mark.django_db


def test_every_change_is_recorded_with_who_and_what(kenya: Any, focal_kenya: Any) -> None:
    # given
    contact = services.contact_create(actor=focal_kenya, state=kenya, name="Wanjiru")
    # when
    services.contact_update(actor=focal_kenya, contact=contact, position="Prosecutor")
    # then
    entries = list(history_for(contact))
    assert [e.action for e in entries] == ["contact.update", "contact.create"]
    assert entries[0].actor == focal_kenya
    assert entries[0].changes == {"position": ["", "Prosecutor"]}


def test_history_page_lists_changes(client: Client, kenya: Any, focal_kenya: Any) -> None:
    contact = services.contact_create(actor=focal_kenya, state=kenya, name="Wanjiru")
    services.contact_update(actor=focal_kenya, contact=contact, position="Prosecutor")
    client.force_login(focal_kenya)
    page = client.get(f"/en/history/directory/contact/{contact.pk}/").content.decode()
    assert "contact.update" in page
    assert "Prosecutor" in page


def test_rejected_change_writes_no_audit_entry(
    kenya: Any, focal_kenya: Any, focal_mexico: Any
) -> None:
    contact = services.contact_create(actor=focal_kenya, state=kenya, name="Wanjiru")
    before = AuditEntry.objects.count()
    with pytest.raises(Exception, match="may not"):
        services.contact_update(actor=focal_mexico, contact=contact, name="x")
    assert AuditEntry.objects.count() == before
