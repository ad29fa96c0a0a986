"""`{% allowed "app.action" as flag %}`: whether the request's user may take a registered
action (`tact.core.actions`), to show its button or menu entry only then."""

from __future__ import annotations

from typing import Any

from django import template

from tact.core import actions

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context: dict[str, Any], name: str) -> bool:
    request = context.get("request")
    return actions.allowed(getattr(request, "user", None), name)
