"""Threat-assessment methods as data, and the arithmetic on them (no Django, no database).

(Only Django's gettext is used, for the messages about a bad definition.)

A method template version is a JSON definition::

    {"rule": "weighted_sum" | "profile" | "lookup",
     "scales": {"hmlnu": [{"code": "H", "label": "High", "value": 4}, ...,
                          {"code": "U", "label": "Unknown", "value": 2, "min": 0, "max": 4,
                           "unknown": true}]},
     "attributes": [{"code": "corruption", "name": "Corruption", "weight": 19,
                     "scale": "hmlnu", "applies_to": "group"}, ...],
     "matrix": {"likelihood": "likelihood", "impact": "impact",
                "bands": [{"code": "low", "label": "Low", "colour": "#cfe8cf"}, ...],
                "cells": [["low", ...], ...]}}   # only for "lookup"

`weighted_sum` is the Sleipnir-style rule: a subject's total is the sum of level value x
attribute weight, and its range counts each level from its `min` to its `max` (an Unknown
level counts from 0 to the scale's maximum, known levels exactly). An attribute left unrated
counts as the scale's Unknown level: without a rating nothing is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

RULES = ("weighted_sum", "profile", "lookup")
SUBJECT_KINDS = ("group", "market")


class DefinitionError(ValueError):
    """A template definition that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    value: Decimal
    low: Decimal
    high: Decimal
    unknown: bool = False
    # Estimative words (ICD-203 style): a probability range in per cent, e.g. 55-80.
    lower_pct: int | None = None
    upper_pct: int | None = None


@dataclass(frozen=True)
class Attribute:
    code: str
    name: str
    weight: Decimal
    scale: str
    applies_to: str = "group"
    definition: str = ""


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    colour: str


@dataclass(frozen=True)
class Matrix:
    likelihood: str
    impact: str
    bands: tuple[Band, ...]
    cells: tuple[tuple[str, ...], ...]  # [likelihood index][impact index] -> band code


@dataclass(frozen=True)
class Definition:
    rule: str
    scales: Mapping[str, tuple[Level, ...]]
    attributes: tuple[Attribute, ...]
    matrix: Matrix | None = None

    def attribute(self, code: str) -> Attribute | None:
        return next((a for a in self.attributes if a.code == code), None)

    def levels(self, attribute: Attribute) -> tuple[Level, ...]:
        return self.scales[attribute.scale]

    def level(self, attribute: Attribute, code: str) -> Level | None:
        return next((lv for lv in self.levels(attribute) if lv.code == code), None)

    def unknown_level(self, attribute: Attribute) -> Level | None:
        return next((lv for lv in self.levels(attribute) if lv.unknown), None)

    def attributes_for(self, kind: str) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if a.applies_to in (kind, "both"))

    def find_level(self, attribute: Attribute, text: str) -> Level | None:
        """A level by its code or its label, case-insensitively (for imports)."""
        wanted = text.strip().casefold()
        for lv in self.levels(attribute):
            if wanted in (lv.code.casefold(), lv.label.casefold()):
                return lv
        return None


def _dec(value: Any, where: str, problems: list[str]) -> Decimal:
    try:
        return Decimal(str(value))
    except (ArithmeticError, ValueError, TypeError):
        problems.append(
            _("%(where)s: '%(value)s' is not a number.") % {"where": where, "value": value}
        )
        return Decimal(0)


