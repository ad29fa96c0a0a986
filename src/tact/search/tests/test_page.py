"""The search page as a reader sees it in each language: counts, directions, the search box."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

WORD = "wombatquokka"


def total(language: str, count: int, *, exact: bool = True) -> str:
    result = SimpleNamespace(total=count, total_exact=exact)
    with translation.override(language):
        return render_to_string("search/search.html#total", {"result": result}).strip()


def test_result_counts_are_grouped_and_take_the_languages_plural() -> None:
    assert total("en", 1) == "1 result"
    assert total("en", 1234) == "1,234 results"
    assert total("en", 1000, exact=False) == "More than 1,000 results"
    assert total("ru", 1234) == "1\xa0234 результата"
    assert total("ru", 1000, exact=False) == "Более 1\xa0000 результатов"
    assert total("ar", 5) == "5 نتائج"
    assert total("ar", 1000, exact=False) == "أكثر من 1,000 نتيجة"
    assert total("zh-hans", 1234) == "1,234 条结果"


@pytest.mark.django_db
def test_english_records_keep_their_direction_in_the_arabic_page(
    client: Client, kenya_strategy: Any
) -> None:
    kenya_strategy(f"{WORD} strategy (2024-2028).", f"{WORD}: the plan.")
    page = client.get(f"/ar/search/?q={WORD}&page=1").content.decode()
    assert 'dir="rtl"' in page
    # a hit's title and snippet take the direction of their own text
    assert '<h2 dir="auto">' in page and 'lang="en" dir="auto"' in page
    # the search box alone is the rounded group: its label stands outside it (Pico rounds the
    # group's left and right, which put the input's rounded end against the label in Arabic)
    form = page.split('role="search" hx-get')[1].split("</form>")[0]
    assert "<label" not in form and 'id="q"' in form
    assert page.index('<label for="q">') < page.index('role="search" hx-get')
