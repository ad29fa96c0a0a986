"""The web shell as a person meets it: home page, language switch, Arabic right-to-left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


def test_home_switch_language_and_arabic_is_rtl(
    browser_page: Any, live_server: Any, reference_data: None
) -> None:
    page = browser_page
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/en/")
    page.wait_for_load_state("networkidle")
    assert refused == []  # nothing on the page (htmx included) asks for what the CSP refuses
    assert page.locator("html").get_attribute("dir") == "ltr"
    expect(page.get_by_role("navigation", name="Areas of work")).to_be_visible()
    # switch to Russian with the language selector (a real form post)
    page.select_option("#lang-select", "ru")
    page.wait_for_url("**/ru/**")
    assert page.locator("html").get_attribute("lang") == "ru"
    # then Arabic: the whole layout flips right-to-left
    page.select_option("#lang-select", "ar")
    page.wait_for_url("**/ar/**")
    assert page.locator("html").get_attribute("dir") == "rtl"
    header = page.locator(".header-row").bounding_box()
    brand = page.locator(".brand").bounding_box()
    assert header is not None and brand is not None
    # in RTL the brand sits at the right-hand end of the header
    assert brand["x"] + brand["width"] > header["x"] + header["width"] * 0.6
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-ar.png"))


def test_reader_browses_catalog_and_a_state(
    browser_page: Any, live_server: Any, reference_data: None
) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/en/catalog/")
    page.get_by_role("link", name="UNTOC").click()
    page.get_by_role("link", name="Protection of witnesses").click()
    expect(page.get_by_text("untoc/art_24/para_3").first).to_be_visible()
    page.goto(f"{live_server.url}/en/directory/states/?q=Kenya")
    page.get_by_role("link", name="Kenya").click()
    expect(page.get_by_role("heading", name="Kenya")).to_be_visible()
