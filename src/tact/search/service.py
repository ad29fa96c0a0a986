"""One search across tact: ranked hits, facet counts and snippets, under the access rules.

:func:`search_documents` is what the search page, the API and "similar records" call.  It
asks the database one statement per search:

1. ``m``: the engine's match set (FTS5 ``MATCH`` / ``tsvector @@``) joined with the narrow
   index rows and filtered by ``core.access.visible_q`` on their access columns;
2. the page's ids and scores: on SQLite ranked over the engine's best matches first (its own
   top-k query, over-fetched) and only then joined with the access rules - asked again over
   every visible match in the rare case too few of them were visible; on PostgreSQL from
   ``m`` scored once;
3. from ``m``: the counts by (type, year, language) in one ``GROUP BY`` (the total and those
   facets are summed from its few rows), and the state, theme and provision counts as one
   ``GROUP BY`` over the match set joined to ``SearchFacet`` - each facet applies every
   *other* selected filter (disjunctive facets) - so nothing is fetched into Python but the
   page and the counts.

Only then are the page's records fetched from their own tables, through
``core.access.visible`` again (a row can never be fresher than its record), and highlighted.
A record the actor may not see is therefore never a hit and never counted.
"""

# Table and column names in SQL are module constants; every value is a bound parameter.
# ruff: noqa: S608
from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.search.analysis import canonical_language
from tact.search.backends import index_terms
from tact.search.documents import Document, document_backend, sources
from tact.search.facets import FacetBucket, buckets
from tact.search.models import SearchDocument
from tact.search.query import Alternative, MatchQuery, highlight, parse_query

__all__ = [
    "FACETS",
    "DocumentFilters",
    "DocumentHit",
    "DocumentResult",
    "register_facet_labels",
    "search_documents",
    "similar_records",
]

FACETS: tuple[tuple[str, str | Promise], ...] = (
    ("kind", _("Type")),
    ("state", _("State")),
    ("theme", _("Theme")),
    ("provision", _("Provision")),
    ("year", _("Year")),
    ("language", _("Language")),
)
SINGLE_FACETS = ("kind", "year", "language")
SHOWN_MULTI = ("state", "theme", "provision")
MAX_QUERY_LENGTH = 300
MAX_PAGE_SIZE = 100
FACET_TABLE = "search_searchfacet"

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
class DocumentFilters:
    """Facet filters: several values of one facet are ORed, facets are ANDed."""

    kind: tuple[str, ...] = ()
    state: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    provision: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    language: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, params: Mapping[str, Any]) -> DocumentFilters:
        """From request.GET (repeated keys) or a dict of lists / comma-separated strings."""

        def values(name: str) -> tuple[str, ...]:
            getlist = getattr(params, "getlist", None)
            raw = getlist(name) if getlist else params.get(name) or []
            if isinstance(raw, str):
                raw = [raw]
            out: list[str] = []
            for item in raw:
                for part in str(item).split(","):
                    part = part.strip()[:80]
                    if part and part not in out:
                        out.append(part)
            return tuple(out[:50])

        return cls(
            kind=values("kind"),
            state=tuple(v.upper() for v in values("state")),
            theme=values("theme"),
            provision=values("provision"),
            year=tuple(v for v in values("year") if v.isdigit() and len(v) == 4),
            language=values("language"),
        )

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name, _label in FACETS)

    def selected(self, facet: str) -> set[str]:
        return set(getattr(self, facet, ()))


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


# --- the statement ---------------------------------------------------------------------------


def _matches(
    actor: Any, match: MatchQuery, exclude: tuple[str, ...], *, scored: bool = True
) -> tuple[str, list[Any]]:
    """SQL of the visible matches: (id, kind, year, language[, search_score])."""
    rows: QuerySet[SearchDocument] = SearchDocument.objects.filter(access.visible_q(actor))
    if exclude:
        rows = rows.exclude(ref__in=exclude)
    backend = document_backend()
    if match and scored:
        rows = backend.rank(rows, match)
    elif match:
        rows = backend.restrict(rows, match)
    if not match and scored:
        rows = rows.extra(select={"search_score": "0.0"})
    # search_score is the engine's (extra select), unknown to the model
    columns = ["id", "kind", "year", "language"] + (["search_score"] if scored else [])
    compiled = rows.order_by().values(*columns)
    sql, params = compiled.query.get_compiler(using=rows.db).as_sql()
    return sql, list(params)


