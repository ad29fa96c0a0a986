"""A donor reviews a possible overlap in the browser: the demo's near-duplicate of one of its
projects, found by overlap detection, marked as a duplicate; then a focal point reads a need
with the projects that answer it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tact.assistance import demo
from tact.assistance.models import OverlapCandidate
from tact.assistance.overlaps.demo import load_overlaps
from tact.core.access import SYSTEM

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_donor_marks_an_overlap_as_duplicate(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory import demo as directory_demo
    from tact.directory.models import Organisation, State

    directory_demo.load()
    demo.load(SYSTEM)
    load_overlaps(SYSTEM)
    netherlands = Organisation.objects.get(iati_ref="XM-DAC-7")
    user_create(
        actor=None,
        username="nl",
        password="pw-for-tests-1",
        role="donor",
        organisation_id=netherlands.pk,
    )
    user_create(
        actor=None,
        username="ke",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[State.objects.get(iso3="KEN").pk],
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url
    browser_login(page, "nl")

    page.goto(f"{base}/en/assistance/overlaps/?mine=1")
    page.wait_for_selector("table")
    rows = page.locator("#overlap-rows tbody tr")
    assert rows.count() >= 1
    first = rows.first.inner_text()
    assert "One record points at the other" in first
    page.screenshot(path=str(SHOTS / "assistance-overlaps-list.png"), full_page=True)

    rows.first.get_by_role("button", name="Review").click()
    page.wait_for_selector("table.compare")
    expect(page.get_by_role("heading", name="Why these look alike")).to_be_visible()
    page.get_by_label("Duplicate (double counting)").check()
    page.fill("textarea[name=note]", "Same Kenyan project reported by us and by UNODC.")
    page.screenshot(path=str(SHOTS / "assistance-overlaps-review.png"), full_page=True)
    page.get_by_role("button", name="Save review").click()
    page.wait_for_selector(".saved")
    header = page.locator("#review header").inner_text()
    assert "Duplicate (double counting)" in header and "nl" in header
    page.screenshot(path=str(SHOTS / "assistance-overlaps-reviewed.png"), full_page=True)
    reviewed = OverlapCandidate.objects.get(status="duplicate")
    assert reviewed.reviewed_by.username == "nl"
    assert "Kenya" in reviewed.project_a.title or "Kenya" in reviewed.project_b.title

    # the list filtered by review status shows it
    page.goto(f"{base}/en/assistance/overlaps/")
    page.select_option("select[name=status]", "duplicate")
    page.wait_for_url("**status=duplicate**")
    page.wait_for_function("document.querySelectorAll('#overlap-rows tbody tr').length === 1")

    # a Kenyan focal point reads its needs, one answered and one unmet
    page.context.clear_cookies()
    browser_login(page, "ke")
    page.goto(f"{base}/en/assistance/needs/")
    page.get_by_role("link", name="Protection of witnesses in organized crime trials").click()
    expect(page.locator("main")).to_contain_text("Projects and offers that answer this need")
    body = page.locator("main").inner_text()
    page.screenshot(path=str(SHOTS / "assistance-overlaps-need-matches.png"), full_page=True)
    assert "Strengthening the prosecution of trafficking in persons in Kenya" in body
    assert "Same themes: Protection of victims and witnesses" in body
    page.goto(f"{base}/en/assistance/needs/unmet/")
    page.screenshot(path=str(SHOTS / "assistance-overlaps-unmet-needs.png"), full_page=True)
    assert errors == []
