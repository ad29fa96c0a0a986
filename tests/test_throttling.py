"""Failed logins and invalid API tokens are throttled and audited (issue 18, item 5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tact.core.models import AuditEntry

LOGIN = "/en/accounts/login/"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1") -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code


def test_an_account_is_locked_after_five_failures_even_with_the_right_password(
    reader: Any,
) -> None:
    client = Client()
    assert [_login(client, "reader", "wrong") for _ in range(4)] == [200] * 4
    assert _login(client, "reader", "wrong") == 429
    # locked: the right password is refused too, from another address as well
    assert _login(client, "reader", "pw-for-tests-1") == 429
    assert _login(Client(), "reader", "pw-for-tests-1", address="10.9.9.9") == 429
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("accounts.login_failed") == 7  # five wrong, two refused while locked
    assert "accounts.locked_out" in actions


def test_an_address_is_locked_after_five_failures_across_accounts(reader: Any) -> None:
    client = Client()
    for name in ["a1", "a2", "a3", "a4"]:
        assert _login(client, name, "wrong", address="10.0.0.7") == 200
    assert _login(client, "a5", "wrong", address="10.0.0.7") == 429
    assert _login(client, "reader", "pw-for-tests-1", address="10.0.0.7") == 429
    # the account itself is not locked: it logs in from elsewhere
    assert _login(Client(), "reader", "pw-for-tests-1", address="10.0.0.8") == 302


def test_the_secretariat_unlocks_an_account(reader: Any, secretariat: Any) -> None:
    from axes.models import AccessAttempt

    for _ in range(5):
        _login(Client(), "reader", "wrong")
    assert _login(Client(), "reader", "pw-for-tests-1") == 429
    staff = Client()
    staff.force_login(secretariat)
    page = staff.get("/en/accounts/unlock/")
    assert page.status_code == 200
    assert b"reader" in page.content
    attempt = AccessAttempt.objects.get(username="reader")
    assert staff.post("/en/accounts/unlock/", {"attempt": attempt.pk}).status_code == 302
    assert _login(Client(), "reader", "pw-for-tests-1") == 302
    assert AuditEntry.objects.filter(action="accounts.unlocked", actor=secretariat).count() == 1


def test_only_the_secretariat_sees_the_unlock_page(reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    assert client.get("/en/accounts/unlock/").status_code == 403


def test_invalid_api_tokens_are_rate_limited_per_address(
    secretariat: Any, token_for: Any, settings: Any
) -> None:
    settings.TACT_TOKEN_FAILURE_LIMIT = 10
    client = Client()
    bad = {"HTTP_AUTHORIZATION": "Bearer tact_not-a-real-token", "REMOTE_ADDR": "10.1.1.1"}
    codes = [client.get("/api/v1/me", **bad).status_code for _ in range(12)]
    assert codes == [401] * 10 + [429] * 2
    assert client.get("/api/v1/me", **bad).json()["code"] == "throttled"
    # a valid token from the throttled address waits too; another address is served
    good = token_for(secretariat)
    assert client.get("/api/v1/me", REMOTE_ADDR="10.1.1.1", **good).status_code == 429
    assert client.get("/api/v1/me", REMOTE_ADDR="10.1.1.2", **good).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.token_invalid").count() == 9
    assert AuditEntry.objects.filter(action="accounts.token_throttled").count() == 1


def test_failures_slow_the_next_try_before_the_lock(
    reader: Any, settings: Any, monkeypatch: Any
) -> None:
    """From the second failure on, a try must wait 2 s, then 4 s...; too early is 429 with
    Retry-After, the password is not checked and the try is not counted."""
    import datetime as dt

    from axes.models import AccessAttempt
    from django.db.models import Max
    from django.utils import timezone

    from tact.accounts import login_throttle

    settings.TACT_LOGIN_SLOW_SECONDS = 2
    clock = [timezone.now()]
    monkeypatch.setattr(login_throttle, "now", lambda: clock[0])

    def after_last_failure(seconds: float) -> None:
        # the clock of the throttle, set against the real time axes stamped on the failure
        last = AccessAttempt.objects.aggregate(last=Max("attempt_time"))["last"]
        clock[0] = last + dt.timedelta(seconds=seconds)

    client = Client()
    assert _login(client, "reader", "wrong") == 200  # 1st failure: no wait
    assert _login(client, "reader", "wrong") == 200  # 2nd failure: the next try waits 2 s
    after_last_failure(0.5)
    response = client.post(LOGIN, {"username": "reader", "password": "pw-for-tests-1"})
    assert response.status_code == 429
    assert response["Retry-After"] == "2"
    assert "Wait 2 seconds" in response.content.decode()
    # the other address too: the account is slowed, whoever tries it
    assert _login(Client(), "reader", "pw-for-tests-1", address="10.5.5.5") == 429
    after_last_failure(2.5)
    assert _login(client, "reader", "wrong") == 200  # 3rd failure: now 4 s
    after_last_failure(3.5)
    assert _login(client, "reader", "pw-for-tests-1") == 429
    after_last_failure(4.5)
    assert _login(client, "reader", "pw-for-tests-1") == 302  # waited: the right password works
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("accounts.login_slowed") == 3
    assert actions.count("accounts.login_failed") == 3  # slowed tries are not failures


def test_a_slowed_try_is_translated(reader: Any, settings: Any) -> None:
    settings.TACT_LOGIN_SLOW_SECONDS = 30
    client = Client()
    for _ in range(2):
        client.post("/ru/accounts/login/", {"username": "reader", "password": "wrong"})
    response = client.post("/ru/accounts/login/", {"username": "reader", "password": "wrong"})
    assert response.status_code == 429
    assert "Подождите" in response.content.decode()
