"""The engine's tables of the document index (see tact.search.backends, tact.search.documents).

SQLite: an FTS5 virtual table; PostgreSQL: a table with a tsvector column and a GIN index.
The SQL is written out here, not imported, so that this migration never changes.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQL: dict[str, tuple[list[str], list[str]]] = {
    "sqlite": (
        [
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_document_fts USING fts5("
            "title, body, context, tokenize = 'unicode61 remove_diacritics 0')",
        ],
        ["DROP TABLE IF EXISTS search_document_fts"],
    ),
    "postgresql": (
        [
            "CREATE TABLE IF NOT EXISTS search_document_index ("
            "document_id bigint PRIMARY KEY, language varchar(8) NOT NULL DEFAULT '', "
            "vector tsvector NOT NULL)",
            "CREATE INDEX IF NOT EXISTS search_document_index_vector_gin "
            "ON search_document_index USING gin (vector)",
        ],
        ["DROP TABLE IF EXISTS search_document_index"],
    ),
}


def create_index(apps: Any, schema_editor: Any) -> None:
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement)


def drop_index(apps: Any, schema_editor: Any) -> None:
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
