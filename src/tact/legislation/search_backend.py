"""Full-text engine behind legislation search: SQLite FTS5 by default, PostgreSQL in production.

One interface, two engines.  Both index the *same* terms: the text is analysed by tact's own
analyser (:func:`tact.legislation.text.analysis.analyse`: normalisation, stopwords, Snowball
stemming for en/fr/es/ru/ar, characters and bigrams for Chinese) and the query is analysed the
same way, so "свидетелей" finds "свидетель" and "witnesses" finds "witness" on either engine,
and a laptop on SQLite ranks and recalls like the organisation's PostgreSQL server.

* SQLite: an FTS5 virtual table ``legislation_search_fts(title, body)`` whose rowid is the
  provision id; the columns hold space-separated analysed terms; ranking is ``bm25()`` with
  the heading weighted above the body.
* PostgreSQL: a table ``legislation_search_index(provision_id, language, vector tsvector)``
  with a GIN index; the vector is written as a tsvector literal (terms, positions, weight A for
  the heading, D for the body), the query as a tsquery literal; ranking is ``ts_rank_cd``.
  The parser and dictionaries of PostgreSQL are bypassed on purpose: its 'simple' parser would
  glue Chinese runs into one token and its configurations know nothing of British/American
  spelling or Arabic proclitics; the GIN index and the ranking are PostgreSQL's own.

The engine only answers "which provision ids match, with which score".  Access rules, facets,
pagination and snippets are applied by :mod:`tact.legislation.search_service` on the ORM, the
same way for both engines.  Nothing here imports the legislation models, so the engine can be
tested and benchmarked on bare ids.
"""

# Table names in SQL are module constants; every value is a bound parameter.
# ruff: noqa: S608, S610
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from tact.legislation.text.analysis import LANGUAGES, analyse, canonical_language

__all__ = [
    "FTS_TABLE",
    "PG_TABLE",
    "IndexDoc",
    "MatchQuery",
    "PostgresBackend",
    "SearchBackend",
    "SqliteBackend",
    "get_backend",
    "highlight",
    "parse_query",
    "query_languages",
]

FTS_TABLE = "legislation_search_fts"
PG_TABLE = "legislation_search_index"

#: Weights of heading and context (the law's title) terms relative to a body term (bm25).
TITLE_WEIGHT = 3.0
CONTEXT_WEIGHT = 0.5
_BM25 = f"bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0, {CONTEXT_WEIGHT})"


@dataclass(frozen=True)
class IndexDoc:
    """What the engine indexes for one provision (id = the provision's primary key)."""

    id: int
    language: str
    title: str
    body: str
    #: Where the provision sits (the law's title): found, but weighted below heading and body.
    context: str = ""


