"""Reads for threat assessments; every list is access-filtered, every figure is computed
from what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from tact.core import access
from tact.core.access import Actor
from tact.threats import grading, methods
from tact.threats.models import Assessment, MethodTemplate, Rating, Subject


def assessment_list(
    *, actor: Actor, q: str = "", state: str = "", status: str = ""
) -> QuerySet[Assessment]:
    qs = access.visible(
        actor,
        Assessment.objects.select_related(
            "owner_state", "owner_organisation", "template_version__template"
        ),
    )
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(authors__icontains=q)
            | Q(pk__in=Subject.objects.filter(pseudonym__icontains=q).values("assessment_id"))
        )
    if state:
        qs = qs.filter(owner_state__iso3=state.upper())
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-period_end", "title")


def assessment_counts(*, actor: Actor, state_id: int | None = None) -> dict[str, int]:
    """Visible assessments by status (one grouped query)."""
    qs = access.visible(actor, Assessment.objects.all())
    if state_id is not None:
        qs = qs.filter(owner_state_id=state_id)
    counts = {row["status"]: row["n"] for row in qs.values("status").annotate(n=Count("pk"))}
    return {s: counts.get(s, 0) for s in Assessment.Status.values}


def template_list(*, actor: Actor) -> QuerySet[MethodTemplate]:
    return access.visible(actor, MethodTemplate.objects.prefetch_related("versions"))


def previous_candidates(*, actor: Actor, exclude: int | None = None) -> QuerySet[Assessment]:
    qs = access.visible(actor, Assessment.objects.all()).order_by("-period_end")
    return qs.exclude(pk=exclude) if exclude else qs


# ---------------------------------------------------------------- the computed assessment


@dataclass
class Cell:
    attribute: methods.Attribute
    level: methods.Level | None
    rating: Rating | None
    confidence: str = "none"

    top: Any = 0  # the scale's highest value, for the colour step
    levels: tuple[methods.Level, ...] = ()

    @property
    def score(self) -> Any:
        return self.level.value * self.attribute.weight if self.level else None

    @property
    def unknown(self) -> bool:
        return self.level is None or self.level.unknown

    @property
    def heat(self) -> int:
        """Colour step 0..4 of the attribute x subject heat map (Unknown is hatched)."""
        if self.level is None or self.level.unknown or not self.top:
            return 0
        return round(4 * self.level.value / self.top)


@dataclass
class MatrixRow:
    subject: Subject
    cells: list[Cell]
    rank: methods.RankRow | None = None


@dataclass
class Computed:
    assessment: Assessment
    definition: methods.Definition
    subjects: list[Subject]
    rows: list[MatrixRow] = field(default_factory=list)
    results: methods.Results = field(default_factory=methods.Results)
    attributes: tuple[methods.Attribute, ...] = ()
    trend: list[methods.Movement] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    heat: list[dict[str, Any]] = field(default_factory=list)
    impact_levels: tuple[methods.Level, ...] = ()

    @property
    def ranked(self) -> bool:
        return self.definition.rule == "weighted_sum"


def _ratings_by_subject(assessment: Assessment) -> dict[int, dict[str, Rating]]:
    by_subject: dict[int, dict[str, Rating]] = {}
    ratings = Rating.objects.filter(assessment=assessment).prefetch_related("evidence")
    for rating in ratings:
        by_subject.setdefault(rating.subject_id, {})[rating.attribute] = rating
    return by_subject


def compute(
    assessment: Assessment, *, with_trend: bool = True, actor: Actor | None = None
) -> Computed:
    """Scores, ranges, rank order, gaps, heat map and trend of one assessment.

    The caller has already checked that the actor may see `assessment`; the previous
    assessment is compared only if the actor may see it too.
    """
    definition = assessment.template_version.parsed()
    subjects = list(assessment.subjects.order_by("kind", "pseudonym"))
    ratings = _ratings_by_subject(assessment)
    # The matrix shows groups when the method rates groups, markets when it rates markets.
    kinds = [k for k in ("group", "market") if definition.attributes_for(k)]
    shown = [s for s in subjects if s.kind in kinds]
    computed = Computed(assessment, definition, subjects)
    computed.attributes = tuple(
        a for a in definition.attributes if a.applies_to in (*kinds, "both")
    )
    for subject in shown:
        cells = []
        subject_ratings = ratings.get(subject.pk, {})
        for attribute in definition.attributes_for(subject.kind):
            rating = subject_ratings.get(attribute.code)
            level = definition.level(attribute, rating.level) if rating else None
            grades = [
                (e.scheme, e.source_grade, e.information_grade)
                for e in (rating.evidence.all() if rating else [])
            ]
            levels = definition.levels(attribute)
            top = max(lv.value for lv in levels)
            cells.append(Cell(attribute, level, rating, grading.confidence(grades), top, levels))
        computed.rows.append(MatrixRow(subject, cells))
        plain = {code: r.level for code, r in subject_ratings.items()}
        computed.results.scores.append(
            methods.score(definition, subject.pseudonym, plain, subject.kind)
        )
        if definition.rule == "lookup":
            placement = methods.place(definition, subject.pseudonym, plain)
            if placement is not None:
                computed.results.placements.append(placement)
    computed.results.gaps = methods.gaps(definition, computed.results.scores)
    if definition.rule == "weighted_sum":
        computed.results.rows = methods.rank(computed.results.scores)
        computed.results.maximum = methods.max_total(definition)
        computed.pairs = methods.not_separable_pairs(computed.results.rows)
        by_name = {r.subject: r for r in computed.results.rows}
        for row in computed.rows:
            row.rank = by_name.get(row.subject.pseudonym)
        computed.rows.sort(key=lambda r: r.rank.rank if r.rank else 0)
        previous = assessment.previous
        if with_trend and previous is not None and access.can_view(actor, previous):
            before = compute(previous, with_trend=False, actor=actor)
            if before.ranked:
                computed.trend = methods.trend(before.results.rows, computed.results.rows)
    if definition.rule == "lookup":
        computed.heat = heat_grid(definition, computed.results.placements)
        impact = definition.attribute(definition.matrix.impact) if definition.matrix else None
        computed.impact_levels = definition.levels(impact) if impact else ()
    return computed


def heat_grid(
    definition: methods.Definition, placements: list[methods.Placement]
) -> list[dict[str, Any]]:
    """Rows of the likelihood x impact heat map, most likely first."""
    matrix = definition.matrix
    if matrix is None:
        return []
    likelihood = definition.attribute(matrix.likelihood)
    impact = definition.attribute(matrix.impact)
    if likelihood is None or impact is None:
        return []
    bands = {b.code: b for b in matrix.bands}
    rows = []
    for li, level in reversed(list(enumerate(definition.levels(likelihood)))):
        cells = []
        for ii, _impact in enumerate(definition.levels(impact)):
            band = bands[matrix.cells[li][ii]]
            here = [p.subject for p in placements if p.likelihood == li and p.impact == ii]
            cells.append({"band": band, "subjects": here})
        rows.append({"level": level, "cells": cells})
    return rows


def chart_data(computed: Computed) -> dict[str, Any]:
    """The figures behind the heat maps, for the chart endpoints (same access as the page)."""
    return {
        "rule": computed.definition.rule,
        "attributes": [a.code for a in computed.attributes],
        "matrix": [
            {
                "subject": row.subject.pseudonym,
                "cells": [
                    {"attribute": c.attribute.code, "level": c.level.code if c.level else None}
                    for c in row.cells
                ],
            }
            for row in computed.rows
        ],
        "placements": [
            {
                "subject": p.subject,
                "likelihood": p.likelihood,
                "impact": p.impact,
                "band": p.band.code,
            }
            for p in computed.results.placements
        ],
    }
