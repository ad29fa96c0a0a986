"""Queries compiled once per process and run again with a new key: the ORM's results without
its per-request compilation.

Why: a cold record page at registry scale (issue 19) spent more CPU turning querysets into
SQL than the database spent answering them: compiling ``project.transactions.all()`` costs
about 0.45 ms, running its SQL 0.04 ms, and the thirteen ``EXISTS`` probes that tell which
relations a project fills cost 2.2 ms to compile.  A query whose shape never changes (the
same filter, joins and ordering; only the record's key differs) is compiled here on first use,
and each later call only binds the key, executes the SQL and builds the rows exactly as the
ORM's own iterables do (same converters, ``Model.from_db``, ``select_related`` populators).

Only fixed-shape queries belong here: no ``IN`` lists, nothing that depends on who is asking
(access filters stay in their querysets).  The key is found by compiling with a sentinel
value and looking for it among the parameters; a query that does not pass the key as a
parameter is refused when it is first compiled.  Tests compare each prepared query with its
queryset (``tact.core.tests.test_prepared``, and the callers' own tests).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]  # internal, as the ORM's
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

M = TypeVar("M", bound=Model)

SENTINEL = 2_147_483_011
"""The key compiled into the query, then replaced by the real one: an id no table reaches,
yet within a 32-bit integer column's range (out of range, the ORM compiles to nothing)."""


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int, ...]  # where the key goes among the parameters
    converters: list[tuple[int, list[Any], Any]]  # (column, converters, expression)
    columns: int
    build: Callable[[str, list[tuple[Any, ...]]], list[Any]]


class Prepared(Generic[M]):
    """``Prepared(lambda key: Model.objects.filter(parent_id=key)...)``: call it with a key
    for the list of what the queryset would give for that key (model instances, or tuples
    for a ``values_list``).  Compiled lazily, once per database alias and process."""

    def __init__(self, build: Callable[[Any], QuerySet[M]]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def queryset(self, key: Any) -> QuerySet[M]:
        """The queryset this stands for (what tests compare against)."""
        return self._build(key)

    def __call__(self, key: Any, *, using: str = DEFAULT_DB_ALIAS) -> list[Any]:
        compiled = self._compiled.get(using)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(using) or self._compile(using)
                self._compiled[using] = compiled
        params = list(compiled.params)
        for slot in compiled.slots:
            params[slot] = key
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if rows and len(rows[0]) > compiled.columns:  # ordering columns the ORM selects too
            rows = [row[: compiled.columns] for row in rows]
        if compiled.converters:
            rows = [_converted(row, compiled.converters, connection) for row in rows]
        return compiled.build(using, rows)

    def _compile(self, using: str) -> _Compiled:
        queryset = self._build(SENTINEL).using(using)
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet as empty:  # e.g. the sentinel outside a small integer column
            raise ValueError("this query compiles to nothing for the sentinel key") from empty
        slots = tuple(i for i, value in enumerate(params) if value == SENTINEL)
        if not slots:
            raise ValueError(f"the key is not a parameter of this query: {sql}")
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        converters = [
            (i, convs, expression)
            for i, (convs, expression) in compiler.get_converters(fields).items()
        ]
        return _Compiled(
            sql, tuple(params), slots, converters, compiler.col_count,
            _builder(queryset, compiler),
        )  # fmt: skip


def _converted(
    row: tuple[Any, ...], converters: list[tuple[int, list[Any], Any]], connection: Any
) -> tuple[Any, ...]:
    values = list(row)
    for column, convs, expression in converters:
        value = values[column]
        for converter in convs:
            value = converter(value, expression, connection)
        values[column] = value
    return tuple(values)


def _builder(queryset: Any, compiler: Any) -> Callable[[str, list[tuple[Any, ...]]], list[Any]]:
    """How rows become results, as the queryset's own iterable would build them."""
    if queryset._iterable_class is ValuesListIterable:
        names = [
            *queryset.query.extra_select,
            *queryset.query.values_select,
            *queryset.query.annotation_select,
        ]
        wanted = list(queryset._fields or names)
        if wanted != names:
            raise ValueError("a prepared values_list names its columns in select order")
        return lambda _using, rows: rows
    if queryset._iterable_class is not ModelIterable:
        raise ValueError("a prepared query gives model instances or values_list tuples")
    if queryset._prefetch_related_lookups or queryset._known_related_objects:
        raise ValueError("a prepared query cannot prefetch (run the queryset instead)")
    klass_info, select = compiler.klass_info, compiler.select
    model = klass_info["model"]
    first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    init_list = [f[0].target.attname for f in select[first:last]]
    annotations = list(compiler.annotation_col_map.items())

    # select_related's populators keep no state between rows: one set per database.
    populators_of: dict[str, list[Any]] = {}

    def build(db: str, rows: list[tuple[Any, ...]]) -> list[Any]:
        populators = populators_of.get(db)
        if populators is None:
            populators = populators_of.setdefault(
                db, get_related_populators(klass_info, select, db)
            )
        objects = []
        for row in rows:
            obj = model.from_db(db, init_list, row[first:last])
            for populator in populators:
                populator.populate(row, obj)
            for name, column in annotations:
                setattr(obj, name, row[column])
            objects.append(obj)
        return objects

    return build
