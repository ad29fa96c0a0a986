"""gunicorn settings of ``tact serve --prod`` (``-c python:tact.config.gunicorn``).

The application is loaded once in the master and warmed there (:mod:`tact.core.warmup`)
before the workers fork: workers, recycled ones included, start ready and share that memory.
"""

from __future__ import annotations

from typing import Any

preload_app = True


def when_ready(server: Any) -> None:
    # With preload_app, Django is set up by now (the WSGI module was imported).
    from tact.core.warmup import warm

    server.log.info("warmed: %s", ", ".join(warm()))
