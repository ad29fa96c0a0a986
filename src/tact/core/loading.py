"""Raw loading: rows written as they are (a restore, a fixture), not as user changes.

Django passes ``raw=True`` to post_save during loaddata, but m2m_changed has no such flag, so
derived data kept by m2m handlers (summaries, the search index) would be rebuilt half-way
through a restore and collide with the archived copies. Handlers ask :func:`is_raw_loading`;
the restore rebuilds derived data once at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_raw_loading: ContextVar[bool] = ContextVar("tact_raw_loading", default=False)


@contextmanager
def raw_loading() -> Iterator[None]:
    token = _raw_loading.set(True)
    try:
        yield
    finally:
        _raw_loading.reset(token)


def is_raw_loading() -> bool:
    return _raw_loading.get()
