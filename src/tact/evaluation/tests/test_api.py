"""The API: build a framework, record values, evaluate, respond; errors as {code, detail}."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.evaluation.services import ensure_default_scales
from tact.strategies import services as strategy_services

pytestmark = pytest.mark.django_db


def _json(client: Client, method: str, url: str, headers: dict[str, str], body: Any = None) -> Any:
    return getattr(client, method)(url, data=body, content_type="application/json", **headers)


def test_framework_indicator_period_and_progress(
    client: Client, evaluator: Any, reader: Any, token_for: Any
) -> None:
    h = token_for(evaluator)
    # strategies are recorded in the strategies app (by the state or the secretariat)
    strategy = strategy_services.strategy_create(
        actor=SYSTEM, state=State.objects.get(iso3="KEN"), title="Strategy"
    )
    r = _json(
        client,
        "post",
        "/api/v1/evaluation/frameworks",
        h,
        {"title": "FW", "strategy_id": strategy.pk},
    )
    assert r.status_code == 201, r.content
    fw = r.json()["id"]
    impact = _json(
        client,
        "post",
        f"/api/v1/evaluation/frameworks/{fw}/nodes",
        h,
        {"level": "impact", "title": "I"},
    ).json()
    outcome = _json(
        client,
        "post",
        f"/api/v1/evaluation/frameworks/{fw}/nodes",
        h,
        {"level": "outcome", "title": "O", "parent_id": impact["id"]},
    )
    assert outcome.status_code == 201
    bad = _json(
        client,
        "post",
        f"/api/v1/evaluation/frameworks/{fw}/nodes",
        h,
        {"level": "impact", "title": "X", "parent_id": outcome.json()["id"]},
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    r = _json(
        client,
        "post",
        f"/api/v1/evaluation/nodes/{outcome.json()['id']}/indicators",
        h,
        {
            "title": "Share",
            "measure": "percentage",
            "baseline_numerator": "10",
            "baseline_denominator": "100",
            "provisions": ["untoc/art_24"],
        },
    )
    assert r.status_code == 201, r.content
    ind = r.json()["id"]
    r = _json(
        client,
        "put",
        f"/api/v1/evaluation/indicators/{ind}/periods",
        h,
        {
            "start": "2024-01-01",
            "end": "2024-12-31",
            "target_numerator": "50",
            "target_denominator": "100",
            "actual_numerator": "30",
            "actual_denominator": "100",
        },
    )
    assert r.status_code == 200, r.content
    detail = client.get(f"/api/v1/evaluation/frameworks/{fw}", **h).json()
    indicator = detail["nodes"][1]["indicators"][0]
    assert indicator["provisions"] == ["untoc/art_24"]
    assert float(indicator["progress"]["achievement"]) == pytest.approx(0.5)
    # a reader may look (public framework) but not write
    hr = token_for(reader)
    assert client.get(f"/api/v1/evaluation/frameworks/{fw}", **hr).status_code == 200
    r = _json(
        client,
        "put",
        f"/api/v1/evaluation/indicators/{ind}/periods",
        hr,
        {"start": "2025-01-01", "end": "2025-12-31"},
    )
    assert r.status_code == 403 and r.json()["code"]


def test_evaluation_rating_finding_response(
    client: Client, evaluator: Any, focal_kenya: Any, focal_mexico: Any, token_for: Any
) -> None:
    ensure_default_scales()
    h = token_for(evaluator)
    r = _json(
        client,
        "post",
        "/api/v1/evaluation/evaluations",
        h,
        {
            "title": "Kenya eval",
            "owner_state": "KEN",
            "states": ["KEN"],
            "themes": ["law_enforcement"],
            "classification": "restricted",
        },
    )
    assert r.status_code == 201, r.content
    ev = r.json()["id"]
    r = _json(
        client,
        "put",
        f"/api/v1/evaluation/evaluations/{ev}/ratings/effectiveness",
        h,
        {"score": "S", "justification": "Targets met.", "evidence_strength": "strong"},
    )
    assert r.status_code == 200 and r.json()["satisfactory"] is True
    r = _json(
        client,
        "put",
        f"/api/v1/evaluation/evaluations/{ev}/ratings/effectiveness",
        h,
        {"score": "ZZ", "justification": "x", "evidence_strength": "strong"},
    )
    assert r.status_code == 400
    r = _json(
        client,
        "post",
        f"/api/v1/evaluation/evaluations/{ev}/findings",
        h,
        {
            "title": "Works",
            "text": "Joint teams",
            "criterion": "effectiveness",
            "evidence_strength": "strong",
        },
    )
    finding = r.json()["id"]
    assert (
        _json(client, "post", f"/api/v1/evaluation/findings/{finding}/good-practice", h).json()[
            "good_practice_candidate"
        ]
        is True
    )
    r = _json(
        client,
        "post",
        f"/api/v1/evaluation/evaluations/{ev}/findings",
        h,
        {"title": "Do", "text": "t", "kind": "recommendation"},
    )
    rec = r.json()["id"]
    r = _json(
        client,
        "put",
        f"/api/v1/evaluation/findings/{rec}/response",
        token_for(focal_kenya),
        {"decision": "accepted", "response": "Yes", "follow_up_status": "in_progress"},
    )
    assert r.status_code == 200, r.content
    assert (
        _json(
            client,
            "put",
            f"/api/v1/evaluation/findings/{rec}/response",
            token_for(focal_mexico),
            {"decision": "rejected", "response": "No"},
        ).status_code
        == 404
    )
    body = client.get(f"/api/v1/evaluation/evaluations/{ev}", **h).json()
    assert [r["criterion"] for r in body["ratings"]] == ["effectiveness"]
    assert body["findings"][1]["response"]["follow_up_status"] == "in_progress"
    practices = client.get("/api/v1/evaluation/good-practices", **token_for(focal_kenya)).json()
    assert [p["title"] for p in practices["items"]] == ["Works"]
    assert client.get("/api/v1/evaluation/scales").json()[0]["levels"]


def test_scales_are_configured_by_the_secretariat(
    client: Client, secretariat: Any, evaluator: Any, token_for: Any
) -> None:
    body = {
        "code": "three",
        "name": "Three-point",
        "levels": [
            {"code": "G", "label": "Good", "satisfactory": True},
            {"code": "F", "label": "Fair", "satisfactory": True},
            {"code": "P", "label": "Poor", "satisfactory": False},
        ],
    }
    assert (
        _json(client, "put", "/api/v1/evaluation/scales", token_for(evaluator), body).status_code
        == 403
    )
    r = _json(client, "put", "/api/v1/evaluation/scales", token_for(secretariat), body)
    assert r.status_code == 200 and [lv["code"] for lv in r.json()["levels"]] == ["G", "F", "P"]
    body["levels"] = body["levels"][:1]
    assert (
        _json(client, "put", "/api/v1/evaluation/scales", token_for(secretariat), body).status_code
        == 400
    )
