"""Writes for overlap detection and review, and the bridge from the database to the pure
algorithms (:mod:`tact.assistance.overlaps`, :mod:`tact.assistance.matching`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.assistance.matching import CandidateRecord
from tact.assistance.models import (
    Need,
    OverlapCandidate,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
    ProjectSector,
    Transaction,
)
from tact.assistance.overlaps import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    ProjectRecord,
    detect_overlaps,
)
from tact.assistance.services import need_upsert
from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.audit import audit_log, diff, snapshot
from tact.directory.models import State

CHUNK = 2000


def _chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _related_refs(activity: Any) -> list[str]:
    """Identifiers an IATI activity (as stored JSON) points to."""
    refs: list[str] = []
    if not isinstance(activity, dict):
        return refs
    for item in activity.get("related_activities") or ():
        ref = item.get("ref") if isinstance(item, dict) else None
        if ref:
            refs.append(str(ref))
    for item in activity.get("other_identifiers") or ():
        ref = item.get("ref") if isinstance(item, dict) else None
        if ref:
            refs.append(str(ref))
    return refs


def project_records(projects: QuerySet[Project]) -> Iterator[ProjectRecord]:
    """Overlap records for ``projects``, read in chunks (bounded memory, few queries)."""
    ids = list(projects.order_by("pk").values_list("pk", flat=True))
    for chunk in _chunks(ids):
        countries: dict[int, set[str]] = {}
        for pid, code in ProjectCountry.objects.filter(project_id__in=chunk).values_list(
            "project_id", "code"
        ):
            countries.setdefault(pid, set()).add(code)
        sectors: dict[int, set[str]] = {}
        for pid, code in ProjectSector.objects.filter(project_id__in=chunk).values_list(
            "project_id", "code"
        ):
            sectors.setdefault(pid, set()).add(code)
        topics: dict[int, set[str]] = {}
        through_p = Project.provisions.through
        for pid, key in through_p.objects.filter(project_id__in=chunk).values_list(
            "project_id", "provision__key"
        ):
            topics.setdefault(pid, set()).add(key)
        through_t = Project.themes.through
        for pid, code in through_t.objects.filter(project_id__in=chunk).values_list(
            "project_id", "theme__code"
        ):
            topics.setdefault(pid, set()).add(code)
        funders: dict[int, set[str]] = {}
        implementers: dict[int, set[str]] = {}
        linked: dict[int, set[str]] = {}
        for pid, role, name, ref, activity_id in ParticipatingOrganisation.objects.filter(
            project_id__in=chunk
        ).values_list("project_id", "role", "name", "ref", "activity_id"):
            label = name or ref
            if label and role == ParticipatingOrganisation.Role.FUNDING:
                funders.setdefault(pid, set()).add(label)
            elif label and role in (
                ParticipatingOrganisation.Role.IMPLEMENTING,
                ParticipatingOrganisation.Role.EXTENDING,
            ):
                implementers.setdefault(pid, set()).add(label)
            if activity_id:
                linked.setdefault(pid, set()).add(activity_id)
        for pid, provider, receiver in Transaction.objects.filter(project_id__in=chunk).values_list(
            "project_id", "provider_activity_id", "receiver_activity_id"
        ):
            for ref in (provider, receiver):
                if ref:
                    linked.setdefault(pid, set()).add(ref)
        rows = Project.objects.filter(pk__in=chunk).values_list(
            "pk",
            "iati_identifier",
            "reporting_org_name",
            "reporting_org_ref",
            "title",
            "description",
            "planned_start",
            "actual_start",
            "planned_end",
            "actual_end",
            "iati_activity__related_activities",
            "iati_activity__other_identifiers",
        )
        for row in rows.order_by("pk"):
            (pid, identifier, org_name, org_ref, title, description) = row[:6]
            planned_start, actual_start, planned_end, actual_end, related, others = row[6:]
            refs = set(linked.get(pid, ()))
            refs.update(_related_refs({"related_activities": related, "other_identifiers": others}))
            refs.discard(identifier)
            yield ProjectRecord(
                key=pid,
                identifier=identifier,
                reporting_org=org_name or org_ref,
                funders=frozenset(funders.get(pid, ())),
                implementers=frozenset(implementers.get(pid, ())),
                countries=frozenset(countries.get(pid, ())),
                sectors=frozenset(sectors.get(pid, ())),
                topics=frozenset(topics.get(pid, ())),
                start=actual_start or planned_start,
                end=actual_end or planned_end,
                title=title,
                description=description,
                linked_ids=frozenset(refs),
            )


def candidate_records(projects: QuerySet[Project]) -> list[CandidateRecord]:
    """Matching candidates: projects (``offer`` when still in the pipeline)."""
    ids = list(projects.order_by("pk").values_list("pk", flat=True))
    out: list[CandidateRecord] = []
    for chunk in _chunks(ids):
        countries: dict[int, set[str]] = {}
        for pid, code in ProjectCountry.objects.filter(project_id__in=chunk).values_list(
            "project_id", "code"
        ):
            countries.setdefault(pid, set()).add(code)
        provisions: dict[int, set[str]] = {}
        themes: dict[int, set[str]] = {}
        through_p = Project.provisions.through
        for pid, key, theme in through_p.objects.filter(project_id__in=chunk).values_list(
            "project_id", "provision__key", "provision__themes__code"
        ):
            provisions.setdefault(pid, set()).add(key)
            if theme:
                themes.setdefault(pid, set()).add(theme)
        through_t = Project.themes.through
        for pid, code in through_t.objects.filter(project_id__in=chunk).values_list(
            "project_id", "theme__code"
        ):
            themes.setdefault(pid, set()).add(code)
        for row in (
            Project.objects.filter(pk__in=chunk)
            .order_by("pk")
            .values_list(
                "pk",
                "status",
                "title",
                "description",
                "planned_start",
                "actual_start",
                "planned_end",
                "actual_end",
            )
        ):
            pid, status, title, description, ps, ast, pe, ae = row
            out.append(
                CandidateRecord(
                    key=pid,
                    kind="offer" if status == Project.Status.PIPELINE else "project",
                    title=title,
                    description=description,
                    countries=frozenset(countries.get(pid, ())),
                    provisions=frozenset(provisions.get(pid, ())),
                    themes=frozenset(themes.get(pid, ())),
                    start=ast or ps,
                    end=ae or pe,
                )
            )
    return out


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


@transaction.atomic
def overlaps_detect(
    *,
    actor: Any,
    threshold: float = DEFAULT_THRESHOLD,
    projects: QuerySet[Project] | None = None,
) -> DetectionSummary:
    """Detect overlaps among all projects (or ``projects``) and store them.

    Idempotent: a pair found again gets its new score and reasons and keeps its review; a
    stored pair not found any more is kept with ``active=False``. Only the secretariat (or
    the command line) runs it, because it reads every project regardless of who may see it.
    """
    access.require_secretariat(actor)
    _check_threshold(threshold)
    scope = Project.objects.all() if projects is None else projects
    records = list(project_records(scope))
    result = detect_overlaps(records, threshold=threshold)
    now = timezone.now()
    cluster_of = result.cluster_of()
    cluster_keys = {
        n: f"c{min(cast(int, k) for k in members)}" for n, members in enumerate(result.clusters)
    }
    existing = {
        (c.project_a_id, c.project_b_id): c
        for c in OverlapCandidate.objects.filter(
            project_a_id__in=[r.key for r in records]
        ).select_for_update()
    }
    summary = DetectionSummary(projects=len(records), pairs=len(result.pairs))
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


def organisations_of(project: Project) -> set[int]:
    ids = {project.owner_organisation_id, project.reporting_organisation_id}
    ids.update(
        project.participating_organisations.exclude(organisation=None).values_list(
            "organisation_id", flat=True
        )
    )
    ids.discard(None)
    return {int(i) for i in ids if i is not None}


def can_review(user: Any, candidate: OverlapCandidate) -> bool:
    """The secretariat reviews any pair; a donor reviews pairs involving a project of its
    organisation (owner, reporting or participating) when it may see both projects."""
    scope = access.scope_of(user)
    if not scope.authenticated:
        return False
    if not (
        access.can_view(user, candidate.project_a) and access.can_view(user, candidate.project_b)
    ):
        return False
    if scope.is_secretariat:
        return True
    if scope.role != access.Role.DONOR or not scope.organisation_ids:
        return False
    mine = organisations_of(candidate.project_a) | organisations_of(candidate.project_b)
    return bool(mine & scope.organisation_ids)


@transaction.atomic
def overlap_review(
    *, actor: Any, candidate: OverlapCandidate, status: str, note: str = ""
) -> OverlapCandidate:
    """Record a person's verdict on a pair (duplicate, complementary, unrelated or back to
    pending); audited."""
    if status not in OverlapCandidate.Review.values:
        raise ValidationError(_("Unknown review status."))
    if not can_review(actor, candidate):
        raise PermissionDenied(_("You may not review this overlap."))
    candidate = OverlapCandidate.objects.select_for_update().get(pk=candidate.pk)
    before = snapshot(candidate)
    candidate.status = status
    candidate.review_note = note.strip()
    if status == OverlapCandidate.Review.PENDING:
        candidate.reviewed_by = None
        candidate.reviewed_at = None
    else:
        candidate.reviewed_by = actor if getattr(actor, "pk", None) else None
        candidate.reviewed_at = timezone.now()
    candidate.save()
    changes = diff(before, snapshot(candidate))
    changes.pop("updated_at", None)
    changes.pop("reviewed_at", None)
    audit_log(actor=actor, action="overlap.review", target=candidate, changes=changes)
    return candidate


@transaction.atomic
def need_save(
    *,
    actor: Any,
    need: Need | None = None,
    state: State,
    title: str,
    description: str = "",
    provisions: Iterable[Provision] = (),
    themes: Iterable[Theme] = (),
    priority: str = Need.Priority.MEDIUM,
    status: str = Need.Status.OPEN,
    source: str = Need.Source.STATE,
    classification: str = "restricted",
) -> Need:
    """Create a need (through :func:`need_upsert`) or edit one: focal points of the state and
    the secretariat only; the state of an existing need may change only to one the actor may
    also record needs for. Audited."""
    if not title.strip():
        raise ValidationError(_("A need needs a title."))
    if status not in Need.Status.values:
        raise ValidationError(_("Unknown status."))
    if need is None:
        need, _created = need_upsert(
            actor=actor,
            state=state,
            title=title.strip(),
            description=description,
            provisions=provisions,
            themes=themes,
            priority=priority,
            source=source,
            classification=classification,
        )
        if need.status != status:
            need.status = status
            need.save(update_fields=["status", "updated_at"])
        return need
    if not access.can_edit(actor, need):
        raise PermissionDenied(_("You may not edit this need."))
    if state.pk != need.state_id and not access.can_create_for(actor, owner_state_id=state.pk):
        raise PermissionDenied(_("You may not record needs for this state."))
    before = snapshot(need)
    before_links = (
        sorted(need.provisions.values_list("key", flat=True)),
        sorted(need.themes.values_list("code", flat=True)),
    )
    need.state = state
    need.owner_state = state
    need.title = title.strip()[:300]
    need.description = description
    need.priority = priority
    need.status = status
    need.source = source
    need.classification = classification
    need.full_clean()
    need.save()
    need.provisions.set(list(provisions))
    need.themes.set(list(themes))
    changes = diff(before, snapshot(need))
    changes.pop("updated_at", None)
    after_links = (
        sorted(need.provisions.values_list("key", flat=True)),
        sorted(need.themes.values_list("code", flat=True)),
    )
    if before_links[0] != after_links[0]:
        changes["provisions"] = [before_links[0], after_links[0]]
    if before_links[1] != after_links[1]:
        changes["themes"] = [before_links[1], after_links[1]]
    if changes:
        audit_log(actor=actor, action="need.update", target=need, changes=changes)
    return need
