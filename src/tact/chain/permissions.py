"""Who may see a chain: whoever may see the record it starts from (fetch-and-check)."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.links import parse_ref


def access_chain_start(actor: Actor, ref: str) -> models.Model:
    """The record `ref` (``app.model:pk``) names, if the actor may see it; 404 otherwise,
    malformed references included."""
    parsed = parse_ref(ref)
    if parsed is None:
        raise Http404(_("No such record."))
    model, pk = parsed
    return access.access_record(actor, model._default_manager.all(), pk)


def can_manage_links(actor: Actor) -> bool:
    return access.scope_of(actor).is_secretariat
