"""API plumbing shared by every router: authentication, errors, pagination."""

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBearer, django_auth


def token_authenticate(request: HttpRequest, key: str) -> Any:
    """The user owning a personal API token, through the authentication backends (the
    accounts app provides the token backend; core knows no app)."""
    if not key:
        return None
    user = authenticate(request, api_token=key)
    if user is not None:
        request.user = user
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tact_…` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return token_authenticate(request, token)


class TokenHeaderAuth(APIKeyHeader):
    """`X-API-Token: tact_…`, for clients that cannot set Authorization."""

    param_name = "X-API-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return token_authenticate(request, key or "")


def anonymous(request: HttpRequest) -> Any:
    """Last in the chain of public endpoints: lets the anonymous public through."""
    return getattr(request, "user", None) or AnonymousUser()


def session(request: HttpRequest) -> Any:
    """Session login for reads (no CSRF needed on safe methods)."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


# Operations that anyone may call (access rules still filter what they return).
PUBLIC_AUTH: list[Any] = [TokenAuth(), TokenHeaderAuth(), session, anonymous]
# Operations that need a logged-in actor; session writes are CSRF-checked by ninja.
LOGIN_AUTH: list[Any] = [TokenAuth(), TokenHeaderAuth(), django_auth]


def actor(request: HttpRequest) -> Any:
    return getattr(request, "user", None) or AnonymousUser()
