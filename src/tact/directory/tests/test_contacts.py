from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.directory.models import Contact

pytestmark = pytest.mark.django_db


def test_focal_point_adds_a_contact_through_the_page(client: Client, focal_kenya: Any) -> None:
    client.force_login(focal_kenya)
    response = client.post(
        "/en/directory/states/KEN/contacts/new/",
        {"name": "Achieng Odhiambo", "classification": "confidential", "language": "en"},
    )
    contact = Contact.objects.get(name="Achieng Odhiambo")
    assert response.status_code == 302
    assert contact.owner_state is not None and contact.owner_state.iso3 == "KEN"
    assert contact.created_by == focal_kenya


def test_focal_point_cannot_add_a_contact_for_another_state(
    client: Client, focal_mexico: Any
) -> None:
    client.force_login(focal_mexico)
    response = client.post(
        "/en/directory/states/KEN/contacts/new/", {"name": "x", "classification": "public"}
    )
    assert response.status_code == 403
    assert Contact.objects.count() == 0


def test_contact_form_shows_clear_errors(client: Client, focal_kenya: Any) -> None:
    client.force_login(focal_kenya)
    response = client.post(
        "/en/directory/states/KEN/contacts/new/",
        {"name": "", "email": "not-an-email", "classification": "public"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in body
    assert "Enter a valid email address." in body
    assert Contact.objects.count() == 0


def test_api_creates_a_contact_with_a_token(
    client: Client, focal_kenya: Any, token_for: Any
) -> None:
    response = client.post(
        "/api/v1/contacts",
        {"name": "Api Person", "state": "KEN", "classification": "restricted"},
        content_type="application/json",
        **token_for(focal_kenya),
    )
    assert response.status_code == 201
    assert response.json()["state"] == "KEN"


def test_api_refuses_a_contact_for_another_state(
    client: Client, focal_mexico: Any, token_for: Any
) -> None:
    response = client.post(
        "/api/v1/contacts",
        {"name": "Api Person", "state": "KEN"},
        content_type="application/json",
        **token_for(focal_mexico),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert Contact.objects.count() == 0


def test_api_write_needs_authentication(client: Client) -> None:
    response = client.post(
        "/api/v1/contacts", {"name": "x", "state": "KEN"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_api_validation_error_body(client: Client, focal_kenya: Any, token_for: Any) -> None:
    response = client.post(
        "/api/v1/contacts",
        {"state": "KEN"},
        content_type="application/json",
        **token_for(focal_kenya),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"


def test_focal_point_adds_an_agency_of_its_state_only(
    client: Client, focal_kenya: Any, kenya: Any, mexico: Any
) -> None:
    from tact.directory.models import Organisation

    client.force_login(focal_kenya)
    data = {"name": "Witness Protection Agency", "kind": "government_agency", "language": "en"}
    ok = client.post("/en/directory/organisations/new/", {**data, "state": kenya.pk})
    refused = client.post("/en/directory/organisations/new/", {**data, "state": mexico.pk})
    assert ok.status_code == 302
    assert refused.status_code == 200
    assert "only for your own states" in refused.content.decode()
    assert list(Organisation.objects.values_list("state__iso3", flat=True)) == ["KEN"]


def test_reader_cannot_add_organisations(client: Client, reader: Any) -> None:
    client.force_login(reader)
    assert client.get("/en/directory/organisations/new/").status_code == 403
