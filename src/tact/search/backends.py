"""Full-text engines behind every tact search: SQLite FTS5 by default, PostgreSQL in production.

One interface, two engines, any number of indexes.  An index (:class:`IndexSpec`) names its
tables; legislation keeps one for legal provisions, :mod:`tact.search.documents` one for every
searchable record of tact.  Both engines index the *same* terms: the text is analysed by tact's
own analyser (:mod:`tact.search.analysis`) and the query the same way (:mod:`tact.search.query`),
so a laptop on SQLite ranks and recalls like the organisation's PostgreSQL server.

* SQLite: an FTS5 virtual table ``(title, body, context)`` whose rowid is the record id; the
  columns hold space-separated analysed terms; ranking is ``bm25()`` with the heading weighted
  above the body and the context below it.
* PostgreSQL: a table ``(<id>, language, vector tsvector)`` with a GIN index; the vector is
  written as a tsvector literal (terms, positions, weight A for the heading, D for the body, C
  for the context), the query as a tsquery literal; ranking is ``ts_rank_cd``.  PostgreSQL's
  parser and dictionaries are bypassed on purpose: its 'simple' parser would glue Chinese runs
  into one token and its configurations know nothing of British/American spelling or Arabic
  proclitics; the GIN index and the ranking are PostgreSQL's own.

The engine only answers "which ids match, with which score".  Access rules, facets, pagination
and snippets are applied by the callers on the same database.  Nothing here imports a model.
"""

# Table names in SQL come from IndexSpec constants; every value is a bound parameter.
# ruff: noqa: S608, S610
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from tact.search.analysis import analyse, canonical_language, script_language
from tact.search.query import MatchQuery

__all__ = [
    "IndexDoc",
    "IndexSpec",
    "PostgresBackend",
    "SearchBackend",
    "SqliteBackend",
    "ensure_schema",
    "get_backend",
    "index_terms",
    "schema_statements",
]

#: Weights of heading and context terms relative to a body term (bm25 and ts_rank_cd).
TITLE_WEIGHT = 3.0
CONTEXT_WEIGHT = 0.5


@dataclass(frozen=True)
class IndexSpec:
    """The tables of one full-text index (both engines; only one exists per database)."""

    fts_table: str  # SQLite FTS5: rowid = record id; columns title, body, context
    pg_table: str  # PostgreSQL: (<pg_id> bigint primary key, language, vector tsvector)
    pg_id: str = "id"
    #: Tables whose planner statistics matter to the searches joining this index.
    analyze_tables: tuple[str, ...] = ()

    @property
    def bm25(self) -> str:
        return f"bm25({self.fts_table}, {TITLE_WEIGHT}, 1.0, {CONTEXT_WEIGHT})"


@dataclass(frozen=True)
class IndexDoc:
    """What the engine indexes for one record (id = the row id in the index)."""

    id: int
    language: str
    title: str
    body: str
    #: Where the record sits (a law's title, an evaluation's title): found, but weighted below.
    context: str = ""


# --- engines -------------------------------------------------------------------------------