# --- queries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """One reading of the query in one language: every clause must match (AND).

    A clause is a tuple of terms: one term, or several that must appear as a phrase.
    """

    language: str
    clauses: tuple[tuple[str, ...], ...]

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for clause in self.clauses for t in clause)


@dataclass(frozen=True)
class MatchQuery:
    """The analysed query: alternatives (one per candidate language) joined by OR."""

    text: str
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.alternatives)

    @property
    def terms(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for alternative in self.alternatives:
            out |= alternative.terms
        return out

    def terms_for(self, language: str) -> frozenset[str]:
        """Terms to highlight in a text written in *language*."""
        lang = canonical_language(language)
        for alternative in self.alternatives:
            if alternative.language == lang:
                return alternative.terms
        return self.terms


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_PHRASE = re.compile(r'"([^"]*)"')


def query_languages(text: str) -> tuple[str, ...]:
    """The UN languages a query may be written in, judged by its script.

    Cyrillic can only be Russian, Arabic script only Arabic, Han only Chinese; Latin script may
    be English, French or Spanish, so a Latin query is read in all three (OR).
    """
    found: list[str] = []
    if _CYRILLIC.search(text):
        found.append("ru")
    if _ARABIC.search(text):
        found.append("ar")
    if _HAN.search(text):
        found.append("zh")
    if _LATIN.search(text) or not found:
        found.extend(["en", "fr", "es"])
    return tuple(found)


def _is_han(term: str) -> bool:
    return bool(_HAN.match(term))


def _query_terms(text: str, language: str) -> list[str]:
    """Analyse query text like a document, but keep only the bigrams of a Chinese run (its
    unigrams are implied and would make every character a separate required clause)."""
    terms = analyse(text, language)
    if any(_is_han(t) and len(t) == 2 for t in terms):
        terms = [t for t in terms if not (_is_han(t) and len(t) == 1)]
    return terms


def parse_query(text: str, language: str | None = None) -> MatchQuery:
    """Analyse a user's query.  ``"double quotes"`` make a phrase; other words are ANDed.

    With *language* the query is read in that language only; without it, in every language its
    script allows (see :func:`query_languages`), each reading being one alternative.
    """
    text = text.strip()
    languages = (canonical_language(language),) if language else query_languages(text)
    phrases = [p for p in _PHRASE.findall(text) if p.strip()]
    loose = _PHRASE.sub(" ", text)
    alternatives: list[Alternative] = []
    for lang in languages:
        clauses: list[tuple[str, ...]] = []
        for phrase in phrases:
            terms = _query_terms(phrase, lang)
            if terms:
                clauses.append(tuple(terms))
        for term in _query_terms(loose, lang):
            if (term,) not in clauses:
                clauses.append((term,))
        if clauses:
            alternative = Alternative(lang, tuple(clauses))
            if all(a.clauses != alternative.clauses for a in alternatives):
                alternatives.append(alternative)
    return MatchQuery(text, tuple(alternatives))


# --- highlighting --------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def _word_terms(word: str, language: str) -> frozenset[str]:
    """Index terms of one word (cached: legal vocabulary repeats from hit to hit)."""
    return frozenset(analyse(word, language))


def highlight(text: str, query: MatchQuery, language: str, *, width: int = 240) -> str:
    """An HTML-escaped window of *text* around its first matching word, matches in ``<mark>``.

    Words are matched by their analysed form, so "свидетелей" is marked for the query
    "свидетель".  The result is safe to render as HTML (everything else is escaped).
    """
    terms = query.terms_for(language)
    words = list(_WORD.finditer(text))
    marked: list[tuple[int, int]] = []
    if terms:
        lang = canonical_language(language)
        for match in words:
            if not _word_terms(match.group(0), lang).isdisjoint(terms):
                marked.append(match.span())
    start = 0
    if marked and len(text) > width:
        start = max(0, marked[0][0] - width // 4)
        # begin on a word boundary
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    if end < len(text):
        while end > start + width // 2 and not text[end].isspace():
            end -= 1
    pieces: list[str] = ["…" if start else ""]
    cursor = start
    for a, b in marked:
        if b <= start or a >= end:
            continue
        pieces.append(html.escape(text[cursor:a]))
        pieces.append(f"<mark>{html.escape(text[a:b])}</mark>")
        cursor = b
    pieces.append(html.escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces)


# --- engines -------------------------------------------------------------------------------


class SearchBackend(Protocol):
    """What legislation search needs from a full-text engine."""

    vendor: str

    def index(self, docs: Iterable[IndexDoc]) -> int:
        """Add or replace the entries of *docs*; returns how many were written."""

    def remove(self, ids: Iterable[int]) -> int:
        """Drop the entries of these provision ids."""

    def clear(self) -> None:
        """Empty the index."""

    def count(self) -> int:
        """Number of indexed provisions."""

    def optimize(self) -> None:
        """Compact the index and refresh planner statistics after a bulk (re)build."""

    def indexed_ids(self) -> set[int]:
        """Ids present in the index (to find stale entries)."""

    def match_sql(self, query: MatchQuery) -> tuple[str, list[Any]]:
        """SQL selecting the ids of matching provisions (for ``pk__in=RawSQL(...)``)."""

    def rank(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        """*queryset* of provisions restricted to matches, annotated ``search_score``
        (higher is better) and ordered by it."""

    def raw_search(self, query: MatchQuery, limit: int = 20) -> list[tuple[int, float]]:
        """The engine alone: best *limit* (id, score), no access rules, no joins."""


@lru_cache(maxsize=262144)
def _chunk_terms(chunk: str, language: str) -> tuple[str, ...]:
    return tuple(analyse(chunk, language))


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

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

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
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)
                cursor.executemany(
                    f"INSERT INTO {FTS_TABLE}(rowid, title, body, context) VALUES (%s, %s, %s, %s)",
                    chunk,
                )
        return len(rows)

    def remove(self, ids: Iterable[int]) -> int:
        id_list = list(ids)
        removed = 0
        with self.connection.cursor() as cursor:
            for chunk in _chunks(id_list, 500):
                marks = ",".join("%s" for _ in chunk)
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", list(chunk))
                removed += max(cursor.rowcount, 0)
        return removed

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
            return int(cursor.fetchone()[0])

    def optimize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
            cursor.execute("ANALYZE")

    def indexed_ids(self) -> set[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE}")
            return {int(r[0]) for r in cursor.fetchall()}

    def match_sql(self, query: MatchQuery) -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [self.fts_query(query)],
        )

    def rank(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        table = queryset.model._meta.db_table
        pk = queryset.model._meta.pk.column
        return queryset.extra(
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = {table}.{pk}", f"{FTS_TABLE} MATCH %s"],
            params=[self.fts_query(query)],
            select={"search_score": f"-{_BM25}"},
            order_by=["-search_score", "id"],
        )

    def raw_search(self, query: MatchQuery, limit: int = 20) -> list[tuple[int, float]]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -{_BM25} AS score "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY score DESC LIMIT %s",
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

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

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
        with self.connection.cursor() as cursor:
            for chunk in _chunks(rows, 500):
                cursor.executemany(
                    f"INSERT INTO {PG_TABLE}(provision_id, language, vector) "
                    "VALUES (%s, %s, %s::tsvector) ON CONFLICT (provision_id) DO UPDATE "
                    "SET language = EXCLUDED.language, vector = EXCLUDED.vector",
                    chunk,
                )
        return len(rows)

    def remove(self, ids: Iterable[int]) -> int:
        id_list = list(ids)
        if not id_list:
            return 0
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE provision_id = ANY(%s)", [id_list])
            return max(cursor.rowcount, 0)

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {PG_TABLE}")

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {PG_TABLE}")
            return int(cursor.fetchone()[0])

    def optimize(self) -> None:
        # Fresh statistics of the tables search joins, too: after a bulk import the planner
        # would otherwise think "1 public text" and hash-join every provision.
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"ANALYZE {PG_TABLE}, legislation_legalprovision, legislation_legaltext, "
                "legislation_provisionmapping"
            )

    def indexed_ids(self) -> set[int]:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT provision_id FROM {PG_TABLE}")
            return {int(r[0]) for r in cursor.fetchall()}

    def match_sql(self, query: MatchQuery) -> tuple[str, list[Any]]:
        return (
            f"SELECT provision_id FROM {PG_TABLE} WHERE vector @@ %s::tsquery",
            [self.tsquery(query)],
        )

    def rank(self, queryset: QuerySet[Any], query: MatchQuery) -> QuerySet[Any]:
        table = queryset.model._meta.db_table
        pk = queryset.model._meta.pk.column
        tsquery = self.tsquery(query)
        return queryset.extra(
            tables=[PG_TABLE],
            where=[
                f"{PG_TABLE}.provision_id = {table}.{pk}",
                f"{PG_TABLE}.vector @@ %s::tsquery",
            ],
            params=[tsquery],
            select={
                "search_score": f"ts_rank_cd({_PG_WEIGHTS}, {PG_TABLE}.vector, %s::tsquery, 1)"
            },
            select_params=[tsquery],
            order_by=["-search_score", "id"],
        )

    def raw_search(self, query: MatchQuery, limit: int = 20) -> list[tuple[int, float]]:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT provision_id, ts_rank_cd({_PG_WEIGHTS}, vector, q, 1) AS score "
                f"FROM {PG_TABLE}, CAST(%s AS tsquery) AS q WHERE vector @@ q "
                "ORDER BY score DESC LIMIT %s",
                [self.tsquery(query), limit],
            )
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]


def get_backend(using: str = "default") -> SearchBackend:
    """The engine for the database vendor of connection *using*."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        return SqliteBackend(connection)
    raise NotImplementedError(f"legislation search has no engine for {connection.vendor}")


# --- schema (used by the migration and by tests that need the tables) ----------------------

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, context, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_DROP = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
POSTGRES_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {PG_TABLE} ("
    "provision_id bigint PRIMARY KEY, language varchar(8) NOT NULL DEFAULT '', "
    "vector tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_vector_gin ON {PG_TABLE} USING gin (vector)",
]
POSTGRES_DROP = [f"DROP TABLE IF EXISTS {PG_TABLE}"]


def schema_statements(vendor: str, *, create: bool = True) -> list[str]:
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    return []


def ensure_schema(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in schema_statements(connection.vendor):
            cursor.execute(statement)


SUPPORTED_LANGUAGES = LANGUAGES
