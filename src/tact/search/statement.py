"""The SQL of one search across tact: the page's ids, the total and the facet counts.

:func:`statement` builds the one statement :func:`tact.search.service.search_documents` asks
per search, from

1. ``m``: the engine's match set (FTS5 ``MATCH`` / ``tsvector @@``) joined with the narrow
   index rows and filtered by ``core.access.visible_q`` on their access columns;
2. the page's ids and scores: ranked over the engine's best matches first (its own top-k
   query, over-fetched) and only then joined with the access rules - asked again over every
   visible match (:func:`page_hits_sql` without *top*) in the rare case too few of them were
   visible; with filters, or with facets on PostgreSQL, over every visible match scored;
3. from ``m``: with facets, the counts by (type, year, language) in one ``GROUP BY`` (the
   total and those facets are summed from its few rows), and the state, theme and provision
   counts as one ``GROUP BY`` over the match set joined to ``SearchFacet`` - each facet applies
   every *other* selected filter (disjunctive facets); without facets, the total alone, counted
   up to :data:`COUNT_CAP` visible matches past the page (a capped total says so).

Nothing is fetched into Python but the page's ids and the counts.
"""

# Table and column names in SQL are module constants; every value is a bound parameter.
# ruff: noqa: S608
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import QuerySet

from tact.core import access
from tact.core.queryparams import filter_values, years
from tact.search.documents import document_backend
from tact.search.models import SearchDocument
from tact.search.query import MatchQuery

__all__ = [
    "COUNT_CAP",
    "FACET_NAMES",
    "DocumentFilters",
    "Ranked",
    "count_cap",
    "hit",
    "joint_counts",
    "page_hits_sql",
    "rows",
    "statement",
    "top_matches",
]

FACET_NAMES = ("kind", "state", "theme", "provision", "year", "language")
SINGLE_FACETS = ("kind", "year", "language")
SHOWN_MULTI = ("state", "theme", "provision")
FACET_TABLE = "search_searchfacet"

#: How many of the engine's best matches are ranked before the access rules are applied, as a
#: multiple of the page's end (plus a floor): with most records public, the page is in them.
OVERFETCH = 3
OVERFETCH_MIN = 100
#: A search without facets counts the visible matches up to a multiple of this past the page:
#: counting needs a walk of every match with its access row, which costs as much as the
#: engine's own ranking; past a thousand results the exact number tells a reader nothing a
#: "more than" does not.  With facets the total is exact (the facet counts walk every match).
COUNT_CAP = 1000
EMPTY = "CAST(NULL AS VARCHAR(8))"
#: Every row of the statement is (tag, value, year, language, count, score, ref, kind,
#: classification); the last three are a hit's index row (the page needs no query of its own
#: for them), NULL in the counts.
NO_ROW = ", CAST(NULL AS VARCHAR(120)), CAST(NULL AS VARCHAR(40)), CAST(NULL AS VARCHAR(16))"
HIT_COLUMNS = (
    "SELECT '~hit', CAST(id AS VARCHAR(20)), CAST(year AS VARCHAR(8)), language, 0, "
    "CAST(search_score AS DOUBLE PRECISION), ref, kind, classification FROM "
)
#: The index row's columns a hit shows (besides id, kind, year and language).
SHOWN = ("ref", "classification")
HIT_ROW = "m.id, m.year, m.language, m.ref, m.kind, m.classification"
DOCUMENT_TABLE = SearchDocument._meta.db_table
PAGE_ROW = HIT_ROW.replace("m.", "d.")


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
            # An index value (a ref, a theme code) is never longer.
            return filter_values(params, name, max_length=80)

        return cls(
            kind=values("kind"),
            state=tuple(v.upper() for v in values("state")),
            theme=values("theme"),
            provision=values("provision"),
            year=years(values("year")),
            language=values("language"),
        )

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in FACET_NAMES)

    def selected(self, facet: str) -> set[str]:
        return set(getattr(self, facet, ()))


def matches_sql(
    actor: Any,
    match: MatchQuery,
    exclude: tuple[str, ...],
    *,
    scored: bool = True,
    shown: bool = False,
) -> tuple[str, list[Any]]:
    """SQL of the visible matches: (id, kind, year, language[, ref, classification]
    [, search_score]) - *shown*: with what a hit shows."""
    found: QuerySet[SearchDocument] = SearchDocument.objects.filter(access.visible_q(actor))
    if exclude:
        found = found.exclude(ref__in=exclude)
    backend = document_backend()
    if match and scored:
        found = backend.rank(found, match)
    elif match:
        found = backend.restrict(found, match)
    if not match and scored:
        found = found.extra(select={"search_score": "0.0"})
    # search_score is the engine's (extra select), unknown to the model
    columns = ["id", "kind", "year", "language", *(SHOWN if shown else ())]
    columns += ["search_score"] if scored else []
    compiled = found.order_by().values(*columns)
    sql, params = compiled.query.get_compiler(using=found.db).as_sql()
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


