"""The demo's figures recomputed here from the stored records with plain float arithmetic,
independently of tact.training.gain: learning gain, bands, L1-L3 response rates and the
inter-agency share."""

from __future__ import annotations

from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.training import selectors
from tact.training.models import Participant, Session, SurveyResponse


def _my_band(g: float) -> str:
    return "low" if g < 0.3 else "medium" if g < 0.7 else "high"


def test_demo_shape(demo: dict[str, Any]) -> None:
    # one programme, two courses, three sessions in two states
    programme = demo["programme"]
    assert programme.courses.count() == 2
    sessions = Session.objects.filter(course__programme=programme)
    assert sessions.count() == 3
    assert sorted({s.state.iso3 for s in sessions}) == ["KEN", "MEX"]
    # one high-gain, one low-gain session; one mixing four agency types
    bands = {s.title.split(":")[0]: _my_band(float(s.class_gain)) for s in sessions}
    assert bands == {"Nairobi": "high", "Mombasa": "low", "Mexico City": "medium"}
    assert demo["nairobi"].agency_type_count == 4
    assert demo["mombasa"].agency_type_count == 1
    # the same person (participant id) in two sessions
    assert Participant.objects.filter(code="KEN-003").count() == 2


@pytest.mark.parametrize("key", ["nairobi", "mombasa", "mexico_city"])
def test_gain_recomputed_from_the_records(demo: dict[str, Any], key: str) -> None:
    session = demo[key]
    maximum = float(session.max_score)
    pairs = [
        (float(p.pre_score), float(p.post_score))
        for p in Participant.objects.filter(session=session)
        if p.pre_score is not None and p.post_score is not None
    ]
    mean_pre = sum(p for p, _ in pairs) / len(pairs)
    mean_post = sum(q for _, q in pairs) / len(pairs)
    expected_class = (mean_post - mean_pre) / (maximum - mean_pre)
    individual = [(q - p) / (maximum - p) for p, q in pairs if p < maximum]
    ceiling = sum(1 for p, _ in pairs if p >= maximum)
    expected_bands = {"low": 0, "medium": 0, "high": 0}
    for g in individual:
        expected_bands[_my_band(g)] += 1

    report = selectors.session_gain(session)

    assert report.matched == len(pairs)
    assert report.at_ceiling == ceiling
    assert float(report.class_gain) == pytest.approx(expected_class, abs=0.0006)
    assert float(report.average_gain) == pytest.approx(
        sum(individual) / len(individual), abs=0.0006
    )
    assert report.bands == expected_bands
    assert float(session.class_gain) == pytest.approx(expected_class, abs=0.0006)
    # per participant on the page's rows
    rows = selectors.participant_rows(actor=SYSTEM, session=session)
    for row in rows:
        p = row.participant
        if float(p.pre_score) >= maximum:
            assert (row.gain, row.at_ceiling) == (None, True)
        else:
            g = (float(p.post_score) - float(p.pre_score)) / (maximum - float(p.pre_score))
            assert float(row.gain) == pytest.approx(g, abs=0.0006)
            assert row.band == _my_band(g)


def test_mombasa_ceiling_participant_is_reported_not_dropped(demo: dict[str, Any]) -> None:
    report = selectors.session_gain(demo["mombasa"])
    assert (report.matched, report.at_ceiling) == (6, 1)
    assert sum(report.bands.values()) == 5


def test_kirkpatrick_response_rates_recomputed(demo: dict[str, Any]) -> None:
    sessions = Session.objects.filter(course__programme=demo["programme"])
    invited = Participant.objects.filter(session__in=sessions).count()
    responses = list(SurveyResponse.objects.filter(session__in=sessions))
    l1 = [r for r in responses if r.level == 1]
    l3_part = [r for r in responses if r.level == 3 and r.respondent == "participant"]
    l3_sup = [r for r in responses if r.level == 3 and r.respondent == "supervisor"]

    levels = selectors.kirkpatrick(sessions)

    assert levels["invited"] == invited == 19
    assert levels["l1"]["n"] == len(l1) == 14
    assert float(levels["l1"]["rate"]) == pytest.approx(len(l1) / invited, abs=0.0006)
    assert float(levels["l1"]["mean"]) == pytest.approx(
        sum(r.score for r in l1) / len(l1), abs=0.0006
    )
    assert levels["l3"]["participant"]["n"] == len(l3_part) == 7
    assert float(levels["l3"]["participant"]["rate"]) == pytest.approx(
        len(l3_part) / invited, abs=0.0006
    )
    assert levels["l3"]["supervisor"]["n"] == len(l3_sup) == 4
    assert float(levels["l3"]["supervisor"]["rate"]) == pytest.approx(
        len(l3_sup) / invited, abs=0.0006
    )
    applied = [r.applied for r in l3_part]
    assert float(levels["l3"]["participant"]["applied"]) == pytest.approx(
        sum(applied) / len(applied), abs=0.0006
    )
    # level 2 over sessions of different maxima compares percentages
    pct = [
        (
            float(p.pre_score) / float(p.session.max_score) * 100,
            float(p.post_score) / float(p.session.max_score) * 100,
        )
        for p in Participant.objects.filter(session__in=sessions).select_related("session")
    ]
    pre = sum(a for a, _ in pct) / len(pct)
    post = sum(b for _, b in pct) / len(pct)
    assert float(levels["l2"].class_gain) == pytest.approx((post - pre) / (100 - pre), abs=0.0006)


def test_inter_agency_share_recomputed(demo: dict[str, Any]) -> None:
    sessions = list(Session.objects.filter(course__programme=demo["programme"]))
    types = {
        s.pk: len(set(Participant.objects.filter(session=s).values_list("agency_type", flat=True)))
        for s in sessions
    }
    mixed = [s for s in sessions if types[s.pk] >= 2]
    qs = Session.objects.filter(pk__in=[s.pk for s in sessions])

    (overall,) = selectors.mix_rows(qs, "programme")
    by_state = {r.key: r for r in selectors.mix_rows(qs, "state")}

    assert (overall.sessions, overall.mixed) == (3, len(mixed)) == (3, 2)
    assert float(overall.share) == pytest.approx(2 / 3, abs=0.0006)
    kenya = [s for s in sessions if s.state.iso3 == "KEN"]
    assert by_state["KEN"].mixed == sum(1 for s in kenya if types[s.pk] >= 2) == 1
    assert float(by_state["KEN"].share) == pytest.approx(0.5)
    assert float(by_state["MEX"].share) == pytest.approx(1.0)
    assert selectors.mix_over_time(qs) == {
        "KEN": {"2025": by_state["KEN"].share},
        "MEX": {"2025": by_state["MEX"].share},
    }


def test_demo_is_idempotent(demo: dict[str, Any]) -> None:
    from tact.training import demo as training_demo

    before = (Participant.objects.count(), SurveyResponse.objects.count(), Session.objects.count())
    training_demo.load(SYSTEM)
    after = (Participant.objects.count(), SurveyResponse.objects.count(), Session.objects.count())
    assert before == after == (19, 25, 3)
