"""Normalised gain, bands and the ceiling rule (pure arithmetic, no database)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tact.training.gain import band, gain_report, mix_report, participant_gain, rate


@pytest.mark.parametrize(
    ("g", "expected"),
    [
        (D("-0.2"), "low"),
        (D("0"), "low"),
        (D("0.299"), "low"),
        (D("0.3"), "medium"),
        (D("0.699"), "medium"),
        (D("0.7"), "high"),
        (D("1"), "high"),
        (None, ""),
    ],
)
def test_bands_are_low_below_03_medium_below_07_high_from_07(g: D | None, expected: str) -> None:
    assert band(g) == expected


def test_participant_gain_is_the_share_of_what_could_be_learned() -> None:
    assert participant_gain(D(40), D(70), D(100)) == D("0.500")
    assert participant_gain(D(20), D(10), D(50)) == D("-0.333")
    # at the ceiling nothing could be learned: undefined, not zero
    assert participant_gain(D(50), D(50), D(50)) is None


def test_class_gain_and_individual_average_differ_and_ceiling_is_counted_apart() -> None:
    # given three matched pairs (one at the ceiling), one pre-test without a post-test
    scores = [(D(20), D(60)), (D(80), D(90)), (D(100), D(100)), (D(50), None)]
    # when
    report = gain_report(scores, D(100))
    # then the class average uses every matched pair: <pre> = 66.667, <post> = 83.333
    assert report.matched == 3
    assert report.unmatched == 1
    assert report.at_ceiling == 1
    assert report.mean_pre == D("66.667")
    assert report.mean_post == D("83.333")
    assert report.class_gain == D("0.500")  # (83.333 - 66.667) / (100 - 66.667)
    # the individual average leaves the ceiling participant out: (0.5 + 0.5) / 2
    assert report.average_gain == D("0.500")
    assert report.bands == {"low": 0, "medium": 2, "high": 0}


def test_class_gain_undefined_when_everyone_starts_at_the_maximum() -> None:
    report = gain_report([(D(10), D(10)), (D(10), D(9))], D(10))
    assert report.class_gain is None
    assert report.average_gain is None
    assert report.at_ceiling == 2
    assert report.class_band == ""


def test_no_scores_no_gain() -> None:
    report = gain_report([], D(100))
    assert (report.matched, report.class_gain, report.mean_pre) == (0, None, None)


def test_rates_and_mix() -> None:
    assert rate(3, 4) == D("0.750")
    assert rate(0, 0) is None
    mix = mix_report([1, 2, 4, 1])
    assert (mix.sessions, mix.mixed, mix.share) == (4, 2, D("0.500"))
