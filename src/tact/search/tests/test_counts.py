"""What a search counts: a search without facets stops counting at a cap and says so, the facets
asked for apart count what the search with facets counts, and neither counts a record the
actor may not see."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tact.search import statement
from tact.search.service import search_documents

pytestmark = pytest.mark.django_db

WORD = "bilbyquoll"


@pytest.fixture
def strategies(kenya_strategy: Any) -> None:
    for i, classification in enumerate(["public"] * 5 + ["confidential"] * 3):
        kenya_strategy(f"{WORD} strategy {i}", "Witness protection.", classification)


def facet_counts(result: Any) -> dict[str, dict[str, int]]:
    return {name: {b.value: b.count for b in found} for name, found in result.facets.items()}


@pytest.mark.usefixtures("strategies")
def test_a_search_without_facets_counts_up_to_the_cap_and_says_so(
    monkeypatch: pytest.MonkeyPatch, secretariat: Any
) -> None:
    # given a cap below the 5 public matches
    monkeypatch.setattr(statement, "COUNT_CAP", 2)
    visitor = AnonymousUser()
    # when
    first = search_documents(visitor, WORD, facets=False, page_size=1)
    second = search_documents(visitor, WORD, facets=False, page=3, page_size=1)
    # then: "more than 2", and the next page is known
    assert (first.total, first.total_exact, len(first.hits), first.has_next) == (2, False, 1, True)
    # past the cap the count goes on to the next multiple of it past the page's end (4 < 5)
    assert (second.total, second.total_exact, second.has_next) == (4, False, True)
    # with facets the total is exact; a wide enough cap gives the exact total too
    assert search_documents(visitor, WORD, page_size=1).total == 5
    monkeypatch.setattr(statement, "COUNT_CAP", 10)
    exact = search_documents(visitor, WORD, facets=False, page_size=1)
    assert (exact.total, exact.total_exact) == (5, True)
    # the confidential matches are counted for the secretariat only
    assert search_documents(secretariat, WORD, facets=False).total == 8


@pytest.mark.usefixtures("strategies")
@pytest.mark.parametrize("persona", ["secretariat", "focal_mexico", None])
def test_the_facets_asked_apart_count_what_the_search_counts(
    request: pytest.FixtureRequest, persona: str | None
) -> None:
    user = request.getfixturevalue(persona) if persona else AnonymousUser()
    # when
    whole = search_documents(user, WORD)
    counts = search_documents(user, WORD, hits=False)
    # then
    assert counts.hits == []
    assert counts.total == whole.total == (8 if persona == "secretariat" else 5)
    assert facet_counts(counts) == facet_counts(whole)
    assert facet_counts(counts)["kind"] == {"strategy": whole.total}


def test_the_page_says_more_than_and_its_facets_give_the_exact_total(
    monkeypatch: pytest.MonkeyPatch, client: Client, kenya_strategy: Any
) -> None:
    # given 25 public matches, more than the page (20) and the cap past it (22)
    for i in range(25):
        kenya_strategy(f"{WORD} plan {i}")
    monkeypatch.setattr(statement, "COUNT_CAP", 2)
    # when
    page = client.get(f"/en/search/?q={WORD}").content.decode()
    facets = client.get(f"/en/search/facets/?q={WORD}").content.decode()
    api = client.get(f"/api/v1/search?q={WORD}&facets=false&page_size=1").json()
    # then
    assert "More than 22 results" in page
    assert 'data-facet="kind"' not in page  # asked apart
    assert 'id="search-total" hx-swap-oob="true">25 results' in facets
    assert 'data-facet="kind" data-value="strategy">' in facets
    assert (api["total"], api["total_exact"]) == (2, False)
    assert client.get(f"/api/v1/search?q={WORD}").json()["total_exact"] is True
