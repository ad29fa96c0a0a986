"""Matching needs to the projects and offers that answer them.

For each need, candidates are ranked on four signals, each with a reason a person can check:

* **state**: the project's recipients include the need's state (1), or the candidate is open
  to every state: an offer or a global/regional project without recipients (0.5). Projects
  for other states never answer the need.
* **topic**: the share of the need's Convention provisions the candidate serves, or (at 0.8)
  the share of its themes; themes of the provisions count as themes.
* **time**: active now (1), planned (0.8), ended within a year (0.4), older (0.1), unknown (0.5).
* **text**: TF-IDF cosine between the need's and the candidate's title and description.

``score = 0.3 state + 0.3 topic + 0.15 time + 0.25 text``. A candidate must share the state
and either a topic or some text to be listed. A need is *unmet* when no candidate answers it:
none reaches :data:`ANSWER_THRESHOLD` without having ended more than a year ago.

Pure Python on plain records, so it is tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from tact.assistance.textsim import TfIdfIndex

ANSWER_THRESHOLD = 0.5
MIN_TEXT = 0.1
WEIGHTS = {"state": 0.3, "topic": 0.3, "time": 0.15, "text": 0.25}


@dataclass(slots=True)
class NeedRecord:
    key: Hashable
    state: str
    """The need's state, in the same coding as the candidates' ``countries``."""
    title: str = ""
    description: str = ""
    provisions: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()


@dataclass(slots=True)
class CandidateRecord:
    key: Hashable
    kind: str = "project"
    """``project`` or ``offer``."""
    title: str = ""
    description: str = ""
    countries: frozenset[str] = frozenset()
    provisions: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(slots=True)
class Match:
    need: Hashable
    candidate: Hashable
    kind: str
    score: float
    signals: dict[str, float]
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def answers(self) -> bool:
        """Scores at least :data:`ANSWER_THRESHOLD` and has not ended more than a year ago."""
        return self.score >= ANSWER_THRESHOLD and self.signals.get("time", 0.5) > 0.1


def _time_signal(candidate: CandidateRecord, today: dt.date) -> tuple[float, str]:
    if candidate.start is None and candidate.end is None:
        return 0.5, "dates_unknown"
    if candidate.start is not None and candidate.start > today:
        return 0.8, "planned"
    if candidate.end is None or candidate.end >= today:
        return 1.0, "active"
    if (today - candidate.end).days <= 365:
        return 0.4, "recently_ended"
    return 0.1, "ended"


def _topic_signal(
    need: NeedRecord, candidate: CandidateRecord
) -> tuple[float, list[str], list[str]]:
    shared_provisions = sorted(need.provisions & candidate.provisions)
    shared_themes = sorted(need.themes & candidate.themes)
    provision_share = len(shared_provisions) / len(need.provisions) if need.provisions else 0.0
    theme_share = len(shared_themes) / len(need.themes) if need.themes else 0.0
    return max(provision_share, 0.8 * theme_share), shared_provisions, shared_themes


class Matcher:
    """Built once over the candidates; ranks candidates for any number of needs."""

    def __init__(self, candidates: Sequence[CandidateRecord], today: dt.date | None = None):
        self.candidates = list(candidates)
        self.today = today or timezone.localdate()
        self.index = TfIdfIndex([f"{c.title}\n{c.description}" for c in self.candidates])
        self.by_state: dict[str, list[int]] = {}
        self.open_to_all: list[int] = []
        for position, candidate in enumerate(self.candidates):
            if candidate.countries:
                for country in candidate.countries:
                    self.by_state.setdefault(country, []).append(position)
            else:
                self.open_to_all.append(position)

    def rank(self, need: NeedRecord, limit: int | None = 10) -> list[Match]:
        text_query = f"{need.title}\n{need.description}"
        similarities = self.index.query(text_query)
        matches: list[Match] = []
        pool = [(p, 1.0) for p in self.by_state.get(need.state, ())]
        pool += [(p, 0.5) for p in self.open_to_all]
        for position, state_signal in pool:
            candidate = self.candidates[position]
            topic, provisions, themes = _topic_signal(need, candidate)
            text = similarities.get(position, 0.0)
            if topic == 0 and text < MIN_TEXT:
                continue
            time_signal, time_code = _time_signal(candidate, self.today)
            signals = {"state": state_signal, "topic": topic, "time": time_signal, "text": text}
            score = sum(WEIGHTS[name] * value for name, value in signals.items())
            reasons: list[dict[str, Any]] = [
                {"code": "same_state" if state_signal == 1.0 else "open_to_all", "detail": ""}
            ]
            if provisions:
                reasons.append({"code": "shared_provisions", "detail": ", ".join(provisions)})
            if themes:
                reasons.append({"code": "shared_themes", "detail": ", ".join(themes)})
            if text >= MIN_TEXT:
                words = self.index.shared_terms(text_query, position)
                reasons.append({"code": "similar_text", "detail": f"{text:.2f}: {' '.join(words)}"})
            reasons.append({"code": time_code, "detail": ""})
            matches.append(
                Match(need.key, candidate.key, candidate.kind, round(score, 4), signals, reasons)
            )
        matches.sort(key=lambda m: (-m.score, str(m.candidate)))
        return matches[:limit] if limit is not None else matches


def match_needs(
    needs: Iterable[NeedRecord],
    candidates: Sequence[CandidateRecord],
    *,
    today: dt.date | None = None,
    limit: int | None = 10,
) -> dict[Hashable, list[Match]]:
    matcher = Matcher(candidates, today)
    return {need.key: matcher.rank(need, limit) for need in needs}


def unmet(ranked: dict[Hashable, list[Match]]) -> list[Hashable]:
    """Needs no candidate answers (no match reaches :data:`ANSWER_THRESHOLD`)."""
    return [key for key, matches in ranked.items() if not any(m.answers for m in matches)]
