"""`tact chain-check` on the demo data, its figures recomputed here record by record in
Python (not with the checks' queries), for all states and for one."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tact.assistance.models import Need, Project
from tact.chain.models import Link
from tact.core.access import SYSTEM
from tact.directory.models import PartyStatus, State
from tact.evaluation import services as evaluation_services
from tact.evaluation.models import Evaluation, Finding, Indicator
from tact.legislation.models import ProvisionMapping
from tact.resolutions.models import Recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _party(state_id: int | None) -> bool:
    return PartyStatus.objects.filter(state_id=state_id, status="party").exists()


def _linked(source_model: str, relation: str, target: Any) -> bool:
    return any(
        f"{link.source_type.app_label}.{link.source_type.model}" == source_model
        and link.relation == relation
        and link.target_type.model_class() is type(target)
        and link.target_id == target.pk
        for link in Link.objects.all()
    )


def expected(state: State | None) -> dict[str, int]:
    today = timezone.localdate()
    recs = 0
    for rec in Recommendation.objects.filter(resolution__original__isnull=True):
        if "states" not in rec.addressees:
            continue
        reports = [f for f in rec.follow_ups.all() if f.actor_kind == "state"]
        if state is None:
            recs += not any(_party(f.owner_state_id) for f in reports)
        elif _party(state.pk):
            recs += not any(f.owner_state_id == state.pk for f in reports)
    gaps = sum(
        1
        for m in ProvisionMapping.objects.all()
        if m.compliance in {"none", "partial"}
        and (state is None or m.state_id == state.pk)
        and not _linked("assistance.need", "derived_from", m)
    )
    needs = sum(
        1
        for n in Need.objects.all()
        if (state is None or n.state_id == state.pk)
        and not n.projects.exists()
        and not n.training_programmes.exists()
        and not _linked_any("answers_need", n)
    )
    projects = sum(
        1
        for p in Project.objects.all()
        if (state is None or any(c.state_id == state.pk for c in p.countries.all()))
        and not p.results_frameworks.exists()
    )
    indicators = 0
    for i in Indicator.objects.all():
        framework = i.node.framework
        if state is not None and state.pk not in {framework.state_id, framework.owner_state_id}:
            continue
        if i.child_indicators.exists():
            continue
        ended = sorted((p for p in i.periods.all() if p.end <= today), key=lambda p: p.end)
        if ended:
            last = ended[-1]
            indicators += (
                last.actual_value is None and last.actual_numerator is None and not last.narrative
            )
    evaluations = 0
    for e in Evaluation.objects.all():
        if state is not None and not (
            e.owner_state_id == state.pk or e.states.filter(pk=state.pk).exists()
        ):
            continue
        evaluations += any(
            f.kind == "recommendation" and not hasattr(f, "response") for f in e.findings.all()
        )
    return {
        "recommendations-without-follow-up": recs,
        "gaps-without-need": gaps,
        "needs-without-answer": needs,
        "projects-without-framework": projects,
        "indicators-without-actual": indicators,
        "evaluations-without-response": evaluations,
    }


def _linked_any(relation: str, target: Any) -> bool:
    return any(
        link.relation == relation
        and link.target_type.model_class() is type(target)
        and link.target_id == target.pk
        for link in Link.objects.all()
    )


def _run(*args: str) -> dict[str, int]:
    out = io.StringIO()
    call_command("chain_check", *args, stdout=out)
    return {m[0]: int(m[1]) for m in re.findall(r"^([a-z-]+): (\d+)$", out.getvalue(), re.M)}


def test_chain_check_figures_match_a_recount(db: Any) -> None:
    # given: the demo data, plus a missing actual and an unanswered evaluation recommendation
    call_command("demo_data", stdout=io.StringIO())
    kenya = State.objects.get(iso3="KEN")
    indicator = Indicator.objects.filter(node__framework__state=kenya).order_by("pk").first()
    assert indicator is not None
    evaluation_services.period_save(
        actor=SYSTEM,
        indicator=indicator,
        start=dt.date(2026, 1, 1),
        end=timezone.localdate() - dt.timedelta(days=1),
        target_value=Decimal(5),
    )
    evaluation = Evaluation.objects.filter(states=kenya).order_by("pk").first()
    assert evaluation is not None
    evaluation_services.finding_create(
        actor=SYSTEM,
        evaluation=evaluation,
        kind=Finding.Kind.RECOMMENDATION,
        title="Publish the data of the programme",
        text="Open data.",
    )

    # when / then
    figures = _run()
    assert figures == expected(None)
    assert figures["indicators-without-actual"] >= 1
    assert figures["evaluations-without-response"] >= 1
    assert figures["gaps-without-need"] >= 1
    for iso3 in ("KEN", "NGA", "MEX"):
        assert _run("--state", iso3) == expected(State.objects.get(iso3=iso3)), iso3


def test_chain_check_refuses_an_unknown_state(db: Any) -> None:
    with pytest.raises(CommandError):
        call_command("chain_check", "--state", "XXX", stdout=io.StringIO())
