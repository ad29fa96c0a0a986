"""IATI import into the database: one verdict per activity, all-or-nothing per file.

Flow: :func:`tact.assistance.iati.iter_activities` streams and validates each activity (2.03
schema, codelists, rules); each valid one is mapped to a :class:`Project` and its child rows
inside a savepoint; the whole file runs in one transaction, so a file that turns out broken
half-way (or, under ``strict``, any invalid activity) leaves no trace.  Re-importing is keyed
on the IATI identifier and ``last-updated-datetime``: an activity not newer than the stored one
is skipped, an unchanged one too, so nothing is ever duplicated.

Progress cannot be written to the database while the import's own transaction is open (other
connections would not see it, and SQLite would block), so it goes to a small JSON file beside
the uploaded file, which the progress page reads.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.assistance import summaries
from tact.assistance.activity_rows import Lookups, project_values, sector_names
from tact.assistance.activity_skip import skip_reasons
from tact.assistance.activity_store import BatchWriter, _Item, save_activity
from tact.assistance.iati import IatiFileError, iter_activities
from tact.assistance.models import ImportRun
from tact.core import access
from tact.core.audit import audit_log

__all__ = [
    "ImportReport",
    "Lookups",
    "import_iati",
    "project_values",
    "read_progress",
    "run_import",
    "save_activity",
    "sector_names",
]

MAX_REPORT_ROWS = 5000
"""Rows kept in a run's report beyond the rejected ones (counts are always complete)."""
MAX_REJECTED_ROWS = 20000
YOUNG_THRESHOLD = 100_000
"""Net new containers between collections of the youngest generation during an import."""

Progress = Callable[[int, int, "ImportReport"], None]
RowCallback = Callable[[dict[str, Any]], None]


@dataclass
class ImportReport:
    """What an import did: counts, one row per activity (bounded), and the file's verdict."""

    file_name: str = ""
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    seen: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    error: str = ""
    error_line: int | None = None
    file_warnings: list[str] = field(default_factory=list)
    rolled_back: bool = False
    version: str = ""
    _kept: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def failed(self) -> bool:
        return bool(self.error)

    @property
    def changed(self) -> int:
        return self.imported + self.updated

    def add(self, row: dict[str, Any]) -> None:
        outcome = row["outcome"]
        setattr(self, outcome, getattr(self, outcome) + 1)
        limit = MAX_REJECTED_ROWS if outcome == "rejected" else MAX_REPORT_ROWS
        key = "rejected" if outcome == "rejected" else "other"
        if self._kept.get(key, 0) < limit:
            self._kept[key] = self._kept.get(key, 0) + 1
            self.rows.append(row)
        else:
            self.truncated = True

    def summary(self) -> str:
        text = _(
            "%(imported)s imported, %(updated)s updated, %(skipped)s skipped, %(rejected)s rejected"
        ) % {
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "rejected": self.rejected,
        }
        if self.error:
            text += " — " + self.error
        return text


class _RollbackError(Exception):
    """Raised inside the file's transaction to undo it (strict mode, file errors)."""


