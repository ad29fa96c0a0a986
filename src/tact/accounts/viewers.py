"""Who is asking: the user of a session or of an API token, kept in this process per site
version (issue 19).

A signed-in request used to load its user (one query) and the user's states (another, for
the access scope) before the page cache could answer it: twice what an anonymous hit costs.
Each worker now keeps the viewers it has seen, their scope computed, under the site version
of :mod:`tact.core.pagecache` (read once per request, before any row):

* a session's user under (version, user id, backend, the session's auth hash). A miss asks
  Django's ``get_user``, which checks the user is active and verifies the hash against the
  password; a hit is a session whose hash was verified against the same user row, so a
  password change still ends the other sessions;
* a token's owner under (version, hash of the key); bad keys are never kept (the API counts
  them). "Last used" is still written, once a minute per worker.

This is correct because every change that decides who a viewer is, or what it may see, moves
the site version when it commits: a save or delete of a user (role, organisation,
``is_active``, password), of a state membership, of a token (none of them is in
``TACT_PAGE_CACHE_QUIET``), and every audited change (``token_revoke``). The version is read
before the rows, so rows read before a change are kept under an older version than the one
the change commits: the next request loads them again. A write that sends no signal (an
operator's SQL) is bounded as cached pages are: nothing is kept longer than
``TACT_PAGE_CACHE_SECONDS``. ``TACT_VIEWER_CACHE=0`` turns this off (the test suite, whose
transactions never commit, so never move the version).
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest

from tact.accounts import services
from tact.accounts.models import User
from tact.core import pagecache
from tact.core.access import scope_of

# A bound on this process's memory (a few KB each); entries of older versions are dropped
# as soon as a newer version is seen.
MAX_ENTRIES = 5000


@dataclass
class _TokenOwner:
    user: User
    token_id: int
    last_used_at: dt.datetime | None


_kept: dict[tuple[Any, ...], Any] = {}
_kept_version: list[int] = [0]  # the newest version seen


def clear() -> None:
    """Forget every viewer (tests: their database rolls back, and version numbers repeat)."""
    _kept.clear()


def _lookup(key: tuple[Any, ...]) -> Any:
    version = key[1]
    if version != _kept_version[0]:
        # A new version: what was kept under the old one can never be asked for again.
        _kept.clear()
        _kept_version[0] = version
    entry = _kept.get(key)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def _keep(key: tuple[Any, ...], value: Any) -> None:
    if len(_kept) >= MAX_ENTRIES:
        _kept.clear()
    _kept[key] = (time.monotonic() + settings.TACT_PAGE_CACHE_SECONDS, value)


def _fresh(user: User) -> User:
    """A copy for one request: views may change their user object, never the kept one."""
    return copy.copy(user)


def session_user(request: HttpRequest) -> Any:
    """The user of the request's session, as ``django.contrib.auth.get_user`` finds it."""
    session = request.session
    user_id = session.get(auth.SESSION_KEY)
    if user_id is None or not settings.TACT_VIEWER_CACHE:
        return auth.get_user(request)
    session_hash = session.get(auth.HASH_SESSION_KEY)
    key = (
        "session",
        pagecache.request_version(request),
        str(user_id),
        session.get(auth.BACKEND_SESSION_KEY),
        session_hash,
    )
    kept = _lookup(key)
    if kept is not None:
        return _fresh(kept)
    user = auth.get_user(request)
    # Kept only when verified against this very hash (a match with a fallback secret rotates
    # the session's hash: the next request is verified anew).
    if user.is_authenticated and session.get(auth.HASH_SESSION_KEY) == session_hash:
        scope_of(user)  # the states, read once per version (cached on the object)
        _keep(key, _fresh(user))
    return user


def token_user(request: HttpRequest | None, key: str) -> User | None:
    """The active owner of a live API token, or None (as ``services.token_authenticate``)."""
    if not settings.TACT_VIEWER_CACHE:
        return services.token_authenticate(key)
    version = pagecache.request_version(request) if request is not None else pagecache.version()
    cache_key = ("token", version, services.hash_key(key))
    owner: _TokenOwner | None = _lookup(cache_key)
    if owner is None:
        token = services.token_find(key)
        if token is None:
            return None
        scope_of(token.user)
        owner = _TokenOwner(_fresh(token.user), token.pk, token.last_used_at)
        _keep(cache_key, owner)
    owner.last_used_at = services.token_used(owner.token_id, owner.last_used_at)
    return _fresh(owner.user)
