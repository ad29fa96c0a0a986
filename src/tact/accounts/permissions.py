"""Accounts are internal records: a person manages their own API tokens; the secretariat
manages people. Nobody else may see or link a user (see `tact.core.protection.INTERNAL`)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from tact.accounts.models import ApiToken
from tact.core import access
from tact.core.access import Actor


def access_own_token(actor: Actor, pk: object) -> ApiToken:
    """One of the actor's own tokens; anyone else's is 'no such record'."""
    if actor is None or not actor.is_authenticated or actor.pk is None:
        raise Http404(_("No such record."))
    try:
        return ApiToken.objects.get(pk=str(pk), user_id=actor.pk)
    except (ApiToken.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("No such record.")) from exc


def can_manage_users(actor: Actor) -> bool:
    return access.scope_of(actor).is_secretariat