class SearchBackend(Protocol):
    """What a search needs from a full-text engine."""

    vendor: str
    spec: IndexSpec

    def index(self, docs: Iterable[IndexDoc]) -> int:
        """Add or replace the entries of *docs*; returns how many were written."""

    def remove(self, ids: Iterable[int]) -> int:
        """Drop the entries of these ids."""

    def clear(self) -> None:
        """Empty the index."""

    def count(self) -> int:
        """Number of indexed records."""

    def optimize(self) -> None:
        """Compact the index and refresh planner statistics after a bulk (re)build."""

    def indexed_ids(self) -> set[int]:
        """Ids present in the index (to find stale entries)."""

    def match_sql(self, query: MatchQuery) -> tuple[str, list[Any]]:
        """SQL selecting the ids of matching records (for ``pk__in=RawSQL(...)``)."""

    def restrict(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        """*queryset* restricted to matches, unscored (for counting)."""

    def rank(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        """*queryset* restricted to matches, annotated ``search_score``
        (higher is better) and ordered by it."""

    def top_sql(self, query: MatchQuery, limit: int) -> tuple[str, list[Any]]:
        """SQL of the engine's best *limit* matches as (id, score), ordered by score (higher
        first) then id, so that any prefix of it is a prefix of the full ranking."""

    def raw_search(self, query: MatchQuery, limit: int = 20) -> list[tuple[int, float]]:
        """The engine alone: best *limit* (id, score), no access rules, no joins."""


@lru_cache(maxsize=262144)
def _chunk_terms(chunk: str, language: str) -> tuple[str, ...]:
    """The terms of one chunk read in a record's ``language`` (its script may say otherwise).

    Why the script is decided in here: it depends on the chunk alone, so a repeated chunk
    costs one cache look-up instead of three pattern searches and a look-up (issue 19).
    """
    return tuple(analyse(chunk, script_language(chunk, language)))


def index_terms(text: str, language: str) -> list[str]:
    """``analyse(text, language)``, computed per whitespace-separated chunk with a cache.

    Tokens never span whitespace and every step of the analysis (normalisation, tokenising,
    stopwords, stemming) works within a token, so the result is the same; legal vocabulary
    repeats so much that the cache makes indexing several times faster.
    """
    lang = canonical_language(language)
    terms: list[str] = []
    for chunk in text.split():
        terms.extend(_chunk_terms(chunk, lang))
    return terms


def _analysed(doc: IndexDoc) -> tuple[list[str], list[str], list[str]]:
    return (
        index_terms(doc.title, doc.language),
        index_terms(doc.body, doc.language),
        index_terms(doc.context, doc.language),
    )


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class SqliteBackend:
    """FTS5: analysed terms in two columns, bm25 ranking."""

    vendor = "sqlite"

    def __init__(self, connection: BaseDatabaseWrapper, spec: IndexSpec) -> None:
        self.connection = connection
        self.spec = spec
        self.fts = spec.fts_table
        self.bm25 = spec.bm25

    @staticmethod
    def fts_query(query: MatchQuery) -> str:
        def clause(terms: tuple[str, ...]) -> str:
            return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'

        parts = ["(" + " AND ".join(clause(c) for c in a.clauses) + ")" for a in query.alternatives]
        return " OR ".join(parts)

    def index(self, docs: Iterable[IndexDoc]) -> int:
        rows = [
            (d.id, " ".join(t), " ".join(b), " ".join(c))
            for d in docs
            for t, b, c in [_analysed(d)]
        ]
        with self.connection.cursor() as cursor:
            for chunk in _chunks(rows, 500):
                ids = [r[0] for r in chunk]
                marks = ",".join("%s" for _ in ids)
                cursor.execute(f"DELETE FROM {self.fts} WHERE rowid IN ({marks})", ids)
                cursor.executemany(
                    f"INSERT INTO {self.fts}(rowid, title, body, context) VALUES (%s, %s, %s, %s)",
                    chunk,
                )
        return len(rows)

    def remove(self, ids: Iterable[int]) -> int:
        id_list = list(ids)
        removed = 0
        with self.connection.cursor() as cursor:
            for chunk in _chunks(id_list, 500):
                marks = ",".join("%s" for _ in chunk)
                cursor.execute(f"DELETE FROM {self.fts} WHERE rowid IN ({marks})", list(chunk))
                removed += max(cursor.rowcount, 0)
        return removed

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.fts}")

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {self.fts}")
            return int(cursor.fetchone()[0])

    def optimize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {self.fts}({self.fts}) VALUES ('optimize')")
            cursor.execute("ANALYZE")

    def indexed_ids(self) -> set[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {self.fts}")
            return {int(r[0]) for r in cursor.fetchall()}

    def match_sql(self, query: MatchQuery) -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s",
            [self.fts_query(query)],
        )

    def restrict(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        table = queryset.model._meta.db_table
        pk = queryset.model._meta.pk.column
        return queryset.extra(
            tables=[self.fts],
            where=[f"{self.fts}.rowid = {table}.{pk}", f"{self.fts} MATCH %s"],
            params=[self.fts_query(query)],
        )

    def rank(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        table = queryset.model._meta.db_table
        pk = queryset.model._meta.pk.column
        return queryset.extra(
            tables=[self.fts],
            where=[
                f"{self.fts}.rowid = {table}.{pk}",
                f"{self.fts} MATCH %s",
            ],
            params=[self.fts_query(query)],
            select={"search_score": f"-{self.bm25}"},
            order_by=["-search_score", "id"],
        )

    def top_sql(self, query: MatchQuery, limit: int) -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid AS id, -{self.bm25} AS score FROM {self.fts} "
            f"WHERE {self.fts} MATCH %s ORDER BY score DESC, rowid LIMIT %s",
            [self.fts_query(query), limit],
        )

    def raw_search(self, query: MatchQuery, limit: int = 20) -> list[tuple[int, float]]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -{self.bm25} AS score "
                f"FROM {self.fts} WHERE {self.fts} MATCH %s ORDER BY score DESC LIMIT %s",
                [self.fts_query(query), limit],
            )
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]


