"""Keyset (cursor) pagination and capped counts for the big assistance lists.

Why not page numbers: ``OFFSET 50000`` reads and drops 50,000 rows, and the "page N of M"
line needs ``COUNT(*)`` over every matching row on every request. A keyset page reads the
next ``size`` rows after the last one shown, through the index that serves the sort, so its
cost does not grow with the table; the count is exact up to :data:`COUNT_CAP` and shown as
"more than" beyond it (counting stops there).

A cursor is the sort key of a boundary row (``title``, ``pk``), JSON in URL-safe base64; a
cursor that does not decode is treated as the first page (bad input never a 500).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import Q, QuerySet

M = TypeVar("M", bound=models.Model)

COUNT_CAP = 1000
"""Counts above this are shown as "more than 1,000": the user refines the filter instead."""
SEARCH_COUNT_CAP = 100
"""The same for a text search, whose every row read is a pattern match over four columns."""
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int) -> list[Any] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(values, list) or len(values) != width:
        return None
    if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
        return None
    return values


def capped_count(queryset: QuerySet[Any], cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, whether it is "more than") reading at most ``cap + 1`` rows."""
    # Ordered by the primary key so that PostgreSQL walks an index and stops after cap + 1
    # rows (an unordered LIMIT is a sequential scan that stops early, but still one).
    n = queryset.order_by("pk").values("pk")[: cap + 1].count()
    return (cap, True) if n > cap else (n, False)


def _after(fields: tuple[str, ...], values: list[Any], *, reverse: bool) -> Q:
    """Rows strictly after (before, with ``reverse``) ``values`` in the order of ``fields``:
    (a > x) or (a = x and b > y) ..., which a composite index answers as one range."""
    op = "lt" if reverse else "gt"
    q = Q(pk__in=[])
    for depth in range(len(fields)):
        equal = dict(zip(fields[:depth], values[:depth], strict=True))
        q |= Q(**equal, **{f"{fields[depth]}__{op}": values[depth]})
    return q


@dataclass
class KeysetPage(Generic[M]):
    object_list: list[M]
    next_cursor: str = ""
    previous_cursor: str = ""
    count: int = 0
    count_capped: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_cursor)

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def keyset_page(
    queryset: QuerySet[M],
    fields: tuple[str, ...],
    *,
    after: str = "",
    before: str = "",
    size: int = PAGE_SIZE,
    count: bool = True,
    count_cap: int = COUNT_CAP,
) -> KeysetPage[M]:
    """One page of ``queryset`` in ascending ``fields`` order (the last field unique, e.g.
    ``("title", "pk")``), after the ``after`` cursor or before the ``before`` cursor."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    ordered = queryset.order_by(*fields)
    backwards = decode_cursor(before, len(fields))
    forwards = decode_cursor(after, len(fields)) if backwards is None else None
    if backwards is not None:
        rows = list(
            queryset.filter(_after(fields, backwards, reverse=True)).order_by(
                *(f"-{f}" for f in fields)
            )[: size + 1]
        )
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        more_after = True
    else:
        if forwards is not None:
            ordered = ordered.filter(_after(fields, forwards, reverse=False))
        rows = list(ordered[: size + 1])
        more_after = len(rows) > size
        rows = rows[:size]
        more_before = forwards is not None

    def key(row: M) -> list[Any]:
        return [getattr(row, f) for f in fields]

    page: KeysetPage[M] = KeysetPage(object_list=rows)
    if rows and more_after:
        page.next_cursor = encode_cursor(key(rows[-1]))
    if rows and more_before:
        page.previous_cursor = encode_cursor(key(rows[0]))
    if count:
        page.count, page.count_capped = capped_count(queryset, count_cap)
    return page
