"""Personal API tokens as a Django authentication backend, so the API's plumbing in core
authenticates through `django.contrib.auth.authenticate` without knowing this app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from tact.accounts.models import User
from tact.accounts.services import token_authenticate


class ApiTokenBackend(BaseBackend):
    def authenticate(
        self, request: HttpRequest | None, api_token: str | None = None, **kwargs: Any
    ) -> User | None:
        if not api_token:
            return None
        return token_authenticate(api_token)

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()
