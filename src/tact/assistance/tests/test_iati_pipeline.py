"""The reader pipeline (``iter_activities(pipeline=True)``) against the sequential reader.

What must hold (see :mod:`tact.assistance.iati.pipeline`): the same results in the same
order, the same file errors after the same results, an exception raised while judging one
activity raised when the consumer reaches it (and not when the prefilter skips it), the
prefilter asked at the same moments, no reader thread left behind (closed, dropped or broken
off), and at most a bounded number of activities judged ahead of the consumer.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tact.assistance.iati import IatiFileError, iter_activities
from tact.assistance.iati.generate import generate_activities_xml
from tact.assistance.iati.pipeline import QUEUE_BATCHES
from tact.assistance.iati.reader import PREFILTER_BATCH, RawActivity, Reader
from tact.assistance.tests.iati_support import (  # noqa: F401
    REAL,
    SHOULD_FAIL,
    _english_by_default,
    needs_shared_data,
    xml_files,
)

pytestmark = pytest.mark.engine_independent

BOTH = pytest.mark.parametrize("pipeline", [False, True], ids=["sequential", "pipeline"])


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "iati-reader"]


def _no_reader_left(timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while _readers() and time.monotonic() < deadline:
        time.sleep(0.01)
    return not _readers()


def _every_third(raws: list[RawActivity]) -> dict[int, str]:
    """A prefilter skipping by identifier (deterministic, like the importer's)."""
    return {i: "third" for i, r in enumerate(raws) if sum(map(ord, r.identifier)) % 3 == 0}


def _mostly_by_digest(raws: list[RawActivity]) -> dict[int, str]:
    """A prefilter skipping three in four, reading every digest (a re-import of activities
    without timestamps): the pipeline then waits for it instead of judging ahead."""
    return {i: "same" for i, r in enumerate(raws) if int(r.digest, 16) % 4}


def _mixed(tmp_path: Path, n: int = 150) -> bytes:
    """A generated file with some invalid activities (an element the schema refuses, a
    budget without a period) and a repeated identifier."""
    path = tmp_path / "mixed.xml"
    generate_activities_xml(path, n, seed=5)
    data = path.read_bytes()
    parts = data.split(b"</iati-activity>")
    for i in range(3, len(parts) - 1, 17):
        parts[i] += b"<not-iati/>"
    for i in range(5, len(parts) - 1, 23):
        parts[i] += b"<budget><value>1</value></budget>"
    return b"</iati-activity>".join(parts)


def _outcome(
    source: Path | bytes, pipeline: bool, **options: Any
) -> tuple[list[dict[str, Any]], str | None, list[str], str | None]:
    """Every result (all fields), the file error if any, the file warnings, the version."""
    target = io.BytesIO(source) if isinstance(source, bytes) else source
    stream = iter_activities(target, pipeline=pipeline, **options)
    results: list[dict[str, Any]] = []
    error = None
    try:
        for result in stream:
            results.append(dataclasses.asdict(result))
    except IatiFileError as failure:
        error = f"{failure.message} @ {failure.line}"
    return results, error, list(stream.file_warnings), stream.version


OPTIONS: list[dict[str, Any]] = [
    {},
    {"keep_xml": True},
    {"prefilter": _every_third},
    {"strict_schema": False, "prefilter": lambda raws: {}},
    {"prefilter": _mostly_by_digest},
]


@pytest.mark.parametrize(
    "options", OPTIONS, ids=["plain", "keep_xml", "prefilter", "lenient", "reimport"]
)
def test_the_pipeline_gives_what_the_sequential_reader_gives(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    data = _mixed(tmp_path)
    sequential = _outcome(data, False, **options)
    assert sequential == _outcome(data, True, **options)
    results = sequential[0]
    assert len(results) == 150
    assert {r["status"] for r in results} >= {"ok", "rejected"}
    assert [r["line"] for r in results] == sorted(r["line"] for r in results)
    assert _no_reader_left()


@needs_shared_data
@pytest.mark.parametrize(
    "options", OPTIONS, ids=["plain", "keep_xml", "prefilter", "lenient", "reimport"]
)
def test_real_and_failing_files_read_alike_both_ways(options: dict[str, Any]) -> None:
    files = xml_files(REAL) + xml_files(SHOULD_FAIL)
    assert files
    for path in files:
        assert _outcome(path, False, **options) == _outcome(path, True, **options), path


@pytest.mark.parametrize("prefilter", [None, _every_third], ids=["plain", "prefilter"])
def test_a_file_broken_part_way_fails_after_the_same_results(
    tmp_path: Path, prefilter: Callable[[list[RawActivity]], dict[int, str]] | None
) -> None:
    data = _mixed(tmp_path, 120)
    broken = data[: int(len(data) * 0.6)] + b"<oops></iati-activities>"
    sequential = _outcome(broken, False, prefilter=prefilter)
    piped = _outcome(broken, True, prefilter=prefilter)
    assert sequential == piped
    assert piped[1] is not None
    assert piped[1].startswith("Not well-formed XML")
    assert len(piped[0]) > PREFILTER_BATCH  # results came before the error
    assert _no_reader_left()


@BOTH
def test_file_errors_before_any_activity_are_the_same(pipeline: bool) -> None:
    for data in (b"", b"<iati-activities/>", b'<iati-activities version="9.9"/>', b"nope"):
        with pytest.raises(IatiFileError) as caught:
            list(iter_activities(io.BytesIO(data), pipeline=pipeline))
        with pytest.raises(IatiFileError) as again:
            list(iter_activities(io.BytesIO(data), pipeline=not pipeline))
        assert (caught.value.message, caught.value.line) == (again.value.message, again.value.line)
    assert _no_reader_left()


def _failing_on(monkeypatch: pytest.MonkeyPatch, position: int) -> None:
    """Judging the ``position``-th activity (0-based, file order) raises."""
    original = Reader.activity
    seen = [0]

    def activity(self: Reader, element: Any, serialised: Any = None) -> Any:
        index = seen[0]
        seen[0] += 1
        if index == position:
            raise RuntimeError(f"judging activity {position} broke")
        return original(self, element, serialised)

    monkeypatch.setattr(Reader, "activity", activity)


@BOTH
def test_an_error_judging_one_activity_is_raised_when_it_is_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipeline: bool
) -> None:
    path = tmp_path / "file.xml"
    generate_activities_xml(path, 100, seed=2)
    _failing_on(monkeypatch, 70)
    got = []
    with pytest.raises(RuntimeError, match="judging activity 70 broke"):
        for result in iter_activities(path, pipeline=pipeline, prefilter=lambda raws: {}):
            got.append(result.identifier)
    assert len(got) == 70
    assert _no_reader_left()


def test_an_error_on_an_activity_the_prefilter_skips_is_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Speculative judging must not surface what the sequential reader never did."""
    path = tmp_path / "file.xml"
    generate_activities_xml(path, 100, seed=2)
    identifiers = [r.identifier for r in iter_activities(path)]
    _failing_on(monkeypatch, 40)  # the pipeline judges it ahead; the prefilter skips it

    def prefilter(raws: list[RawActivity]) -> dict[int, str]:
        return {i: "stored" for i, r in enumerate(raws) if r.identifier == identifiers[40]}

    results = list(iter_activities(path, pipeline=True, prefilter=prefilter))
    assert [r.identifier for r in results] == identifiers
    assert results[40].status == "skipped"
    assert results[40].reason == "stored"


@BOTH
def test_the_prefilter_sees_each_batch_after_the_previous_one_was_consumed(
    tmp_path: Path, pipeline: bool
) -> None:
    """The importer's prefilter reads what it wrote for the batches before."""
    path = tmp_path / "file.xml"
    generate_activities_xml(path, 100, seed=3)
    events: list[str] = []

    def prefilter(raws: list[RawActivity]) -> dict[int, str]:
        events.append(f"prefilter {len(raws)}")
        return {}

    for _result in iter_activities(path, pipeline=pipeline, prefilter=prefilter):
        events.append("result")
    expected: list[str] = []
    for size in (32, 32, 32, 4):
        expected += [f"prefilter {size}"] + ["result"] * size
    assert events == expected


@BOTH
def test_stopping_early_stops_the_reader_thread(tmp_path: Path, pipeline: bool) -> None:
    path = tmp_path / "file.xml"
    generate_activities_xml(path, 300, seed=4)
    with iter_activities(path, pipeline=pipeline, prefilter=lambda raws: {}) as stream:
        first = next(stream)
        assert first.ok
    assert _no_reader_left()
    # Dropped without closing: the generator's cleanup stops the thread all the same.
    stream = iter_activities(path, pipeline=pipeline)
    next(stream)
    del stream
    gc.collect()
    assert _no_reader_left()


def test_the_reader_thread_closes_a_stream_it_was_given_no_longer(tmp_path: Path) -> None:
    """A caller's stream is read by the thread until the consumer stops; then it is left
    alone (the caller may close it right away)."""
    path = tmp_path / "file.xml"
    generate_activities_xml(path, 300, seed=4)
    with path.open("rb") as handle:
        stream = iter_activities(handle, pipeline=True)
        next(stream)
        stream.close()
        assert _no_reader_left()
        assert not handle.closed  # the caller's to close


def _count_judged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A counter of the activities the reader judges (built and checked), in any thread."""
    judged = [0]
    original = Reader.activity

    def activity(self: Reader, element: Any, serialised: Any = None) -> Any:
        judged[0] += 1
        return original(self, element, serialised)

    monkeypatch.setattr(Reader, "activity", activity)
    return judged


def test_the_reader_thread_runs_a_bounded_distance_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory: a consumer that stops taking results stops the reader after a few batches."""
    path = tmp_path / "file.xml"
    generate_activities_xml(path, 20 * PREFILTER_BATCH, seed=6)
    judged = _count_judged(monkeypatch)
    with iter_activities(path, pipeline=True, prefilter=lambda raws: {}) as stream:
        next(stream)
        for _ in range(100):  # let the reader thread run until the queue blocks it
            before = judged[0]
            time.sleep(0.02)
            if judged[0] == before and judged[0] > PREFILTER_BATCH:
                break
        # Queued, being yielded, and the one the reader thread holds while it waits.
        assert judged[0] <= (QUEUE_BATCHES + 2) * PREFILTER_BATCH
    assert _no_reader_left()


def test_a_reimport_is_not_judged_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the prefilter skips (a re-import), the reader thread waits for its answer
    instead of judging activities that will be skipped: only the first batches are."""
    path = tmp_path / "file.xml"
    generate_activities_xml(path, 20 * PREFILTER_BATCH, seed=7)
    judged = _count_judged(monkeypatch)
    results = list(
        iter_activities(
            path, pipeline=True, prefilter=lambda raws: dict.fromkeys(range(len(raws)), "old")
        )
    )
    assert [r.status for r in results] == ["skipped"] * 20 * PREFILTER_BATCH
    assert judged[0] <= (QUEUE_BATCHES + 2) * PREFILTER_BATCH


def test_only_the_importer_opts_in() -> None:
    """``iter_activities`` stays sequential unless asked (TACT_IMPORT_PIPELINE asks)."""
    stream = iter_activities(io.BytesIO(b"<iati-activities/>"))
    assert stream.pipeline is False
    stream.close()
