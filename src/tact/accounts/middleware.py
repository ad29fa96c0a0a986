"""Django's authentication middleware, finding the session's user through the viewers kept
per site version (:mod:`tact.accounts.viewers`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tact.accounts.viewers import session_user


def _user(request: HttpRequest) -> Any:
    # Once per request, as Django's own (`request._cached_user`, which `login` replaces).
    if not hasattr(request, "_cached_user"):
        request._cached_user = session_user(request)  # type: ignore[attr-defined]
    return request._cached_user  # type: ignore[attr-defined]


class AuthenticationMiddleware(DjangoAuthentication):
    """A subclass, so that what checks for Django's (the admin) finds it."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))  # type: ignore[assignment]
