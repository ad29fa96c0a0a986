"""The home of each demo role in a browser, in Arabic and Chinese, on a phone and a laptop:
right to left in Arabic, no page wider than the phone, each block with its count, list or
empty state and its "see all" link. Screenshots go to $TACT_SCREENSHOTS (default: the
system's temporary directory, tact-home/) to be looked at."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tact.directory.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(os.environ.get("TACT_SCREENSHOTS", tempfile.gettempdir())) / "tact-home"
ROLES = ["secretariat", "focal.kenya", "donor.nl", "evaluator"]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_home_of_each_role_in_arabic_and_chinese(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    call_command("demo_data", stdout=io.StringIO())
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, base = browser_page, live_server.url
    for username in [None, *ROLES]:
        page.context.clear_cookies()
        if username:
            browser_login(page, username, DEMO_PASSWORD)
        for language in ("ar", "zh-hans"):
            for width in (390, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(f"{base}/{language}/")
                assert response is not None and response.status == 200
                direction = page.locator("html").get_attribute("dir")
                assert direction == ("rtl" if language == "ar" else "ltr")
                assert page.evaluate(OVERFLOW) <= 1, (username, language, width)
                blocks = page.locator("article.home-block")
                if username is None:
                    assert blocks.count() == 0
                else:
                    assert blocks.count() >= 3
                    for index in range(blocks.count()):
                        block = blocks.nth(index)
                        assert block.locator("p.home-count").inner_text().strip()
                        assert block.locator("p.home-all a").count() == 1
                name = f"home-{username or 'anonymous'}-{language}-{width}.png"
                page.screenshot(path=str(SHOTS / name), full_page=True)
