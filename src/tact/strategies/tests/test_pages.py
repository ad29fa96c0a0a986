"""Every page and API read renders for the demo data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.strategies.models import Action, AwarenessCampaign, TaskForce

pytestmark = pytest.mark.django_db


def test_pages_render_for_a_focal_point(
    client: Client, focal_kenya: Any, kenya_strategy: Any
) -> None:
    client.force_login(focal_kenya)
    s = kenya_strategy
    action = Action.objects.filter(objective__strategy=s).first()
    assert action is not None
    tf = TaskForce.objects.filter(state__iso3="KEN").first()
    assert tf is not None
    campaign = AwarenessCampaign.objects.get()
    for url in (
        "/en/strategies/",
        "/en/strategies/?aim=awareness&state=KEN",
        f"/en/strategies/{s.pk}/",
        f"/en/strategies/{s.pk}/edit/",
        "/en/strategies/new/",
        f"/en/strategies/actions/{action.pk}/",
        f"/en/strategies/actions/{action.pk}/edit/",
        f"/en/strategies/objectives/{action.objective_id}/edit/",
        "/en/strategies/coverage/",
        "/en/strategies/coverage/KEN/",
        "/en/strategies/coverage/MEX/",
        "/en/strategies/network/KEN/",
        "/ar/strategies/network/KEN/",
        "/en/strategies/agencies/?state=KEN",
        "/en/strategies/task-forces/?state=KEN",
        f"/en/strategies/task-forces/{tf.pk}/",
        "/en/strategies/task-forces/new/",
        "/en/strategies/agreements/?state=KEN",
        "/en/strategies/agreements/new/",
        "/en/strategies/campaigns/",
        f"/en/strategies/campaigns/{campaign.pk}/",
        "/en/strategies/campaigns/new/",
        "/en/strategies/expected-links/",
        f"/en/strategies/{s.pk}/actions.xlsx",
        "/api/v1/strategies/",
        f"/api/v1/strategies/{s.pk}",
        "/api/v1/strategies/coverage/KEN",
        "/api/v1/strategies/network/KEN",
        "/api/v1/strategies/task-forces",
        "/api/v1/strategies/agencies?state=KEN",
        "/api/v1/strategies/agreements",
        "/api/v1/strategies/campaigns",
        "/en/states/KEN/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_pdf_of_a_strategy(client: Client, focal_kenya: Any, kenya_strategy: Any) -> None:
    client.force_login(focal_kenya)
    response = client.get(f"/en/strategies/{kenya_strategy.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_coverage_shows_mexicos_awareness_gap(client: Client, secretariat: Any, demo: None) -> None:
    client.force_login(secretariat)
    kenya = client.get("/api/v1/strategies/coverage/KEN").json()
    mexico = client.get("/api/v1/strategies/coverage/MEX").json()
    assert [(c["aim"], c["covered"]) for c in kenya] == [
        ("cooperation", True),
        ("response", True),
        ("awareness", True),
    ]
    assert [(c["aim"], c["covered"]) for c in mexico] == [
        ("cooperation", True),
        ("response", True),
        ("awareness", False),
    ]
    page = client.get("/en/strategies/coverage/MEX/").content.decode()
    assert "Gap: no objective of a current strategy you may see serves this aim." in page


def test_campaign_shows_difference_with_interval(
    client: Client, secretariat: Any, demo: None
) -> None:
    client.force_login(secretariat)
    campaign = client.get("/api/v1/strategies/campaigns").json()["items"][0]
    # 88/400 = 22.0% before, 147/420 = 35.0% after: +13.0 points,
    # se = sqrt(.22*.78/400 + .35*.65/420) = 0.03099 -> 13.0 ± 6.07
    assert campaign["share_aware_before"] == 22.0
    assert campaign["share_aware_after"] == 35.0
    assert campaign["difference"] == 13.0
    assert campaign["difference_low"] == 6.9
    assert campaign["difference_high"] == 19.1


def test_strategy_progress_shows_actions_and_framework_side_by_side(
    client: Client, focal_kenya: Any, kenya_strategy: Any
) -> None:
    client.force_login(focal_kenya)
    progress = client.get(f"/api/v1/strategies/{kenya_strategy.pk}").json()["progress"]
    # actions: 100, 55, 20, 60, 100 -> mean 67.0; two completed; one past its deadline
    assert (progress["actions_total"], progress["actions_completed"]) == (5, 2)
    assert progress["actions_mean_percent"] == 67.0
    assert [(f["title"], f["indicators"]) for f in progress["frameworks"]] == [
        ("Kenya strategy 2023-2027: results", 1)
    ]
    page = client.get(f"/en/strategies/{kenya_strategy.pk}/").content.decode()
    assert "From its actions" in page and "Kenya strategy 2023-2027: results" in page
