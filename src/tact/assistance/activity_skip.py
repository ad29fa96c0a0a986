"""Whether a stored activity is replaced: decided from identifier, last-updated-datetime and
the digest of its XML, before anything is built.

Why apart from :mod:`tact.assistance.activity_store`: the reader calls :func:`skip_reasons`
as its prefilter on every batch of a file, so re-reading an unchanged file costs little more
than parsing it; the writer asks :func:`skip_reason` again for activities that this very file
stored (an identifier repeated in a file).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from tact.assistance.activity_rows import _aware
from tact.assistance.iati.reader import RawActivity
from tact.assistance.iati.values import parse_datetime
from tact.assistance.models import Project
from tact.core.bulk import select_in


def skip_reason(
    stored_last_updated: dt.datetime | None,
    incoming_last_updated: dt.datetime | None,
    same: Callable[[], bool],
) -> str:
    """Why an incoming activity should not replace the stored one ("" = replace it).

    Keyed on last-updated-datetime: an older or equally old version is skipped.  Without
    timestamps on both sides, an identical activity (``same()``) is skipped as unchanged.
    """
    stored, incoming = stored_last_updated, incoming_last_updated
    if stored is not None and incoming is not None:
        if incoming < stored:
            return _("a newer version is already stored (%(when)s)") % {"when": stored.isoformat()}
        if incoming == stored:
            return _("not newer than the stored version (last updated %(when)s)") % {
                "when": stored.isoformat()
            }
        return ""
    return _("unchanged since the last import") if same() else ""


def _incoming_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return _aware(parse_datetime(text))
    except ValueError:
        return None


def _stored_times(identifiers: list[str]) -> dict[str, dt.datetime | None]:
    """identifier -> stored last-updated of the stored ones among ``identifiers``, read raw
    (see :func:`select_in`) and passed through the field's own converters, so the values are
    what the ORM would give."""
    field: Any = Project._meta.get_field("last_updated")
    expression = field.get_col(Project._meta.db_table)
    converters = [
        *connection.ops.get_db_converters(expression),
        *field.get_db_converters(connection),
    ]
    stored: dict[str, dt.datetime | None] = {}
    rows = select_in(
        Project._meta.db_table, ("iati_identifier", "last_updated"), "iati_identifier", identifiers
    )
    for identifier, value in rows:
        for convert in converters:
            value = convert(value, expression, connection)
        stored[identifier] = value
    return stored


def skip_reasons(raws: list[RawActivity]) -> dict[int, str]:
    """The reader's prefilter: stored activities not to replace, decided from identifier,
    last-updated and digest alone (one query per batch; the stored document's digest is read
    only where a timestamp is missing).  Timestamps and reasons repeat across a file, so each
    distinct one is parsed and worded once per batch."""
    identifiers = list({r.identifier for r in raws if r.identifier})
    if not identifiers:
        return {}
    stored = _stored_times(identifiers)
    if not stored:
        return {}
    times: dict[str | None, dt.datetime | None] = {}
    incoming: dict[int, dt.datetime | None] = {}
    for i, r in enumerate(raws):
        if r.identifier in stored:
            text = r.last_updated
            if text not in times:
                times[text] = _incoming_time(text)
            incoming[i] = times[text]
    untimed = [
        r.identifier
        for i, r in enumerate(raws)
        if r.identifier in stored and (stored[r.identifier] is None or incoming[i] is None)
    ]
    digests: dict[str, Any] = {}
    if untimed:
        digests = dict(
            Project.objects.filter(iati_identifier__in=untimed).values_list(
                "iati_identifier", "iati_activity__digest"
            )
        )
    reasons: dict[int, str] = {}
    worded: dict[tuple[dt.datetime, dt.datetime], str] = {}
    for i, raw in enumerate(raws):
        if raw.identifier not in stored:
            continue
        before, now = stored[raw.identifier], incoming[i]
        if before is not None and now is not None:
            key = (before, now)
            if key not in worded:
                worded[key] = skip_reason(before, now, lambda: False)
            reason = worded[key]
        else:
            reason = skip_reason(
                before,
                now,
                lambda raw=raw: digests.get(raw.identifier) == raw.digest,  # type: ignore[misc]
            )
        if reason:
            reasons[i] = reason
    return reasons


def same_document(project: Project, document: dict[str, Any]) -> bool:
    stored = project.iati_activity
    if "digest" in document:
        return isinstance(stored, dict) and stored.get("digest") == document["digest"]

    return bool(stored == json.loads(json.dumps(document)))
