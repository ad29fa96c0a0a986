"""Writes for overlap detection and review (secretariat and donors); audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.assistance import permissions
from tact.assistance.models import ImportRun, OverlapCandidate, Project
from tact.assistance.overlaps.detection import DetectionResult, detect_in_partitions
from tact.assistance.overlaps.records import (
    country_partitions,
    records_by_key,
    wildcard_records,
)
from tact.assistance.overlaps.scoring import DEFAULT_THRESHOLD, MIN_THRESHOLD
from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot


@dataclass(slots=True)
class DetectionSummary:
    projects: int = 0
    pairs: int = 0
    created: int = 0
    updated: int = 0
    retired: int = 0
    clusters: int = 0
    stats: dict[str, Any] = field(default_factory=dict)


def _check_threshold(threshold: float) -> None:
    if not MIN_THRESHOLD <= threshold <= 1:
        raise ValidationError(
            _("The threshold must be between %(low)s and 1.") % {"low": MIN_THRESHOLD}
        )


def overlaps_detect(
    *,
    actor: Actor,
    threshold: float = DEFAULT_THRESHOLD,
    projects: QuerySet[Project] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DetectionSummary:
    """Detect overlaps among all projects (or ``projects``) and store them.

    Idempotent: a pair found again gets its new score and reasons and keeps its review; a
    stored pair not found any more is kept with ``active=False``. Only the secretariat (or
    the command line) runs it, because it reads every project regardless of who may see it.
    Reading and scoring run outside any transaction, one recipient country at a time (memory
    holds one country's projects; ``progress(read, total)`` is called per country); only
    storing the pairs is one short transaction. Pages start it as a background task
    (:func:`overlaps_start`), never inside a request.
    """
    if not permissions.can_detect_overlaps(actor):
        raise PermissionDenied(_("Only the secretariat may run overlap detection."))
    _check_threshold(threshold)
    scope = Project.objects.all() if projects is None else projects
    total = scope.count()
    result = detect_in_partitions(
        country_partitions(scope),
        wildcard_records(scope),
        lambda keys: records_by_key(sorted(keys)),
        threshold=threshold,
        progress=None if progress is None else (lambda read: progress(read, total)),
    )
    if progress is not None:
        progress(total, total)
    return _store(
        actor=actor,
        threshold=threshold,
        scope=projects,
        total=total,
        result=result,
    )


@transaction.atomic
def _store(
    *,
    actor: Actor,
    threshold: float,
    scope: QuerySet[Project] | None,
    total: int,
    result: DetectionResult,
) -> DetectionSummary:
    now = timezone.now()
    cluster_of = result.cluster_of()
    cluster_keys = {
        n: f"c{min(cast(int, k) for k in members)}" for n, members in enumerate(result.clusters)
    }
    stored = OverlapCandidate.objects.all()
    if scope is not None:  # a subquery, not a list of every project's id
        stored = stored.filter(project_a__in=scope.values("pk"))
    existing = {(c.project_a_id, c.project_b_id): c for c in stored.select_for_update()}
    summary = DetectionSummary(projects=total, pairs=len(result.pairs))
    to_create: list[OverlapCandidate] = []
    to_update: list[OverlapCandidate] = []
    seen: set[tuple[int, int]] = set()
    for pair in result.pairs:
        a, b = sorted((cast(int, pair.a), cast(int, pair.b)))
        seen.add((a, b))
        values = {
            "score": round(pair.score, 4),
            "reasons": [r.as_dict() for r in pair.reasons],
            "kind": pair.kind,
            "cluster_key": cluster_keys[cluster_of[pair.a]],
            "active": True,
            "detected_at": now,
        }
        current = existing.get((a, b))
        if current is None:
            to_create.append(OverlapCandidate(project_a_id=a, project_b_id=b, **values))
        else:
            for key, value in values.items():
                setattr(current, key, value)
            to_update.append(current)
    retire = [c for key, c in existing.items() if key not in seen and c.active]
    for c in retire:
        c.active = False
    OverlapCandidate.objects.bulk_create(to_create, batch_size=1000)
    fields = ["score", "reasons", "kind", "cluster_key", "active", "detected_at", "updated_at"]
    for c in to_update:
        c.updated_at = now
    OverlapCandidate.objects.bulk_update(to_update, fields, batch_size=1000)
    OverlapCandidate.objects.bulk_update(retire, ["active"], batch_size=1000)
    summary.created, summary.updated, summary.retired = len(to_create), len(to_update), len(retire)
    summary.clusters = len(result.clusters)
    summary.stats = result.stats
    audit_log(
        actor=actor,
        action="overlaps.detect",
        changes={
            "threshold": [None, threshold],
            "projects": [None, summary.projects],
            "pairs": [None, summary.pairs],
            "created": [None, summary.created],
            "retired": [None, summary.retired],
        },
    )
    return summary


@transaction.atomic
def overlap_review(
    *, actor: Actor, candidate: OverlapCandidate, status: str, note: str = ""
) -> OverlapCandidate:
    """Record a person's verdict on a pair (duplicate, complementary, unrelated or back to
    pending); audited."""
    if status not in OverlapCandidate.Review.values:
        raise ValidationError(_("Unknown review status."))
    if not permissions.can_review_overlap(actor, candidate):
        raise PermissionDenied(_("You may not review this overlap."))
    candidate = OverlapCandidate.objects.select_for_update().get(pk=candidate.pk)
    before = snapshot(candidate)
    candidate.status = status
    candidate.review_note = note.strip()
    if status == OverlapCandidate.Review.PENDING:
        candidate.reviewed_by = None
        candidate.reviewed_at = None
    else:
        candidate.reviewed_by = access.author_of(actor)
        candidate.reviewed_at = timezone.now()
    candidate.save()
    changes = diff(before, snapshot(candidate))
    changes.pop("updated_at", None)
    changes.pop("reviewed_at", None)
    audit_log(actor=actor, action="overlap.review", target=candidate, changes=changes)
    return candidate


# --- detection as a background task ----------------------------------------------------------


def overlaps_start(*, actor: Actor, threshold: float = DEFAULT_THRESHOLD) -> ImportRun:
    """Queue overlap detection (secretariat); returns the run whose status and progress the
    pages poll. A detection already waiting or running is returned instead of a second one."""
    if not permissions.can_detect_overlaps(actor):
        raise PermissionDenied(_("Only the secretariat may run overlap detection."))
    _check_threshold(threshold)
    from tact.assistance.overlaps.tasks import detect_overlaps_task

    current = ImportRun.objects.filter(
        kind=ImportRun.Kind.OVERLAPS,
        status__in=[ImportRun.Status.PENDING, ImportRun.Status.RUNNING],
    ).first()
    if current is not None:
        return current
    run = ImportRun.objects.create(
        kind=ImportRun.Kind.OVERLAPS,
        file_name=f"overlaps >= {threshold}",
        created_by=access.author_of(actor),
        threshold=threshold,
    )
    audit_log(actor=actor, action="overlaps.start", target=run, changes={"threshold": threshold})
    detect_overlaps_task.enqueue(run.pk, getattr(actor, "pk", None))
    run.refresh_from_db()
    return run


def run_detection(run: ImportRun, *, actor: Actor) -> DetectionSummary | None:
    """The task's body: detect, writing progress (projects read of all) on the run."""
    started = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING, started_at=started)

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(
            processed_bytes=done, total_bytes=total, activities_seen=done
        )

    try:
        summary = overlaps_detect(
            actor=actor, threshold=run.threshold or DEFAULT_THRESHOLD, progress=progress
        )
    except Exception as error:  # the run must say it failed, whatever the cause
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE,
        finished_at=timezone.now(),
        activities_seen=summary.projects,
        imported=summary.created,
        updated=summary.updated,
        skipped=summary.retired,
        report=[{"pairs": summary.pairs, "clusters": summary.clusters, **summary.stats}],
    )
    return summary
