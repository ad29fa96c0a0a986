"""Reads for needs and their matching projects and offers; every read applies the access
rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Q, QuerySet

from tact.assistance import permissions
from tact.assistance.models import Need, Project, ProjectCountry
from tact.assistance.needs.matching import CandidateRecord, Match, Matcher, NeedRecord
from tact.assistance.overlaps.records import chunks
from tact.core import access
from tact.core.access import Actor

# --- needs ---------------------------------------------------------------------------------


def need_visible(user: Actor) -> QuerySet[Need]:
    return access.visible(user, Need.objects.all())


def need_list(
    user: Actor,
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
    # Many-to-many filters as subqueries on the link table: no DISTINCT over the need rows.
    if provision:
        through_p = Need.provisions.through
        qs = qs.filter(pk__in=through_p.objects.filter(provision__key=provision).values("need_id"))
    if theme:
        through_t = Need.themes.through
        qs = qs.filter(pk__in=through_t.objects.filter(theme__code=theme).values("need_id"))
    return qs.order_by("state__name", "priority", "title", "pk")


def need_get(user: Actor, pk: int) -> Need:
    return permissions.access_need(user, pk)


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


def _candidates_for(user: Actor, states: set[str]) -> QuerySet[Project]:
    projects = access.visible(user, Project.objects.all())
    in_states = ProjectCountry.objects.filter(code__in=states).values("project_id")
    with_country = ProjectCountry.objects.values("project_id")
    return projects.filter(Q(pk__in=in_states) | ~Q(pk__in=with_country))


def need_matches(
    user: Actor, needs: Sequence[Need], limit: int | None = 10
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


def unmet_needs(user: Actor, needs: QuerySet[Need]) -> list[tuple[Need, RankedProject | None]]:
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


def candidate_records(projects: QuerySet[Project]) -> list[CandidateRecord]:
    """Matching candidates: projects (``offer`` when still in the pipeline)."""
    ids = list(projects.order_by("pk").values_list("pk", flat=True))
    out: list[CandidateRecord] = []
    for chunk in chunks(ids):
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
