"""Readiness for load balancers and orchestrators (``/ready/``), beside the liveness check
``/health/``: the database answers, every migration is applied, and the task queue is
reachable (Redis when the RQ backend is used). 503 with the failing checks otherwise."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"database: {error.__class__.__name__}"
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return f"migrations: {len(pending)} not applied" if pending else ""


def _tasks() -> str:
    backend = settings.TASKS["default"]["BACKEND"]
    if "rq" not in backend:
        return ""
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
    except Exception as error:  # any failure to reach Redis means "not ready"
        return f"tasks: {error.__class__.__name__}"
    return ""


@login_not_required
def ready(request: HttpRequest) -> JsonResponse:
    problems = [p for p in (_database(), _tasks()) if p]
    body: dict[str, Any] = {
        "status": "ready" if not problems else "not ready",
        "database": connection.vendor,
        "tasks": settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1],
        "problems": problems,
    }
    return JsonResponse(body, status=503 if problems else 200)
