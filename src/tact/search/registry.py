"""The provider registry of site-wide search: each app registers a provider in its `search.py`.

A provider takes (user, query, limit) and returns hits the user may see. The page and the
API call the same `search_all`, so nothing the page hides can leak through the API.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchHit:
    kind: str
    kind_label: str | Promise
    title: str
    url: str
    snippet: str = ""
    classification: str = "public"
    # `app_label.model:pk` (see core.links) so a hit can become a link between records.
    ref: str = ""


Provider = Callable[[Any, str, int], list[SearchHit]]
_PROVIDERS: dict[str, Provider] = {}


def register(kind: str) -> Callable[[Provider], Provider]:
    def decorator(func: Provider) -> Provider:
        _PROVIDERS[kind] = func
        return func

    return decorator


def search_all(user: Any, query: str, *, limit_per_kind: int = 20) -> list[SearchHit]:
    query = query.strip()
    if len(query) < 2:
        return []
    hits: list[SearchHit] = []
    for provider in _PROVIDERS.values():
        hits.extend(provider(user, query, limit_per_kind))
    return hits


def snippet(text: str, query: str, width: int = 180) -> str:
    """A window of `text` around the first occurrence of `query` (case-insensitive)."""
    position = text.lower().find(query.lower())
    if position < 0:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, position - width // 3)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


# Evidence a follow-up report could cite: a domain proposes its records for a recommendation
# (by code) and the reporting state, e.g. the state's strategies for annex.a.
Suggester = Callable[[Any, str, int | None], list[SearchHit]]
_SUGGESTERS: dict[str, Suggester] = {}


def register_suggestions(kind: str) -> Callable[[Suggester], Suggester]:
    def decorator(func: Suggester) -> Suggester:
        _SUGGESTERS[kind] = func
        return func

    return decorator


def suggest_evidence(
    user: Any, *, recommendation_code: str, state_id: int | None
) -> list[SearchHit]:
    """Records the user may see that could support a follow-up on this recommendation."""
    hits: list[SearchHit] = []
    for suggester in _SUGGESTERS.values():
        hits.extend(suggester(user, recommendation_code, state_id))
    return hits
