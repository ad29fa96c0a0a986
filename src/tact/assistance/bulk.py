"""Rows as tuples straight into a table: COPY on PostgreSQL, ``executemany`` on SQLite.

Why not ``bulk_create``: an import writes some fifteen rows per activity, and building a model
instance per row (and having Django prepare every value of it) cost more than the database's
own work (issue 19).  A :class:`Table` names the columns an importer fills; every other column
gets its model default, prepared once per table.  Values must already be what the driver takes:
str, int, bool, Decimal, date, None; datetimes and JSON go through :meth:`Table.moment` and
:func:`json_text`.  Nothing here sends signals: callers tell the summaries and the search index
themselves.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

RowSink = Callable[[str, Sequence[str], list[tuple[Any, ...]]], None]
"""Sees every batch written (table, columns, rows): the bench replays them as its floor."""
_sinks: list[RowSink] = []


def add_sink(sink: RowSink) -> Callable[[], None]:
    """Watch the rows written (for the bench); returns the function that stops watching."""
    _sinks.append(sink)
    return lambda: _sinks.remove(sink)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_text(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` with one encoder
    (``dumps`` with options builds a new encoder on every call; imports call this per row)."""
    return _ENCODER.encode(value)


def insert_rows(table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """The raw write, nothing else (the bench times exactly this as part of its floor)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608 - model names
            cursor.executemany(sql, rows)


class Table:
    """One model's table: the columns given, then every other column at its default."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.given = tuple(columns)
        fields = {f.column: f for f in model._meta.concrete_fields}
        unknown = set(self.given) - set(fields)
        if unknown:
            raise ValueError(f"{self.table} has no columns {sorted(unknown)}")
        self.now_columns: list[int] = []
        rest: list[str] = []
        defaults: list[Any] = []
        for column, f in fields.items():
            if column in self.given or f.primary_key:
                continue
            rest.append(column)
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.now_columns.append(len(defaults))
                defaults.append(None)
            else:
                defaults.append(f.get_db_prep_save(f.get_default(), connection))
        self.columns = self.given + tuple(rest)
        self._defaults = defaults

    def moment(self, value: dt.datetime | None) -> Any:
        """A datetime as the backend stores it (SQLite: naive UTC text, as Django writes it)."""
        if value is None or connection.vendor == "postgresql":
            return value
        return connection.ops.adapt_datetimefield_value(value)

    def write(self, rows: Iterable[tuple[Any, ...]]) -> int:
        tail = list(self._defaults)
        if self.now_columns:
            now = self.moment(dt.datetime.now(dt.UTC))
            for i in self.now_columns:
                tail[i] = now
        suffix = tuple(tail)
        full = [row + suffix for row in rows]
        for sink in _sinks:
            sink(self.table, self.columns, full)
        insert_rows(self.table, self.columns, full)
        return len(full)