def page_hits_sql(
    actor: Any,
    match: MatchQuery,
    filters: DocumentFilters,
    *,
    limit: int,
    offset: int,
    exclude: tuple[str, ...],
    top: int | None,
) -> tuple[str, list[Any]]:
    """The page's hit rows, a statement of their own (no CTE of the caller's).

    With *top*, ranked from the engine's best *top* matches only (its own top-k query), joined
    with the index rows under the access rules and filters afterwards: the visibility filter
    reads a few rows instead of one per match.  The caller checks the page against the total
    and, when too few of these were visible, asks again with *top* None: ranked over every
    visible match.
    """
    if top is None:
        scored_sql, scored_params = matches_sql(actor, match, exclude)
        sql, params = all_hits_sql(filters, limit=limit, offset=offset)
        return f"WITH s AS ({scored_sql}) {sql}", [*scored_params, *params]
    where_all, where_params = _where(filters)
    top_sql, top_params = document_backend().top_sql(match, top)
    rows_sql, rows_params = matches_sql(actor, MatchQuery(""), exclude, scored=False, shown=True)
    sql = (
        f"{HIT_COLUMNS}(SELECT {HIT_ROW}, t.score AS search_score FROM ({top_sql}) t "
        f"INNER JOIN ({rows_sql}) m ON m.id = t.id WHERE {where_all} "
        "ORDER BY t.score DESC, m.id LIMIT %s OFFSET %s) h"
    )
    return sql, [*top_params, *rows_params, *where_params, limit, offset]


def all_hits_sql(
    filters: DocumentFilters, *, limit: int, offset: int, scored: str = "s"
) -> tuple[str, list[Any]]:
    """The page's hits from every visible match (*scored*: the CTE of them, id and score):
    what a hit shows is read for the page's rows only, not carried along every match."""
    where_all, where_params = _where(filters)
    sql = (
        f"{HIT_COLUMNS}(SELECT {PAGE_ROW}, m.search_score FROM (SELECT m.id, m.search_score "
        f"FROM {scored} m WHERE {where_all} ORDER BY m.search_score DESC, m.id "
        f"LIMIT %s OFFSET %s) m INNER JOIN {DOCUMENT_TABLE} d ON d.id = m.id) h"
    )
    return sql, [*where_params, limit, offset]


def statement(
    actor: Any,
    match: MatchQuery,
    filters: DocumentFilters,
    *,
    limit: int,
    offset: int,
    facets: bool,
    exclude: tuple[str, ...],
    top: int | None,
    hits: bool = True,
) -> tuple[str, list[Any]]:
    """One statement of rows (tag, value, year, language, count, score, ref, kind,
    classification): the page's hits ('~hit', see :func:`hit`), then with *facets* the counts
    by (kind, year, language) ('~joint': the total and the single-valued facets are summed
    from them in Python) and the multi-valued facets, without them the total ('~total', at
    most ``count_cap(offset, limit) + 1``).

    Ranking needs every match's score (the engine's own top-k query computes them too),
    counting needs none.  The page is therefore ranked from the engine's best *top* matches
    before the access rules (:func:`page_hits_sql`) when *top* is given, and the visible match
    set is walked again unscored for the counts, without materializing it: FTS5's posting lists
    are cheap to walk again and writing every match to a temporary table is not (measured on
    10^5 records: bench/site_search_bench.py).  On PostgreSQL with facets, where re-checking
    the tsvectors of every match is the costly part and the facets walk them all anyway, the
    visible match set is scored once and kept (MATERIALIZED) for the page and the counts.

    Without *hits*, the counts alone (the facets of a page asked for apart from its hits).
    """
    where_all, where_params = _where(filters)
    parts: list[str] = []
    if not hits:
        plain_sql, params = matches_sql(actor, match, exclude, scored=False)
        keep = "MATERIALIZED" if connection.vendor == "postgresql" else "NOT MATERIALIZED"
        return _with_facets(f"WITH m AS {keep} ({plain_sql}) ", parts, params, filters)
    if connection.vendor == "postgresql" and facets:
        scored_sql, params = matches_sql(actor, match, exclude)
        with_sql = f"WITH m AS MATERIALIZED ({scored_sql}) "
        hits_sql, hits_params = all_hits_sql(filters, limit=limit, offset=offset, scored="m")
    else:
        plain_sql, params = matches_sql(actor, match, exclude, scored=False)
        if top is not None:
            with_sql = f"WITH m AS NOT MATERIALIZED ({plain_sql}) "
            hits_sql, hits_params = page_hits_sql(
                actor, match, filters, limit=limit, offset=offset, exclude=exclude, top=top
            )
        else:
            scored_sql, scored_params = matches_sql(actor, match, exclude)
            with_sql = (
                f"WITH m AS NOT MATERIALIZED ({plain_sql}), s AS NOT MATERIALIZED ({scored_sql}) "
            )
            params += scored_params
            hits_sql, hits_params = all_hits_sql(filters, limit=limit, offset=offset)
    parts.append(hits_sql)
    params += hits_params
    if not facets:
        # LIMIT: the walk stops at the cap (one row past it says "more than").
        parts.append(
            f"SELECT '~total', {EMPTY}, {EMPTY}, {EMPTY}, COUNT(*), 0{NO_ROW} FROM "
            f"(SELECT m.id FROM m WHERE {where_all} LIMIT %s) c"
        )
        params += [*where_params, count_cap(offset, limit) + 1]
        return with_sql + " UNION ALL ".join(parts), params
    return _with_facets(with_sql, parts, params, filters)


