"""Activity <-> JSON-safe dict, so that a stored activity can be written back without loss.

Why generic: the model has some twenty dataclasses and named tuples; a converter driven by the
type hints follows the model when it grows instead of needing a hand-written mapping per class.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from decimal import Decimal
from typing import Any

from tact.assistance.iati.model import Activity


def to_jsonable(value: Any) -> Any:
    """Plain JSON values: Decimal -> str, dates -> ISO strings, dataclasses/tuples -> dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: to_jsonable(getattr(value, name)) for name in value._fields}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from(options[0], data) if len(options) == 1 else data
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_from(inner, v) for v in data]
    if origin is dict:
        _key, inner = typing.get_args(tp)
        return {k: _from(inner, v) for k, v in data.items()}
    if tp is Decimal:
        return Decimal(data)
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(data)
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    if isinstance(tp, type) and (dataclasses.is_dataclass(tp) or hasattr(tp, "_fields")):
        hints = _hints(tp)
        return tp(**{k: _from(hints[k], v) for k, v in data.items() if k in hints})
    return data


def activity_from_jsonable(data: dict[str, Any]) -> Activity:
    """The inverse of :func:`to_jsonable` for an :class:`Activity`."""
    result: Activity = _from(Activity, data)
    return result


def activity_from_stored(data: dict[str, Any]) -> Activity:
    """The activity a project stores: its own XML re-read by the import's builder (what the
    importer keeps), or the generic JSON form (activities built in code, older imports)."""
    xml = data.get("xml")
    if not isinstance(xml, str):
        return activity_from_jsonable(data)
    from lxml import etree

    from tact.assistance.iati.build import build_activity
    from tact.assistance.iati.safety import safe_parser

    element = etree.fromstring(xml.encode(), safe_parser())
    activity = build_activity(element, version=str(data.get("version") or "2.03")).activity
    activity.identifier = str(data.get("identifier") or activity.identifier)
    activity.quality_warnings = list(data.get("quality_warnings") or [])
    return activity
