"""Reading a file in a thread of its own, ahead of the consumer (the importer's second core).

Why: an import spends about half its time reading (parsing, XSD validation, building the
activity, the rules) and half writing (rows, SQL).  Python runs one thread at a time, but
lxml releases the interpreter lock while it parses, validates and serialises, and SQLite
(and psycopg) while they execute: a reader thread that judges the next batches while the
consumer writes keeps both cores busy for much of the file.  Measured on the 20 MB bench
file, see decision 0004.

What stays exactly as in the sequential reader (:meth:`Reader.results`):

* **The results and their order.**  The reader thread runs the same parse loop and the same
  per-activity judging; the consumer yields its verdicts in file order.
* **Skips decided before building, at the same moment.**  The prefilter reads the database, so
  it runs in the consumer's thread, on a batch exactly when the sequential reader would ask
  (after the previous batch has been consumed, and so after whatever its consumer wrote).
  The reader thread therefore judges a batch *ahead* of that decision, speculatively, and the
  verdicts of activities the prefilter skips are dropped.  When the prefilter skipped most
  of the last batch (a re-import), judging ahead would be wasted work: the reader thread
  then hands the batch over unjudged, waits for the prefilter's answer and judges only the
  activities kept (``Channel.speculate``).  The choice changes the time taken, never the
  results.
* **Errors.**  A file error (not XML, broken part-way, ...) reaches the consumer after the
  verdicts that precede it, with the same message and line; an exception raised while
  judging one activity is raised when the consumer reaches that activity (and not at all
  if the prefilter skips it).
* **Memory.**  At most :data:`QUEUE_BATCHES` batches wait in the queue, plus the one the
  reader thread is judging and the one the consumer is yielding: bounded by the batch size,
  not by the file.
* **No thread left behind.**  Closing the stream, dropping it, or an exception in the
  consumer stops the reader thread (it checks every :data:`POLL_SECONDS` while it waits) and
  joins it; the reader thread closes the file it opened.

Elements are never used by two threads at once: judging ahead, the reader thread serialises
each activity where the tree is (the XML kept and its digest are those of the sequential
reader) and hands over plain Python objects (raw activities, verdicts); waiting for the
prefilter's answer, it is blocked while the consumer's thread may serialise an activity the
prefilter asks about, and it forgets those elements before it parses on.

Measured (decision 0004): with PostgreSQL, whose work is in the server, the import runs about
a third faster; with SQLite, whose work is in this process and mostly holds the interpreter
lock (binding values, Django), it is no faster: the parts of either thread that release the
lock are too short and too scattered to overlap much.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from tact.assistance.iati.reader import (
    PREFILTER_BATCH,
    ActivityResult,
    RawActivity,
    Reader,
    raw_title,
)

QUEUE_BATCHES = 8
"""Batches judged ahead and waiting for the consumer (memory: this times the batch size)."""
POLL_SECONDS = 0.05
"""How often a waiting thread looks whether the other side has stopped."""

Verdict = ActivityResult | BaseException
"""A judged activity, or what judging it raised (re-raised when the consumer reaches it)."""


class _StoppedError(Exception):
    """The consumer has gone: the reader thread unwinds (closing its file)."""


@dataclass(slots=True)
class Batch:
    """One batch, as the reader thread hands it over.

    ``raws`` is None without a prefilter (then ``verdicts`` are all there is).  ``verdicts``
    is None when the batch waits for the prefilter's answer before being judged.
    """

    raws: list[RawActivity] | None
    lines: list[int | None]
    titles: list[str]
    verdicts: list[Verdict] | None


class Channel:
    """The bounded queue from the reader thread, the answer back, and the stop flag."""

    def __init__(self, size: int = QUEUE_BATCHES) -> None:
        self.items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=size)
        self.answers: queue.Queue[dict[int, str]] = queue.Queue(maxsize=1)
        self.stop = threading.Event()
        self.speculate = True
        """Judge batches before the prefilter has seen them (a hint set by the consumer)."""

    def put(self, kind: str, value: Any) -> None:
        """Hand something to the consumer, waiting while the queue is full."""
        while True:
            if self.stop.is_set():
                raise _StoppedError
            try:
                self.items.put((kind, value), timeout=POLL_SECONDS)
            except queue.Full:
                continue
            return

    def answer(self) -> dict[int, str]:
        """The prefilter's answer on the batch handed over unjudged."""
        while True:
            if self.stop.is_set():
                raise _StoppedError
            try:
                return self.answers.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue

    def take(self, thread: threading.Thread) -> tuple[str, Any]:
        """The next item from the reader thread (which always ends with "end" or "error")."""
        while True:
            try:
                return self.items.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not thread.is_alive() and self.items.empty():  # pragma: no cover - defensive
                    raise RuntimeError("the IATI reader thread ended without a result") from None

    def close(self, thread: threading.Thread) -> None:
        self.stop.set()
        while thread.is_alive():
            with contextlib.suppress(queue.Empty):  # unblock a put; the items are dropped
                self.items.get(timeout=POLL_SECONDS)
        thread.join()


