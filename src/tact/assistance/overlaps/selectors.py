"""Reads for overlap review; a pair is visible when both its projects are."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tact.assistance import permissions
from tact.assistance.models import ImportRun, OverlapCandidate
from tact.core import access
from tact.core.access import Actor


def overlap_list(
    user: Actor,
    *,
    status: str = "",
    kind: str = "",
    q: str = "",
    mine: bool = False,
    include_inactive: bool = False,
    min_score: float | None = None,
) -> QuerySet[OverlapCandidate]:
    qs = permissions.overlaps_visible(user).select_related("project_a", "project_b", "reviewed_by")
    if not include_inactive:
        qs = qs.filter(active=True)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if min_score is not None:
        qs = qs.filter(score__gte=min_score)
    if q:
        text = (
            Q(project_a__title__icontains=q)
            | Q(project_b__title__icontains=q)
            | Q(project_a__iati_identifier__icontains=q)
            | Q(project_b__iati_identifier__icontains=q)
        )
        qs = qs.filter(text)
    if mine:
        involved = permissions.involving_organisations_q(access.scope_of(user).organisation_ids)
        # A subquery on the pair ids rather than DISTINCT over every column of the join.
        qs = qs.filter(pk__in=OverlapCandidate.objects.filter(involved).values("pk"))
    return qs.order_by("-score", "pk")


def overlap_get(user: Actor, pk: int) -> OverlapCandidate:
    return permissions.access_overlap(user, pk)


def overlap_cluster(user: Actor, candidate: OverlapCandidate) -> QuerySet[OverlapCandidate]:
    """Other visible pairs of the same cluster."""
    if not candidate.cluster_key:
        return OverlapCandidate.objects.none()
    return (
        permissions.overlaps_visible(user)
        .filter(cluster_key=candidate.cluster_key, active=True)
        .exclude(pk=candidate.pk)
        .select_related("project_a", "project_b")
        .order_by("-score")
    )


def latest_detection() -> ImportRun | None:
    """The latest overlap detection run (its status and progress are shown on the list)."""
    return ImportRun.objects.filter(kind=ImportRun.Kind.OVERLAPS).order_by("-created_at").first()