def _pg_quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


# tsvector positions are limited to 1..16383 and 256 positions per lexeme.
_PG_MAX_POSITION = 16383


def tsvector_literal(title: Sequence[str], body: Sequence[str], context: Sequence[str] = ()) -> str:
    """Terms -> tsvector text: heading terms weighted A, context (the law's title) C, body D;
    positions in order (heading, body, context), one position of gap between them."""
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, terms in (("A", title), ("", body), ("C", context)):
        for term in terms:
            position += 1
            if position > _PG_MAX_POSITION:
                break
            slots = positions.setdefault(term, [])
            if len(slots) < 256:
                slots.append(f"{position}{weight}")
        position += 1
    return " ".join(f"{_pg_quote(t)}:{','.join(p)}" for t, p in positions.items())


# ts_rank_cd weights in the order {D, C, B, A}: body, context, (unused), heading, so that the
# heading counts 3x and the law's title 0.5x a body term, as with bm25 on SQLite.
_PG_WEIGHTS = f"'{{0.3, {0.3 * CONTEXT_WEIGHT}, 0.6, {0.3 * TITLE_WEIGHT:.1f}}}'::float4[]"


class PostgresBackend:
    """tsvector + GIN, ts_rank_cd ranking."""

    vendor = "postgresql"

    def __init__(self, connection: BaseDatabaseWrapper, spec: IndexSpec) -> None:
        self.connection = connection
        self.spec = spec
        self.table = spec.pg_table
        self.id_col = spec.pg_id

    @staticmethod
    def tsquery(query: MatchQuery) -> str:
        def clause(terms: tuple[str, ...]) -> str:
            if len(terms) == 1:
                return _pg_quote(terms[0])
            return "(" + " <-> ".join(_pg_quote(t) for t in terms) + ")"

        parts = ["(" + " & ".join(clause(c) for c in a.clauses) + ")" for a in query.alternatives]
        return " | ".join(parts)

    def index(self, docs: Iterable[IndexDoc]) -> int:
        rows = [
            (d.id, canonical_language(d.language), tsvector_literal(*_analysed(d))) for d in docs
        ]
        # One statement per chunk, its columns as arrays: a statement per row (even pipelined)
        # cost several times the server's own work on a bulk import.  A statement may not
        # update a row twice, so a document given twice keeps its last version (as before).
        latest = list({row[0]: row for row in rows}.values())
        with self.connection.cursor() as cursor:
            for chunk in _chunks(latest, 500):
                ids, languages, vectors = zip(*chunk, strict=True)
                cursor.execute(
                    f"INSERT INTO {self.table}({self.id_col}, language, vector) "
                    "SELECT i, l, v::tsvector FROM unnest(%s::bigint[], %s::text[], %s::text[])"
                    f" AS u(i, l, v) ON CONFLICT ({self.id_col}) DO UPDATE "
                    "SET language = EXCLUDED.language, vector = EXCLUDED.vector",
                    [list(ids), list(languages), list(vectors)],
                )
        return len(rows)

    def remove(self, ids: Iterable[int]) -> int:
        id_list = list(ids)
        if not id_list:
            return 0
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE {self.id_col} = ANY(%s)", [id_list])
            return max(cursor.rowcount, 0)

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {self.table}")

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {self.table}")
            return int(cursor.fetchone()[0])

    def optimize(self) -> None:
        # Fresh statistics of the tables search joins, too: after a bulk import the planner
        # would otherwise think "1 public record" and hash-join every match.
        with self.connection.cursor() as cursor:
            tables = ", ".join((self.table, *self.spec.analyze_tables))
            cursor.execute(f"ANALYZE {tables}")

    def indexed_ids(self) -> set[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {self.id_col} FROM {self.table}")
            return {int(r[0]) for r in cursor.fetchall()}

    def match_sql(self, query: MatchQuery) -> tuple[str, list[Any]]:
        return (
            f"SELECT {self.id_col} FROM {self.table} WHERE vector @@ %s::tsquery",
            [self.tsquery(query)],
        )

    def restrict(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        table = queryset.model._meta.db_table
        pk = queryset.model._meta.pk.column
        return queryset.extra(
            tables=[self.table],
            where=[
                f"{self.table}.{self.id_col} = {table}.{pk}",
                f"{self.table}.vector @@ %s::tsquery",
            ],
            params=[self.tsquery(query)],
        )

    def rank(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        table = queryset.model._meta.db_table
        pk = queryset.model._meta.pk.column
        tsquery = self.tsquery(query)
        return queryset.extra(
            tables=[self.table],
            where=[
                f"{self.table}.{self.id_col} = {table}.{pk}",
                f"{self.table}.vector @@ %s::tsquery",
            ],
            params=[tsquery],
            select={
                "search_score": f"ts_rank_cd({_PG_WEIGHTS}, {self.table}.vector, %s::tsquery, 1)"
            },
            select_params=[tsquery],
            order_by=["-search_score", "id"],
        )

    def top_sql(self, query: MatchQuery, limit: int) -> tuple[str, list[Any]]:
        return (
            f"SELECT {self.id_col} AS id, ts_rank_cd({_PG_WEIGHTS}, vector, q, 1) AS score "
            f"FROM {self.table}, CAST(%s AS tsquery) AS q WHERE vector @@ q "
            f"ORDER BY score DESC, {self.id_col} LIMIT %s",
            [self.tsquery(query), limit],
        )

    def raw_search(self, query: MatchQuery, limit: int = 20) -> list[tuple[int, float]]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.id_col}, ts_rank_cd({_PG_WEIGHTS}, vector, q, 1) AS score "
                f"FROM {self.table}, CAST(%s AS tsquery) AS q WHERE vector @@ q "
                "ORDER BY score DESC LIMIT %s",
                [self.tsquery(query), limit],
            )
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]


