"""htmx helpers: a request from htmx gets only the named partial of the page's template."""

from __future__ import annotations

from django.http import HttpRequest


def htmx_template(request: HttpRequest, template: str, partial: str) -> str:
    """`template`, or `template#partial` (django-template-partials) when htmx asks."""
    return f"{template}#{partial}" if request.headers.get("HX-Request") else template
