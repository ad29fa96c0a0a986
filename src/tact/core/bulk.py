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
