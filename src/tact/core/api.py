"""API plumbing shared by every router: authentication, errors, pagination."""

from typing import Any

from django.contrib.auth import get_backends
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBearer, django_auth
from pydantic import WithJsonSchema

from tact.core import throttling


def token_authenticate(request: HttpRequest, key: str) -> Any:
    """The user owning a personal API token, or None.

    Asked of each authentication backend that knows API tokens (the accounts app provides
    one; core knows no app) without Django's `authenticate`, whose failure signal would count
    a bad token as a failed password login. Invalid tokens are counted per address and
    answered 429 past the limit.
    """
    if not key:
        return None
    throttling.token_throttled(request)
    for backend in get_backends():
        find = getattr(backend, "authenticate_api_token", None)
        user = find(request, key) if find is not None else None
        if user is not None:
            request.user = user
            return user
    throttling.token_failed(request)
    return None


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


def enum_schema(choices: type[models.TextChoices], title: str) -> WithJsonSchema:
    """An inline enum schema for `Annotated[Model.Status, enum_schema(Model.Status, "…")]`.

    ninja files every enum under its class name, so two models' nested `Status` or `Kind`
    would share one schema in the OpenAPI document; inlining keeps each field's own values.
    """
    return WithJsonSchema({"type": "string", "enum": list(choices.values), "title": title})
