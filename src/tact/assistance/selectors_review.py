"""Reads for needs, need matching and overlaps; every read applies the access rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Q, QuerySet

from tact.assistance.matching import Match, Matcher, NeedRecord
from tact.assistance.models import Need, OverlapCandidate, Project
from tact.assistance.services_review import candidate_records
from tact.core import access

# --- needs ---------------------------------------------------------------------------------


def need_visible(user: Any) -> QuerySet[Need]:
    return access.visible(user, Need.objects.all())


def need_list(
    user: Any,
    *,
    q: str = "",
    state: str = "",
    status: str = "",
    priority: str = "",
    source: str = "",
    provision: str = "",
    theme: str = "",
) -> QuerySet[Need]:
    qs = need_visible(user).select_related("state")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if state:
        qs = qs.filter(state__iso3=state.upper())
    if status:
        qs = qs.filter(status=status)
    if priority:
        qs = qs.filter(priority=priority)
    if source:
        qs = qs.filter(source=source)
    if provision:
        qs = qs.filter(provisions__key=provision)
    if theme:
        qs = qs.filter(themes__code=theme)
    return qs.distinct().order_by("state__name", "priority", "title", "pk")


def need_get(user: Any, pk: int) -> Need:
    return access.get_visible_or_404(user, Need.objects.select_related("state"), pk=pk)


def _need_record(need: Need) -> NeedRecord:
    provisions = list(need.provisions.all())
    themes = {t.code for t in need.themes.all()}
    for provision in provisions:
        themes.update(t.code for t in provision.themes.all())
    return NeedRecord(
        key=need.pk,
        state=need.state.iso2 if need.state_id else "",
        title=need.title,
        description=need.description,
        provisions=frozenset(p.key for p in provisions),
        themes=frozenset(themes),
    )


def _humanise(ranked: dict[Any, list[Match]]) -> None:
    """Show provisions and themes in reasons by their titles rather than their codes."""
    from tact.catalog.models import Provision, Theme

    codes: dict[str, set[str]] = {"shared_provisions": set(), "shared_themes": set()}
    for matches in ranked.values():
        for match in matches:
            for reason in match.reasons:
                if reason["code"] in codes:
                    codes[reason["code"]].update(reason["detail"].split(", "))
    names = {p.key: str(p) for p in Provision.objects.filter(key__in=codes["shared_provisions"])}
    names.update({t.code: t.title for t in Theme.objects.filter(code__in=codes["shared_themes"])})
    for matches in ranked.values():
        for match in matches:
            for reason in match.reasons:
                if reason["code"] in codes:
                    reason["detail"] = ", ".join(
                        names.get(code, code) for code in reason["detail"].split(", ")
                    )


@dataclass(slots=True)
class RankedProject:
    project: Project
    match: Match

    @property
    def answers(self) -> bool:
        return self.match.answers


def _candidates_for(user: Any, states: set[str]) -> QuerySet[Project]:
    projects = access.visible(user, Project.objects.all())
    return projects.filter(Q(countries__code__in=states) | Q(countries__isnull=True)).distinct()


def need_matches(
    user: Any, needs: Sequence[Need], limit: int | None = 10
) -> dict[int, list[RankedProject]]:
    """For each need, the visible projects and offers that answer it, best first."""
    needs = list(needs)
    if not needs:
        return {}
    prefetched = (
        Need.objects.filter(pk__in=[n.pk for n in needs])
        .prefetch_related("provisions__themes", "themes")
        .select_related("state")
    )
    records = [_need_record(n) for n in prefetched]
    states = {r.state for r in records if r.state}
    candidates = candidate_records(_candidates_for(user, states))
    matcher = Matcher(candidates)
    ranked = {r.key: matcher.rank(r, limit) for r in records}
    _humanise(ranked)
    project_ids = {m.candidate for matches in ranked.values() for m in matches}
    projects = Project.objects.in_bulk(list(project_ids))
    return {
        cast(int, key): [
            RankedProject(projects[cast(int, m.candidate)], m)
            for m in matches
            if m.candidate in projects
        ]
        for key, matches in ranked.items()
    }


def unmet_needs(user: Any, needs: QuerySet[Need]) -> list[tuple[Need, RankedProject | None]]:
    """Open needs no visible project answers, with the best (insufficient) candidate."""
    open_needs = list(needs.filter(status__in=[Need.Status.OPEN, Need.Status.IN_PROGRESS]))
    ranked = need_matches(user, open_needs, limit=5)
    out: list[tuple[Need, RankedProject | None]] = []
    for need in open_needs:
        matches = ranked.get(need.pk, [])
        best = matches[0] if matches else None
        if not any(m.answers for m in matches):
            out.append((need, best))
    return out


# --- overlaps ------------------------------------------------------------------------------


def overlap_visible(user: Any) -> QuerySet[OverlapCandidate]:
    """Pairs whose two projects the user may both see."""
    return OverlapCandidate.objects.filter(
        access.visible_q(user, prefix="project_a__"), access.visible_q(user, prefix="project_b__")
    )


def overlap_list(
    user: Any,
    *,
    status: str = "",
    kind: str = "",
    q: str = "",
    mine: bool = False,
    include_inactive: bool = False,
    min_score: float | None = None,
) -> QuerySet[OverlapCandidate]:
    qs = overlap_visible(user).select_related("project_a", "project_b", "reviewed_by")
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
        scope = access.scope_of(user)
        orgs = list(scope.organisation_ids)
        involved = Q(pk__in=[])
        for side in ("project_a", "project_b"):
            involved |= (
                Q(**{f"{side}__owner_organisation_id__in": orgs})
                | Q(**{f"{side}__reporting_organisation_id__in": orgs})
                | Q(**{f"{side}__participating_organisations__organisation_id__in": orgs})
            )
        qs = qs.filter(involved).distinct()
    return qs.order_by("-score", "pk")


def overlap_get(user: Any, pk: int) -> OverlapCandidate:
    from django.http import Http404
    from django.utils.translation import gettext as _

    candidate = (
        overlap_visible(user).select_related("project_a", "project_b", "reviewed_by").filter(pk=pk)
    ).first()
    if candidate is None:
        raise Http404(_("No such record."))
    return candidate


def overlap_cluster(user: Any, candidate: OverlapCandidate) -> QuerySet[OverlapCandidate]:
    """Other visible pairs of the same cluster."""
    if not candidate.cluster_key:
        return OverlapCandidate.objects.none()
    return (
        overlap_visible(user)
        .filter(cluster_key=candidate.cluster_key, active=True)
        .exclude(pk=candidate.pk)
        .select_related("project_a", "project_b")
        .order_by("-score")
    )