def parse(raw: Mapping[str, Any]) -> Definition:
    """A checked Definition from its JSON form; DefinitionError lists every problem."""
    problems: list[str] = []
    rule = str(raw.get("rule", ""))
    if rule not in RULES:
        problems.append(
            _("The rule '%(rule)s' is not one of %(rules)s.")
            % {"rule": rule, "rules": ", ".join(RULES)}
        )
    scales: dict[str, tuple[Level, ...]] = {}
    for name, entries in dict(raw.get("scales") or {}).items():
        levels: list[Level] = []
        for entry in entries or []:
            code = str(entry.get("code", "")).strip()
            where = _("scale %(scale)s, level %(level)s") % {"scale": name, "level": code or "?"}
            if not code:
                problems.append(_("Scale %(scale)s: a level has no code.") % {"scale": name})
            value = _dec(entry.get("value", 0), where, problems)
            low = _dec(entry.get("min", value), where, problems)
            high = _dec(entry.get("max", value), where, problems)
            if not low <= value <= high:
                problems.append(_("%(where)s: needs min <= value <= max.") % {"where": where})
            levels.append(
                Level(
                    code=code,
                    label=str(entry.get("label", code)),
                    value=value,
                    low=low,
                    high=high,
                    unknown=bool(entry.get("unknown", False)),
                    lower_pct=entry.get("lower_pct"),
                    upper_pct=entry.get("upper_pct"),
                )
            )
        codes = [lv.code for lv in levels]
        if not levels:
            problems.append(_("Scale %(scale)s has no levels.") % {"scale": name})
        if len(set(codes)) != len(codes):
            problems.append(_("Scale %(scale)s repeats a level code.") % {"scale": name})
        if sum(lv.unknown for lv in levels) > 1:
            problems.append(_("Scale %(scale)s has more than one Unknown level.") % {"scale": name})
        scales[str(name)] = tuple(levels)
    attributes: list[Attribute] = []
    for entry in raw.get("attributes") or []:
        code = str(entry.get("code", "")).strip()
        if not code:
            problems.append(_("An attribute has no code."))
        weight = _dec(entry.get("weight", 1), _("attribute %(code)s") % {"code": code}, problems)
        if weight < 0:
            problems.append(
                _("Attribute %(code)s: the weight may not be negative.") % {"code": code}
            )
        scale = str(entry.get("scale", ""))
        if scale not in scales:
            problems.append(
                _("Attribute %(code)s: there is no scale '%(scale)s'.")
                % {"code": code, "scale": scale}
            )
        applies_to = str(entry.get("applies_to", "group"))
        if applies_to not in (*SUBJECT_KINDS, "both"):
            problems.append(
                _("Attribute %(code)s: it applies to groups, markets or both.") % {"code": code}
            )
        attributes.append(
            Attribute(
                code=code,
                name=str(entry.get("name", code)).strip() or code,
                weight=weight,
                scale=scale,
                applies_to=applies_to,
                definition=str(entry.get("definition", "")),
            )
        )
    codes = [a.code for a in attributes]
    if not attributes:
        problems.append(_("A method needs at least one attribute."))
    if len(set(codes)) != len(codes):
        problems.append(_("Two attributes have the same code."))
    matrix = (
        _parse_matrix(raw.get("matrix"), scales, attributes, problems) if rule == "lookup" else None
    )
    if problems:
        raise DefinitionError(problems)
    return Definition(rule=rule, scales=scales, attributes=tuple(attributes), matrix=matrix)


def _parse_matrix(
    raw: Any,
    scales: Mapping[str, tuple[Level, ...]],
    attributes: list[Attribute],
    problems: list[str],
) -> Matrix | None:
    if not isinstance(raw, Mapping):
        problems.append(_("A likelihood x impact method needs a cell table."))
        return None
    scale_of = {a.code: a.scale for a in attributes}
    likelihood, impact = str(raw.get("likelihood", "")), str(raw.get("impact", ""))
    if likelihood not in scale_of or impact not in scale_of:
        problems.append(_("The cell table needs attributes coded 'likelihood' and 'impact'."))
        return None
    bands = tuple(
        Band(str(b.get("code", "")), str(b.get("label", "")), str(b.get("colour", "#ddd")))
        for b in raw.get("bands") or []
    )
    band_codes = {b.code for b in bands}
    cells = tuple(tuple(str(c) for c in row) for row in raw.get("cells") or [])
    rows = len(scales.get(scale_of[likelihood], ()))
    cols = len(scales.get(scale_of[impact], ()))
    if len(cells) != rows or any(len(r) != cols for r in cells):
        problems.append(
            _("The cell table needs %(rows)d rows of %(cols)d cells.")
            % {"rows": rows, "cols": cols}
        )
    if any(c not in band_codes for r in cells for c in r):
        problems.append(_("Every cell must name one of the bands."))
    return Matrix(likelihood, impact, bands, cells)


# What an unusable stored definition reads as: no attributes, nothing to score.
EMPTY = Definition(rule="profile", scales={}, attributes=())


# ---------------------------------------------------------------- scoring (weighted sum)


@dataclass(frozen=True)
class SubjectScore:
    subject: str
    total: Decimal
    low: Decimal
    high: Decimal
    unknown: tuple[str, ...]
    unknown_weight: Decimal
    weight_total: Decimal
    values: tuple[Decimal, ...]  # cell values in attribute order, for the tie-break

    @property
    def spread(self) -> Decimal:
        return self.high - self.low

    @property
    def unknown_share(self) -> Decimal:
        if not self.weight_total:
            return Decimal(0)
        return self.unknown_weight / self.weight_total


def score(
    definition: Definition, subject: str, ratings: Mapping[str, str], kind: str = "group"
) -> SubjectScore:
    """Total, range and unknowns of one subject; `ratings` maps attribute code -> level code."""
    total = low = high = unknown_weight = weight_total = Decimal(0)
    unknown: list[str] = []
    values: list[Decimal] = []
    for attribute in _by_importance(definition.attributes_for(kind)):
        level = definition.level(attribute, ratings.get(attribute.code, ""))
        if level is None:
            level = definition.unknown_level(attribute)
        weight_total += attribute.weight
        if level is None:  # a scale without Unknown: an unrated cell counts 0..max
            top = max(lv.high for lv in definition.levels(attribute))
            level = Level("", "", Decimal(0), Decimal(0), top, unknown=True)
        if level.unknown:
            unknown.append(attribute.code)
            unknown_weight += attribute.weight
        total += level.value * attribute.weight
        low += level.low * attribute.weight
        high += level.high * attribute.weight
        values.append(level.value)
    return SubjectScore(
        subject, total, low, high, tuple(unknown), unknown_weight, weight_total, tuple(values)
    )


