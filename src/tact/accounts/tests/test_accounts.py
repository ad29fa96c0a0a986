from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from tact.accounts.models import ApiToken, User
from tact.accounts.services import token_authenticate, token_create, token_revoke, user_create

pytestmark = pytest.mark.django_db


def test_login_logout_and_password_change(client: Client, reader: Any) -> None:
    response = client.post(
        "/en/accounts/login/", {"username": "reader", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    assert client.get("/en/accounts/profile/").status_code == 200
    response = client.post(
        "/en/accounts/password/",
        {
            "old_password": "pw-for-tests-1",
            "new_password1": "a-much-longer-pass-42",
            "new_password2": "a-much-longer-pass-42",
        },
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password("a-much-longer-pass-42")
    client.post("/en/accounts/logout/")
    assert client.get("/en/accounts/profile/").status_code == 302


def test_wrong_password_gets_a_clear_message(client: Client, reader: Any) -> None:
    response = client.post("/en/accounts/login/", {"username": "reader", "password": "nope"})
    assert "did not match" in response.content.decode()


def test_token_authenticates_until_revoked(reader: Any) -> None:
    token, key = token_create(actor=reader, user=reader, name="laptop")
    assert token_authenticate(key) == reader
    assert token.key_hash != key  # only a hash is stored
    token_revoke(actor=reader, token=token)
    assert token_authenticate(key) is None


def test_api_me_with_token_and_without(
    client: Client, focal_kenya: Any, token_for: Any, kenya: Any
) -> None:
    data = client.get("/api/v1/me", **token_for(focal_kenya)).json()
    assert data == {
        "username": "focal_kenya",
        "role": "focal_point",
        "states": ["KEN"],
        "state_ids": [kenya.pk],
        "organisations": [],
    }
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer tact_bogus").status_code == 401


def test_profile_page_creates_a_token_shown_once(client: Client, reader: Any) -> None:
    client.force_login(reader)
    client.post("/en/accounts/tokens/new/", {"name": "script"})
    first = client.get("/en/accounts/profile/").content.decode()
    second = client.get("/en/accounts/profile/").content.decode()
    assert ApiToken.objects.filter(user=reader).count() == 1
    assert 'id="new-token"' in first
    assert 'id="new-token"' not in second


def test_focal_point_needs_a_state() -> None:
    with pytest.raises(ValidationError, match="at least one state"):
        user_create(actor=None, username="x", password="pw", role="focal_point")
    assert not User.objects.filter(username="x").exists()


def test_createuser_command_binds_states(kenya: Any) -> None:
    call_command("createuser", "fp", "--role", "focal_point", "--state", "KEN", "--no-password")
    user = User.objects.get(username="fp")
    assert list(user.state_memberships.values_list("state__iso3", flat=True)) == ["KEN"]


def test_createuser_command_reports_unknown_state() -> None:
    with pytest.raises(CommandError, match="No state matches ZZZ"):
        call_command("createuser", "fp", "--role", "focal_point", "--state", "ZZZ", "--no-password")
