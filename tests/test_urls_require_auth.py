"""Every page needs a login unless it is on this explicit public allowlist (Indigo's meta-test).

Adding a public page means adding its URL name here, in review.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_URL_NAMES = {
    "site:home",
    "site:area",
    "site:search",
    "site:search_facets",
    "site:help",
    "site:help_guide",
    "catalog:index",
    "catalog:instrument_detail",
    "catalog:provision_detail",
    "catalog:theme_detail",
    "directory:state_list",
    "directory:state_detail",
    "profiles:state",
    "profiles:export",
    "directory:organisation_list",
    "directory:organisation_detail",
    "accounts:login",
    "set_language",
    "health",
    "ready",
    "javascript-catalog",
    "admin:login",
    "resolutions:index",
    "resolutions:resolution_detail",
    "resolutions:recommendation_detail",
    "resolutions:progress",
    "resolutions:meeting_list",
    "resolutions:meeting_detail",
    "resolutions:resolution_akn",
    "resolutions:state_progress",
    "legislation:index",
    "legislation:law_list",
    "legislation:law_detail",
    "legislation:search",
    "legislation:comparison",
    "legislation:heatmap",
    "assistance:index",
    "assistance:project_list",
    "assistance:project_detail",
    "assistance:matrix",
    "assistance:map",
    "assistance:map_data",
    "evaluation:index",
    "evaluation:good_practices",
    "evaluation:portfolio",
    "training:index",
    "training:programme_detail",
    "training:verify",
    "practices:list",
    "practices:detail",
    "practices:pdf",
}


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else "", entry


def _public(callback: Any) -> bool:
    return getattr(callback, "login_required", True) is False


def test_only_allowlisted_pages_are_public() -> None:
    public = {
        name
        for name, pattern in _walk(get_resolver())
        if name and not name.startswith("api-v1:") and _public(pattern.callback)
    }
    assert public - PUBLIC_URL_NAMES == set(), "public pages missing from the allowlist"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/profile/",
        "/en/directory/contacts/1/",
        "/en/history/directory/contact/1/",
        "/en/directory/states/party-status/import/",
    ],
)
def test_private_pages_redirect_anonymous_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_htmx_requests_get_403_not_a_login_page(client: Client) -> None:
    response = client.get("/en/accounts/profile/", HTTP_HX_REQUEST="true")
    assert response.status_code == 403


def test_every_api_operation_declares_authentication() -> None:
    """Fail closed: an operation must say who may call it (PUBLIC_AUTH or LOGIN_AUTH)."""
    from ninja.constants import NOT_SET

    from tact.config.api import api

    checked = 0
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                effective = operation.auth_param
                if effective is NOT_SET:
                    effective = router.auth if router.auth is not NOT_SET else api.auth
                assert effective not in (NOT_SET, None), operation.view_func.__name__
                checked += 1
    assert checked > 10
