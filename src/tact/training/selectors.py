"""Reads for training, access-filtered. Figures over many sessions read the sessions' summary
fields (kept by the services), never every participant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from tact.core import access
from tact.core.access import Actor
from tact.training import gain, permissions
from tact.training.models import (
    Participant,
    Programme,
    Session,
    SurveyResponse,
)


def programme_list(*, actor: Actor, q: str | None = None) -> QuerySet[Programme]:
    programmes = access.visible(actor, Programme.objects.select_related("implementer"))
    if q:
        programmes = programmes.filter(title__icontains=q)
    return programmes.annotate(session_count=Count("courses__sessions")).order_by("title", "pk")


def session_list(
    *,
    actor: Actor,
    programme: Programme | None = None,
    state_iso3: str | None = None,
    year: int | None = None,
) -> QuerySet[Session]:
    sessions = access.visible(actor, Session.objects.select_related("course__programme", "state"))
    if programme is not None:
        sessions = sessions.filter(course__programme=programme)
    if state_iso3:
        sessions = sessions.filter(state__iso3=state_iso3.upper())
    if year:
        sessions = sessions.filter(start__year=year)
    return sessions.order_by("-start", "pk")


@dataclass(frozen=True)
class ParticipantRow:
    participant: Participant
    name: str  # '' unless the viewer may see names
    gain: Decimal | None
    band: str
    at_ceiling: bool
    days_present: int
    other_sessions: int  # the same participant id in other sessions the viewer may see


def participant_rows(*, actor: Actor, session: Session) -> list[ParticipantRow]:
    show_names = permissions.can_see_names(actor, session)
    participants = list(
        session.participants.select_related("state")
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("code")
    )
    codes = [p.code for p in participants]
    others: dict[str, int] = defaultdict(int)
    visible_elsewhere = access.visible(
        actor, Participant.objects.filter(code__in=codes).exclude(session=session)
    )
    for code in visible_elsewhere.values_list("code", flat=True):
        others[code] += 1
    rows = []
    for p in participants:
        g = (
            gain.participant_gain(p.pre_score, p.post_score, session.max_score)
            if p.pre_score is not None and p.post_score is not None
            else None
        )
        ceiling = p.pre_score is not None and p.pre_score >= session.max_score
        rows.append(
            ParticipantRow(
                participant=p,
                name=p.name if show_names else "",
                gain=g,
                band=gain.band(g),
                at_ceiling=ceiling,
                days_present=getattr(p, "present", 0),
                other_sessions=others[p.code],
            )
        )
    return rows


def roster_rows(*, actor: Actor, session: Session) -> list[dict[str, Any]]:
    """The roster in the import format (names only for those who may see them)."""
    show_names = permissions.can_see_names(actor, session)
    rows = []
    for p in session.participants.select_related("state").prefetch_related("attendance"):
        rows.append(
            {
                "participant_id": p.code,
                "code": p.code,
                "name": p.name if show_names else "",
                "agency": p.agency,
                "agency_type": p.agency_type,
                "state": p.state.iso3 if p.state else "",
                "sex": p.sex,
                "rank": p.rank,
                "years_of_service": p.years_of_service,
                "consent": "yes" if p.consent else "no",
                "language": p.language,
                "pre": "" if p.pre_score is None else str(p.pre_score),
                "post": "" if p.post_score is None else str(p.post_score),
                "attendance": {a.day.isoformat(): a.present for a in p.attendance.all()},
            }
        )
    return rows


def session_gain(session: Session) -> gain.GainReport:
    return session_gains([session])[session.pk]


def session_gains(sessions: Sequence[Session]) -> dict[int, gain.GainReport]:
    """Each session's gain report, from one query over all their participants."""
    scores: dict[int, list[tuple[Decimal | None, Decimal | None]]] = {s.pk: [] for s in sessions}
    # Each session's scores in the order of `Participant.Meta.ordering` within a session
    # (by code), without its join to the sessions.
    participants = Participant.objects.filter(session__in=list(scores)).order_by(
        "session_id", "code"
    )
    for session_id, pre, post in participants.values_list("session_id", "pre_score", "post_score"):
        scores[session_id].append((pre, post))
    return {s.pk: gain.gain_report(scores[s.pk], s.max_score) for s in sessions}


