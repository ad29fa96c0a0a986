"""Rows of a relation that are already at hand, without a related manager.

Why: ``project.countries.all()`` builds a related manager on every access (a many-to-many
one computes its join each time), which costs more than summing a new project's facts or
reading its search document (issue 19).  Code that reads many records whose relations were
prefetched, or handed over in memory by a bulk writer, asks :func:`related` instead; any
other record still goes through its manager.
"""

from __future__ import annotations

from typing import Any


class Listed(list[Any]):
    """A plain list that answers ``.all()`` like a prefetched relation."""

    def all(self) -> Listed:
        return self


def related(obj: Any, name: str) -> Any:
    """The rows of ``obj.<name>``: the prefetched ones as they are, else ``.all()``."""
    cache = getattr(obj, "__dict__", {}).get("_prefetched_objects_cache")
    if cache is not None and name in cache:
        return cache[name]
    return getattr(obj, name).all()
