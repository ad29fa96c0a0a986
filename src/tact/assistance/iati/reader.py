"""Streaming reader for IATI 2.01-2.03 activity files, one verdict per activity.

Why streaming and per-activity: publishers' files reach hundreds of megabytes, and one broken
activity must not hide the hundreds of good ones around it.  ``iter_activities`` therefore
walks the file with ``lxml.etree.iterparse``, validates each ``iati-activity`` on its own
against the 2.03 schema (see :mod:`tact.assistance.iati.schema` for why 2.03 covers 2.01 and
2.02), converts it to an :class:`~tact.assistance.iati.model.Activity`, applies the IATI
rules (:mod:`tact.assistance.iati.rules`), and frees the element before reading the next one,
so memory stays bounded by the largest activity, not by the file.

Problems with the file as a whole raise :class:`IatiFileError`: not XML, empty, a DOCTYPE
(refused outright: see :mod:`tact.assistance.iati.safety`), the wrong root element, a missing
or unsupported ``@version``, an invalid root attribute under ``strict_schema``, no activities
at all, or XML that stops being well-formed part-way.  The last one can only be noticed when
the parser gets there, after earlier activities were yielded; callers wanting all-or-nothing
should collect the results before acting on them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from lxml import etree

from tact.assistance.iati.build import build_activity
from tact.assistance.iati.errors import IatiFileError
from tact.assistance.iati.model import Activity
from tact.assistance.iati.rules import SUPPORTED_VERSIONS, check_activity
from tact.assistance.iati.safety import PrefixedStream, scan_prolog
from tact.assistance.iati.schema import validate_activity_element
from tact.assistance.iati.values import parse_datetime

Status = Literal["ok", "rejected", "skipped"]

ROOT_ATTRIBUTES = frozenset({"version", "generated-datetime", "linked-data-default"})


@dataclass(slots=True)
class ActivityResult:
    """The verdict on one ``iati-activity``.

    ``activity`` is set exactly when ``status == "ok"``: a rejected activity is reported
    (line, identifier, title, reasons) but never handed on for import.
    """

    line: int | None
    identifier: str
    status: Status
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    activity: Activity | None = None
    title: str = ""
    xml: str = ""
    """The activity as read (``keep_xml``): what an importer stores instead of re-serialising."""
    digest: str = ""
    """Hash of ``xml`` and of how it was judged (``keep_xml``): equal digests, equal verdicts."""
    reason: str = ""
    """Why a ``skipped`` activity was not judged (the ``prefilter`` said so)."""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


class RawActivity:
    """What a prefilter sees of an activity before anything is validated or built.

    ``digest`` is computed on first use only: a prefilter that decides from the identifier
    and last-updated-datetime (the common case) never serialises the activity it skips.
    """

    __slots__ = ("_serialise", "_serialised", "identifier", "last_updated")

    def __init__(
        self,
        identifier: str,
        last_updated: str | None,
        serialise: Callable[[], tuple[str, str]],
    ) -> None:
        self.identifier = identifier
        self.last_updated = last_updated
        self._serialise = serialise
        self._serialised: tuple[str, str] | None = None

    def serialised(self) -> tuple[str, str]:
        """(XML, digest), computed once."""
        if self._serialised is None:
            self._serialised = self._serialise()
        return self._serialised

    @property
    def digest(self) -> str:
        return self.serialised()[1]

    def forget(self) -> None:
        """Drop the way back to the element (the pipeline's reader thread does, before it
        clears the element, so that no other thread keeps or frees it)."""
        self._serialise = _forgotten


def _forgotten() -> tuple[str, str]:
    raise RuntimeError("the activity was not serialised while its element was there")


Prefilter = Callable[[list[RawActivity]], dict[int, str]]
"""Given a batch of raw activities, the positions to skip and why (e.g. stored and unchanged)."""
PREFILTER_BATCH = 32


def _first_child(element: Any, tag: str) -> Any:
    """The first child with ``tag``, or None.

    Why a loop and not ``find``: the identifier and title come first in an activity, and
    walking its children from the start is several times cheaper than a path search, which
    counts when an unchanged file is re-read only to be skipped.
    """
    for child in element:
        if child.tag == tag:
            return child
    return None


def _child_text(element: Any, tag: str) -> str | None:
    child = _first_child(element, tag)
    return None if child is None else child.text or ""


def _wrong_root(name: str) -> str:
    if name == "iati-organisations":
        return (
            "This is an IATI organisation file (root <iati-organisations>), not an activity file."
        )
    if name == "iati-activity":
        return (
            "The root element is a single <iati-activity>; IATI activity files wrap activities "
            "in <iati-activities version=...>."
        )
    return (
        f"The root element is <{name}>, not <iati-activities>: this is not an IATI activity file."
    )


def _syntax_error(error: etree.XMLSyntaxError) -> tuple[str, int | None]:
    """The most telling message of a parse failure.

    Why: when libxml2 stops early (an undefined entity, say), iterparse reports only a generic
    "no element found (line 0)"; the real cause is the last fatal entry of the error log.
    """
    message, line = str(getattr(error, "msg", "") or error), getattr(error, "lineno", 0) or None
    if line is None:
        entries = [e for e in error.error_log if e.level_name == "FATAL"] or list(error.error_log)
        if entries:
            message, line = str(entries[-1].message), entries[-1].line or None
    return message, line


def raw_title(element: Any) -> str:
    """The first title narrative as written (what a skipped activity is reported with)."""
    title = _first_child(element, "title")
    return (_child_text(title, "narrative") or "").strip() if title is not None else ""


class Reader:
    """The work of reading one file: the parse loop, the root's checks, judging activities.

    Why apart from :class:`ActivityStream`: the pipeline (:mod:`tact.assistance.iati.pipeline`)
    runs this in a thread of its own, and that thread must not keep the stream alive (a stream
    dropped by its consumer stops the thread).  ``version``, ``generated`` and
    ``file_warnings`` are filled in by whichever thread parses.
    """

    def __init__(
        self,
        source: str | Path | BinaryIO,
        *,
        strict_schema: bool,
        schema_only: bool,
        keep_xml: bool,
        prefilter: Prefilter | None,
    ) -> None:
        self.source = source
        self.strict_schema = strict_schema
        self.schema_only = schema_only
        self.keep_xml = keep_xml or prefilter is not None
        self.prefilter = prefilter
        self.version: str | None = None
        self.generated: dt.datetime | None = None
        self.file_warnings: list[str] = []
        self._nsmap: dict[str | None, str] = {}
        self._today = dt.datetime.now(dt.UTC).date()

    # -- the file --------------------------------------------------------------------------

    def _check_root(self, root: Any) -> None:
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:  # pragma: no cover - prescan
            raise IatiFileError("The file contains a DOCTYPE declaration, which is refused.")
        version = root.get("version")
        if version is None:
            raise IatiFileError(
                "<iati-activities> has no @version attribute; IATI requires one "
                f"({', '.join(SUPPORTED_VERSIONS)} are supported).",
                line=root.sourceline,
            )
        declared = version.strip()
        if not self.schema_only and declared not in SUPPORTED_VERSIONS:
            if declared.startswith("1."):
                message = (
                    f"IATI version {declared} is not supported: 1.0x files use a different "
                    "structure (codes, organisation text, dates); convert them to 2.0x first."
                )
            else:
                message = (
                    f"Unsupported IATI version '{version}': this reader accepts "
                    f"{', '.join(SUPPORTED_VERSIONS)}."
                )
            raise IatiFileError(message, line=root.sourceline)
        if declared != version:
            self.file_warnings.append(f"@version '{version}' has surrounding spaces.")
        self.version = declared
        problems: list[str] = []
        generated = root.get("generated-datetime")
        if generated is not None:
            try:
                self.generated = parse_datetime(generated)
            except ValueError as error:
                problems.append(
                    f"<iati-activities> @generated-datetime '{generated}' is invalid ({error})"
                )
        for name in root.attrib:
            if not str(name).startswith("{") and name not in ROOT_ATTRIBUTES:
                problems.append(
                    f"<iati-activities> has an attribute '{name}' that IATI does not define "
                    "(extensions must use a namespace)"
                )
        if problems and self.strict_schema:
            raise IatiFileError(
                "Invalid root element: " + "; ".join(problems) + ".", line=root.sourceline
            )
        self.file_warnings.extend(f"{problem}." for problem in problems)
        self._nsmap = dict(root.nsmap)

    def _stray(self, child: Any) -> None:
        if (
            isinstance(child.tag, str)
            and child.tag != "iati-activity"
            and not child.tag.startswith("{")
        ):
            self.file_warnings.append(
                f"Unexpected element <{child.tag}> directly inside <iati-activities> "
                f"(line {child.sourceline}); ignored."
            )

    def batches(self) -> Generator[list[Any], None, None]:
        """The parse loop: the finished ``iati-activity`` elements, one a list without a
        prefilter, up to :data:`PREFILTER_BATCH` with one (the prefilter's batch).

        The consumer judges and clears a list's elements before asking for the next: the parser
        does not run meanwhile, so the tree is as the sequential reader always saw it (which
        matters for the XML kept: see :meth:`serialised`).  Problems with the file raise
        :class:`IatiFileError`; a list being filled when the XML breaks is dropped.
        """
        source = self.source
        owned = isinstance(source, (str, Path))
        stream: BinaryIO = (
            Path(source).open("rb")  # noqa: SIM115 - closed in the finally below
            if isinstance(source, (str, Path))
            else source
        )
        count = 0
        try:
            prefix, root_name = scan_prolog(stream)
            if root_name != "iati-activities":
                raise IatiFileError(_wrong_root(root_name))
            context = etree.iterparse(
                PrefixedStream(prefix, stream),
                events=("start", "end"),
                tag=("iati-activities", "iati-activity"),
                resolve_entities=False,
                load_dtd=False,
                no_network=True,
                huge_tree=False,
                remove_comments=True,
                remove_pis=True,
            )
            root: Any = None
            pending: list[Any] = []
            for event, element in context:
                if event == "start":
                    if root is None:
                        root = element
                        self._check_root(root)
                    continue
                if element is root or element.getparent() is not root:
                    continue  # the root's end, or a misplaced activity inside another element
                count += 1
                # Free memory: drop what precedes this activity (never what follows: the parser
                # may already be building later siblings), then the activity itself, which
                # validation has moved out of the tree.
                while (previous := element.getprevious()) is not None:
                    self._stray(previous)
                    root.remove(previous)
                if self.prefilter is None:
                    yield [element]
                    continue
                # A prefilter decides on a batch at once (one query for many identifiers); the
                # batch's elements stay alive meanwhile, so memory stays bounded by the batch.
                pending.append(element)
                if len(pending) >= PREFILTER_BATCH:
                    yield pending
                    pending = []
            if pending:
                yield pending
            if root is None:
                tag = context.root.tag if context.root is not None else "?"
                raise IatiFileError(_wrong_root(str(tag)))
            for trailing in root:
                self._stray(trailing)
        except etree.XMLSyntaxError as error:
            message, line = _syntax_error(error)
            raise IatiFileError(f"Not well-formed XML: {message}", line=line) from None
        finally:
            if owned:
                stream.close()
        if count == 0:
            raise IatiFileError("The file contains no <iati-activity> elements.")

    def results(self) -> Generator[ActivityResult, None, None]:
        """Every verdict, judged in this thread as the file is parsed."""
        for elements in self.batches():
            if self.prefilter is None:
                element = elements[0]
                result = self.activity(element)
                element.clear()
                yield result
            else:
                yield from self._judge_batch(elements)

    # -- one activity ------------------------------------------------------------------------

    def serialised(self, element: Any) -> tuple[str, str]:
        """The activity's XML and a digest of it and of the judging mode (same digest, same
        verdict: the schema, codelists and rules are the same for the same bytes)."""
        # UTF-8 bytes are hashed as they come and decoded once (the same digest as hashing
        # the text's encoding, without a second copy of the activity).
        data = etree.tostring(element, encoding="utf-8")
        mode = f"{self.version}|{self.strict_schema}|{self.schema_only}|"
        hasher = hashlib.blake2b(mode.encode(), digest_size=16)
        hasher.update(data)
        return data.decode(), hasher.hexdigest()

    def raw(self, element: Any, *, eager: bool = False) -> RawActivity:
        """What the prefilter sees of ``element``; ``eager`` serialises it now (the pipeline
        hands the raw activity to another thread, which must not touch the tree)."""
        identifier = (_child_text(element, "iati-identifier") or "").strip()
        last_updated = element.get("last-updated-datetime")
        if eager:
            done = self.serialised(element)
            return RawActivity(identifier, last_updated, lambda: done)
        return RawActivity(identifier, last_updated, lambda: self.serialised(element))

    @staticmethod
    def skipped(line: int | None, identifier: str, title: str, reason: str) -> ActivityResult:
        return ActivityResult(
            line=line, identifier=identifier, status="skipped", title=title, reason=reason
        )

    def _judge_batch(self, elements: list[Any]) -> Iterator[ActivityResult]:
        assert self.prefilter is not None  # noqa: S101 - only called with one
        raws = [self.raw(e) for e in elements]
        skips = self.prefilter(raws)
        for i, element in enumerate(elements):
            reason = skips.get(i)
            if reason:
                result = self.skipped(
                    element.sourceline, raws[i].identifier, raw_title(element), reason
                )
            else:
                result = self.activity(element, raws[i].serialised())
            element.clear()
            yield result
        elements.clear()

    def activity(self, element: Any, serialised: tuple[str, str] | None = None) -> ActivityResult:
        """Validate, build and check one activity (the element is moved out of its tree)."""
        line = element.sourceline
        if self.keep_xml and serialised is None:
            serialised = self.serialised(element)
        schema_errors = validate_activity_element(element, self._nsmap)
        outcome = build_activity(element, version=self.version or "")
        activity = outcome.activity
        errors: list[str] = []
        warnings = list(outcome.warnings)
        if self.strict_schema:
            errors.extend(schema_errors)
        else:
            warnings.extend(schema_errors)
        if self.schema_only:
            warnings.extend(outcome.errors)
        elif not (self.strict_schema and schema_errors):
            # Conversion failures restate schema errors when the schema already rejected.
            errors.extend(outcome.errors)
        if not self.schema_only:
            report = check_activity(activity, presence=not self.strict_schema, today=self._today)
            errors.extend(report.errors)
            warnings.extend(report.warnings)
        ok = not errors
        if ok and not self.strict_schema and not self.schema_only:
            # Lenient mode: what strict validation would have rejected travels with the
            # activity, so the project page can show it as a data-quality warning.
            activity.quality_warnings = list(schema_errors) + [
                w for w in warnings if w not in schema_errors
            ]
        return ActivityResult(
            line=line,
            identifier=activity.identifier,
            status="ok" if ok else "rejected",
            errors=errors,
            warnings=warnings,
            activity=activity if ok else None,
            title=activity.title_text(),
            xml=serialised[0] if serialised and ok else "",
            digest=serialised[1] if serialised else "",
        )


class ActivityStream(Iterator[ActivityResult]):
    """Iterator of :class:`ActivityResult` that also exposes what the root element said.

    ``version`` (declared ``@version``), ``generated`` (``@generated-datetime``) and
    ``file_warnings`` (root-level problems tolerated under ``strict_schema=False``, stray
    root-level elements) are filled in once iteration has started.  Use it as a context
    manager, or call :meth:`close`, to release the file (and stop the pipeline's reader
    thread) if you stop early; dropping the stream does the same.
    """

    def __init__(self, reader: Reader, *, pipeline: bool = False) -> None:
        self._reader = reader
        self.pipeline = pipeline
        if pipeline:
            # Imported here: the pipeline module builds on this one.
            from tact.assistance.iati.pipeline import pipelined

            self._results: Generator[ActivityResult, None, None] = pipelined(reader)
        else:
            self._results = reader.results()

    @property
    def source(self) -> str | Path | BinaryIO:
        return self._reader.source

    @property
    def version(self) -> str | None:
        return self._reader.version

    @property
    def generated(self) -> dt.datetime | None:
        return self._reader.generated

    @property
    def file_warnings(self) -> list[str]:
        return self._reader.file_warnings

    def __next__(self) -> ActivityResult:
        return next(self._results)

    def __iter__(self) -> ActivityStream:
        return self

    def close(self) -> None:
        self._results.close()

    def __enter__(self) -> ActivityStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_activities(
    source: str | Path | BinaryIO,
    *,
    strict_schema: bool = True,
    schema_only: bool = False,
    keep_xml: bool = False,
    prefilter: Prefilter | None = None,
    pipeline: bool = False,
) -> ActivityStream:
    """Stream the activities of an IATI 2.01-2.03 file, one :class:`ActivityResult` each.

    ``source`` is a file path (``str`` or ``Path``) or a binary stream (not closed here).

    ``strict_schema=True`` rejects an activity that fails the 2.03 XSD (and a file whose root
    attributes are invalid); ``False`` downgrades schema errors to warnings so that slightly
    off-schema data can still be imported when the rules pass.

    ``schema_only=True`` checks exactly what the XSD checks and nothing else: any
    ``@version`` string is accepted (the XSD types it as ``xsd:string``) and codelists and
    rules are skipped.  It exists to run the IATI schema conformance suite, whose files use
    placeholder versions and codes (``"xx"``); it requires ``strict_schema=True``.

    ``keep_xml=True`` gives each valid result its XML and a digest (what an importer stores).
    ``prefilter`` is shown batches of raw activities (identifier, last-updated, digest) before
    anything is validated or built; those it names come back as ``skipped`` results with its
    reason (an importer skips stored, unchanged activities this way).

    ``pipeline=True`` parses, validates, builds and checks in a reader thread, up to
    :data:`~tact.assistance.iati.pipeline.QUEUE_BATCHES` batches ahead of the consumer, so
    that a consumer writing to a database uses a second core (see
    :mod:`tact.assistance.iati.pipeline`); the results, their order and the errors are those
    of the sequential reader.

    Errors are raised lazily, on iteration, as with any generator.
    """
    if schema_only and not strict_schema:
        raise ValueError("schema_only=True only makes sense with strict_schema=True")
    reader = Reader(
        source,
        strict_schema=strict_schema,
        schema_only=schema_only,
        keep_xml=keep_xml,
        prefilter=prefilter,
    )
    return ActivityStream(reader, pipeline=pipeline)
