"""Reads for resolutions, recommendations, follow-up and meetings (access rules applied)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import get_language_info

from tact.core import access
from tact.directory.models import State
from tact.resolutions.models import FollowUp, Meeting, Recommendation, Resolution

STATUS_ORDER = [value for value, _label in FollowUp.Status.choices]


@dataclass(frozen=True)
class LanguageVersion:
    resolution: Resolution
    language_name: str


def language_versions(resolution: Resolution) -> list[LanguageVersion]:
    """The other language versions of a document, each named in its own language."""
    found = []
    for version in resolution.versions():
        if version.pk == resolution.pk:
            continue
        try:
            name = str(get_language_info(version.language)["name_local"])
        except KeyError:
            name = version.language
        found.append(LanguageVersion(version, name))
    return found


def version_candidates(resolution: Resolution) -> QuerySet[Resolution]:
    """The documents `resolution` could be linked to as a language version (other languages)."""
    taken = {v.language for v in resolution.versions()}
    return (
        Resolution.objects.exclude(pk__in=[v.pk for v in resolution.versions()])
        .exclude(language__in=taken)
        .order_by("-adopted_on", "title")
    )


def resolution_list(*, q: str | None = None) -> QuerySet[Resolution]:
    # Meta.ordering does not apply to GROUP BY queries, so the order is explicit.
    qs = Resolution.objects.annotate(recommendation_count=Count("recommendations")).order_by(
        "-adopted_on", "-created_at"
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(symbol__icontains=q) | Q(body__icontains=q))
    return qs


def recommendation_list(
    *,
    resolution: Resolution | int | None = None,
    addressee: str | None = None,
    theme: str | None = None,
    provision: str | None = None,
    q: str | None = None,
) -> QuerySet[Recommendation]:
    qs = Recommendation.objects.select_related("resolution").prefetch_related(
        "themes", "provisions__instrument", "source_states", "source_organisations"
    )
    if resolution is not None:
        qs = qs.filter(resolution=resolution)
    if addressee:
        # JSON containment is not on SQLite; the quoted code matches inside the JSON text.
        qs = qs.filter(addressees__icontains=f'"{addressee}"')
    if theme:
        qs = qs.filter(themes__code=theme)
    if provision:
        qs = qs.filter(provisions__key=provision)
    if q:
        qs = qs.filter(Q(text__icontains=q) | Q(code__icontains=q))
    return qs.distinct().order_by("resolution_id", "order")


def recommendation_tree(resolution: Resolution) -> list[Recommendation]:
    """Recommendations in document order with `.child_list` filled, roots returned."""
    recs = list(recommendation_list(resolution=resolution))
    by_id = {r.pk: r for r in recs}
    roots = []
    for rec in recs:
        rec.child_list = []  # type: ignore[attr-defined]
    for rec in recs:
        if rec.parent_id and rec.parent_id in by_id:
            by_id[rec.parent_id].child_list.append(rec)  # type: ignore[attr-defined]
        else:
            roots.append(rec)
    return roots


def follow_up_list(
    user: Any,
    *,
    resolution: Resolution | int | None = None,
    recommendation: Recommendation | int | None = None,
    state: State | int | None = None,
    status: str | None = None,
    q: str | None = None,
) -> QuerySet[FollowUp]:
    qs = access.visible(user, FollowUp.objects.all()).select_related(
        "recommendation__resolution", "owner_state", "owner_organisation"
    )
    if resolution is not None:
        qs = qs.filter(recommendation__resolution=resolution)
    if recommendation is not None:
        qs = qs.filter(recommendation=recommendation)
    if state is not None:
        qs = qs.filter(owner_state=state)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(narrative__icontains=q)
    return qs.prefetch_related("evidence").order_by("-reported_on", "-pk")


def _actor_key(follow_up: FollowUp) -> tuple[str, int | None, int | None]:
    return (follow_up.actor_kind, follow_up.owner_state_id, follow_up.owner_organisation_id)


def latest_reports(user: Any, resolution: Resolution) -> list[FollowUp]:
    """The latest visible report of each actor on each recommendation of the resolution."""
    latest: dict[tuple[int, tuple[str, int | None, int | None]], FollowUp] = {}
    for follow_up in follow_up_list(user, resolution=resolution).order_by("reported_on", "pk"):
        latest[(follow_up.recommendation_id, _actor_key(follow_up))] = follow_up
    return list(latest.values())


@dataclass
class RecommendationProgress:
    recommendation: Recommendation
    counts: dict[str, int] = field(default_factory=dict)
    reports: list[FollowUp] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Progress:
    """Implementation progress of one resolution, as the viewing user may see it."""

    resolution: Resolution
    by_recommendation: list[RecommendationProgress]
    status_counts: dict[str, int]
    states: list[State]
    # state id -> recommendation id -> latest status
    matrix: dict[int, dict[int, str]]

    @property
    def total_reports(self) -> int:
        return sum(self.status_counts.values())

    def rate(self, status: str) -> float:
        """Share of latest reports with this status (0.0 when nothing is reported)."""
        total = self.total_reports
        return self.status_counts.get(status, 0) / total if total else 0.0

    @property
    def implemented_rate(self) -> float:
        return self.rate(FollowUp.Status.IMPLEMENTED)

    @property
    def partial_rate(self) -> float:
        return self.rate(FollowUp.Status.PARTIAL)

    @property
    def reported_share(self) -> float:
        """Share of recommendations on which at least one report exists."""
        recs = self.by_recommendation
        return sum(1 for p in recs if p.total) / len(recs) if recs else 0.0


def resolution_progress(user: Any, resolution: Resolution) -> Progress:
    recommendations = list(recommendation_list(resolution=resolution))
    reports = latest_reports(user, resolution)
    per_rec: dict[int, list[FollowUp]] = defaultdict(list)
    for report in reports:
        per_rec[report.recommendation_id].append(report)
    by_recommendation = []
    for rec in recommendations:
        rec_reports = sorted(per_rec.get(rec.pk, []), key=lambda f: f.actor_name)
        counts = Counter(r.status for r in rec_reports)
        by_recommendation.append(
            RecommendationProgress(rec, {s: counts.get(s, 0) for s in STATUS_ORDER}, rec_reports)
        )
    totals = Counter(r.status for r in reports)
    matrix: dict[int, dict[int, str]] = defaultdict(dict)
    state_ids = set()
    for report in reports:
        if report.owner_state_id and report.actor_kind == FollowUp.ActorKind.STATE:
            matrix[report.owner_state_id][report.recommendation_id] = report.status
            state_ids.add(report.owner_state_id)
    states = list(State.objects.filter(pk__in=state_ids).order_by("name"))
    return Progress(
        resolution=resolution,
        by_recommendation=by_recommendation,
        status_counts={s: totals.get(s, 0) for s in STATUS_ORDER},
        states=states,
        matrix=dict(matrix),
    )


def state_progress(user: Any, state: State) -> list[tuple[Recommendation, FollowUp | None]]:
    """Every recommendation addressed to States, with this state's latest visible report."""
    latest: dict[int, FollowUp] = {}
    # Only the reports' status and date are shown: no prefetch of their evidence.
    reports = follow_up_list(user, state=state).prefetch_related(None)
    for follow_up in reports.order_by("reported_on", "pk"):
        latest[follow_up.recommendation_id] = follow_up
    # Language versions repeat the original's recommendations; follow-up is on the original.
    to_states = (
        recommendation_list(addressee="states")
        .filter(resolution__original__isnull=True)
        .order_by()
        .values("pk")
    )
    rows = list(
        Recommendation.objects.filter(Q(pk__in=to_states) | Q(pk__in=list(latest)))
        .select_related("resolution")
        .order_by("resolution_id", "order")
    )
    return [(rec, latest.get(rec.pk)) for rec in rows]


def meeting_list(*, q: str | None = None) -> QuerySet[Meeting]:
    qs = Meeting.objects.annotate(panel_count=Count("panels", distinct=True)).order_by("-starts_on")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q) | Q(place__icontains=q))
    return qs


def meeting_get(pk: int) -> Meeting:
    return Meeting.objects.prefetch_related(
        "agenda_items",
        Prefetch("panels__participants"),
        "panels__requested_by",
        "documents",
        "adopted_recommendations__resolution",
    ).get(pk=pk)


def recommendations_by_code(codes: list[str]) -> list[tuple[str, Recommendation | None]]:
    """Each code with the recommendation it names (in the most recent resolution that has it),
    for records in other domains that refer to recommendations by code.

    Language versions are left out: follow-up is recorded against the original, so a code
    names the original's recommendation."""
    found: dict[str, Recommendation] = {}
    originals = Recommendation.objects.filter(code__in=codes, resolution__original__isnull=True)
    for rec in originals.order_by("resolution_id"):
        found[rec.code] = rec
    return [(code, found.get(code)) for code in codes]
