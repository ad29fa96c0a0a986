"""The parser tests exercise Django-free code and also run with ``-p no:django``; the
Django tests beside them still start each test in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Override the project-wide fixture so it does not need Django when Django is absent."""
    try:
        from django.conf import settings

        configured = settings.configured
    except ImportError:
        configured = False
    if not configured:
        yield
        return
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
