"""Who may open a profile export: the secretariat (the model is INTERNAL) and the person who
asked for it, whose full version holds what they may see and nobody else."""

from __future__ import annotations

from django.http import Http404

from tact.core import access
from tact.core.access import Actor
from tact.profiles.models import ProfileExport


def access_export(actor: Actor, pk: object) -> ProfileExport:
    scope = access.scope_of(actor)
    qs = ProfileExport.objects.select_related("state")
    if not scope.is_secretariat:
        if scope.user_id is None:
            raise Http404
        qs = qs.filter(requested_by_id=scope.user_id)
    try:
        return qs.get(pk=int(str(pk)))
    except (ProfileExport.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def can_request_export(actor: Actor) -> bool:
    """A signed-in person may queue a build; anyone gets small profiles at once."""
    return access.scope_of(actor).user_id is not None
