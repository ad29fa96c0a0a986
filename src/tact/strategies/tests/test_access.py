"""A restricted strategy is hidden from other states by every route, and only its owners edit it
(the access matrix of the base, persona by persona)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.search import search_all
from tact.strategies import services
from tact.strategies.models import Action, Strategy

pytestmark = pytest.mark.django_db

PERSONAS = ["secretariat", "focal_kenya", "focal_mexico", "donor_nl", "evaluator", "reader"]
SEES = {
    "secretariat": True,
    "focal_kenya": True,
    "focal_mexico": False,
    "donor_nl": False,
    "evaluator": True,
    "reader": False,
}
EDITS = {
    "secretariat": True,
    "focal_kenya": True,
    "focal_mexico": False,
    "donor_nl": False,
    "evaluator": False,
    "reader": False,
}


def test_strategies_are_restricted_by_default(kenya: Any) -> None:
    strategy = services.strategy_create(actor=SYSTEM, state=kenya, title="Kenya plan zebrafinch")
    assert strategy.classification == "restricted"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_a_restricted_strategy(
    request: pytest.FixtureRequest, kenya_strategy: Strategy, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user)
    sees = SEES[persona]
    action = Action.objects.filter(objective__strategy=kenya_strategy).first()
    assert action is not None
    assert client.get(f"/en/strategies/{kenya_strategy.pk}/").status_code == (200 if sees else 404)
    assert client.get(f"/en/strategies/actions/{action.pk}/").status_code == (200 if sees else 404)
    assert client.get(f"/en/strategies/{kenya_strategy.pk}/report.pdf").status_code == (
        200 if sees else 404
    )
    assert client.get(f"/en/strategies/{kenya_strategy.pk}/actions.xlsx").status_code == (
        200 if sees else 404
    )
    assert (kenya_strategy.title in client.get("/en/strategies/").content.decode()) is sees
    api_titles = [s["title"] for s in client.get("/api/v1/strategies/").json()["items"]]
    assert (kenya_strategy.title in api_titles) is sees
    assert client.get(f"/api/v1/strategies/{kenya_strategy.pk}").status_code == (
        200 if sees else 404
    )
    hits = [h.title for h in search_all(user, "Kenya national strategy")]
    assert (kenya_strategy.title in hits) is sees
    coverage = client.get("/api/v1/strategies/coverage/KEN").json()
    assert coverage[0]["covered"] is sees


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_edits_a_strategy(
    request: pytest.FixtureRequest, kenya_strategy: Strategy, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user)
    action = Action.objects.filter(objective__strategy=kenya_strategy).first()
    assert action is not None
    before = (kenya_strategy.title, action.percent_complete, action.updates.count())
    page = client.post(
        f"/en/strategies/{kenya_strategy.pk}/edit/",
        {
            "state": kenya_strategy.state_id,
            "title": "Renamed",
            "kind": "action_plan",
            "status": "draft",
            "classification": "public",
        },
    )
    progress = client.post(
        f"/en/strategies/actions/{action.pk}/",
        {"date": "2025-01-01", "status": "in_progress", "percent_complete": "99", "note": "x"},
    )
    api = client.patch(
        f"/api/v1/strategies/{kenya_strategy.pk}",
        {"title": "Renamed"},
        content_type="application/json",
    )
    kenya_strategy.refresh_from_db()
    action.refresh_from_db()
    if EDITS[persona]:
        assert page.status_code == 302
        assert progress.status_code == 200
        assert api.status_code == 200
        assert kenya_strategy.title == "Renamed"
        assert action.percent_complete == 99
    else:
        expected = 403 if SEES[persona] else 404
        assert (page.status_code, progress.status_code, api.status_code) == (
            expected,
            expected,
            expected,
        )
        assert (kenya_strategy.title, action.percent_complete, action.updates.count()) == before


def test_a_focal_point_cannot_create_for_another_state(
    client: Client, focal_mexico: Any, kenya: Any
) -> None:
    client.force_login(focal_mexico)
    response = client.post(
        "/api/v1/strategies/",
        {"state": "KEN", "title": "Not mine"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Strategy.objects.filter(title="Not mine").exists()
    page = client.post(
        "/en/strategies/new/",
        {
            "state": kenya.pk,
            "title": "Not mine",
            "kind": "action_plan",
            "status": "draft",
            "classification": "public",
        },
    )
    assert page.status_code == 200  # the form refuses Kenya: not among the states offered
    assert not Strategy.objects.filter(title="Not mine").exists()


def test_the_anonymous_are_sent_to_log_in(kenya_strategy: Strategy) -> None:
    client = Client()
    assert client.get(f"/en/strategies/{kenya_strategy.pk}/").status_code == 302
    assert client.get("/api/v1/strategies/").json()["items"] == []
