"""Template tags of results and evaluation."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from tact.evaluation import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def related_title(context: template.Context, obj: Any) -> str:
    """A related record's title as the viewer may see it (`permissions.related_title`)."""
    request = context.get("request")
    # No request (a template rendered outside a page): the anonymous visitor's view.
    actor = request.user if request is not None else AnonymousUser()
    return permissions.related_title(actor, obj)
