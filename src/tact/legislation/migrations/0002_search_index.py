"""Full-text index of legal provisions (see tact.legislation.search_index, tact.search.backends).

SQLite: an FTS5 virtual table; PostgreSQL: a table with a tsvector column and a GIN index.
Neither is a Django model (FTS5 tables cannot be), so the SQL is chosen by database vendor.
The SQL is written out here, not imported, so that this migration never changes.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQL: dict[str, tuple[list[str], list[str]]] = {
    "sqlite": (
        [
            "CREATE VIRTUAL TABLE IF NOT EXISTS legislation_search_fts USING fts5("
            "title, body, context, tokenize = 'unicode61 remove_diacritics 0')",
        ],
        ["DROP TABLE IF EXISTS legislation_search_fts"],
    ),
    "postgresql": (
        [
            "CREATE TABLE IF NOT EXISTS legislation_search_index ("
            "provision_id bigint PRIMARY KEY, language varchar(8) NOT NULL DEFAULT '', "
            "vector tsvector NOT NULL)",
            "CREATE INDEX IF NOT EXISTS legislation_search_index_vector_gin "
            "ON legislation_search_index USING gin (vector)",
        ],
        ["DROP TABLE IF EXISTS legislation_search_index"],
    ),
}


def create_index(apps: Any, schema_editor: Any) -> None:
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(statement)


def drop_index(apps: Any, schema_editor: Any) -> None:
    for statement in SQL.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("legislation", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
