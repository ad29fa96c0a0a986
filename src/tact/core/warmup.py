"""What a server process does once before it answers its first request.

``tact serve --prod`` runs gunicorn with ``preload_app`` (:mod:`tact.config.gunicorn`): the
application is loaded and warmed in the master process, before the workers fork, so every
worker (a recycled one too) starts with the URL configuration imported, the common
templates compiled and the apps' reference tables in memory (shared copy-on-write), instead
of its first visitors waiting for them (the ECB rate book alone takes about a second).

Apps register their own warmers (``warmup.register`` in ``AppConfig.ready``): the kernel
knows no app.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import get_resolver

Warmer = Callable[[], object]
_WARMERS: dict[str, Warmer] = {}
# The frame every page extends, and the error pages.
TEMPLATES = ("base.html", "404.html", "403.html", "500.html")


def register(name: str, warmer: Warmer) -> None:
    _WARMERS[name] = warmer


def warm() -> list[str]:
    """Warm this process; return the names of what was warmed. Leaves no database connection
    open: one opened here would be shared by the forked workers."""
    done = []
    get_resolver().url_patterns  # noqa: B018  (imports every view and API module)
    done.append("urls")
    for name in TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        done.append(name)
    try:
        for name, warmer in _WARMERS.items():
            warmer()
            done.append(name)
    finally:
        connections.close_all()
    return done
