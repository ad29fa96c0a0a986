"""tact's one search interface: engines, index, query analysis, facets and the provider registry.

Domain apps contribute a provider in their ``search.py`` (``from tact.search import register,
SearchHit``); nothing in this package imports a domain app.
"""

from tact.search.registry import (
    Provider,
    SearchHit,
    register,
    register_suggestions,
    search_all,
    snippet,
    suggest_evidence,
)

__all__ = [
    "Provider",
    "SearchHit",
    "register",
    "register_suggestions",
    "search_all",
    "snippet",
    "suggest_evidence",
]