def _where(
    filters: DocumentFilters, skip: str = "", *, single: bool = True
) -> tuple[str, list[Any]]:
    """Conditions on m of the selected facets but *skip* (and but the single-valued ones)."""
    parts: list[str] = []
    params: list[Any] = []
    for name in SINGLE_FACETS if single else ():
        values = getattr(filters, name)
        if values and name != skip:
            column = "CAST(m.year AS VARCHAR(8))" if name == "year" else f"m.{name}"
            parts.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
            params.extend(values)
    for name in SHOWN_MULTI:
        values = getattr(filters, name)
        if values and name != skip:
            parts.append(
                f"m.id IN (SELECT document_id FROM {FACET_TABLE} WHERE facet = %s "
                f"AND value IN ({', '.join(['%s'] * len(values))}))"
            )
            params.extend([name, *values])
    return (" AND ".join(parts) or "1 = 1"), params


# SQLite's unary "+" keeps the planner off the (facet, value) index for the facet term, so it
# seeks each match's rows by document instead of scanning every row of a facet.
def _no_index() -> str:
    return "+" if connection.vendor == "sqlite" else ""


#: How many of the engine's best matches are ranked before the access rules are applied, as a
#: multiple of the page's end (plus a floor): with most records public, the page is in them.
OVERFETCH = 3
OVERFETCH_MIN = 100
EMPTY = "CAST(NULL AS VARCHAR(8))"
HIT_COLUMNS = (
    f"SELECT '~hit', CAST(id AS VARCHAR(20)), {EMPTY}, {EMPTY}, 0, "
    "CAST(search_score AS DOUBLE PRECISION) FROM "
)


def _top_hits_sql(
    actor: Any,
    match: MatchQuery,
    filters: DocumentFilters,
    *,
    limit: int,
    offset: int,
    exclude: tuple[str, ...],
    top: int,
) -> tuple[str, list[Any]]:
    """The page's (id, score) rows from the engine's best *top* matches only (the engine's own
    top-k query), joined with the index rows under the access rules and filters afterwards:
    the visibility filter reads a few rows instead of one per match.  The caller checks the
    page against the total and ranks every visible match when too few of these were visible.
    """
    where_all, where_params = _where(filters)
    top_sql, top_params = document_backend().top_sql(match, top)
    rows_sql, rows_params = _matches(actor, MatchQuery(""), exclude, scored=False)
    sql = (
        f"{HIT_COLUMNS}(SELECT m.id, t.score AS search_score FROM ({top_sql}) t "
        f"INNER JOIN ({rows_sql}) m ON m.id = t.id WHERE {where_all} "
        "ORDER BY t.score DESC, m.id LIMIT %s OFFSET %s) h"
    )
    return sql, [*top_params, *rows_params, *where_params, limit, offset]


def _all_hits_sql(
    filters: DocumentFilters, *, limit: int, offset: int, scored: str = "s"
) -> tuple[str, list[Any]]:
    """The page's (id, score) rows from every visible match (*scored*: the CTE of them)."""
    where_all, where_params = _where(filters)
    sql = (
        f"{HIT_COLUMNS}(SELECT m.id, m.search_score FROM {scored} m WHERE {where_all} "
        "ORDER BY m.search_score DESC, m.id LIMIT %s OFFSET %s) h"
    )
    return sql, [*where_params, limit, offset]


