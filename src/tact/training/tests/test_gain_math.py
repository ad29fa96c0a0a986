"""Normalised gain, bands and the ceiling rule (pure arithmetic, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tact.training.gain import band, gain_report, mix_report, participant_gain, rate


@pytest.mark.parametrize(
    ("g", "expected"),
    [
        (Decimal("-0.2"), "low"),
        (Decimal("0"), "low"),
        (Decimal("0.299"), "low"),
        (Decimal("0.3"), "medium"),
        (Decimal("0.699"), "medium"),
        (Decimal("0.7"), "high"),
        (Decimal("1"), "high"),
        (None, ""),
    ],
)
def test_bands_are_low_below_03_medium_below_07_high_from_07(
    g: Decimal | None, expected: str
) -> None:
    assert band(g) == expected


def test_participant_gain_is_the_share_of_what_could_be_learned() -> None:
    assert participant_gain(Decimal(40), Decimal(70), Decimal(100)) == Decimal("0.500")
    assert participant_gain(Decimal(20), Decimal(10), Decimal(50)) == Decimal("-0.333")
    # at the ceiling nothing could be learned: undefined, not zero
    assert participant_gain(Decimal(50), Decimal(50), Decimal(50)) is None


def test_class_gain_and_individual_average_differ_and_ceiling_is_counted_apart() -> None:
    # given three matched pairs (one at the ceiling), one pre-test without a post-test
    scores = [
        (Decimal(20), Decimal(60)),
        (Decimal(80), Decimal(90)),
        (Decimal(100), Decimal(100)),
        (Decimal(50), None),
    ]
    # when
    report = gain_report(scores, Decimal(100))
    # then the class average uses every matched pair: <pre> = 66.667, <post> = 83.333
    assert report.matched == 3
    assert report.unmatched == 1
    assert report.at_ceiling == 1
    assert report.mean_pre == Decimal("66.667")
    assert report.mean_post == Decimal("83.333")
    assert report.class_gain == Decimal("0.500")  # (83.333 - 66.667) / (100 - 66.667)
    # the individual average leaves the ceiling participant out: (0.5 + 0.5) / 2
    assert report.average_gain == Decimal("0.500")
    assert report.bands == {"low": 0, "medium": 2, "high": 0}


def test_class_gain_undefined_when_everyone_starts_at_the_maximum() -> None:
    report = gain_report([(Decimal(10), Decimal(10)), (Decimal(10), Decimal(9))], Decimal(10))
    assert report.class_gain is None
    assert report.average_gain is None
    assert report.at_ceiling == 2
    assert report.class_band == ""


def test_no_scores_no_gain() -> None:
    report = gain_report([], Decimal(100))
    assert (report.matched, report.class_gain, report.mean_pre) == (0, None, None)


def test_rates_and_mix() -> None:
    assert rate(3, 4) == Decimal("0.750")
    assert rate(0, 0) is None
    mix = mix_report([1, 2, 4, 1])
    assert (mix.sessions, mix.mixed, mix.share) == (4, 2, Decimal("0.500"))
