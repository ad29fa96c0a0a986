"""Source and information grading schemes, attached to each piece of evidence for a rating.

Admiralty (NATO) 6x6 and the UK 3x5x2 (College of Policing APP, Intelligence management).
Grades are never converted between schemes: a mapping would be lossy, so each evidence item
keeps the scheme it was graded in. A rating's confidence rolls up from its evidence: a cell
supported only by items at or below C3 (Admiralty) or 3/C (3x5x2) is low confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str | Promise
    codes: tuple[tuple[str, str | Promise], ...]
    required: bool = True

    def valid(self, code: str) -> bool:
        return code in {c for c, _label in self.codes}

    def label_of(self, code: str) -> str | Promise:
        return dict(self.codes).get(code, code)


@dataclass(frozen=True)
class Scheme:
    key: str
    label: str | Promise
    source: Dimension
    information: Dimension
    handling: Dimension | None = None

    def dimensions(self) -> tuple[Dimension, ...]:
        return tuple(d for d in (self.source, self.information, self.handling) if d is not None)


ADMIRALTY = Scheme(
    "admiralty",
    _("Admiralty (NATO) 6x6"),
    Dimension(
        "source",
        _("Source reliability"),
        (
            ("A", _("Completely reliable")),
            ("B", _("Usually reliable")),
            ("C", _("Fairly reliable")),
            ("D", _("Not usually reliable")),
            ("E", _("Unreliable")),
            ("F", _("Reliability cannot be judged")),
        ),
    ),
    Dimension(
        "information",
        _("Information credibility"),
        (
            ("1", _("Confirmed by other sources")),
            ("2", _("Probably true")),
            ("3", _("Possibly true")),
            ("4", _("Doubtful")),
            ("5", _("Improbable")),
            ("6", _("Truth cannot be judged")),
        ),
    ),
)

UK_3X5X2 = Scheme(
    "uk_3x5x2",
    _("UK 3x5x2"),
    Dimension(
        "source",
        _("Source evaluation"),
        (("1", _("Reliable")), ("2", _("Untested")), ("3", _("Not reliable"))),
    ),
    Dimension(
        "information",
        _("Intelligence assessment"),
        (
            ("A", _("Known directly to the source")),
            ("B", _("Known indirectly to the source but corroborated")),
            ("C", _("Known indirectly to the source")),
            ("D", _("Not known")),
            ("E", _("Suspected to be false")),
        ),
    ),
    Dimension(
        "handling",
        _("Handling"),
        (
            ("P", _("Lawful sharing permitted")),
            ("C", _("Lawful sharing permitted with conditions")),
        ),
    ),
)

SCHEMES: dict[str, Scheme] = {s.key: s for s in (ADMIRALTY, UK_3X5X2)}
SCHEME_CHOICES = [(s.key, s.label) for s in SCHEMES.values()]


def problems(scheme: str, source: str, information: str, handling: str = "") -> list[str]:
    """Why a grade is not valid in its scheme (empty when it is)."""
    from django.utils.translation import gettext

    found = SCHEMES.get(scheme)
    if found is None:
        return [gettext("Unknown grading scheme '%(scheme)s'.") % {"scheme": scheme}]
    out: list[str] = []
    for dimension, code in (
        (found.source, source),
        (found.information, information),
        (found.handling, handling),
    ):
        if dimension is None:
            if code:
                out.append(gettext("This scheme has no handling code."))
            continue
        if not dimension.valid(code):
            out.append(
                gettext("'%(code)s' is not a %(dimension)s grade in %(scheme)s.")
                % {"code": code, "dimension": dimension.label, "scheme": found.label}
            )
    return out


def grade_label(scheme: str, source: str, information: str, handling: str = "") -> str:
    """The short form analysts write: B2 (Admiralty) or 1/B/P (3x5x2)."""
    if scheme == "admiralty":
        return f"{source}{information}"
    return "/".join(c for c in (source, information, handling) if c)


# Admiralty: A..F and 1..6, better first. 3x5x2: 1..3 and A..E, better first.
_ORDER = {
    "admiralty": ("ABCDEF", "123456", ("C", "3")),
    "uk_3x5x2": ("123", "ABCDE", ("3", "C")),
}


def is_strong(scheme: str, source: str, information: str) -> bool:
    """Better than the low-confidence threshold on both dimensions (above C3, or 3/C)."""
    order = _ORDER.get(scheme)
    if order is None:
        return False
    sources, infos, (source_limit, info_limit) = order
    if source not in sources or information not in infos:
        return False
    return sources.index(source) < sources.index(source_limit) and infos.index(
        information
    ) < infos.index(info_limit)


def confidence(grades: Iterable[tuple[str, str, str]]) -> str:
    """'none' without evidence, 'low' when every item is at or below the threshold,
    'high' when two or more items are above it, otherwise 'moderate'."""
    items = list(grades)
    if not items:
        return "none"
    strong = sum(is_strong(scheme, s, i) for scheme, s, i in items)
    if strong == 0:
        return "low"
    return "high" if strong >= 2 else "moderate"


CONFIDENCE_LABELS: dict[str, str | Promise] = {
    "none": _("no evidence"),
    "low": _("low confidence"),
    "moderate": _("moderate confidence"),
    "high": _("high confidence"),
}
