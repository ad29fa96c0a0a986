"""Learning gain, Kirkpatrick response rates and inter-agency mix: plain arithmetic, no Django.

Normalised gain (Hake 1998; Bao 2006) on matched pairs only (a participant with both a pre-
and a post-test score):

- per participant  g = (post - pre) / (max - pre); undefined when pre = max (the participant
  started at the ceiling and could not gain): such participants are counted apart, never
  silently dropped, and left out of the individual average;
- class average    <g> = (<post> - <pre>) / (max - <pre>) over every matched pair (ceiling
  participants included: their scores are defined), undefined when <pre> = max;
- bands            low g < 0.3 <= medium < 0.7 <= high (a negative gain is low).

The two averages generally differ (Bao 2006), so both are reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

LOW_BELOW = Decimal("0.3")
HIGH_FROM = Decimal("0.7")
PLACES = Decimal("0.001")


def band(g: Decimal | None) -> str:
    """'low', 'medium', 'high', or '' when the gain is undefined."""
    if g is None:
        return ""
    if g < LOW_BELOW:
        return "low"
    if g < HIGH_FROM:
        return "medium"
    return "high"


def participant_gain(pre: Decimal, post: Decimal, maximum: Decimal) -> Decimal | None:
    """g for one participant, None at the ceiling (pre = max)."""
    if pre >= maximum:
        return None
    return ((post - pre) / (maximum - pre)).quantize(PLACES)


@dataclass(frozen=True)
class GainReport:
    maximum: Decimal
    matched: int  # participants with both scores
    at_ceiling: int  # of which pre = max: g undefined
    unmatched: int  # one score missing: not counted in any average
    mean_pre: Decimal | None
    mean_post: Decimal | None
    class_gain: Decimal | None  # <g>
    average_gain: Decimal | None  # mean of individual g (ceiling excluded)
    bands: dict[str, int] = field(default_factory=dict)  # individual g per band

    @property
    def class_band(self) -> str:
        return band(self.class_gain)

    @property
    def average_band(self) -> str:
        return band(self.average_gain)


def gain_report(
    scores: Iterable[tuple[Decimal | None, Decimal | None]], maximum: Decimal
) -> GainReport:
    """Both averages, the ceiling count and the band counts for (pre, post) score pairs."""
    pairs: list[tuple[Decimal, Decimal]] = []
    unmatched = 0
    for pre, post in scores:
        if pre is None or post is None:
            if pre is not None or post is not None:
                unmatched += 1
            continue
        pairs.append((Decimal(pre), Decimal(post)))
    gains = [participant_gain(pre, post, maximum) for pre, post in pairs]
    defined = [g for g in gains if g is not None]
    counts = {"low": 0, "medium": 0, "high": 0}
    for g in defined:
        counts[band(g)] += 1
    mean_pre = mean_post = class_gain = None
    if pairs:
        mean_pre = sum((p for p, _ in pairs), Decimal(0)) / len(pairs)
        mean_post = sum((q for _, q in pairs), Decimal(0)) / len(pairs)
        if mean_pre < maximum:
            class_gain = ((mean_post - mean_pre) / (maximum - mean_pre)).quantize(PLACES)
        mean_pre, mean_post = mean_pre.quantize(PLACES), mean_post.quantize(PLACES)
    average = (sum(defined, Decimal(0)) / len(defined)).quantize(PLACES) if defined else None
    return GainReport(
        maximum=maximum,
        matched=len(pairs),
        at_ceiling=len(gains) - len(defined),
        unmatched=unmatched,
        mean_pre=mean_pre,
        mean_post=mean_post,
        class_gain=class_gain,
        average_gain=average,
        bands=counts,
    )


def rate(responses: int, invited: int) -> Decimal | None:
    """A response rate in [0, 1], None when nobody was asked."""
    if invited <= 0:
        return None
    return (Decimal(responses) / Decimal(invited)).quantize(PLACES)


def mean(values: Sequence[Decimal | int]) -> Decimal | None:
    if not values:
        return None
    return (sum((Decimal(v) for v in values), Decimal(0)) / len(values)).quantize(PLACES)


@dataclass(frozen=True)
class MixReport:
    sessions: int
    mixed: int  # sessions where at least two agency types sat together

    @property
    def share(self) -> Decimal | None:
        return rate(self.mixed, self.sessions)


def mix_report(agency_type_counts: Iterable[int]) -> MixReport:
    """The share of sessions that mixed at least two agency types (the resolution's aim)."""
    counts = list(agency_type_counts)
    return MixReport(sessions=len(counts), mixed=sum(1 for n in counts if n >= 2))
