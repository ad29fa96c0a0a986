"""The one search covers every domain the issue names, and strategies and trainings follow their
own classification: a restricted record is never a hit and never counted, for each persona."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tact.search.documents import reindex_all, sources
from tact.search.service import search_documents

pytestmark = pytest.mark.django_db

WORD = "quokkaroo"


def test_every_domain_of_the_issue_is_a_source() -> None:
    # catalog, recommendations, follow-ups, laws, projects, evaluations, practices,
    # strategies and trainings
    assert {
        "provision",
        "recommendation",
        "follow_up",
        "law",
        "project",
        "evaluation",
        "practice",
        "strategy",
        "training_programme",
        "training_session",
    } <= set(sources())


@pytest.fixture
def records(kenya: Any, kenya_strategy: Any) -> dict[str, Any]:
    from tact.strategies.models import Strategy
    from tact.training.models import Course, Programme, Session

    def strategy(classification: str) -> Strategy:
        return kenya_strategy(  # type: ignore[no-any-return]
            f"{classification.title()} {WORD} strategy",
            "Witness protection and victim support.",
            classification,
        )

    def programme(classification: str) -> Programme:
        return Programme.objects.create(
            title=f"{classification.title()} {WORD} programme",
            objectives="Judges trained in mutual legal assistance.",
            owner_state=kenya,
            classification=classification,
        )

    public_programme = programme("public")
    course = Course.objects.create(programme=public_programme, title="Wombatology basics")

    def session(classification: str) -> Session:
        return Session.objects.create(
            course=course,
            title=f"{classification.title()} {WORD} session",
            start=dt.date(2025, 3, 1),
            end=dt.date(2025, 3, 2),
            state=kenya,
            owner_state=kenya,
            classification=classification,
            max_score=Decimal(20),
        )

    return {
        "strategy": [strategy(c) for c in ("public", "restricted", "confidential")],
        "training_programme": [public_programme, programme("restricted")],
        "training_session": [session("public"), session("confidential")],
    }


# restricted: the owner's side, the secretariat and evaluators; confidential: the owner's side
# and the secretariat; public: everyone.
SEES = {
    "secretariat": {"Public", "Restricted", "Confidential"},
    "focal_kenya": {"Public", "Restricted", "Confidential"},
    "evaluator": {"Public", "Restricted"},
    "focal_mexico": {"Public"},
    "donor_nl": {"Public"},
    "reader": {"Public"},
    None: {"Public"},
}


@pytest.mark.parametrize("persona", list(SEES))
def test_strategies_and_trainings_follow_access(
    request: pytest.FixtureRequest, records: dict[str, Any], persona: str | None
) -> None:
    # given
    user = request.getfixturevalue(persona) if persona else AnonymousUser()
    expected = {
        kind: sorted(r.title for r in found if r.title.split()[0] in SEES[persona])
        for kind, found in records.items()
    }
    # when
    result = search_documents(user, WORD)
    # then
    seen: dict[str, list[str]] = {kind: [] for kind in records}
    for hit in result.hits:
        seen[hit.kind].append(hit.title)
    assert {kind: sorted(titles) for kind, titles in seen.items()} == expected
    assert result.total == sum(len(titles) for titles in expected.values())
    kinds = {b.value: b.count for b in result.facets["kind"]}
    assert kinds == {kind: len(titles) for kind, titles in expected.items() if titles}
    # the Kenyan strategies and sessions carry KEN; programmes have no state
    ken = len(expected["strategy"]) + len(expected["training_session"])
    assert {b.value: b.count for b in result.facets["state"]} == {"KEN": ken}


def test_a_restricted_strategy_is_never_a_hit_for_another_states_focal_point(
    records: dict[str, Any], focal_mexico: Any, focal_kenya: Any
) -> None:
    restricted = records["strategy"][1]
    query = f"Restricted {WORD} strategy"
    assert restricted.title not in {h.title for h in search_documents(focal_mexico, query).hits}
    assert restricted.title in {h.title for h in search_documents(focal_kenya, query).hits}


def test_a_strategy_made_public_is_found_at_once(
    records: dict[str, Any], focal_mexico: Any
) -> None:
    restricted = records["strategy"][1]
    restricted.classification = "public"
    restricted.save()
    titles = {h.title for h in search_documents(focal_mexico, WORD).hits}
    assert restricted.title in titles


def test_sessions_and_programmes_are_found_by_their_course_and_follow_it(
    records: dict[str, Any], reader: Any
) -> None:
    course = records["training_session"][0].course
    found = search_documents(reader, "wombatology").hits
    assert sorted(h.kind for h in found) == ["training_programme", "training_session"]
    course.title = "Numbatology basics"
    course.save()
    assert search_documents(reader, "wombatology").total == 0
    assert search_documents(reader, "numbatology").total == 2


def test_reindex_keeps_strategies_and_trainings(records: dict[str, Any], secretariat: Any) -> None:
    before = {h.ref for h in search_documents(secretariat, WORD).hits}
    reindex_all()
    assert {h.ref for h in search_documents(secretariat, WORD).hits} == before
    assert len(before) == 7


def test_single_valued_facets_leave_their_own_filter_out_and_count_only_visible_records(
    records: dict[str, Any], focal_mexico: Any
) -> None:
    from tact.search.service import DocumentFilters

    def facet(result: Any, name: str) -> dict[str, int]:
        return {b.value: b.count for b in result.facets.get(name, [])}

    # given: focal_mexico sees the public strategy (2024), programme (no year), session (2025)
    # when
    strategies = search_documents(focal_mexico, WORD, filters=DocumentFilters(kind=("strategy",)))
    both = search_documents(
        focal_mexico, WORD, filters=DocumentFilters(kind=("strategy",), year=("2025",))
    )
    # then
    assert [h.title for h in strategies.hits] == [f"Public {WORD} strategy"]
    assert strategies.total == 1
    assert facet(strategies, "kind") == {
        "strategy": 1,
        "training_programme": 1,
        "training_session": 1,
    }
    assert facet(strategies, "year") == {"2024": 1}
    assert facet(strategies, "state") == {"KEN": 1}
    assert (both.total, both.hits) == (0, [])
    assert facet(both, "kind") == {"training_session": 1, "strategy": 0}
    assert facet(both, "year") == {"2024": 1, "2025": 0}


@pytest.mark.parametrize("persona", ["focal_mexico", "evaluator", "focal_kenya"])
def test_ranking_the_engines_best_matches_first_never_shows_or_skips_what_access_decides(
    request: pytest.FixtureRequest,
    records: dict[str, Any],
    kenya_strategy: Any,
    persona: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given hidden strategies that the engine ranks above every visible record
    from tact.search import service, statement

    for i in range(3):
        kenya_strategy(
            f"Confidential {WORD} {WORD} {WORD} strategy {i}", f"{WORD} {WORD}", "confidential"
        )
    user = request.getfixturevalue(persona)
    everything = search_documents(user, WORD, page_size=100)
    assert everything.total == len(everything.hits)
    # when the page is ranked from only as many of the engine's best matches as it shows
    monkeypatch.setattr(statement, "OVERFETCH", 1)
    monkeypatch.setattr(statement, "OVERFETCH_MIN", 1)
    fallbacks: list[int] = []
    page_hits_sql = service.page_hits_sql

    def spy(*args: Any, **kwargs: Any) -> tuple[str, list[Any]]:
        if kwargs["top"] is None:  # ranked over every visible match
            fallbacks.append(kwargs["offset"])
        return page_hits_sql(*args, **kwargs)

    monkeypatch.setattr(service, "page_hits_sql", spy)
    last = everything.total // 2 + 1
    pages = [search_documents(user, WORD, page=p, page_size=2) for p in range(1, last + 1)]
    bare = [
        search_documents(user, WORD, page=p, page_size=2, facets=False) for p in range(1, last + 1)
    ]
    # then the pages are those of the full ranking, hidden records never among them
    assert [h.ref for page in pages for h in page.hits] == [h.ref for h in everything.hits]
    assert [h.ref for page in bare for h in page.hits] == [h.ref for h in everything.hits]
    assert all(page.total == everything.total for page in pages + bare)
    if persona != "focal_kenya":
        # the engine's best matches were hidden: the page was ranked again over every match
        # (focal_kenya sees them all; PostgreSQL with facets ranks every visible match in the
        # first place)
        assert fallbacks
