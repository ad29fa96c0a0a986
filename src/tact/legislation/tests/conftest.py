"""Let the pure-text tests run without Django (``pytest -p no:django``).

The project-wide autouse fixture ``_english_by_default`` activates a Django translation, which
needs configured settings.  The text layer (``tact.legislation.text``) is deliberately
Django-free, so its tests must also run with the Django plugin disabled; this override keeps the
project behaviour whenever Django settings are available and is a no-op otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


def _django_configured() -> bool:
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        return True
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is a project dependency
        return False
    return bool(settings.configured)


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Same as the project fixture when Django is configured; nothing otherwise."""
    if not _django_configured():
        yield
        return
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
