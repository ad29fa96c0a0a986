"""Figures derived from the maintained summaries, kept per access profile and summary version
(see :class:`tact.assistance.summary_models.DerivedFigures`).

A page asks ``derived(name, user, params, compute)``: the stored figures of that page for the
viewer's access profile and filters if they were computed at the current summary version,
else ``compute()`` runs (reading the summaries through the viewer's access filter) and its
JSON result is stored for the next reader, whichever worker process serves it. Each read
costs two indexed single-row queries, whatever the number of projects; the summaries change
only in the transactions that change projects, and those drop the stored figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.db import IntegrityError, transaction

from tact.assistance.summaries import version
from tact.assistance.summary_models import DerivedFigures
from tact.core.access import Actor
from tact.core.access import access_profile as profile

T = TypeVar("T")


def _key(name: str, user: Actor, params: Mapping[str, Any]) -> str:
    text = json.dumps(sorted((k, v) for k, v in params.items() if v not in ("", None)))
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:20]
    return f"{name}:{profile(user)}:{digest}"[:200]


def derived(name: str, user: Actor, params: Mapping[str, Any], compute: Callable[[], T]) -> T:
    """``compute()``'s JSON-able result for this page, profile and filters at the current
    summary version (stored, or computed now and stored)."""
    return derived_parts(name, user, params, ["all"], lambda: {"all": compute()})["all"]


def derived_parts(
    name: str,
    user: Actor,
    params: Mapping[str, Any],
    wanted: list[str],
    compute: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """Like :func:`derived` for figures stored in parts (a large matrix: its head and its
    states in chunks), so that a page reads only the parts it shows. ``compute()`` returns
    every part; parts it does not return read as None."""
    base = _key(name, user, params)
    current = version()
    keys = {f"{base}:{part}"[:200]: part for part in wanted}
    rows = DerivedFigures.objects.filter(key__in=list(keys), version=current)
    found = {keys[key]: data for key, data in rows.values_list("key", "data")}
    if len(found) == len(keys):
        return found
    computed = compute()
    try:
        with transaction.atomic():
            DerivedFigures.objects.filter(key__startswith=base + ":").delete()
            DerivedFigures.objects.bulk_create(
                DerivedFigures(key=f"{base}:{part}"[:200], version=current, data=data)
                for part, data in computed.items()
            )
    except IntegrityError:  # another worker stored the same figures at the same time
        pass
    return {part: computed.get(part) for part in wanted}


def stored_rows(
    name: str, user: Actor, params: Mapping[str, Any], compute: Callable[[], Any]
) -> list[dict[str, Any]]:
    """Rows of a summary query (``values().annotate()``), stored like :func:`derived`;
    decimal sums come back as strings (readers take ``Decimal(str(value))``)."""

    def rows() -> list[dict[str, Any]]:
        return [
            {k: str(v) if isinstance(v, Decimal) else v for k, v in row.items()}
            for row in compute()
        ]

    return derived(name, user, params, rows)
