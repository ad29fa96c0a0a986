"""Facet buckets: by count, then by label with its numbers read as numbers."""

from __future__ import annotations

from tact.search.facets import buckets, natural_key


def test_equal_counts_sort_articles_by_number_in_every_language() -> None:
    for label in ("UNTOC art. %s", "ст. %s", "المادة %s", "第%s条"):
        labels = {str(n): label % n for n in (1, 2, 10, 11, 24)}
        found = buckets(dict.fromkeys(labels, 3), labels, set())
        assert [b.value for b in found] == ["1", "2", "10", "11", "24"], label


def test_counts_first_then_the_label() -> None:
    labels = {"a": "art. 10", "b": "art. 2", "c": "art. 1"}
    found = buckets({"a": 5, "b": 1, "c": 1}, labels, set())
    assert [b.label for b in found] == ["art. 10", "art. 1", "art. 2"]


def test_numbers_written_in_other_scripts_and_letters_compare() -> None:
    assert natural_key("المادة ٢") < natural_key("المادة ١٠")  # Arabic-Indic digits
    assert sorted(["Kenya", "kenya 2", "Benin"], key=natural_key) == ["Benin", "Kenya", "kenya 2"]
    assert natural_key("") == [""]
