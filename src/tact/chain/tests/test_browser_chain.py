"""The chain of the demo's annex.b.v in a browser: drawn left to right (mirrored in Arabic),
each record a link, the same chain as a nested list; a reader meets the need as "a record you
may not see". Screenshots in English and Arabic."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tact.accounts.services import user_create
from tact.core.links import record_ref
from tact.legislation.models import ProvisionMapping

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_chain_view_in_english_and_arabic(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    call_command("demo_data", stdout=io.StringIO())
    user_create(actor=None, username="chain_officer", password="pw-1-chain", role="secretariat")
    user_create(actor=None, username="chain_reader", password="pw-1-chain", role="reader")
    gap = ProvisionMapping.objects.get(state__iso3="NGA", paragraph__key="untoc/art_34/para_1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, base = browser_page, live_server.url
    # Ten columns are wider than a laptop screen (the page scrolls them); show them whole.
    page.set_viewport_size({"width": 1840, "height": 900})

    browser_login(page, "chain_officer", "pw-1-chain")
    page.goto(f"{base}/en/chain/{record_ref(gap)}/")
    assert page.locator("svg.chain-svg a.chain-node").count() == 10
    assert page.locator("svg.chain-svg path.chain-edge").count() == 10
    assert page.locator("ul.chain-tree li").count() == 11  # the evaluation is reached twice
    # left to right: the recommendation's box lies left of the practice's
    first = page.locator("svg.chain-svg a.chain-node rect").first.bounding_box()
    last = page.locator("svg.chain-svg a.chain-node rect").last.bounding_box()
    assert first is not None and last is not None and first["x"] < last["x"]
    page.screenshot(path=str(SHOTS / "chain-1-secretariat-en.png"), full_page=True)

    page.goto(f"{base}/ar/chain/{record_ref(gap)}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first = page.locator("svg.chain-svg a.chain-node rect").first.bounding_box()
    last = page.locator("svg.chain-svg a.chain-node rect").last.bounding_box()
    assert first is not None and last is not None and first["x"] > last["x"]
    page.screenshot(path=str(SHOTS / "chain-2-secretariat-ar.png"), full_page=True)

    # a reader: the restricted need is a record they may not see
    page.context.clear_cookies()
    browser_login(page, "chain_reader", "pw-1-chain")
    page.goto(f"{base}/en/chain/{record_ref(gap)}/")
    assert page.locator("svg.chain-svg a.chain-node").count() == 9
    assert page.locator("svg.chain-svg g.chain-hidden").count() == 1
    assert page.get_by_text("Bring national legislation in line").count() == 0
    page.screenshot(path=str(SHOTS / "chain-3-reader-en.png"), full_page=True)
    # clicking a node opens its record
    page.locator("svg.chain-svg a.chain-node").last.click()
    page.wait_for_url("**/practices/**")
