"""Facets shared by every search page: buckets of counts and the links that toggle them.

A facet is a named dimension (state, theme, year...) with a count per value over the hits the
actor may see.  Several values of one facet are ORed, facets are ANDed; a page shows the top
values plus any the user selected (with 0 when they no longer match).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

__all__ = ["FacetBucket", "FacetGroup", "FacetLink", "buckets", "facet_groups", "toggle"]

FACET_LIMIT = 12
_NUMBERS = re.compile(r"(\d+)")


def natural_key(label: str) -> list[Any]:
    """Sort key that reads the numbers in a label as numbers: "art. 2" before "art. 10"
    (in every language: "ст. 2", "المادة 2", "第2条"). The split alternates text and digits,
    so the keys of two labels compare text with text and numbers with numbers."""
    return [int(part) if i % 2 else part.casefold() for i, part in enumerate(_NUMBERS.split(label))]


@dataclass(frozen=True)
class FacetBucket:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class FacetLink:
    bucket: FacetBucket
    url: str


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    links: list[FacetLink]


def buckets(
    counts: Mapping[str, int] | Iterable[tuple[str, int]],
    labels: Mapping[str, str],
    selected: set[str],
    *,
    limit: int = FACET_LIMIT,
) -> list[FacetBucket]:
    """The top *limit* values by count (then label), plus the selected ones beyond it."""
    items = counts.items() if isinstance(counts, Mapping) else counts
    rows = [(str(value), n) for value, n in items if value not in (None, "")]
    rows.sort(key=lambda r: (-r[1], natural_key(labels.get(r[0], r[0]))))
    top = rows[:limit]
    shown = {v for v, _n in top}
    top += [r for r in rows[limit:] if r[0] in selected]
    top += [(v, 0) for v in sorted(selected - shown - {r[0] for r in rows})]
    return [FacetBucket(v, labels.get(v, v), n, v in selected) for v, n in top]


def toggle(params: QueryDict, name: str, value: str, *, single: Sequence[str] = ()) -> str:
    """The query string with *value* of facet *name* switched on or off (back to page 1).

    Facets named in *single* hold one value at most (choosing another replaces it).
    """
    qd = params.copy()
    qd.pop("page", None)
    qd.pop("format", None)
    if name in single:
        if qd.get(name) == value:
            qd.pop(name, None)
        else:
            qd[name] = value
        return "?" + qd.urlencode()
    current = [v for v in qd.getlist(name) if v]
    if value in current:
        current.remove(value)
    else:
        current.append(value)
    qd.setlist(name, current)
    return "?" + qd.urlencode()


def facet_groups(
    params: QueryDict,
    facets: Mapping[str, list[FacetBucket]],
    labels: Iterable[tuple[str, Any]],
    *,
    single: Sequence[str] = (),
) -> list[FacetGroup]:
    """Facets as groups of toggle links, in the order of *labels* (name, label)."""
    groups = []
    for name, label in labels:
        found = facets.get(name, [])
        if not found:
            continue
        links = [FacetLink(b, toggle(params, name, b.value, single=single)) for b in found]
        groups.append(FacetGroup(name, str(label), links))
    return groups


def page_number(params: QueryDict) -> int:
    raw = params.get("page", "1") or "1"
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100000 else 1