def _statement(
    actor: Any,
    match: MatchQuery,
    filters: DocumentFilters,
    *,
    limit: int,
    offset: int,
    facets: bool,
    exclude: tuple[str, ...],
    top: int | None,
) -> tuple[str, list[Any]]:
    """One statement of rows (tag, value, year, language, count, score): the page's ids and
    scores ('~hit'), the counts by (kind, year, language) ('~joint': the total and the
    single-valued facets are summed from them in Python), and the multi-valued facets.

    Ranking needs every match's score (the engine's own top-k query computes them too),
    counting needs none.  On SQLite the page is therefore ranked from the engine's best *top*
    matches before the access rules (:func:`_top_hits_sql`), and the visible match set is
    walked again unscored for each count, without materializing it: FTS5's posting lists are
    cheap to walk again and writing every match to a temporary table is not (measured on
    10^5 records: bench/site_search_bench.py).  On PostgreSQL, where re-checking the
    tsvectors of every match is the costly part, the visible match set is scored once and
    kept (MATERIALIZED) for the page and the counts.
    """
    no_index = _no_index()
    where_all, where_params = _where(filters)
    if connection.vendor == "sqlite":
        plain_sql, params = _matches(actor, match, exclude, scored=False)
        if top is not None:
            with_sql = f"WITH m AS NOT MATERIALIZED ({plain_sql}) "
            hits_sql, hits_params = _top_hits_sql(
                actor, match, filters, limit=limit, offset=offset, exclude=exclude, top=top
            )
        else:
            scored_sql, scored_params = _matches(actor, match, exclude)
            with_sql = (
                f"WITH m AS NOT MATERIALIZED ({plain_sql}), s AS NOT MATERIALIZED ({scored_sql}) "
            )
            params += scored_params
            hits_sql, hits_params = _all_hits_sql(filters, limit=limit, offset=offset)
    else:
        scored_sql, params = _matches(actor, match, exclude)
        with_sql = f"WITH m AS MATERIALIZED ({scored_sql}) "
        hits_sql, hits_params = _all_hits_sql(filters, limit=limit, offset=offset, scored="m")
    parts = [hits_sql]
    params += hits_params
    if not facets:
        parts.append(
            f"SELECT '~total', {EMPTY}, {EMPTY}, {EMPTY}, COUNT(*), 0 FROM m WHERE {where_all}"
        )
        params += where_params
        return with_sql + " UNION ALL ".join(parts), params
    # One GROUP BY gives the total and every single-valued facet, each under the *other*
    # filters (disjunctive facets).
    where_multi, multi_params = _where(filters, single=False)
    kind_year_language = "kind, CAST(year AS VARCHAR(8)), language"
    parts.append(
        f"SELECT '~joint', {kind_year_language}, COUNT(*), 0 FROM m "
        f"WHERE {where_multi} GROUP BY {kind_year_language}"
    )
    params += multi_params
    # Facets without a filter of their own share the "every filter" set: one GROUP BY.
    # "m CROSS JOIN facet" makes SQLite walk the matches and seek their facet rows (index
    # document, facet) instead of scanning every facet row of the table.
    shared = [name for name in SHOWN_MULTI if not getattr(filters, name)]
    if shared:
        parts.append(
            f"SELECT f.facet, f.value, {EMPTY}, {EMPTY}, COUNT(*), 0 FROM m "
            f"CROSS JOIN {FACET_TABLE} f "
            f"WHERE f.document_id = m.id AND {where_all} GROUP BY f.facet, f.value "
            f"HAVING f.facet IN ({', '.join(['%s'] * len(shared))})"
        )
        # HAVING: the facet is tested once per value, not once per row of every match.
        params += [*where_params, *shared]
    for name in SHOWN_MULTI:
        if getattr(filters, name):
            where, skip_params = _where(filters, skip=name)
            parts.append(
                f"SELECT f.facet, f.value, {EMPTY}, {EMPTY}, COUNT(*), 0 FROM m "
                f"CROSS JOIN {FACET_TABLE} f "
                f"WHERE f.document_id = m.id AND {no_index}f.facet = %s AND {where} "
                "GROUP BY f.facet, f.value"
            )
            params += [name, *skip_params]
    return with_sql + " UNION ALL ".join(parts), params


