"""Liveness and readiness probes for the production server."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_ready_when_migrated_and_queue_reachable(client: Client) -> None:
    response = client.get("/ready/")
    assert response.status_code == 200
    assert response.json()["status"] == "ready" and response.json()["problems"] == []
    assert client.get("/health/").json()["status"] == "ok"


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_rq.backend.RQBackend"}},
    REDIS_URL="redis://127.0.0.1:1/0",
)
def test_not_ready_when_redis_is_unreachable(client: Client) -> None:
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["problems"][0].startswith("tasks:")
