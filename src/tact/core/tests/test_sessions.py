"""Sessions come from Redis when tact has one (one query less per signed-in request), and
a log-out ends the session for every worker."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.db import connection
from django.test import Client

SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.SESSION_ENGINE, settings.CACHES.get('sessions', {}).get('BACKEND', '-'))"
)


def _settings_with(env: dict[str, str]) -> str:
    base = {k: v for k, v in os.environ.items() if k != "TACT_REDIS_URL"}
    base["DJANGO_SETTINGS_MODULE"] = "tact.config.settings"
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_sessions_are_cached_only_in_a_cache_every_worker_shares() -> None:
    shared = _settings_with({"TACT_REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert shared == (
        "django.contrib.sessions.backends.cached_db django.core.cache.backends.redis.RedisCache"
    )
    alone = _settings_with({})
    assert alone == "django.contrib.sessions.backends.db -"


SHARED_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
    "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"},
}


@pytest.mark.django_db
def test_a_cached_session_spares_the_query_and_a_log_out_ends_it(
    settings: Any, secretariat: Any
) -> None:
    settings.CACHES = SHARED_CACHE
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    client = Client()
    client.force_login(secretariat)
    client.get("/en/assistance/projects/")
    # Not CaptureQueriesContext: each request's start empties the log it reads.
    seen: list[str] = []

    def record(execute: Any, sql: str, *args: Any) -> Any:
        seen.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        assert client.get("/en/assistance/projects/").status_code == 200
    assert seen, "the page made no query: nothing was checked"
    assert not [sql for sql in seen if "django_session" in sql]
    other_worker = Client()  # the same browser, answered by another process
    other_worker.cookies = client.cookies
    assert other_worker.get("/en/accounts/profile/").status_code == 200
    client.post("/en/accounts/logout/")
    response = other_worker.get("/en/accounts/profile/")
    assert response.status_code == 302 and "/login/" in response["Location"]  # signed out
