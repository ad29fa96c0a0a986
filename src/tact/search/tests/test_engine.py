"""The full-text engine alone (FTS5 on SQLite, tsvector on PostgreSQL): same terms, same hits."""

from __future__ import annotations

import pytest

from tact.search.backends import IndexDoc, IndexSpec, ensure_schema, get_backend
from tact.search.query import highlight, parse_query, query_languages

pytestmark = pytest.mark.django_db

DOCS = [
    IndexDoc(9001, "ru", "Защита свидетелей", "Свидетель имеет право на защиту."),
    IndexDoc(9002, "en", "Protection of witnesses", "Each State shall protect a witness."),
    IndexDoc(9003, "fr", "Protection des témoins", "Les témoins sont protégés."),
    IndexDoc(9004, "es", "Protección de testigos", "El testigo tendrá derecho a protección."),
    IndexDoc(9005, "zh", "证人保护", "保护证人及其亲属。"),
    IndexDoc(9006, "ar", "حماية الشهود", "تتخذ الدولة تدابير لحماية الشهود."),
    IndexDoc(9007, "en", "Laundering of proceeds", "Harbouring offenders; proceeds of crime."),
]


# A throwaway index: the engine is tested on bare ids, with no model behind them.
SPEC = IndexSpec(fts_table="search_test_fts", pg_table="search_test_index")


@pytest.fixture
def engine():  # type: ignore[no-untyped-def]
    ensure_schema(SPEC)
    backend = get_backend(SPEC)
    backend.index(DOCS)
    return backend


def ids(engine, text: str, language: str | None = None) -> set[int]:  # type: ignore[no-untyped-def]
    return {i for i, _score in engine.raw_search(parse_query(text, language), 50)}


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("свидетелей", None, 9001),  # genitive plural finds nominative singular
        ("свидетель", "ru", 9001),
        ("защиту", None, 9001),
        ("witnesses", None, 9002),
        ("witness", "en", 9002),
        ("protected", "en", 9002),
        ("témoin", None, 9003),
        ("temoins", "fr", 9003),  # accents do not matter
        ("testigos", None, 9004),
        ("证人", None, 9005),
        ("الشهود", None, 9006),
        ("harbor", "en", 9007),  # British/American spelling meet
    ],
)
def test_stemming_finds_other_forms(
    engine, query: str, language: str | None, expected: int
) -> None:  # type: ignore[no-untyped-def]
    assert expected in ids(engine, query, language)


def test_all_words_are_required(engine) -> None:  # type: ignore[no-untyped-def]
    assert ids(engine, "witness protection", "en") == {9002}
    assert ids(engine, "witness laundering", "en") == set()


def test_phrase_in_quotes(engine) -> None:  # type: ignore[no-untyped-def]
    assert ids(engine, '"protect a witness"', "en") == {9002}
    assert ids(engine, '"witness protect"', "en") == set()


def test_heading_ranks_above_body(engine) -> None:  # type: ignore[no-untyped-def]
    engine.index([IndexDoc(9010, "en", "General", "The witness may be heard.")])
    ranked = [i for i, _s in engine.raw_search(parse_query("witness", "en"), 10)]
    assert ranked.index(9002) < ranked.index(9010)


def test_reindex_replaces_and_remove_drops(engine) -> None:  # type: ignore[no-untyped-def]
    engine.index([IndexDoc(9002, "en", "Extradition", "Surrender of persons.")])
    assert 9002 not in ids(engine, "witness", "en")
    assert 9002 in ids(engine, "extradition", "en")
    engine.index([IndexDoc(9002, "en", "Extradition", "Surrender of persons.")])
    assert engine.count() == len(DOCS)
    assert engine.remove([9002]) == 1
    assert 9002 not in ids(engine, "extradition", "en")


def test_stopwords_only_and_odd_input_match_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    assert not parse_query("the of and", "en")
    for text in ['"', "AND OR NOT", "'; DROP TABLE x; --", "*", "NEAR(a b)"]:
        query = parse_query(text)
        if query:
            engine.raw_search(query)  # never a syntax error from the engine


def test_query_languages_follow_the_script() -> None:
    assert query_languages("свидетель") == ("ru",)
    assert query_languages("الشهود") == ("ar",)
    assert query_languages("证人") == ("zh",)
    assert query_languages("witness") == ("en", "fr", "es")


def test_highlight_marks_inflected_forms_and_escapes() -> None:
    html = highlight("<b>Свидетели</b> и свидетель.", parse_query("свидетелей"), "ru")
    assert html.count("<mark>") == 2
    assert "&lt;b&gt;" in html
