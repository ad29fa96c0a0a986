"""These tests exercise Django-free code; keep them runnable without Django settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Override the project-wide fixture: the importer never touches Django translation,
    so these tests also run with ``-p no:django`` and no settings module."""
    yield
