"""Personal API tokens as a Django authentication backend, so the API's plumbing in core
finds a token's user through the configured backends without knowing this app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from tact.accounts.models import User
from tact.accounts.viewers import token_user


class ApiTokenBackend(BaseBackend):
    """Answers only `tact.core.api.token_authenticate`; passwords are ModelBackend's."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> User | None:
        return None

    def authenticate_api_token(self, request: HttpRequest | None, key: str) -> User | None:
        return token_user(request, key) if key else None

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()