def _by_importance(attributes: Sequence[Attribute]) -> list[Attribute]:
    # Stable: equal weights keep the template's order.
    return sorted(attributes, key=lambda a: -a.weight)


def max_total(definition: Definition, kind: str = "group") -> Decimal:
    return sum(
        (
            max(lv.high for lv in definition.levels(a)) * a.weight
            for a in definition.attributes_for(kind)
        ),
        Decimal(0),
    )


@dataclass(frozen=True)
class RankRow:
    rank: int
    score: SubjectScore
    not_separable_from: tuple[str, ...] = ()

    @property
    def subject(self) -> str:
        return self.score.subject

    @property
    def separable(self) -> bool:
        return not self.not_separable_from


def rank(scores: Sequence[SubjectScore]) -> list[RankRow]:
    """Highest total first; ties broken by the cell values in order of attribute weight
    (Corruption first in Sleipnir), then by name. Overlapping ranges are not separable."""
    ordered = sorted(
        scores, key=lambda s: (-s.total, tuple(-v for v in s.values), s.subject.casefold())
    )
    rows: list[RankRow] = []
    for position, current in enumerate(ordered, start=1):
        overlapping = tuple(
            other.subject
            for other in ordered
            if other is not current and current.low <= other.high and other.low <= current.high
        )
        rows.append(RankRow(position, current, overlapping))
    return rows


def not_separable_pairs(rows: Sequence[RankRow]) -> list[tuple[str, str]]:
    """Each unordered pair of subjects whose ranges overlap, in rank order."""
    pairs: list[tuple[str, str]] = []
    for index, row in enumerate(rows):
        later = {r.subject for r in rows[index + 1 :]}
        pairs.extend((row.subject, other) for other in row.not_separable_from if other in later)
    return pairs


# ---------------------------------------------------------------- intelligence gaps


@dataclass(frozen=True)
class Gap:
    attribute: str
    name: str
    weight: Decimal
    subjects: tuple[str, ...]

    @property
    def importance(self) -> Decimal:
        """Weight x number of subjects unknown on it: what collecting it would settle."""
        return self.weight * len(self.subjects)


def gaps(definition: Definition, scores: Sequence[SubjectScore]) -> list[Gap]:
    """Attributes rated Unknown (or unrated), most important first."""
    found: list[Gap] = []
    for attribute in definition.attributes:
        subjects = tuple(s.subject for s in scores if attribute.code in s.unknown)
        if subjects:
            found.append(Gap(attribute.code, attribute.name, attribute.weight, subjects))
    return sorted(found, key=lambda g: (-g.importance, -g.weight, g.name.casefold()))


# ---------------------------------------------------------------- likelihood x impact


@dataclass(frozen=True)
class Placement:
    subject: str
    likelihood: int  # index in the likelihood scale
    impact: int
    band: Band


def place(definition: Definition, subject: str, ratings: Mapping[str, str]) -> Placement | None:
    """Where a subject sits in the cell table; None while likelihood or impact is unrated."""
    matrix = definition.matrix
    if matrix is None:
        return None
    indices: list[int] = []
    for code in (matrix.likelihood, matrix.impact):
        attribute = definition.attribute(code)
        if attribute is None:  # parse() checked the codes; guard a hand-made one
            return None
        levels = definition.levels(attribute)
        level_codes = [lv.code for lv in levels]
        chosen = ratings.get(code, "")
        if chosen not in level_codes or definition.level(attribute, chosen) in _unknowns(levels):
            return None
        indices.append(level_codes.index(chosen))
    band_code = matrix.cells[indices[0]][indices[1]]
    band = next(b for b in matrix.bands if b.code == band_code)
    return Placement(subject, indices[0], indices[1], band)


def _unknowns(levels: Sequence[Level]) -> list[Level]:
    return [lv for lv in levels if lv.unknown]


# ---------------------------------------------------------------- trend


@dataclass(frozen=True)
class Movement:
    subject: str
    previous_rank: int | None
    rank: int | None
    change: str  # "up", "down", "same", "new", "gone"
    total_change: Decimal | None = None


def trend(previous: Sequence[RankRow], current: Sequence[RankRow]) -> list[Movement]:
    """Who moved up or down against the previous assessment, who is new, who disappeared."""
    before = {r.subject.casefold(): r for r in previous}
    now = {r.subject.casefold(): r for r in current}
    moves: list[Movement] = []
    for row in current:
        old = before.get(row.subject.casefold())
        if old is None:
            moves.append(Movement(row.subject, None, row.rank, "new"))
            continue
        change = "same" if old.rank == row.rank else ("up" if row.rank < old.rank else "down")
        moves.append(
            Movement(row.subject, old.rank, row.rank, change, row.score.total - old.score.total)
        )
    for row in previous:
        if row.subject.casefold() not in now:
            moves.append(Movement(row.subject, row.rank, None, "gone"))
    return moves


@dataclass
class Results:
    """Everything computed for one assessment (weighted-sum or profile rules)."""

    rows: list[RankRow] = field(default_factory=list)
    scores: list[SubjectScore] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    maximum: Decimal = Decimal(0)
