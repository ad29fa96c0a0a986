"""A follow-up report on annex.a proposes the reporting state's strategies as evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.resolutions import services as resolution_services
from tact.resolutions.models import Recommendation, Resolution
from tact.search import suggest_evidence
from tact.strategies.demo import KENYA_STRATEGY, MEXICO_STRATEGY

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendations(db: Any) -> dict[str, Recommendation]:
    resolution = Resolution.objects.create(title="Technical assistance", content_hash="x" * 64)
    return {
        code: Recommendation.objects.create(
            resolution=resolution, code=code, kind="item", label=code[-3:], text=code, order=i
        )
        for i, code in enumerate(["annex.a", "annex.a.iii", "annex.b.i"])
    }


def test_suggestions_follow_the_code_and_the_aim(
    recommendations: Any, kenya: Any, mexico: Any, demo: None
) -> None:
    def titles(code: str, state: Any) -> list[str]:
        return [
            h.title for h in suggest_evidence(SYSTEM, recommendation_code=code, state_id=state.pk)
        ]

    assert titles("annex.a", kenya) == [KENYA_STRATEGY]
    assert titles("annex.a.iii", kenya) == [KENYA_STRATEGY]
    assert titles("annex.a.iii", mexico) == []  # Mexico's programme has no awareness objective
    assert titles("annex.a.ii", mexico) == [MEXICO_STRATEGY]
    assert titles("annex.b.i", kenya) == []


def test_the_follow_up_page_proposes_the_strategy(
    client: Client, focal_kenya: Any, kenya: Any, recommendations: Any, demo: None
) -> None:
    follow_up = resolution_services.follow_up_create(
        actor=focal_kenya,
        recommendation=recommendations["annex.a"],
        actor_kind="state",
        status="in_progress",
        state=kenya,
        reported_on=dt.date(2025, 1, 1),
    )
    client.force_login(focal_kenya)
    page = client.get(follow_up.get_absolute_url()).content.decode()
    assert "Proposed for this recommendation:" in page
    assert f'data-title="{KENYA_STRATEGY}"' in page
