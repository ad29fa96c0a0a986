"""Failed logins and invalid API tokens: throttled and audited (issue 18, item 5).

Logins are throttled by django-axes (settings: AXES_*); this module writes its events to the
audit trail. API tokens are throttled here: an address that sends TACT_TOKEN_FAILURE_LIMIT
invalid tokens within the window gets 429 until the window has passed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import HttpError

from tact.core.audit import audit_log


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))


def _token_key(address: str) -> str:
    return f"tact:bad-token:{address}"


def token_throttled(request: HttpRequest) -> None:
    """Raise 429 when this address has sent too many invalid tokens recently."""
    failures = cache.get(_token_key(client_address(request)), 0)
    if failures >= settings.TACT_TOKEN_FAILURE_LIMIT:
        raise HttpError(429, "Too many invalid API tokens from this address; try again later.")


def token_failed(request: HttpRequest) -> None:
    """Count and audit one invalid token; audit the moment the address is throttled."""
    address = client_address(request)
    key = _token_key(address)
    window = settings.TACT_TOKEN_FAILURE_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        failures = 1
    limit = settings.TACT_TOKEN_FAILURE_LIMIT
    if failures <= limit:
        audit_log(
            actor=None,
            action="accounts.token_throttled" if failures == limit else "accounts.token_invalid",
            changes={"address": address, "failures": failures, "path": request.path},
        )


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    audit_log(
        actor=None,
        action="accounts.login_failed",
        changes={
            "username": str(credentials.get("username", ""))[:150],
            "address": client_address(request),
        },
    )


def _locked_out(
    sender: Any, request: Any, username: str | None, ip_address: str, **kw: Any
) -> None:
    audit_log(
        actor=None,
        action="accounts.locked_out",
        changes={"username": (username or "")[:150], "address": ip_address},
    )


def connect() -> None:
    from axes.signals import user_locked_out

    user_login_failed.connect(_login_failed, dispatch_uid="tact.core.throttling.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="tact.core.throttling.locked_out")