def _top(match: MatchQuery, filters: DocumentFilters, *, limit: int, offset: int) -> int | None:
    """How many of the engine's best matches to rank before the access rules (None: all).

    Only on SQLite (see :func:`_statement`) and for a query without filters: a filter may
    leave few of the best matches, and the page would be asked again.
    """
    if connection.vendor != "sqlite" or not match or filters:
        return None
    return max(OVERFETCH_MIN, OVERFETCH * (offset + limit))


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _joint_counts(
    joint: list[tuple[str, str, str, int]], filters: DocumentFilters
) -> tuple[int, dict[str, Counter[str]]]:
    """The total and the single-valued facets from the counts by (kind, year, language):
    each facet's counts apply the other facets' filters, not its own."""
    chosen = {name: set(getattr(filters, name)) for name in SINGLE_FACETS}
    total = 0
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, year, language, n in joint:
        values = {"kind": kind or "", "year": year or "", "language": language or ""}
        passes = {name: not chosen[name] or values[name] in chosen[name] for name in chosen}
        if all(passes.values()):
            total += n
        for name in SINGLE_FACETS:
            if values[name] and all(ok for other, ok in passes.items() if other != name):
                counts[name][values[name]] += n
    return total, counts


# --- hits ------------------------------------------------------------------------------------


def _hits(actor: Any, ranked: list[tuple[int, float]], match: MatchQuery) -> list[DocumentHit]:
    """The page's records, fetched from their own tables under the access rules again."""
    rows = SearchDocument.objects.in_bulk([pk for pk, _score in ranked])
    by_model: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in rows.values():
        _label, _sep, record_pk = row.ref.partition(":")
        by_model[row.kind][record_pk].append(row.pk)
    registry = sources()
    live: dict[int, tuple[Any, Document]] = {}
    for kind, pks in by_model.items():
        source = registry.get(kind)
        if source is None:
            continue
        records = access.visible(actor, source.shown_records()).in_bulk(list(pks))
        for pk_text, doc_ids in pks.items():
            obj = records.get(source.model._meta.pk.to_python(pk_text))
            document = source.shown(obj) if obj is not None else None
            if obj is not None and document is not None:
                for doc_id in doc_ids:
                    live[doc_id] = (obj, document)
    hits: list[DocumentHit] = []
    for row_id, score in ranked:
        found = live.get(row_id)
        if found is None:
            continue  # removed or hidden since it was indexed: never shown
        obj, document = found
        row = rows[row_id]
        get_url = getattr(obj, "get_absolute_url", None)
        hits.append(
            DocumentHit(
                ref=row.ref,
                kind=row.kind,
                kind_label=str(registry[row.kind].label),
                title=document.title,
                url=str(get_url()) if callable(get_url) else "",
                snippet=highlight(document.body or document.title, match, document.language),
                title_html=highlight(document.title, match, document.language, width=400),
                score=score,
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
) -> DocumentResult:
    """One page of the records *actor* may see matching *query*, with facet counts.

    An empty query lists the filtered records (none without filters).  *match* replaces the
    parsed query (more-like-this); *exclude* drops records by reference.
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
    top = _top(match, filters, limit=page_size, offset=offset)
    sql, params = _statement(
        actor,
        match,
        filters,
        limit=page_size,
        offset=offset,
        facets=facets,
        exclude=exclude,
        top=top,
    )
    ranked: list[tuple[int, float]] = []
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    joint: list[tuple[str, str, str, int]] = []
    for tag, value, year, language, count, score in _rows(sql, params):
        if tag == "~hit":
            ranked.append((int(value), float(score)))
        elif tag == "~total":
            result.total = int(count)
        elif tag == "~joint":
            joint.append((value, year, language, int(count)))
        elif value not in (None, ""):
            counts[tag][str(value)] += int(count)
    if facets:
        result.total, single = _joint_counts(joint, filters)
        counts.update(single)
    if top is not None and len(ranked) < min(page_size, result.total - offset):
        # Fewer of the engine's best matches were visible than the page needs: rank them all.
        scored_sql, scored_params = _matches(actor, match, exclude)
        sql, params = _all_hits_sql(filters, limit=page_size, offset=offset)
        rows = _rows(f"WITH s AS ({scored_sql}) {sql}", [*scored_params, *params])
        ranked = [(int(value), float(score)) for _t, value, *_rest, score in rows]
    ranked.sort(key=lambda r: (-r[1], r[0]))
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
