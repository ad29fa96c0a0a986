"""The search page and the API call the same function: same hits, same order, same facets."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tact.legislation.tests.search_fixtures import Corpus, build_corpus

pytestmark = pytest.mark.django_db

API = "/api/v1/legislation/search"


@pytest.fixture
def corpus(db: Any) -> Corpus:
    return build_corpus()


def test_page_is_public_and_shows_highlighted_hits(corpus: Corpus, client: Client) -> None:
    response = client.get(reverse("legislation:search"), {"q": "свидетелей"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>свидетеля</mark>" in html
    assert "Уголовно-процессуальный кодекс" in html
    assert 'data-facet="state" data-value="RUS"' in html


def test_page_without_query_shows_the_form_only(client: Client) -> None:
    response = client.get(reverse("legislation:search"))
    assert response.status_code == 200
    assert b'name="q"' in response.content
    assert b'<ol class="lsearch-hits"' not in response.content


def test_htmx_gets_the_results_partial(corpus: Corpus, client: Client) -> None:
    response = client.get(
        reverse("legislation:search"), {"q": "witness", "state": "KEN"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<form" not in html
    assert 'aria-pressed="true" data-facet="state" data-value="KEN"' in html


def test_empty_result_says_so(corpus: Corpus, client: Client) -> None:
    response = client.get(reverse("legislation:search"), {"q": "zzzzqqq"})
    assert b"No provision matches" in response.content


def test_restricted_text_not_on_page_or_api_for_anonymous(corpus: Corpus, client: Client) -> None:
    page = client.get(reverse("legislation:search"), {"q": "anonymously"})
    assert b"Anonymous testimony" not in page.content
    api = client.get(API, {"q": "anonymously"}).json()
    assert api["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"q": "witness"},
        {"q": "protection", "state": "KEN"},
        {"q": "свидетель", "language": "ru"},
        {"q": "protection", "article": "untoc/art_24"},
        {"q": "", "year": "2006"},
    ],
)
def test_api_and_page_agree(
    corpus: Corpus, client: Client, focal_kenya: Any, token_for: Any, params: dict[str, str]
) -> None:
    client.force_login(focal_kenya)
    page = client.get(reverse("legislation:search"), params)
    result = page.context["result"]
    api = Client().get(API, params, **token_for(focal_kenya))
    assert api.status_code == 200
    body = api.json()
    assert [h["id"] for h in body["hits"]] == [h.id for h in result.hits]
    assert body["total"] == result.total
    assert {
        name: [(b["value"], b["count"]) for b in buckets]
        for name, buckets in body["facets"].items()
    } == {name: [(b.value, b.count) for b in buckets] for name, buckets in result.facets.items()}


def test_api_filters_accept_commas_and_report_terms(corpus: Corpus, client: Client) -> None:
    body = client.get(API, {"q": "witnesses", "state": "KEN,FRA", "language": "en"}).json()
    assert body["terms"] == ["wit"]
    assert {h["state"] for h in body["hits"]} == {"KEN"}
    assert body["engine"] in {"sqlite", "postgresql"}


def test_excel_export(corpus: Corpus, client: Client) -> None:
    response = client.get(reverse("legislation:search"), {"q": "witness", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
