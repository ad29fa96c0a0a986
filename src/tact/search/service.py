"""One search across tact: ranked hits, facet counts and snippets, under the access rules.

:func:`search_documents` is what the search page, the API and "similar records" call.  It
asks the database one statement per search (:mod:`tact.search.statement`: the page's ids and
scores, and the total and facet counts computed in SQL from the engine's match set under the
access rules), then fetches the page's records from their own tables, through
``core.access.visible`` again (a row can never be fresher than its record), and highlights
them.  A record the actor may not see is therefore never a hit and never counted.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.search.analysis import canonical_language
from tact.search.backends import index_terms
from tact.search.documents import Document, sources
from tact.search.facets import FacetBucket, buckets
from tact.search.query import Alternative, MatchQuery, highlight, parse_query
from tact.search.statement import (
    FACET_NAMES,
    DocumentFilters,
    Ranked,
    count_cap,
    hit,
    joint_counts,
    page_hits_sql,
    rows,
    statement,
    top_matches,
)

__all__ = [
    "FACETS",
    "DocumentFilters",
    "DocumentHit",
    "DocumentResult",
    "register_facet_labels",
    "search_documents",
    "similar_records",
]

_FACET_LABELS: dict[str, str | Promise] = {
    "kind": _("Type"),
    "state": _("State"),
    "theme": _("Theme"),
    "provision": _("Provision"),
    "year": _("Year"),
    "language": _("Language"),
}
#: The facets as the page shows them, in the statement's order: (name, label).
FACETS: tuple[tuple[str, str | Promise], ...] = tuple(
    (name, _FACET_LABELS[name]) for name in FACET_NAMES
)
MAX_QUERY_LENGTH = 300
MAX_PAGE_SIZE = 100

LANGUAGE_NAMES: dict[str, str | Promise] = {
    "en": _("English"),
    "fr": _("French"),
    "es": _("Spanish"),
    "ru": _("Russian"),
    "ar": _("Arabic"),
    "zh": _("Chinese"),
}

# Labels of facet values (state names, theme titles...) come from the apps that own them;
# reference data, read once every few minutes per language, not per search.
_LABELS: dict[str, Callable[[], Mapping[str, str]]] = {}
_LABEL_TTL = 300.0
_label_cache: dict[tuple[str, str], tuple[float, Mapping[str, str]]] = {}


def register_facet_labels(facet: str, labels: Callable[[], Mapping[str, str]]) -> None:
    _LABELS[facet] = labels


def _labels(facet: str) -> Mapping[str, str]:
    if facet == "kind":
        return {kind: str(source.label) for kind, source in sources().items()}
    if facet == "language":
        return {code: str(name) for code, name in LANGUAGE_NAMES.items()}
    found = _LABELS.get(facet)
    if found is None:
        return {}
    key = (facet, get_language() or "")
    now = time.monotonic()
    cached = _label_cache.get(key)
    if cached is None or cached[0] < now:
        cached = (now + _LABEL_TTL, dict(found()))
        _label_cache[key] = cached
    return cached[1]


@dataclass(frozen=True)
class DocumentHit:
    ref: str
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text, matches in <mark>
    title_html: str
    score: float
    language: str
    year: int | None
    classification: str


@dataclass
class DocumentResult:
    query: str
    filters: DocumentFilters
    total: int = 0
    #: False when a search without facets stopped counting: there are more than ``total``.
    total_exact: bool = True
    page: int = 1
    page_size: int = 20
    hits: list[DocumentHit] = field(default_factory=list)
    facets: dict[str, list[FacetBucket]] = field(default_factory=dict)
    engine: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page(self) -> int:
        return self.page - 1

    @property
    def next_page(self) -> int:
        return self.page + 1


# --- hits ------------------------------------------------------------------------------------


def _hits(actor: Any, ranked: list[Ranked], match: MatchQuery) -> list[DocumentHit]:
    """The page's records, fetched from their own tables under the access rules again: one
    query per kind of record on the page."""
    by_model: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in ranked:
        _label, _sep, record_pk = row.ref.partition(":")
        by_model[row.kind][record_pk].append(row.id)
    registry = sources()
    live: dict[int, tuple[Any, Document]] = {}
    for kind, pks in by_model.items():
        source = registry.get(kind)
        if source is None:
            continue
        records = access.visible(actor, source.shown_records()).in_bulk(list(pks))
        to_python = source.model._meta.pk.to_python
        for pk_text, doc_ids in pks.items():
            obj = records.get(to_python(pk_text))
            document = source.shown(obj) if obj is not None else None
            if obj is not None and document is not None:
                for doc_id in doc_ids:
                    live[doc_id] = (obj, document)
    labels = {kind: str(source.label) for kind, source in registry.items() if kind in by_model}
    hits: list[DocumentHit] = []
    for row in ranked:
        found = live.get(row.id)
        if found is None:
            continue  # removed or hidden since it was indexed: never shown
        obj, document = found
        get_url = getattr(obj, "get_absolute_url", None)
        hits.append(
            DocumentHit(
                ref=row.ref,
                kind=row.kind,
                kind_label=labels[row.kind],
                title=document.title,
                url=str(get_url()) if callable(get_url) else "",
                snippet=highlight(document.body or document.title, match, document.language),
                title_html=highlight(document.title, match, document.language, width=400),
                score=row.score,
                language=row.language,
                year=row.year,
                classification=row.classification,
            )
        )
    return hits


def _facets(
    counts: dict[str, Counter[str]], filters: DocumentFilters
) -> dict[str, list[FacetBucket]]:
    out: dict[str, list[FacetBucket]] = {}
    for name, _label in FACETS:
        counted = counts.get(name, Counter())
        selected = filters.selected(name)
        if not counted and not selected:
            continue
        found = buckets(counted, _labels(name), selected)
        if name == "year":
            found.sort(key=lambda b: b.value, reverse=True)
        if found:
            out[name] = found
    return out


def search_documents(
    actor: Any,
    query: str,
    *,
    filters: DocumentFilters | None = None,
    page: int = 1,
    page_size: int = 20,
    facets: bool = True,
    match: MatchQuery | None = None,
    exclude: tuple[str, ...] = (),
    hits: bool = True,
) -> DocumentResult:
    """One page of the records *actor* may see matching *query*, with facet counts.

    An empty query lists the filtered records (none without filters).  *match* replaces the
    parsed query (more-like-this); *exclude* drops records by reference.  Without *facets*
    the total is exact up to ``count_cap`` results (``total_exact`` says
    whether it is); without *hits*, the total and the facets alone (a page may ask for its
    facets apart, so that its hits come at the cost of the engine's own ranking).
    """
    filters = filters or DocumentFilters()
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    page = max(1, int(page))
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    result = DocumentResult(query, filters, page=page, page_size=page_size)
    result.engine = connection.vendor
    if match is None:
        match = parse_query(query) if query else MatchQuery("")
    if not match and not filters:
        return result
    offset = (page - 1) * page_size
    facets = facets or not hits
    top = None
    if hits:
        top = top_matches(match, filters, limit=page_size, offset=offset, facets=facets)
    sql, params = statement(
        actor,
        match,
        filters,
        limit=page_size,
        offset=offset,
        facets=facets,
        exclude=exclude,
        top=top,
        hits=hits,
    )
    ranked: list[Ranked] = []
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    joint: list[tuple[str, str, str, int]] = []
    for row in rows(sql, params):
        tag, value, year, language, count = row[:5]
        if tag == "~hit":
            ranked.append(hit(row))
        elif tag == "~total":
            result.total = int(count)
        elif tag == "~joint":
            joint.append((value, year, language, int(count)))
        elif value not in (None, ""):
            counts[tag][str(value)] += int(count)
    if facets:
        result.total, single = joint_counts(joint, filters)
        counts.update(single)
    elif result.total > count_cap(offset, page_size):
        # counted up to one past the cap: there are more than that many
        result.total, result.total_exact = count_cap(offset, page_size), False
    if top is not None and len(ranked) < min(page_size, result.total - offset):
        # Fewer of the engine's best matches were visible than the page needs: rank them all.
        sql, params = page_hits_sql(
            actor, match, filters, limit=page_size, offset=offset, exclude=exclude, top=None
        )
        ranked = [hit(row) for row in rows(sql, params)]
    ranked.sort(key=lambda r: (-r.score, r.id))
    result.hits = _hits(actor, ranked, match)
    if facets:
        result.facets = _facets(counts, filters)
    return result


# --- more like this --------------------------------------------------------------------------

SIMILAR_TERMS = 12


def like_query(document: Document) -> MatchQuery:
    """A query made of the record's most frequent distinctive terms, any of which may match
    (bm25 / ts_rank_cd rank the records sharing more of them first)."""
    language = canonical_language(document.language)
    terms = index_terms(f"{document.title} {document.title} {document.body}", language)
    common = [t for t, _n in Counter(t for t in terms if len(t) > 2).most_common(SIMILAR_TERMS)]
    return MatchQuery(" ".join(common), tuple(Alternative(language, ((term,),)) for term in common))


def similar_records(
    actor: Any, obj: Any, *, kinds: tuple[str, ...] = (), limit: int = 5
) -> list[DocumentHit]:
    """Records like *obj* (any registered record), of *kinds*, that *actor* may see."""
    registry = sources()
    source = next((s for s in registry.values() if s.model is type(obj)), None)
    document = source.document(obj) if source is not None else None
    if document is None:
        return []
    match = like_query(document)
    if not match:
        return []
    ref = f"{obj._meta.label_lower}:{obj.pk}"
    result = search_documents(
        actor,
        match.text,
        filters=DocumentFilters(kind=kinds),
        page_size=limit,
        facets=False,
        match=match,
        exclude=(ref,),
    )
    return result.hits


def other_hits(actor: Any, query: str, *, limit_per_kind: int = 5) -> list[Any]:
    """Hits of the registered providers for records that are not in the document index
    (states, organisations, contacts...): substring matches, access-filtered by the provider."""
    from tact.search.registry import search_all

    indexed = {source.model._meta.label_lower for source in sources().values()}
    return [
        hit
        for hit in search_all(actor, query, limit_per_kind=limit_per_kind)
        if hit.ref.partition(":")[0] not in indexed
    ]
