"""Kenya's profile in the browser, in Arabic (right to left) and in Chinese, as an anonymous
reader (screenshots in var/screenshots to look at)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.directory import demo as directory_demo
from tact.resolutions import demo as resolutions_demo
from tact.strategies import demo as strategies_demo

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_profile_reads_in_arabic_and_chinese(
    browser_page: Any, live_server: Any, reference_data: None
) -> None:
    directory_demo.load(SYSTEM)
    resolutions_demo.load(SYSTEM)
    strategies_demo.load(SYSTEM)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    for language, heading, direction in (
        ("ar", "وضع الطرف", "rtl"),
        ("zh-hans", "缔约地位", "ltr"),
    ):
        page.goto(f"{live_server.url}/{language}/states/KEN/")
        assert page.locator("html").get_attribute("dir") == direction
        assert page.locator("#h-party_status").inner_text().strip() == heading
        # every section is reachable from the table of contents; the integrity findings
        # stand above it
        links = page.locator(".profile-toc a")
        assert links.count() == page.locator("section.profile-panel:not(.profile-top)").count()
        assert page.locator("#profile-top section.profile-top").count() == 1
        page.screenshot(path=str(SHOTS / f"profile-page-KEN-{language}.png"), full_page=True)
