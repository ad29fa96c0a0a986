"""Scoring one pair of projects for overlap and double counting.

Two records "overlap" when they look like the same assistance: a donor's activity and the
implementer's record of it, two donors reporting the same co-funded work, or one publisher
publishing the same award twice. The signals are the ones a reviewer would check: shared
activity identifiers (``related-activity``, provider/receiver activity ids, activity-level
``other-identifier`` types A1-A3 and A9, identical identifiers), the same recipient,
overlapping dates, the same sectors/provisions/themes, shared organisations, and similar
titles and descriptions. :mod:`.detection` finds the candidate pairs.

Everything here works on plain :class:`ProjectRecord` values, so it is tested and
benchmarked without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from tact.assistance.textsim import jaccard, normalise_name, token_set

DEFAULT_THRESHOLD = 0.5
MIN_THRESHOLD = 0.45
"""Below this, pairs in different countries or years could reach the threshold and the
(country, year) blocking would no longer be complete."""
DESCRIPTION_WORDS = 80
"""Only the first distinct words of a description count (bounds cost on long texts)."""
MAX_YEARS = 15
"""Projects spanning more years than this are treated as undated for blocking."""

DESCRIPTION_ALONE = 0.6
"""Weight of the description when the titles differ: identical descriptions alone give 0.6."""
#: Starts further apart than this lower the date agreement (to 0 three years further on).
START_GAP_DAYS = 366
CONTEXT_WEIGHTS = {"recipient": 0.35, "dates": 0.25, "sectors": 0.2, "organisations": 0.2}
APART_FACTOR = 0.5
"""Multiplier for pairs with disjoint recipients, and again for pairs with no year in common."""


@dataclass(slots=True)
class ProjectRecord:
    """What overlap detection needs to know about one project or activity."""

    key: Hashable
    identifier: str = ""
    reporting_org: str = ""
    funders: frozenset[str] = frozenset()
    implementers: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    """Convention provisions and themes (codes), compared with the sectors."""
    start: dt.date | None = None
    end: dt.date | None = None
    title: str = ""
    description: str = ""
    linked_ids: frozenset[str] = frozenset()
    """Other activities' identifiers this record points to: related-activity refs,
    participating-org and provider/receiver activity ids, other identifiers."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason a pair looks alike (or apart). ``code`` is stable; ``detail`` is data."""

    code: str
    detail: str = ""
    weight: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail, "weight": round(self.weight, 3)}


@dataclass(slots=True)
class Prepared:
    record: ProjectRecord
    title: frozenset[str]
    description: frozenset[str]
    organisations: frozenset[str]
    topics: frozenset[str]
    publisher: str
    years: frozenset[int] | None


def _years(record: ProjectRecord) -> frozenset[int] | None:
    if record.start is None:
        return None
    end = record.end if record.end is not None and record.end >= record.start else record.start
    if end.year - record.start.year >= MAX_YEARS:
        return None
    return frozenset(range(record.start.year, end.year + 1))


def prepare(record: ProjectRecord) -> Prepared:
    names = (record.reporting_org, *record.funders, *record.implementers)
    organisations = frozenset(filter(None, map(normalise_name, filter(None, names))))
    return Prepared(
        record=record,
        title=token_set(record.title),
        description=token_set(record.description, DESCRIPTION_WORDS),
        organisations=organisations,
        topics=frozenset([*("s:" + s for s in record.sectors), *("t:" + t for t in record.topics)]),
        publisher=normalise_name(record.reporting_org),
        years=_years(record),
    )


def _date_overlap(a: ProjectRecord, b: ProjectRecord) -> tuple[float, int] | None:
    """(overlap as a share of the shorter project, days apart) or None when unknown."""
    if a.start is None or b.start is None:
        return None
    a_end = a.end or a.start
    b_end = b.end or b.start
    if a_end < a.start:
        a_end = a.start
    if b_end < b.start:
        b_end = b.start
    overlap = (min(a_end, b_end) - max(a.start, b.start)).days + 1
    if overlap <= 0:
        return 0.0, 1 - overlap
    shorter = min((a_end - a.start).days, (b_end - b.start).days) + 1
    share = min(1.0, overlap / shorter)
    # Two records of one award start together. Long-running records (old loans that run to
    # the same end date) overlap fully although they began years apart: real registry data
    # has such same-titled credits of 1999 and 2007 that are different activities.
    gap = abs((a.start - b.start).days)
    if gap > START_GAP_DAYS:
        share *= max(0.0, 1 - (gap - START_GAP_DAYS) / (3 * 365))
    return share, 0


def text_similarity(a: Prepared, b: Prepared) -> tuple[float, float, float | None]:
    """(text score, title Jaccard, description Jaccard or None).

    The title leads and the description confirms it (``title * (0.75 + 0.25 * description)``);
    a description alone counts at most :data:`DESCRIPTION_ALONE`. So ``text >= t`` implies
    ``title >= t`` or ``description >= t / DESCRIPTION_ALONE``: what blocking relies on.
    """
    title = jaccard(a.title, b.title)
    if a.description and b.description:
        description = jaccard(a.description, b.description)
        text = max(title * (0.75 + 0.25 * description), DESCRIPTION_ALONE * description)
        return text, title, description
    return title, title, None