def _judge_all(reader: Reader, elements: list[Any]) -> list[Verdict]:
    """Verdicts on ``elements`` (no prefilter); each element is cleared."""
    verdicts: list[Verdict] = []
    for element in elements:
        verdict: Verdict
        try:
            verdict = reader.activity(element)
        except Exception as error:  # raised when the consumer gets there, as sequentially
            verdict = error
        element.clear()
        verdicts.append(verdict)
    return verdicts


def _verdict(reader: Reader, element: Any, raw: RawActivity) -> Verdict:
    """The verdict on one activity of a prefilter batch; the element is cleared."""
    verdict: Verdict
    try:
        verdict = reader.activity(element, raw.serialised())
    except Exception as error:  # raised when the consumer gets there, as sequentially
        verdict = error
    element.clear()
    return verdict


_SKIPPED = ActivityResult(line=None, identifier="", status="skipped")
"""Placeholder for an activity the prefilter skipped before it was judged (never yielded)."""


def _produce(reader: Reader, channel: Channel) -> None:
    """The reader thread: parse and judge, batch by batch, into the channel."""
    pending: list[Verdict] = []  # without a prefilter: verdicts grouped for the queue
    try:
        with contextlib.closing(reader.batches()) as batches:
            for elements in batches:
                if reader.prefilter is None:
                    pending.extend(_judge_all(reader, elements))
                    if len(pending) >= PREFILTER_BATCH:
                        channel.put("batch", Batch(None, [], [], pending))
                        pending = []
                    continue
                lines = [e.sourceline for e in elements]
                titles = [raw_title(e) for e in elements]
                if channel.speculate:
                    # Serialised now, where the tree is as the sequential reader serialises it.
                    raws = [reader.raw(e, eager=True) for e in elements]
                    verdicts = [
                        _verdict(reader, e, raw) for e, raw in zip(elements, raws, strict=True)
                    ]
                    channel.put("batch", Batch(raws, lines, titles, verdicts))
                else:
                    # Serialised only if the prefilter asks (an activity without timestamps),
                    # as sequentially: the consumer's thread does it while this one waits for
                    # the answer, so the tree is never used by two threads at once.
                    raws = [reader.raw(e) for e in elements]
                    channel.put("batch", Batch(raws, lines, titles, None))
                    skips = channel.answer()
                    verdicts = [
                        _SKIPPED if skips.get(i) else _verdict(reader, e, raws[i])
                        for i, e in enumerate(elements)
                    ]
                    for raw, element in zip(raws, elements, strict=True):
                        raw.forget()
                        element.clear()
                    channel.put("verdicts", verdicts)
                elements.clear()
        if pending:
            channel.put("batch", Batch(None, [], [], pending))
        channel.put("end", None)
    except _StoppedError:
        return
    except BaseException as error:  # handed to the consumer, raised in its thread
        with contextlib.suppress(_StoppedError):
            if pending:  # what precedes the error, as the sequential reader yields it
                channel.put("batch", Batch(None, [], [], pending))
            channel.put("error", error)


def _deliver(verdict: Verdict) -> ActivityResult:
    if isinstance(verdict, BaseException):
        raise verdict
    return verdict


def pipelined(reader: Reader) -> Generator[ActivityResult, None, None]:
    """The verdicts of :meth:`Reader.results`, read ahead in a thread (see the module)."""
    channel = Channel()
    # The thread holds the reader and the channel, never this generator: a consumer that
    # drops the stream closes the generator, whose ``finally`` stops the thread.
    thread = threading.Thread(
        target=_produce, args=(reader, channel), name="iati-reader", daemon=True
    )
    thread.start()
    try:
        while True:
            kind, value = channel.take(thread)
            if kind == "end":
                return
            if kind == "error":
                raise value
            batch: Batch = value
            if batch.raws is None:
                assert batch.verdicts is not None  # noqa: S101 - always judged without prefilter
                for verdict in batch.verdicts:
                    yield _deliver(verdict)
                continue
            assert reader.prefilter is not None  # noqa: S101 - raws come with a prefilter
            skips = reader.prefilter(batch.raws)
            # Judge the next batches ahead unless this one was mostly skipped (a re-import).
            channel.speculate = 2 * len(skips) < len(batch.raws)
            verdicts = batch.verdicts
            if verdicts is None:
                channel.answers.put(skips)
                kind, value = channel.take(thread)
                if kind == "error":
                    raise value
                verdicts = value
            assert verdicts is not None  # noqa: S101 - judged above or ahead
            for i, verdict in enumerate(verdicts):
                reason = skips.get(i)
                if reason:
                    yield Reader.skipped(
                        batch.lines[i], batch.raws[i].identifier, batch.titles[i], reason
                    )
                else:
                    yield _deliver(verdict)
    finally:
        channel.close(thread)
