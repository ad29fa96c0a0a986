"""Rows of a relation that are already at hand, without a related manager.

Why: ``project.countries.all()`` builds a related manager on every access (a many-to-many
one computes its join each time), which costs more than summing a new project's facts or
reading its search document (issue 19).  Code that reads many records whose relations were
prefetched, or handed over in memory by a bulk writer, asks :func:`related` instead; any
other record still goes through its manager.
"""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef, QuerySet

from tact.core.prepared import Prepared


class Listed(list[Any]):
    """A plain list that answers ``.all()`` like a prefetched relation."""

    def all(self) -> Listed:
        return self


def related(obj: Any, name: str) -> Any:
    """The rows of ``obj.<name>``: the prefetched ones as they are, else ``.all()``."""
    cache = getattr(obj, "__dict__", {}).get("_prefetched_objects_cache")
    if cache is not None and name in cache:
        return cache[name]
    return getattr(obj, name).all()


def presence(model: Any, names: list[str]) -> dict[str, Exists]:
    """Annotations saying whether each relation of a record holds any row (``has_<name>``),
    to add to the query that reads the record itself."""
    return {f"has_{name}": Exists(_rows_of(model, name)) for name in names}


def non_empty(obj: Any, names: list[str]) -> set[str]:
    """Which of ``obj``'s relations (reverse foreign keys, many-to-many either way) hold any
    row: from the ``has_<name>`` annotations of :func:`presence` when the record was read with
    them, else in one query.

    Why: a record page lists a dozen relations and most records fill only a few; asking each
    empty one costs a query and its compilation, which was most of a cold project page
    (issue 19). Rows are not filtered here: callers still apply access to the ones listed.
    """
    if not names:
        return set()
    if all(hasattr(obj, f"has_{name}") for name in names):
        return {name for name in names if getattr(obj, f"has_{name}")}
    found = _probe(type(obj), tuple(names))(obj.pk, using=obj._state.db or DEFAULT_DB_ALIAS)
    if not found:
        return set()
    return {name for name, present in zip(names, found[0], strict=True) if present}


_probes: dict[tuple[type[Any], tuple[str, ...]], Prepared[Any]] = {}


def _probe(model: type[Any], names: tuple[str, ...]) -> Prepared[Any]:
    """The presence query for these relations, compiled once (a dozen ``EXISTS`` cost
    about 2 ms to compile and a tenth of that to run; issue 19)."""
    probe = _probes.get((model, names))
    if probe is None:
        probes = presence(model, list(names))
        probe = _probes.setdefault(
            (model, names),
            Prepared(
                lambda pk: (
                    model._default_manager.filter(pk=pk)
                    .annotate(**probes)
                    .order_by()
                    .values_list(*probes)
                )
            ),
        )
    return probe


def _rows_of(model: Any, name: str) -> QuerySet[Any]:
    """The rows of relation ``name`` of the record at ``OuterRef("pk")``."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        if field.concrete:  # declared on ``model``
            through, column = field.remote_field.through, field.m2m_field_name()
        else:  # declared on the other model
            through, column = field.through, field.field.m2m_reverse_field_name()
        return through._default_manager.filter(**{column: OuterRef("pk")})
    if field.one_to_many:
        return field.related_model._default_manager.filter(**{field.field.name: OuterRef("pk")})
    raise ValueError(f"{model.__name__}.{name} is not a to-many relation")
