"""A visitor searches national legislation in Russian and narrows the hits by state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tact.directory.models import State
from tact.legislation.tests.search_fixtures import _provision, _text, build_corpus

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def _russian_codes() -> None:
    for iso3, title, body in (
        (
            "KAZ",
            "Уголовно-процессуальный кодекс Республики Казахстан",
            "Орган, ведущий уголовный процесс, обеспечивает безопасность свидетелей и "
            "потерпевших, а также членов их семей.",
        ),
        (
            "BLR",
            "Уголовно-процессуальный кодекс Республики Беларусь",
            "Свидетель вправе ходатайствовать о применении мер по обеспечению его безопасности.",
        ),
    ):
        text = _text(State.objects.get(iso3=iso3), title, "ru", 2014)
        _provision(text, "art_97", "Статья 97", "Меры безопасности", body)


def test_search_in_russian_then_narrow_by_state(
    browser_page: Any, live_server: Any, reference_data: None
) -> None:
    build_corpus()
    _russian_codes()
    page = browser_page
    page.goto(f"{live_server.url}/ru/legislation/search/")
    page.fill("#lsearch-q", "свидетелей")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=*")
    hits = page.locator("ol.lsearch-hits > li")
    hits.first.wait_for()
    assert hits.count() == 3
    # every inflected form is highlighted: свидетеля, свидетелей, Свидетель
    marks = {m.lower() for m in page.locator("ol.lsearch-hits mark").all_inner_texts()}
    assert {"свидетеля", "свидетелей", "свидетель"} <= marks
    # the Russian code's provision is mapped to UNTOC art. 24: the article facet offers it
    expect(page.locator('a[data-facet="article"][data-value="untoc/art_24"]')).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "legislation-search-all.png"), full_page=True)
    # narrow to Kazakhstan with the state facet (htmx swaps the results, the URL follows)
    page.locator('a[data-facet="state"][data-value="KAZ"]').click()
    page.wait_for_url("**state=KAZ*")
    page.wait_for_function("document.querySelectorAll('ol.lsearch-hits > li').length === 1")
    assert "Казахстан" in page.locator("ol.lsearch-hits").inner_text()
    assert (
        page.locator('a[data-facet="state"][data-value="KAZ"]').get_attribute("aria-pressed")
        == "true"
    )
    # the restricted Kenyan bill never shows to a visitor
    assert "Amendment" not in page.content()
    page.screenshot(path=str(SHOTS / "legislation-search.png"), full_page=True)