def get_backend(spec: IndexSpec, using: str = "default") -> SearchBackend:
    """The engine of index *spec* for the database vendor of connection *using*."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return PostgresBackend(connection, spec)
    if connection.vendor == "sqlite":
        return SqliteBackend(connection, spec)
    raise NotImplementedError(f"tact search has no engine for {connection.vendor}")


# --- schema (used by migrations and by tests that need the tables) --------------------------


def schema_statements(spec: IndexSpec, vendor: str, *, create: bool = True) -> list[str]:
    if vendor == "sqlite":
        if not create:
            return [f"DROP TABLE IF EXISTS {spec.fts_table}"]
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {spec.fts_table} USING fts5("
            "title, body, context, tokenize = 'unicode61 remove_diacritics 0')"
        ]
    if vendor == "postgresql":
        if not create:
            return [f"DROP TABLE IF EXISTS {spec.pg_table}"]
        return [
            f"CREATE TABLE IF NOT EXISTS {spec.pg_table} ("
            f"{spec.pg_id} bigint PRIMARY KEY, language varchar(8) NOT NULL DEFAULT '', "
            "vector tsvector NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {spec.pg_table}_vector_gin "
            f"ON {spec.pg_table} USING gin (vector)",
        ]
    return []


def ensure_schema(spec: IndexSpec, using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in schema_statements(spec, connection.vendor):
            cursor.execute(statement)