def _with_facets(
    with_sql: str, parts: list[str], params: list[Any], filters: DocumentFilters
) -> tuple[str, list[Any]]:
    """The statement's facet counts after its *parts* (the page)."""
    no_index = _no_index()
    where_all, where_params = _where(filters)
    # One GROUP BY gives the total and every single-valued facet, each under the *other*
    # filters (disjunctive facets).
    where_multi, multi_params = _where(filters, single=False)
    kind_year_language = "kind, CAST(year AS VARCHAR(8)), language"
    parts.append(
        f"SELECT '~joint', {kind_year_language}, COUNT(*), 0{NO_ROW} FROM m "
        f"WHERE {where_multi} GROUP BY {kind_year_language}"
    )
    params += multi_params
    # Facets without a filter of their own share the "every filter" set: one GROUP BY.
    shared = [name for name in SHOWN_MULTI if not getattr(filters, name)]
    if shared:
        # HAVING: the facet is tested once per value, not once per row of every match.
        having = f" HAVING f.facet IN ({', '.join(['%s'] * len(shared))})"
        parts.append(_facet_values_sql(where_all, having=having))
        params += [*where_params, *shared]
    for name in SHOWN_MULTI:
        if getattr(filters, name):
            where, skip_params = _where(filters, skip=name)
            parts.append(_facet_values_sql(f"{no_index}f.facet = %s AND {where}"))
            params += [name, *skip_params]
    return with_sql + " UNION ALL ".join(parts), params


def _facet_values_sql(where: str, *, having: str = "") -> str:
    """Counts by (facet, value) of the matches in m under *where*, then *having*.

    "m CROSS JOIN facet" makes SQLite walk the matches and seek their facet rows (index
    document, facet) instead of scanning every facet row of the table.
    """
    return (
        f"SELECT f.facet, f.value, {EMPTY}, {EMPTY}, COUNT(*), 0{NO_ROW} FROM m "
        f"CROSS JOIN {FACET_TABLE} f "
        f"WHERE f.document_id = m.id AND {where} GROUP BY f.facet, f.value{having}"
    )


def count_cap(offset: int, limit: int) -> int:
    """How many visible matches a search without facets counts at most: the first multiple of
    ``COUNT_CAP`` past the page's end (so "more than 1000", and a next page is known)."""
    return COUNT_CAP * (1 + (offset + limit) // COUNT_CAP)


def top_matches(
    match: MatchQuery, filters: DocumentFilters, *, limit: int, offset: int, facets: bool
) -> int | None:
    """How many of the engine's best matches to rank before the access rules (None: all).

    For a query without filters (a filter may leave few of the best matches, and the page
    would be asked again); on PostgreSQL only without facets (see :func:`statement`).
    """
    if not match or filters or (connection.vendor == "postgresql" and facets):
        return None
    return max(OVERFETCH_MIN, OVERFETCH * (offset + limit))


class Ranked(NamedTuple):
    """One hit of the page as the index knows it: its row, ranked."""

    id: int
    score: float
    ref: str
    kind: str
    language: str
    year: int | None
    classification: str


def hit(row: tuple[Any, ...]) -> Ranked:
    """A '~hit' row of the statement (or of :func:`page_hits_sql`)."""
    _tag, value, year, language, _count, score, ref, kind, classification = row
    return Ranked(
        int(value),
        float(score),
        ref,
        kind,
        language or "",
        int(year) if year else None,
        classification,
    )


def rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def joint_counts(
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
