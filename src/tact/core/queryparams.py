"""Facet filters read from a query: request.GET on pages, a dict of parameters in the API.

A page repeats a key (``?state=KEN&state=MEX``), an API client may send a list or one
comma-separated string (``state=KEN,MEX``); both give the same values, in the order given,
each once. The values are cut down to size here, before any of them reaches a query: a
hostile address can name thousands of values, or one of megabytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["MAX_FILTER_VALUES", "filter_values", "years"]

#: More values of one facet than a reader ticks; a longer list is cut, not refused.
MAX_FILTER_VALUES = 50


def filter_values(
    params: Mapping[str, Any], name: str, *, max_length: int | None = None
) -> tuple[str, ...]:
    """The values of the filter *name* in *params*: a QueryDict's repeated keys, or a plain
    dict's list or string, each item split at commas, stripped, blanks and repeats dropped.

    *max_length* cuts each value (None: values are kept whole); at most
    :data:`MAX_FILTER_VALUES` values are kept.
    """
    getlist = getattr(params, "getlist", None)
    raw = getlist(name) if getlist else params.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    out: dict[str, None] = {}  # ordered, each once
    for item in raw:
        for part in str(item).split(","):
            part = part.strip()[:max_length]
            if part:
                out[part] = None
                if len(out) == MAX_FILTER_VALUES:
                    return tuple(out)
    return tuple(out)


def years(values: Iterable[str]) -> tuple[str, ...]:
    """The values that are a four-digit year; the rest of a year filter is ignored."""
    return tuple(v for v in values if v.isdigit() and len(v) == 4)
