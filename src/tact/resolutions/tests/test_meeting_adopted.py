"""The meeting form and the API record which recommendations a meeting adopted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.core.models import AuditEntry
from tact.resolutions import services
from tact.resolutions.models import Meeting, Recommendation, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup() -> tuple[Meeting, list[Recommendation]]:
    resolution = Resolution.objects.create(title="Resolution 6/4", language="en")
    recs = [
        Recommendation.objects.create(resolution=resolution, code=f"annex.{c}", text=c, order=i)
        for i, c in enumerate("abc")
    ]
    meeting = services.meeting_save(
        actor=SYSTEM, body="Working group", title="Seventh meeting", starts_on=dt.date(2013, 10, 7)
    )
    return meeting, recs


def test_form_records_adopted_recommendations(setup: Any, secretariat: Any) -> None:
    meeting, recs = setup
    client = Client()
    client.force_login(secretariat)
    response = client.post(
        f"/en/resolutions/meetings/{meeting.pk}/edit/",
        {
            "body": meeting.body,
            "session": "",
            "title": meeting.title,
            "starts_on": "2013-10-07",
            "ends_on": "",
            "place": "Vienna",
            "summary": "",
            "adopted_recommendations": [recs[0].pk, recs[2].pk],
        },
    )
    assert response.status_code == 302, response.content[:400]
    assert set(meeting.adopted_recommendations.all()) == {recs[0], recs[2]}
    entry = AuditEntry.objects.filter(action="update", target_id=str(meeting.pk)).latest("id")
    assert entry.changes["adopted_recommendations"][1] == sorted(
        f"{r.resolution_id}:{r.code}" for r in (recs[0], recs[2])
    )


def test_api_sets_adopted_and_refuses_others(
    setup: Any, secretariat: Any, focal_kenya: Any, token_for: Any
) -> None:
    meeting, recs = setup
    client = Client()
    url = f"/api/v1/meetings/{meeting.pk}/adopted-recommendations"
    body = {"recommendation_ids": [recs[1].pk]}
    denied = client.put(url, body, content_type="application/json", **token_for(focal_kenya))
    assert denied.status_code == 403
    assert meeting.adopted_recommendations.count() == 0
    bad = client.put(
        url,
        {"recommendation_ids": [999999]},
        content_type="application/json",
        **token_for(secretariat),
    )
    assert bad.status_code == 400 and meeting.adopted_recommendations.count() == 0
    ok = client.put(url, body, content_type="application/json", **token_for(secretariat))
    assert ok.status_code == 200
    assert ok.json()["adopted_recommendations"] == ["annex.b"]
