"""The API as a focal point would use it: a strategy, an objective, an action and its progress,
a task force; bad input gets a 4xx with a message and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.strategies.models import Action, Agency, Objective, ProgressUpdate, Strategy, TaskForce

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def test_a_focal_point_builds_a_strategy_through_the_api(
    client: Client, focal_kenya: Any, demo: None
) -> None:
    client.force_login(focal_kenya)
    created = _post(
        client, "/api/v1/strategies/", {"state": "KEN", "title": "API plan", "kind": "action_plan"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["state"], body["kind"], body["classification"]) == (
        "KEN",
        "action_plan",
        "restricted",
    )
    objective = _post(
        client,
        f"/api/v1/strategies/{body['id']}/objectives",
        {
            "title": "Awareness in schools",
            "aims": ["awareness"],
            "provisions": ["untoc/art_31"],
            "themes": ["prevention"],
        },
    )
    assert objective.status_code == 201
    assert objective.json()["aims"] == ["awareness"]
    nps = Agency.objects.get(state__iso3="KEN", organisation__acronym="NPS")
    action = _post(
        client,
        f"/api/v1/strategies/objectives/{objective.json()['id']}/actions",
        {
            "title": "Teachers' guide",
            "lead_agency_id": nps.pk,
            "budget": "1000.50",
            "currency": "kes",
        },
    )
    assert action.status_code == 201
    assert (action.json()["currency"], action.json()["budget"]) == ("KES", "1000.50")
    progress = _post(
        client,
        f"/api/v1/strategies/actions/{action.json()['id']}/progress",
        {"status": "in_progress", "percent_complete": 40, "date": "2025-05-01"},
    )
    assert progress.status_code == 201
    detail = client.get(f"/api/v1/strategies/{body['id']}").json()
    assert detail["progress"]["actions_total"] == 1
    assert detail["progress"]["actions_mean_percent"] == 40.0
    assert detail["objectives"][0]["actions"][0]["status"] == "in_progress"


def test_bad_input_changes_nothing(
    client: Client, focal_kenya: Any, kenya_strategy: Strategy
) -> None:
    client.force_login(focal_kenya)
    strategies = Strategy.objects.count()
    bad_kind = _post(
        client, "/api/v1/strategies/", {"state": "KEN", "title": "X", "kind": "wish_list"}
    )
    assert bad_kind.status_code == 400
    assert bad_kind.json()["code"] == "invalid"
    assert Strategy.objects.count() == strategies
    action = Action.objects.filter(objective__strategy=kenya_strategy).first()
    assert action is not None
    before = (action.status, action.percent_complete, ProgressUpdate.objects.count())
    too_much = _post(
        client,
        f"/api/v1/strategies/actions/{action.pk}/progress",
        {"status": "in_progress", "percent_complete": 140},
    )
    assert too_much.status_code == 400
    future = _post(
        client,
        f"/api/v1/strategies/actions/{action.pk}/progress",
        {"status": "in_progress", "percent_complete": 10, "date": "2999-01-01"},
    )
    assert future.status_code == 400
    assert future.json()["detail"] == ["A progress update cannot be dated in the future."]
    action.refresh_from_db()
    assert (action.status, action.percent_complete, ProgressUpdate.objects.count()) == before
    objective = Objective.objects.filter(strategy=kenya_strategy).first()
    assert objective is not None
    foreign_lead = Agency.objects.get(state__iso3="MEX", organisation__acronym="NPS")
    wrong_state = _post(
        client,
        f"/api/v1/strategies/objectives/{objective.pk}/actions",
        {"title": "X", "lead_agency_id": foreign_lead.pk},
    )
    assert wrong_state.status_code == 400
    assert not Action.objects.filter(title="X").exists()


def test_a_task_force_with_members(client: Client, focal_kenya: Any, demo: None) -> None:
    client.force_login(focal_kenya)
    agencies = {
        a.organisation.acronym: a.pk
        for a in Agency.objects.filter(state__iso3="KEN").select_related("organisation")
    }
    response = _post(
        client,
        "/api/v1/strategies/task-forces",
        {
            "state": "KEN",
            "name": "Prisons and police liaison",
            "members": [
                {"agency_id": agencies["KPS"], "role": "lead"},
                {"agency_id": agencies["NPS"]},
            ],
        },
    )
    assert response.status_code == 201
    assert sorted((m["agency_id"], m["role"]) for m in response.json()["members"]) == sorted(
        [(agencies["KPS"], "lead"), (agencies["NPS"], "member")]
    )
    network = client.get("/api/v1/strategies/network/KEN").json()
    assert [n["label"] for n in network["nodes"] if n["isolated"]] == []
    assert TaskForce.objects.get(name="Prisons and police liaison").classification == "restricted"


def test_list_endpoint_queries_do_not_grow_with_rows(
    client: Client, secretariat: Any, demo: None, django_assert_max_num_queries: Any
) -> None:
    client.force_login(secretariat)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/strategies/task-forces").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/strategies/agreements").status_code == 200