@dataclass(frozen=True)
class Level:
    level: int
    n: int  # respondents (or matched pairs, or indicator periods)
    invited: int
    rate: Decimal | None
    value: Decimal | None  # mean score 1-5, <g>, or share applying what was learned
    evidence: str


def kirkpatrick(sessions: QuerySet[Session]) -> dict[str, Any]:
    """Levels 1-3 for a set of sessions with n and response rates. Everyone on the roster
    is invited to each survey; a level-3 survey goes to the participant and a supervisor."""
    participants = Participant.objects.filter(session__in=sessions)
    invited = participants.count()
    responses = SurveyResponse.objects.filter(session__in=sessions)
    l1 = list(responses.filter(level=1).values_list("score", flat=True))
    l3 = {}
    for respondent in SurveyResponse.Respondent.values:
        answers = list(
            responses.filter(level=3, respondent=respondent).values_list("score", "applied")
        )
        applied = [a for _, a in answers if a is not None]
        l3[respondent] = {
            "n": len(answers),
            "rate": gain.rate(len(answers), invited),
            "mean": gain.mean([s for s, _ in answers]),
            "applied": gain.rate(sum(1 for a in applied if a), len(applied)),
        }
    pairs = list(participants.values_list("pre_score", "post_score", "session__max_score"))
    # Class gain across sessions with different maxima: scores are compared as percentages.
    percent = [
        (
            None if pre is None else pre * 100 / maximum,
            None if post is None else post * 100 / maximum,
        )
        for pre, post, maximum in pairs
    ]
    l2 = gain.gain_report(percent, Decimal(100))
    return {
        "invited": invited,
        "l1": {"n": len(l1), "rate": gain.rate(len(l1), invited), "mean": gain.mean(l1)},
        "l2": l2,
        "l3": l3,
    }


@dataclass(frozen=True)
class MixRow:
    key: str
    sessions: int
    mixed: int
    share: Decimal | None


def _mix_counts(sessions: QuerySet[Session], *fields: str) -> Any:
    """Sessions and mixed sessions per group, counted by the database (summary fields)."""
    return (
        sessions.order_by()
        .values(*fields)
        .annotate(n=Count("pk"), mixed=Count("pk", filter=Q(agency_type_count__gte=2)))
        .order_by(*fields)
    )


def mix_rows(sessions: QuerySet[Session], by: str) -> list[MixRow]:
    """Share of sessions mixing at least two agency types, grouped by 'state', 'year' or
    'programme'."""
    field = {
        "state": "state__iso3",
        "year": "start__year",
        "programme": "course__programme__title",
    }[by]
    rows = [
        MixRow(str(row[field] or "—"), row["n"], row["mixed"], gain.rate(row["mixed"], row["n"]))
        for row in _mix_counts(sessions, field)
    ]
    return sorted(rows, key=lambda r: r.key)


def mix_over_time(sessions: QuerySet[Session]) -> dict[str, dict[str, Decimal | None]]:
    """{state: {year: share mixed}} for the dashboard's chart."""
    result: dict[str, dict[str, Decimal | None]] = defaultdict(dict)
    for row in _mix_counts(sessions, "state__iso3", "start__year"):
        result[row["state__iso3"] or "—"][str(row["start__year"])] = gain.rate(
            row["mixed"], row["n"]
        )
    return dict(result)


def agency_mix(session: Session) -> list[tuple[str, int]]:
    """How many participants of each agency type sat in the session."""
    labels = dict(Participant._meta.get_field("agency_type").choices or [])
    counts = (
        session.participants.values("agency_type").annotate(n=Count("pk")).order_by("agency_type")
    )
    return [(str(labels.get(c["agency_type"], c["agency_type"])), c["n"]) for c in counts]


def totals(sessions: QuerySet[Session]) -> dict[str, Any]:
    """Headline figures from the sessions' summary fields."""
    from django.db.models import Sum

    sums = sessions.aggregate(
        sessions=Count("pk"),
        participants=Sum("participant_count"),
        women=Sum("female_count"),
        mixed=Count("pk", filter=Q(agency_type_count__gte=2)),
    )
    sums["participants"] = sums["participants"] or 0
    sums["women"] = sums["women"] or 0
    sums["mixed_share"] = gain.rate(sums["mixed"], sums["sessions"])
    return sums
