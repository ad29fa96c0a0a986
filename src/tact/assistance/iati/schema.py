"""The IATI 2.03 activity schema: loading it, validating one activity, validating a file.

Why 2.03 for every 2.0x file: the 2.02 and 2.03 decimal upgrades changed the activity schema
only by *adding* optional elements and attributes or by *relaxing* occurrence rules
(2.02: ``@humanitarian``, ``participating-org/@activity-id``, ``humanitarian-scope``,
``budget/@status``, ``planned-disbursement/provider-org|receiver-org``,
``document-link/document-date``, ``indicator/reference``, target/actual ``location`` and
``dimension``, ``crs-add/channel-code``, ``@vocabulary-uri``; optional
``policy-marker/@significance``.  2.03: ``tag``, ``participating-org/@crs-channel-code``,
``@budget-not-provided``, ``document-link/description``, result ``document-link`` and
``reference``, ``indicator/@aggregation-status``, baseline ``@iso-date``/``location``/
``dimension``; repeatable ``default-aid-type``, ``aid-type``, ``baseline``, ``target`` and
``actual``, optional indicator ``@value`` attributes; ``aid-type/@vocabulary``).  Every
activity valid against 2.01 or 2.02 is therefore valid against 2.03, and one schema suffices.
The converse does not hold: a 2.01 file may use 2.03-only features and still pass; the rules
module reports those as warnings (see ``rules.version_feature_warnings``) rather than
rejecting data whose meaning is clear.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

from lxml import etree

from tact.assistance.iati.errors import IatiFileError
from tact.assistance.iati.safety import safe_parser, scan_prolog

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "schemas"
ACTIVITY_SCHEMA = SCHEMA_DIR / "iati-activities-schema.xsd"
SCHEMA_VERSION = "2.03"

_local = threading.local()


def _compile() -> etree.XMLSchema:
    document = etree.parse(str(ACTIVITY_SCHEMA), safe_parser())
    return etree.XMLSchema(document)


def activity_schema() -> etree.XMLSchema:
    """The compiled 2.03 activity schema, one per thread.

    Why per thread and not a module-level ``lru_cache``: an ``XMLSchema`` keeps its
    ``error_log`` on the object, so two threads validating with the same instance could read
    each other's errors.  Compiling costs about ten milliseconds, once per thread.
    """
    schema: etree.XMLSchema | None = getattr(_local, "schema", None)
    if schema is None:
        schema = _local.schema = _compile()
    return schema


_idle: list[etree.XMLSchema] = []
"""Compiled schemas no thread is validating with (see :func:`validate_activity_element`)."""


def format_schema_error(entry: Any, *, prefix: str = "/iati-activities/") -> str:
    """``Schema: <libxml2 message> (line N, at iati-activity/transaction[2]/value)``.

    The wrapper root is stripped from the path so the location reads from the activity.
    """
    path = str(entry.path or "")
    if path.startswith(prefix):
        path = path[len(prefix) :]
    message = str(entry.message).strip()
    where = ", ".join(part for part in (f"line {entry.line}" if entry.line else "", path) if part)
    return f"Schema: {message} ({where})" if where else f"Schema: {message}"


def validate_activity_element(
    activity: Any, nsmap: dict[str | None, str] | None = None
) -> list[str]:
    """Validate one ``iati-activity`` element against the 2.03 schema; return the errors.

    The element is *moved* into a fresh ``<iati-activities version="2.03">`` root carrying
    ``nsmap`` (the file's namespace declarations): validating the whole file at once would not
    say which activity is wrong, and a move is free where a copy would cost as much as the
    validation.  Callers that need the element to stay in its tree must pass a copy.
    """
    wrapper = etree.Element("iati-activities", nsmap=dict(nsmap or {}))
    wrapper.set("version", SCHEMA_VERSION)
    wrapper.append(activity)
    # A schema borrowed for the call (``list.pop`` and ``append`` are atomic): each import's
    # reader thread is new (see iati.pipeline), and a per-thread schema would be compiled
    # again for every file; a borrowed one is used by one thread at a time, error log included.
    try:
        schema = _idle.pop()
    except IndexError:
        schema = _compile()
    try:
        if schema.validate(wrapper):
            return []
        return [format_schema_error(entry) for entry in schema.error_log]
    finally:
        _idle.append(schema)


def _read_bytes(path_or_bytes: str | Path | bytes) -> bytes:
    if isinstance(path_or_bytes, bytes):
        return path_or_bytes
    return Path(path_or_bytes).read_bytes()


def validate_file(path_or_bytes: str | Path | bytes) -> list[str]:
    """Validate a whole activity file against the 2.03 schema; ``[]`` means valid.

    Why a whole-document check next to the per-activity one: it is what IATI's own tools do
    and what a file we *publish* must pass, root attributes included.  The document is parsed
    into memory, so use it for files we write, not for 100 MB imports (use
    :func:`tact.assistance.iati.reader.iter_activities` for those).
    """
    data = _read_bytes(path_or_bytes)
    try:
        scan_prolog(io.BytesIO(data))
        document = etree.fromstring(data, safe_parser()).getroottree()
    except IatiFileError as error:
        return [str(error)]
    except etree.XMLSyntaxError as error:
        return [f"Not well-formed XML: {error}"]
    schema = activity_schema()
    if schema.validate(document):
        return []
    return [format_schema_error(entry, prefix="/") for entry in schema.error_log]
