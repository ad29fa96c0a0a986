"""Viewers kept per site version (tact.accounts.viewers): a kept session user or token owner
costs no query of accounts, and every change of who a viewer is or what it may see (a state
taken away, a role, a deactivation, a password, a revoked or deleted token) shows on the very
next request."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone

from tact.accounts import viewers
from tact.accounts.models import StateMembership, User
from tact.accounts.services import token_create, token_revoke

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("viewer_cache_on")]

ME = "/api/v1/me"
NEW_PASSWORD = "a-much-longer-pass-42"


@contextmanager
def _queries() -> Iterator[list[str]]:
    """The SQL run inside (CaptureQueriesContext loses what a test client's request runs:
    each request's start empties the connection's log)."""
    seen: list[str] = []

    def record(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        seen.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        yield seen


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(user: Any) -> tuple[Any, dict[str, str]]:
    token, key = token_create(actor=user, user=user, name="script")
    return token, {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_kept_viewer_costs_no_query_of_accounts(focal_kenya: Any) -> None:
    session = _signed_in(focal_kenya)
    token, headers = _token(focal_kenya)
    for _ in range(2):
        assert session.get(ME).json()["states"] == ["KEN"]
        assert Client().get(ME, **headers).json()["states"] == ["KEN"]
    with _queries() as seen:
        assert session.get(ME).json()["states"] == ["KEN"]
        assert Client().get(ME, **headers).json()["states"] == ["KEN"]
    assert not [sql for sql in seen if "accounts_" in sql]
    token.refresh_from_db()
    assert token.last_used_at is not None  # a kept token still records its use


def test_a_state_taken_away_and_a_new_role_show_on_the_next_request(
    focal_kenya: Any, committed: Any
) -> None:
    session = _signed_in(focal_kenya)
    _token_row, headers = _token(focal_kenya)
    for _ in range(2):
        assert session.get(ME).json()["states"] == ["KEN"]
        assert Client().get(ME, **headers).json()["states"] == ["KEN"]
    committed(lambda: StateMembership.objects.filter(user=focal_kenya).delete())
    assert session.get(ME).json()["states"] == []
    assert Client().get(ME, **headers).json()["states"] == []

    def demote() -> None:
        focal_kenya.role = "reader"
        focal_kenya.save()

    committed(demote)
    assert session.get(ME).json()["role"] == "reader"
    assert Client().get(ME, **headers).json()["role"] == "reader"


def test_a_deactivated_user_is_refused_on_the_next_request(reader: Any, committed: Any) -> None:
    session = _signed_in(reader)
    _token_row, headers = _token(reader)
    for _ in range(2):
        assert session.get(ME).status_code == 200
        assert Client().get(ME, **headers).status_code == 200

    def deactivate() -> None:
        reader.is_active = False
        reader.save()

    committed(deactivate)
    assert session.get(ME).status_code == 401
    assert Client().get(ME, **headers).status_code == 401
    page = session.get("/en/accounts/profile/")
    assert page.status_code == 302 and "/login/" in page["Location"]


def test_a_password_change_signs_the_other_sessions_out_on_their_next_request(
    reader: Any, committed: Any
) -> None:
    here, there = _signed_in(reader), _signed_in(reader)
    for _ in range(2):
        assert there.get(ME).status_code == 200
        assert here.get(ME).status_code == 200
    changed = committed(
        lambda: here.post(
            "/en/accounts/password/",
            {
                "old_password": "pw-for-tests-1",
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
    )
    assert changed.status_code == 302
    assert there.get(ME).status_code == 401
    assert here.get(ME).status_code == 200  # the session that changed it stays signed in


def test_a_revoked_token_is_refused_on_the_next_request(reader: Any, committed: Any) -> None:
    token, headers = _token(reader)
    for _ in range(2):
        assert Client().get(ME, **headers).status_code == 200
    committed(lambda: token_revoke(actor=reader, token=token))
    assert Client().get(ME, **headers).status_code == 401
    assert Client().get(ME, HTTP_AUTHORIZATION="Bearer tact_bogus").status_code == 401


def test_a_token_revoked_or_deleted_outside_the_service_is_refused_on_the_next_request(
    reader: Any, committed: Any
) -> None:
    """The admin saves and deletes tokens without the service's audit entry: the save or
    delete itself moves the site version (no model of accounts is quiet)."""
    revoked, revoked_headers = _token(reader)
    deleted, deleted_headers = _token(reader)
    for _ in range(2):
        assert Client().get(ME, **revoked_headers).status_code == 200
        assert Client().get(ME, **deleted_headers).status_code == 200

    def revoke() -> None:
        revoked.revoked_at = timezone.now()
        revoked.save()

    committed(revoke)
    assert Client().get(ME, **revoked_headers).status_code == 401
    committed(deleted.delete)
    assert Client().get(ME, **deleted_headers).status_code == 401


def test_a_deactivation_without_a_signal_acts_once_the_bound_has_passed(
    reader: Any, settings: Any
) -> None:
    """An operator's SQL moves no site version: the viewer is kept no longer than
    TACT_PAGE_CACHE_SECONDS (here none at all)."""
    settings.TACT_PAGE_CACHE_SECONDS = 0
    session = _signed_in(reader)
    for _ in range(2):
        assert session.get(ME).status_code == 200
    User.objects.filter(pk=reader.pk).update(is_active=False)
    assert session.get(ME).status_code == 401


def test_no_model_of_accounts_is_quiet() -> None:
    quiet = settings.TACT_PAGE_CACHE_QUIET | settings.TACT_PAGE_CACHE_QUIET_DELETES
    assert not [label for label in quiet if label.split(".")[0] == "accounts"]


def test_each_request_gets_its_own_user_object(reader: Any) -> None:
    request = RequestFactory().get("/")
    request.session = _signed_in(reader).session
    first = viewers.session_user(request)
    first.first_name = "Changed by a view"
    second = viewers.session_user(request)
    assert first == second == reader and first is not second
    assert second.first_name != "Changed by a view"