class CountingReader:
    """A binary stream wrapper that counts bytes read (progress without a second pass)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def close(self) -> None:  # the caller owns the file
        pass


# -- the file -------------------------------------------------------------------------------


def _row(
    line: int | None, identifier: str, title: str, outcome: str, reason: str
) -> dict[str, Any]:
    return {
        "line": line,
        "identifier": identifier,
        "title": title[:200],
        "outcome": outcome,
        "reason": reason,
    }


def _open(source: str | Path | BinaryIO | IO[bytes]) -> tuple[BinaryIO, int, bool]:
    if isinstance(source, (str, Path)):
        path = Path(source)
        return path.open("rb"), path.stat().st_size, True
    size = 0
    try:
        position = source.tell()
        source.seek(0, 2)
        size = source.tell() - position
        source.seek(position)
    except (OSError, AttributeError):
        size = 0
    return source, size, False  # type: ignore[return-value]


def import_iati(
    source: str | Path | BinaryIO,
    *,
    actor: Any,
    strict: bool = False,
    schema_only: bool = False,
    lenient: bool = False,
    file_name: str = "",
    run: ImportRun | None = None,
    progress: Progress | None = None,
    on_row: RowCallback | None = None,
    progress_every: float = 0.5,
) -> ImportReport:
    """Import one IATI activity file (a path or a binary stream).

    ``strict``: any invalid activity rejects the whole file (nothing is stored).
    ``lenient``: import an activity despite small schema slips (a ``point`` without
    ``srsName``, a transaction ``sector`` without ``code``, an attribute from another
    version) as long as the rules pass; each slip is kept as a data-quality warning.
    ``schema_only``: accept what the 2.03 XSD accepts, without version, codelist and rule checks
    (what the IATI schema conformance suite tests); activities without an identifier then get
    one made of the file name and position, and the report says so.
    The report is returned; the database is changed only when the file completes.
    """
    access.require_writer(actor)
    name = file_name or (Path(source).name if isinstance(source, (str, Path)) else "upload.xml")
    report = ImportReport(file_name=name)
    raw, size, owned = _open(source)
    reader = CountingReader(raw)
    lookups = Lookups()
    last_tick = 0.0

    def tick(force: bool = False) -> None:
        nonlocal last_tick
        now = time.monotonic()
        if progress is not None and (force or now - last_tick >= progress_every):
            last_tick = now
            progress(reader.count, size, report)

    def record(row: dict[str, Any]) -> None:
        report.add(row)
        if on_row is not None:
            on_row(row)

    def outcome(item: _Item, result: str, reason: str) -> None:
        record(
            _row(
                item.line,
                item.activity.identifier,
                item.title,
                result,
                "; ".join(x for x in (reason, item.note) if x),
            )
        )

    try:
        with transaction.atomic(), summaries.deferred(), _quiet_gc():
            stream = iter_activities(
                reader,  # type: ignore[arg-type]
                strict_schema=not lenient or schema_only,
                schema_only=schema_only,
                prefilter=skip_reasons,
                pipeline=_pipeline(),
            )
            position = 0
            writer = BatchWriter(actor=actor, lookups=lookups, run=run, record=outcome)
            try:
                for result in stream:
                    position += 1
                    report.seen += 1
                    report.version = stream.version or ""
                    if result.status == "skipped":
                        record(
                            _row(
                                result.line,
                                result.identifier,
                                result.title,
                                "skipped",
                                result.reason,
                            )
                        )
                        tick()
                        continue
                    if not result.ok or result.activity is None:
                        record(
                            _row(
                                result.line,
                                result.identifier,
                                result.title,
                                "rejected",
                                "; ".join(result.errors),
                            )
                        )
                        tick()
                        continue
                    activity = result.activity
                    note = ""
                    if not activity.identifier.strip():
                        if not schema_only:
                            record(
                                _row(result.line, "", result.title, "rejected", _("no identifier"))
                            )
                            continue
                        activity.identifier = f"{Path(name).stem}#{position}"
                        note = _("no iati-identifier: stored as %(id)s") % {
                            "id": activity.identifier
                        }
                    writer.add(
                        _Item(
                            line=result.line,
                            title=result.title,
                            activity=activity,
                            note=note,
                            xml=result.xml,
                            digest=result.digest,
                            version=stream.version or "",
                        )
                    )
                    tick()
                writer.flush()
            finally:
                # Stops the reader thread (if the loop ended early) before the file is closed.
                stream.close()
                report.file_warnings = list(stream.file_warnings)
            if strict and report.rejected:
                report.error = _(
                    "Strict mode: %(n)s invalid activities, so the whole file was rejected; "
                    "nothing was imported."
                ) % {"n": report.rejected}
                raise _RollbackError
    except IatiFileError as error:
        report.error = _("The file was rejected: %(reason)s") % {"reason": error.message}
        report.error_line = error.line
        _undo(report)
    except _RollbackError:
        _undo(report)
    finally:
        if owned:
            raw.close()
    tick(force=True)
    if report.changed:
        audit_log(
            actor=actor,
            action="project.import_iati",
            target=run,
            changes={
                "file": name,
                "imported": report.imported,
                "updated": report.updated,
                "skipped": report.skipped,
                "rejected": report.rejected,
            },
        )
    return report


def _pipeline() -> bool:
    """Whether the file is read, validated and built in a thread of its own while this one
    writes (:mod:`tact.assistance.iati.pipeline`): by default only where the database works
    outside this process and its interpreter lock (PostgreSQL); on SQLite it gave no time."""
    chosen: bool | None = settings.TACT_IMPORT_PIPELINE
    return connection.vendor == "postgresql" if chosen is None else chosen


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Move what exists before the import out of the collector's sight (``gc.freeze``).

    Why: an import allocates millions of short-lived objects; each full collection would walk
    every long-lived object of the process again (Django's, the code lists', the schema's),
    which profiled as a tenth of the import.  Nothing is leaked: unfreeze restores them.
    (No collection first: on a large process it costs more than it saves.)  The youngest
    generation is also collected less often: a batch of activities allocates some hundred
    thousand containers, nearly all freed by reference counting, and a collection every 700
    of them walked the batch's live trees over and over (counted: 160 collections for 600
    activities, against 3).  The threshold is above what a batch of 200 activities keeps alive
    at once (at 20000 a 2400-activity file still spent 0.16 s of 6 in collections of those
    live batches; at 100000, none).  Memory stays flat: what waits for collection is bounded
    by the threshold.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _undo(report: ImportReport) -> None:
    """After a rollback: what was to be imported or updated was not."""
    report.rolled_back = True
    for row in report.rows:
        if row["outcome"] in {"imported", "updated"}:
            row["outcome"] = "skipped"
            row["reason"] = _("not imported: the file was rejected")
    report.skipped += report.imported + report.updated
    report.imported = report.updated = 0


# -- import runs (background) ---------------------------------------------------------------


def progress_path(run: ImportRun) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "assistance" / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{run.pk}.json"


def read_progress(run: ImportRun) -> dict[str, Any]:
    """The live progress of a running import (empty when none was written yet)."""
    try:
        data: dict[str, Any] = json.loads(progress_path(run).read_text())
        return data
    except (OSError, ValueError):
        return {}


def _write_progress(run: ImportRun, done: int, total: int, report: ImportReport) -> None:
    data = {
        "processed_bytes": done,
        "total_bytes": total,
        "seen": report.seen,
        "imported": report.imported,
        "updated": report.updated,
        "skipped": report.skipped,
        "rejected": report.rejected,
    }
    target = progress_path(run)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(data))
    temporary.replace(target)


def run_import(run: ImportRun, *, actor: Any, schema_only: bool = False) -> ImportReport:
    """Carry out a stored ImportRun (called by the background task and by tests)."""
    run.status = ImportRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at", "updated_at"])
    try:
        with run.file.open("rb") as handle:
            report = import_iati(
                handle,
                actor=actor,
                strict=run.strict,
                lenient=run.lenient,
                schema_only=schema_only,
                file_name=run.file_name,
                run=run,
                progress=lambda done, total, rep: _write_progress(run, done, total, rep),
            )
    except Exception as error:
        run.status = ImportRun.Status.FAILED
        run.error = _("The import failed: %(error)s") % {"error": str(error)[:500]}
        run.finished_at = timezone.now()
        run.save()
        raise
    finish_run(run, report)
    return report


def finish_run(run: ImportRun, report: ImportReport) -> None:
    run.status = ImportRun.Status.FAILED if report.failed else ImportRun.Status.DONE
    run.error = report.error
    run.imported, run.updated = report.imported, report.updated
    run.skipped, run.rejected = report.skipped, report.rejected
    run.activities_seen = report.seen
    run.processed_bytes = run.total_bytes
    run.report = report.rows
    run.finished_at = timezone.now()
    run.save()
    progress_path(run).unlink(missing_ok=True)