def apart_factor(a: Prepared, b: Prepared) -> float:
    """The multiplier for different recipients and for no common year (1 when unknown)."""
    factor = 1.0
    if a.record.countries and b.record.countries and not a.record.countries & b.record.countries:
        factor *= APART_FACTOR
    if a.years is not None and b.years is not None and not a.years & b.years:
        factor *= APART_FACTOR
    return factor


def link_between(a: ProjectRecord, b: ProjectRecord) -> tuple[str, str] | None:
    """("linked_identifier" | "same_identifier" | "shared_reference", the identifier)."""
    if a.identifier and a.identifier == b.identifier:
        return "same_identifier", a.identifier
    if b.identifier and b.identifier in a.linked_ids:
        return "linked_identifier", b.identifier
    if a.identifier and a.identifier in b.linked_ids:
        return "linked_identifier", a.identifier
    shared = (a.linked_ids & b.linked_ids) - {a.identifier, b.identifier, ""}
    if shared:
        return "shared_reference", sorted(shared)[0]
    return None


def _context(
    a: Prepared, b: Prepared
) -> tuple[float, float, tuple[float, int] | None, float, float]:
    """(context in [0, 1], recipient, date overlap, topics, organisations); unknown = 0.5."""
    ra, rb = a.record, b.record
    recipient = jaccard(ra.countries, rb.countries) if ra.countries and rb.countries else 0.5
    dates = _date_overlap(ra, rb)
    date_score = 0.5 if dates is None else dates[0]
    topic_score = jaccard(a.topics, b.topics) if a.topics and b.topics else 0.5
    org_score = (
        jaccard(a.organisations, b.organisations) if a.organisations and b.organisations else 0.5
    )
    context = (
        CONTEXT_WEIGHTS["recipient"] * recipient
        + CONTEXT_WEIGHTS["dates"] * date_score
        + CONTEXT_WEIGHTS["sectors"] * topic_score
        + CONTEXT_WEIGHTS["organisations"] * org_score
    )
    return context, recipient, dates, topic_score, org_score


def _link_floor(code: str, context: float) -> float:
    return (0.35 if code == "shared_reference" else 0.6) + 0.4 * context


def score_value(a: Prepared, b: Prepared) -> float:
    """The score of :func:`score_prepared` alone, without building its reasons: detection
    scores every candidate with it and explains only the pairs that reach the threshold."""
    text, _, _ = text_similarity(a, b)
    context = _context(a, b)[0]
    score = text * (0.4 + 0.6 * context) * apart_factor(a, b)
    link = link_between(a.record, b.record)
    if link is not None:
        score = max(score, _link_floor(link[0], context))
    return min(1.0, score)


def score_prepared(a: Prepared, b: Prepared) -> tuple[float, list[Reason], str]:
    """Score of a pair in [0, 1], the reasons, and the kind of overlap."""
    ra, rb = a.record, b.record
    reasons: list[Reason] = []
    text, title, description = text_similarity(a, b)
    if title >= 0.3:
        reasons.append(Reason("similar_title", f"{title:.2f}", title))
    if description is not None and description >= 0.3:
        reasons.append(Reason("similar_description", f"{description:.2f}", description))

    # Context: recipient, dates, sectors/provisions/themes, organisations. Unknown = 0.5.
    context, recipient, dates, topic_score, org_score = _context(a, b)
    if ra.countries and rb.countries:
        shared_countries = sorted(ra.countries & rb.countries)
        if shared_countries:
            reasons.append(Reason("same_recipient", ", ".join(shared_countries), recipient * 0.35))
        else:
            reasons.append(Reason("different_recipients", "", 0.0))
    if dates is not None:
        date_score, apart = dates
        gap = abs((ra.start - rb.start).days) if ra.start and rb.start else 0
        if gap > START_GAP_DAYS and apart == 0:
            reasons.append(Reason("starts_apart", str(gap), 0.0))
        if date_score > 0:
            reasons.append(Reason("dates_overlap", f"{date_score:.2f}", date_score * 0.25))
        elif apart:
            reasons.append(Reason("dates_apart", str(apart), 0.0))
    if a.topics and b.topics:
        shared_topics = sorted(t[2:] for t in a.topics & b.topics)
        if shared_topics:
            reasons.append(Reason("same_sectors", ", ".join(shared_topics[:6]), topic_score * 0.2))
    if a.organisations and b.organisations:
        shared_orgs = (
            {n for n in (ra.reporting_org, *ra.funders, *ra.implementers) if n}
            if org_score
            else set()
        )
        shared_names = sorted(
            n for n in shared_orgs if normalise_name(n) in a.organisations & b.organisations
        )
        if shared_names:
            reasons.append(
                Reason("shared_organisations", "; ".join(shared_names[:4]), org_score * 0.2)
            )

    score = text * (0.4 + 0.6 * context) * apart_factor(a, b)
    link = link_between(ra, rb)
    if link is not None:
        code, identifier = link
        floor = _link_floor(code, context)
        reasons.insert(0, Reason(code, identifier, floor))
        score = max(score, floor)

    if a.publisher and a.publisher == b.publisher:
        kind = "same_publisher"
        reasons.append(Reason("same_publisher", ra.reporting_org, 0.0))
    elif link is not None and link[0] != "shared_reference":
        kind = "linked"
    else:
        kind = "cross_publisher"
    return min(1.0, score), reasons, kind


def score_pair(a: ProjectRecord, b: ProjectRecord) -> tuple[float, list[Reason], str]:
    return score_prepared(prepare(a), prepare(b))
