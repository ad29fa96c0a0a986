"""Writes for accounts: users, memberships, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.accounts.models import ApiToken, StateMembership, User
from tact.core.access import Role
from tact.core.audit import audit_log

TOKEN_PREFIX = "tact_"  # noqa: S105 (a public prefix, not a secret)
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def hash_key(key: str) -> str:
    """What is stored of a token's key (and what caches name it by)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    state_ids: Iterable[int] = (),
    organisation_id: int | None = None,
    is_staff: bool = False,
) -> User:
    """Create a user with a role and scope; focal points need a state, donors an organisation."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    state_ids = list(state_ids)
    if role == Role.FOCAL_POINT and not state_ids:
        raise ValidationError(_("A state focal point must be bound to at least one state."))
    if role == Role.DONOR and organisation_id is None:
        raise ValidationError(_("A donor must be bound to an organisation."))
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("A user named %(name)s already exists.") % {"name": username})
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        organisation_id=organisation_id,
        is_staff=is_staff or role == Role.SECRETARIAT,
        # The secretariat keeps the catalog and reference data through the admin.
        is_superuser=role == Role.SECRETARIAT,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    for state_id in state_ids:
        StateMembership.objects.create(user=user, state_id=state_id)
    audit_log(
        actor=actor,
        action="user.create",
        target=user,
        changes={"role": (None, role), "states": (None, state_ids)},
    )
    return user


@transaction.atomic
def token_create(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its clear key (shown once, never stored)."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "token", prefix=key[:12], key_hash=hash_key(key)
    )
    audit_log(actor=actor, action="token.create", target=token)
    return token, key


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=actor, action="token.revoke", target=token)


def token_find(key: str) -> ApiToken | None:
    """The live token of this key (not revoked, its owner active) with its owner, or None."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def token_used(token_id: int, last_used_at: dt.datetime | None) -> dt.datetime | None:
    """Mark a token as used now, unless it was within the minute; returns its last use.

    A write per API request serialises readers on SQLite and bloats the table on PostgreSQL:
    "last used" to the minute is precise enough."""
    now = timezone.now()
    if last_used_at is not None and now - last_used_at < LAST_USED_PRECISION:
        return last_used_at
    ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    return now


def token_authenticate(key: str) -> User | None:
    """The active user owning this key, or None. Marks the token as used."""
    token = token_find(key)
    if token is None:
        return None
    token_used(token.pk, token.last_used_at)
    return token.user
