"""Facet filters read from a page's query string or an API call's parameters."""

from __future__ import annotations

from django.http import QueryDict

from tact.core.queryparams import MAX_FILTER_VALUES, filter_values, years


def test_repeated_keys_and_commas_give_the_same_values_once_in_order() -> None:
    page = QueryDict("state=KEN&state=MEX,%20KEN&state=&state=FRA")
    api = {"state": ["KEN", "MEX, KEN", "", "FRA"]}
    assert filter_values(page, "state") == ("KEN", "MEX", "FRA")
    assert filter_values(api, "state") == ("KEN", "MEX", "FRA")
    assert filter_values({"state": "KEN,MEX"}, "state") == ("KEN", "MEX")


def test_missing_or_empty_filter_has_no_values() -> None:
    assert filter_values(QueryDict(""), "theme") == ()
    assert filter_values({"theme": None}, "theme") == ()
    assert filter_values({"theme": " , "}, "theme") == ()


def test_values_are_cut_to_size_before_any_query() -> None:
    many = {"theme": ",".join(f"t{i}" for i in range(MAX_FILTER_VALUES + 10))}
    assert len(filter_values(many, "theme")) == MAX_FILTER_VALUES
    long = {"ref": "x" * 500}
    assert filter_values(long, "ref", max_length=80) == ("x" * 80,)
    assert filter_values(long, "ref") == ("x" * 500,)


def test_only_four_digit_years_are_kept() -> None:
    assert years(("2024", "99", "twenty", "20245", "1999")) == ("2024", "1999")
