"""Training figures flow into a results framework as actuals (through evaluation's service)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.evaluation import services as evaluation_services
from tact.evaluation.models import IndicatorPeriod
from tact.strategies import services as strategy_services
from tact.training import results_link


@pytest.fixture
def indicators(demo: dict[str, Any]) -> dict[str, Any]:
    strategy = strategy_services.strategy_create(
        actor=SYSTEM,
        state=State.objects.get(iso3="KEN"),
        title="Training programme",
        classification="public",
    )
    framework = evaluation_services.framework_create(
        actor=SYSTEM, title="Kenya training results", strategy=strategy, classification="public"
    )
    node = evaluation_services.node_create(
        actor=SYSTEM, framework=framework, level="output", title="Officials trained"
    )
    return {
        "trained": evaluation_services.indicator_create(
            actor=SYSTEM, node=node, title="Officials trained", dimensions=["sex", "agency type"]
        ),
        "gain": evaluation_services.indicator_create(actor=SYSTEM, node=node, title="Gain"),
        "results": evaluation_services.indicator_create(
            actor=SYSTEM, node=node, title="Cases prosecuted by trained units"
        ),
    }


def test_actuals_by_sex_and_agency_type_with_each_person_once(
    client: Any, demo: dict[str, Any], indicators: dict[str, Any], secretariat: Any
) -> None:
    programme = demo["programme"]
    for metric, indicator in indicators.items():
        results_link.link_indicator(
            actor=secretariat, programme=programme, indicator=indicator, metric=metric
        )
    client.force_login(secretariat)
    response = client.post(f"/en/training/programmes/{programme.pk}/actuals/", {"year": "2025"})
    assert response.status_code == 302
    trained = IndicatorPeriod.objects.get(indicator=indicators["trained"])
    assert (trained.start, trained.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    # 19 places, 18 people: KEN-003 sat in two sessions
    assert trained.actual_value == Decimal(18)
    by = {(r["dimension"], r["value"]): r["actual"] for r in trained.disaggregation}
    assert by[("sex", "female")] == "8"
    assert by[("sex", "male")] == "10"
    assert by[("agency type", "police")] == "8"
    assert sum(int(v) for (d, _), v in by.items() if d == "agency type") == 18
    gain = IndicatorPeriod.objects.get(indicator=indicators["gain"])
    assert gain.actual_value == Decimal("54.3")  # <g> over the year's scores in percent
    # level 4 is read from the results indicator, never written
    assert not IndicatorPeriod.objects.filter(indicator=indicators["results"]).exists()
    evaluation_services.period_save(
        actor=SYSTEM,
        indicator=indicators["results"],
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        actual_value=Decimal(12),
    )
    evidence = results_link.level4_evidence(actor=secretariat, programme=programme)
    assert [(e["indicator"].title, e["actual"]) for e in evidence] == [
        ("Cases prosecuted by trained units", Decimal(12))
    ]
    page = client.get(f"/en/training/programmes/{programme.pk}/")
    assert "Cases prosecuted by trained units" in page.content.decode()


def test_pushing_twice_updates_the_same_period(
    demo: dict[str, Any], indicators: dict[str, Any]
) -> None:
    programme = demo["programme"]
    results_link.link_indicator(
        actor=SYSTEM, programme=programme, indicator=indicators["trained"], metric="trained"
    )
    results_link.push_actuals(actor=SYSTEM, programme=programme, year=2025)
    results_link.push_actuals(actor=SYSTEM, programme=programme, year=2025)
    assert IndicatorPeriod.objects.filter(indicator=indicators["trained"]).count() == 1


def test_only_editors_push(client: Any, demo: dict[str, Any], reader: Any, evaluator: Any) -> None:
    programme = demo["programme"]  # public: readers see it, may not change it
    for user in (reader, evaluator):
        client.force_login(user)
        url = f"/en/training/programmes/{programme.pk}/actuals/"
        assert client.post(url, {"year": "2025"}).status_code == 403
    assert not IndicatorPeriod.objects.exists()
