from __future__ import annotations

from django.db.models import QuerySet

from tact.accounts.models import ApiToken, User


def token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def user_list() -> QuerySet[User]:
    return User.objects.select_related("organisation").prefetch_related("state_memberships__state")
