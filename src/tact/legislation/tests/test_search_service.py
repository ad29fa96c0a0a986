"""Legislation search through tact's layer: stemming, facets, access rules, pagination."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tact.legislation.search_service import SearchFilters, search_provisions
from tact.legislation.tests.search_fixtures import Corpus, build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db: Any) -> Corpus:
    return build_corpus()


def hit_ids(user: Any, query: str, **kwargs: Any) -> list[int]:
    return [h.id for h in search_provisions(user, query, **kwargs).hits]


def test_russian_inflections_find_each_other(corpus: Corpus, reader: Any) -> None:
    for query in ("свидетель", "свидетелей", "свидетелями", "безопасность"):
        assert hit_ids(reader, query) == [corpus.rus_witness.pk], query


def test_english_french_spanish_stemming(corpus: Corpus, reader: Any) -> None:
    assert corpus.ken_witness.pk in hit_ids(reader, "witnesses")
    assert corpus.ken_witness.pk in hit_ids(reader, "witness", language="en")
    assert hit_ids(reader, "témoin", language="fr") == [corpus.fra_witness.pk]
    assert hit_ids(reader, "testigos") == [corpus.mex_witness.pk]


def test_language_filter_limits_to_texts_in_that_language(corpus: Corpus, reader: Any) -> None:
    result = search_provisions(reader, "protection", language="fr")
    assert [h.id for h in result.hits] == [corpus.fra_witness.pk]
    assert result.language == "fr"


def test_hit_has_snippet_marks_text_and_state(corpus: Corpus, reader: Any) -> None:
    hit = search_provisions(reader, "свидетелей").hits[0]
    assert "<mark>свидетеля</mark>" in hit.snippet
    assert hit.state == "RUS"
    assert hit.text_title == "Уголовно-процессуальный кодекс"
    assert hit.year == 2001
    assert [a.key for a in hit.articles] == ["untoc/art_24"]


def test_facets_count_state_article_theme_year_language(corpus: Corpus, reader: Any) -> None:
    result = search_provisions(reader, "witness evidence")
    counts = {name: {b.value: b.count for b in buckets} for name, buckets in result.facets.items()}
    assert counts["state"] == {"KEN": 1}
    assert counts["article"] == {"untoc/art_24": 1}
    assert counts["instrument"] == {"untoc": 1}
    assert counts["theme"] == {"protection_of_victims_and_witnesses": 1}
    assert counts["year"] == {"2006": 1}
    assert counts["language"] == {"en": 1}


def test_facet_filters_narrow_and_are_disjunctive(corpus: Corpus, secretariat: Any) -> None:
    every = search_provisions(secretariat, "protection")
    states = {b.value: b.count for b in every.facets["state"]}
    # "Protección" (es) is another word than "protection" (en, fr)
    assert states == {"KEN": 3, "FRA": 1}
    only_kenya = search_provisions(secretariat, "protection", filters=SearchFilters(state=("KEN",)))
    assert {h.state for h in only_kenya.hits} == {"KEN"}
    assert only_kenya.total == 3
    # the state facet still offers the other states (counts without its own filter)
    assert {b.value: (b.count, b.selected) for b in only_kenya.facets["state"]} == {
        "KEN": (3, True),
        "FRA": (1, False),
    }
    # other facets follow the state filter
    assert {b.value for b in only_kenya.facets["year"]} == {"2006", "2024"}


def test_article_instrument_theme_and_year_filters(corpus: Corpus, reader: Any) -> None:
    art24 = SearchFilters(article=("untoc/art_24",))
    assert set(hit_ids(reader, "protection", filters=art24)) == {
        corpus.ken_witness.pk,
        corpus.fra_witness.pk,
    }
    tip = SearchFilters(instrument=("tip",))
    assert hit_ids(reader, "protection", filters=tip) == [corpus.ken_victim.pk]
    theme = SearchFilters(theme=("protection_of_victims_and_witnesses",))
    assert corpus.mex_witness.pk not in hit_ids(reader, "protection", filters=theme)
    year = SearchFilters(year=(1958,))
    assert hit_ids(reader, "protection", filters=year) == [corpus.fra_witness.pk]


def test_filters_without_query_list_provisions(corpus: Corpus, reader: Any) -> None:
    result = search_provisions(reader, "", filters=SearchFilters(state=("RUS",)))
    assert [h.id for h in result.hits] == [corpus.rus_witness.pk, corpus.rus_victim.pk]
    assert search_provisions(reader, "").total == 0


def test_restricted_texts_hidden_from_reader_and_anonymous(corpus: Corpus, reader: Any) -> None:
    draft = corpus.ken_draft_provision.pk
    assert draft not in hit_ids(AnonymousUser(), "anonymously")
    assert draft not in hit_ids(reader, "anonymously")
    anonymous_facets = search_provisions(AnonymousUser(), "witness").facets
    assert "2024" not in {b.value for b in anonymous_facets["year"]}


def test_restricted_texts_visible_to_owner_state_and_secretariat(
    corpus: Corpus, focal_kenya: Any, focal_mexico: Any, secretariat: Any, evaluator: Any
) -> None:
    draft = corpus.ken_draft_provision.pk
    assert hit_ids(focal_kenya, "anonymously") == [draft]
    assert hit_ids(secretariat, "anonymously") == [draft]
    assert hit_ids(evaluator, "anonymously") == [draft]
    assert hit_ids(focal_mexico, "anonymously") == []


def test_confidential_mappings_do_not_leak_through_facets(
    corpus: Corpus, reader: Any, focal_kenya: Any
) -> None:
    reader_articles = {b.value for b in search_provisions(reader, "witness").facets["article"]}
    assert "untoc/art_25" not in reader_articles
    hidden = SearchFilters(article=("untoc/art_25",))
    assert hit_ids(reader, "witness", filters=hidden) == []
    assert hit_ids(focal_kenya, "witness", filters=hidden) == [corpus.ken_witness.pk]
    hit = search_provisions(reader, "relocate").hits[0]
    assert [a.key for a in hit.articles] == ["untoc/art_24"]


def test_pagination(corpus: Corpus, secretariat: Any) -> None:
    first = search_provisions(secretariat, "protection", page_size=2)
    second = search_provisions(secretariat, "protection", page=2, page_size=2)
    last = search_provisions(secretariat, "protection", page=99, page_size=2)
    assert first.total == 4 and first.num_pages == 2
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert last.page == 2 and len(last.hits) == 2


def test_obsolete_provisions_are_not_searchable(corpus: Corpus, reader: Any) -> None:
    corpus.rus_witness.is_obsolete = True
    corpus.rus_witness.save()
    assert hit_ids(reader, "свидетель") == []


def test_filters_parse_query_dict() -> None:
    from django.http import QueryDict

    filters = SearchFilters.from_mapping(
        QueryDict("state=ken&state=MEX,FRA&year=2006&year=abc&article=untoc/art_24")
    )
    assert filters.state == ("KEN", "MEX", "FRA")
    assert filters.year == (2006,)
    assert filters.article == ("untoc/art_24",)


def test_the_law_title_is_searched_as_context(corpus: Corpus, reader: Any) -> None:
    """Every provision of the Witness Protection Act is found by 'witness', the provisions
    that speak of witnesses first."""
    ranked = hit_ids(reader, "witness", language="en")
    assert ranked[0] == corpus.ken_witness.pk
    assert corpus.ken_victim.pk in ranked


def test_site_search_hits_are_stemmed_and_filtered(corpus: Corpus, reader: Any) -> None:
    from tact.legislation.search_service import provision_hits_for_site_search

    hits = provision_hits_for_site_search(reader, "свидетелей", 5)
    assert [h.ref for h in hits] == [f"legislation.legalprovision:{corpus.rus_witness.pk}"]
    assert "<mark>" not in hits[0].snippet
    assert provision_hits_for_site_search(reader, "anonymously", 5) == []
