"""Business rules of the services: validation, nothing saved on bad input, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tact.core.access import SYSTEM
from tact.core.audit import history_for
from tact.evaluation import services
from tact.evaluation.models import IndicatorPeriod, Rating
from tact.evaluation.selectors import (
    flat_nodes,
    framework_tree,
    indicator_progress_by_framework,
)
from tact.evaluation.tests import factories as f

pytestmark = pytest.mark.django_db
D = Decimal
Y = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_levels_go_down_the_tree() -> None:
    fw = f.framework()
    outcome = services.node_create(actor=SYSTEM, framework=fw, level="outcome", title="o")
    with pytest.raises(ValidationError):
        services.node_create(actor=SYSTEM, framework=fw, level="impact", title="i", parent=outcome)
    services.node_create(actor=SYSTEM, framework=fw, level="output", title="p", parent=outcome)
    assert fw.nodes.count() == 2


def test_percentage_periods_compute_their_value_and_reject_half_parts() -> None:
    fw = f.framework()
    node = services.node_create(actor=SYSTEM, framework=fw, level="outcome", title="o")
    ind = services.indicator_create(actor=SYSTEM, node=node, title="share", measure="percentage")
    period = services.period_save(
        actor=SYSTEM,
        indicator=ind,
        start=Y[0],
        end=Y[1],
        actual_numerator=D(1),
        actual_denominator=D(4),
    )
    assert period.actual_value == D(25)
    with pytest.raises(ValidationError):
        services.period_save(
            actor=SYSTEM,
            indicator=ind,
            start=Y[0],
            end=Y[1],
            actual_numerator=D(3),
            actual_denominator=None,
        )
    period.refresh_from_db()
    assert period.actual_numerator == D(1)  # unchanged: the bad save was rolled back
    with pytest.raises(ValidationError):
        services.period_save(
            actor=SYSTEM,
            indicator=ind,
            start=Y[0],
            end=Y[1],
            actual_numerator=D(1),
            actual_denominator=D(0),
        )
    with pytest.raises(ValidationError):
        services.period_save(actor=SYSTEM, indicator=ind, start=Y[1], end=Y[0])
    assert IndicatorPeriod.objects.count() == 1


def test_qualitative_takes_narratives_only_and_disaggregation_is_checked() -> None:
    fw = f.framework()
    node = services.node_create(actor=SYSTEM, framework=fw, level="output", title="o")
    qual = services.indicator_create(actor=SYSTEM, node=node, title="q", measure="qualitative")
    with pytest.raises(ValidationError):
        services.period_save(actor=SYSTEM, indicator=qual, start=Y[0], end=Y[1], actual_value=D(3))
    services.period_save(
        actor=SYSTEM, indicator=qual, start=Y[0], end=Y[1], narrative="Unit set up"
    )
    unit = services.indicator_create(actor=SYSTEM, node=node, title="u", dimensions=["sex"])
    with pytest.raises(ValidationError):
        services.period_save(
            actor=SYSTEM,
            indicator=unit,
            start=Y[0],
            end=Y[1],
            actual_value=D(3),
            disaggregation=[{"dimension": "region", "value": "x", "actual": "1"}],
        )
    p = services.period_save(
        actor=SYSTEM,
        indicator=unit,
        start=Y[0],
        end=Y[1],
        actual_value=D(3),
        disaggregation=[{"dimension": "sex", "value": "female", "actual": 2}],
    )
    assert p.disaggregation == [{"dimension": "sex", "value": "female", "actual": "2"}]
    tree = framework_tree(fw)
    progress = [iv.progress for _d, nv in flat_nodes(tree) for iv in nv.indicators]
    assert {p.status for p in progress} == {"not_measurable"}


def test_roll_up_rules_measure_and_cycles() -> None:
    fw = f.framework()
    node = services.node_create(actor=SYSTEM, framework=fw, level="outcome", title="o")
    parent = services.indicator_create(actor=SYSTEM, node=node, title="parent", measure="unit")
    with pytest.raises(ValidationError):
        services.indicator_create(
            actor=SYSTEM, node=node, title="pct", measure="percentage", parent_indicator=parent
        )
    child = services.indicator_create(
        actor=SYSTEM, node=node, title="child", parent_indicator=parent, baseline_value=D(0)
    )
    with pytest.raises(ValidationError):
        services.indicator_update(actor=SYSTEM, indicator=parent, parent_indicator=child)
    services.period_save(
        actor=SYSTEM, indicator=child, start=Y[0], end=Y[1], target_value=D(10), actual_value=D(4)
    )
    tree = framework_tree(fw)
    views = {iv.indicator.title: iv for _d, nv in flat_nodes(tree) for iv in nv.indicators}
    assert views["parent"].progress.achievement == D("0.4")


def test_progress_by_framework_is_what_each_tree_shows() -> None:
    """The profile's one-query progress of several frameworks: each framework's indicators
    with the progress its tree shows (roll-ups applied), an empty framework with none."""
    fw, other, empty = f.framework("A"), f.framework("B"), f.framework("C")
    for framework, actual in ((fw, D(4)), (other, D(12))):
        node = services.node_create(actor=SYSTEM, framework=framework, level="outcome", title="o")
        parent = services.indicator_create(actor=SYSTEM, node=node, title="p", measure="unit")
        child = services.indicator_create(
            actor=SYSTEM, node=node, title="c", parent_indicator=parent, baseline_value=D(0)
        )
        services.indicator_create(actor=SYSTEM, node=node, title="alone", measure="unit")
        services.period_save(
            actor=SYSTEM,
            indicator=child,
            start=Y[0],
            end=Y[1],
            target_value=D(10),
            actual_value=actual,
        )
    found = indicator_progress_by_framework([fw.pk, other.pk, empty.pk])
    for framework in (fw, other, empty):
        tree = [
            iv.progress for _d, nv in flat_nodes(framework_tree(framework)) for iv in nv.indicators
        ]
        assert sorted(found[framework.pk], key=lambda p: p.key) == sorted(tree, key=lambda p: p.key)
    assert len(found[fw.pk]) == 3 and found[empty.pk] == []


def test_rating_rules_and_audit() -> None:
    ev = f.evaluation("E")
    with pytest.raises(ValidationError):
        services.rating_set(
            actor=SYSTEM,
            evaluation=ev,
            criterion="relevance",
            score="7",
            justification="j",
            evidence_strength="strong",
        )
    with pytest.raises(ValidationError):
        services.rating_set(
            actor=SYSTEM,
            evaluation=ev,
            criterion="relevance",
            score="S",
            justification=" ",
            evidence_strength="strong",
        )
    services.rating_set(
        actor=SYSTEM,
        evaluation=ev,
        criterion="relevance",
        score="S",
        justification="j",
        evidence_strength="strong",
    )
    rating = services.rating_set(
        actor=SYSTEM,
        evaluation=ev,
        criterion="relevance",
        score="MU",
        justification="k",
        evidence_strength="limited",
    )
    assert Rating.objects.count() == 1 and rating.satisfactory is False
    actions = [e.action for e in history_for(rating)]
    assert actions == ["evaluation.rating.update", "evaluation.rating.create"]
    assert history_for(rating)[0].changes["score"] == ["S", "MU"]
    with pytest.raises(ValidationError):
        services.evaluation_update(
            actor=SYSTEM, evaluation=ev, scale=ev.scale.__class__.objects.get(code="four-point")
        )


def test_good_practice_rule() -> None:
    ev = f.evaluation("E")
    finding = services.finding_create(
        actor=SYSTEM,
        evaluation=ev,
        title="t",
        text="x",
        criterion="effectiveness",
        evidence_strength="strong",
    )
    assert services.good_practice_problems(finding)  # criterion not rated yet
    with pytest.raises(ValidationError):
        services.good_practice_propose(actor=SYSTEM, finding=finding)
    services.rating_set(
        actor=SYSTEM,
        evaluation=ev,
        criterion="effectiveness",
        score="HS",
        justification="j",
        evidence_strength="strong",
    )
    services.good_practice_propose(actor=SYSTEM, finding=finding)
    finding.refresh_from_db()
    assert finding.good_practice_candidate and finding.proposed_at is not None
    # weakening the evidence withdraws the candidacy
    services.finding_update(actor=SYSTEM, finding=finding, evidence_strength="limited")
    finding.refresh_from_db()
    assert not finding.good_practice_candidate


def test_management_response_only_for_recommendations() -> None:
    ev = f.evaluation("E")
    finding = services.finding_create(actor=SYSTEM, evaluation=ev, title="t", text="x")
    with pytest.raises(ValidationError):
        services.response_save(actor=SYSTEM, finding=finding, decision="accepted", response="ok")
    rec = services.finding_create(
        actor=SYSTEM, evaluation=ev, title="r", text="x", kind="recommendation"
    )
    with pytest.raises(ValidationError):
        services.response_save(
            actor=SYSTEM,
            finding=rec,
            decision="rejected",
            response="no",
            follow_up_status="completed",
        )
    response = services.response_save(
        actor=SYSTEM, finding=rec, decision="accepted", response="ok", due_date=dt.date(2020, 1, 1)
    )
    assert response.is_overdue(dt.date(2021, 1, 1))
    services.response_save(actor=SYSTEM, finding=rec, follow_up_status="completed")
    response.refresh_from_db()
    assert not response.is_overdue(dt.date(2021, 1, 1))
    assert [e.action for e in history_for(response)] == [
        "evaluation.response.update",
        "evaluation.response.create",
    ]


def test_scales_are_configurable_but_keep_used_levels(secretariat: Any, reader: Any) -> None:
    from django.core.exceptions import PermissionDenied

    levels = [
        {"code": "A", "label": "Good", "satisfactory": True},
        {"code": "B", "label": "Bad", "satisfactory": False},
    ]
    scale = services.scale_save(actor=secretariat, code="two", name="Two", levels=levels)
    with pytest.raises(PermissionDenied):
        services.scale_save(actor=reader, code="two", name="Two", levels=levels)
    with pytest.raises(ValidationError):
        services.scale_save(actor=secretariat, code="bad", name="Bad", levels=[levels[0]])
    ev = services.evaluation_create(actor=secretariat, title="E", scale=scale)
    services.rating_set(
        actor=secretariat,
        evaluation=ev,
        criterion="impact",
        score="B",
        justification="j",
        evidence_strength="moderate",
    )
    with pytest.raises(ValidationError):
        services.scale_save(
            actor=secretariat,
            code="two",
            name="Two",
            levels=[levels[0], {"code": "C", "label": "c", "satisfactory": False}],
        )
