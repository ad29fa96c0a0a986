"""Writing many rows at once: COPY on PostgreSQL, ``executemany`` on SQLite.

For generators and rebuilds that write hundreds of thousands of rows: tuples go straight to
the database, without model instances or per-value field preparation (which costs more
than the insert itself). Values must already be what the column takes (dates as ISO
strings or ``date``, JSON as text, decimals as ``Decimal``); no signals are sent (the site
version of :mod:`tact.core.pagecache` still goes up).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections

from tact.core.pagecache import changed


def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    using: str = "default",
) -> None:
    connection = connections[using]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    name = connection.ops.quote_name(table)
    changed(using)  # sends no signals: cached pages of the old data must go
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        batch = list(rows)
        if batch:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {name} ({quoted}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, batch)


def select_in(
    table: str,
    columns: Sequence[str],
    key: str,
    values: Sequence[Any],
    *,
    using: str = "default",
) -> list[tuple[Any, ...]]:
    """``SELECT columns FROM table WHERE key IN values`` as raw tuples, without the ORM.

    Why: a bulk writer asks this once per batch of a few hundred rows (which of these exist,
    which ids did they get); the ORM's building of a few-hundred-value ``IN`` lookup costs
    several times the query itself.  Values come back as the driver gives them (ids and
    text are what the ORM would give; convert datetimes yourself).
    """
    if not values:
        return []
    connection = connections[using]
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        # SQLite caps the parameters of one statement; 900 stays under every build's limit.
        for start in range(0, len(values), 900):
            chunk = list(values[start : start + 900])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {names} FROM {quote(table)} WHERE {quote(key)} IN ({marks})",  # noqa: S608
                chunk,
            )
            rows.extend(tuple(row) for row in cursor.fetchall())
    return rows
