"""No request gets a 500, and every API error is the documented JSON body (issue 18, item 2).

The probe walks every page and API operation that takes no path argument, as the
secretariat, with hostile page numbers.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

HOSTILE_PAGES = ["10000000000000000000", "-1", "0", "1e9999", "abc", "9" * 400]


def _plain_routes() -> list[str]:
    """Every URL without a path argument (pages under /en/, operations under /api/v1/)."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                if "<" in route or "(?P" in route:
                    if route.startswith("^(?P<lang") or "language" in route or route == "en/":
                        walk(entry.url_patterns, prefix)
                    continue
                walk(entry.url_patterns, prefix + route.lstrip("^"))
            elif isinstance(entry, URLPattern):
                if "<" in route or "(?P" in route or "\\" in route:
                    continue
                found.append("/" + prefix + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def _page_routes() -> list[str]:
    skip = ("/accounts/logout", "/admin", "/i18n/", "/jsi18n", "/health")
    routes = []
    for route in _plain_routes():
        if route.startswith("/api/") or any(s in route for s in skip):
            continue
        routes.append("/en" + route if not route.startswith("/en/") else route)
    return routes


def _api_get_routes() -> list[str]:
    from tact.config.api import api

    schema = api.get_openapi_schema()
    return [p for p, ops in schema["paths"].items() if "get" in ops and "{" not in p]


@pytest.fixture
def logged_in(secretariat: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(secretariat)
    return client


def test_probe_covers_the_paginated_lists() -> None:
    pages = _page_routes()
    apis = _api_get_routes()
    assert "/en/assistance/projects/" in pages
    assert "/en/resolutions/" in pages
    assert "/api/v1/assistance/projects" in apis
    assert len(apis) >= 20


def test_hostile_page_numbers_never_give_a_server_error_on_pages(logged_in: Client) -> None:
    failures = []
    for route in _page_routes():
        for page in HOSTILE_PAGES:
            response = logged_in.get(route, {"page": page})
            if response.status_code >= 500:
                failures.append((route, page, response.status_code))
    assert failures == []


def test_hostile_page_numbers_on_the_api_give_a_json_error(logged_in: Client) -> None:
    failures = []
    for route in _api_get_routes():
        for page in HOSTILE_PAGES:
            response = logged_in.get(route, {"page": page})
            broken = response.status_code >= 500
            if broken or (response.status_code >= 400 and "json" not in response["Content-Type"]):
                failures.append((route, page, response.status_code))
    assert failures == []


def test_a_page_number_beyond_the_limit_is_a_422_with_the_error_body(logged_in: Client) -> None:
    # (Project lists are keyset-paginated: `page` is not theirs; page-numbered lists are bounded.)
    response = logged_in.get("/api/v1/recommendations", {"page": "10000000000000000000"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
    response = logged_in.get("/api/v1/recommendations", {"page_size": "100000"})
    assert response.status_code == 422


def test_an_unknown_api_address_is_a_json_404(logged_in: Client) -> None:
    response = logged_in.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found."}
    response = Client().get("/api/nothing-here/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unexpected_api_failure_is_a_json_500(
    logged_in: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tact.catalog import selectors

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "instrument_list", broken)
    response = logged_in.get("/api/v1/instruments")
    assert response.status_code == 500
    assert response.json() == {"code": "server_error", "detail": "Internal server error."}
