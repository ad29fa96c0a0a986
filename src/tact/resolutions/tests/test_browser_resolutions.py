"""A secretariat officer as a new user: upload a resolution, check the preview, correct one
addressee, save, report follow-up with evidence linked to another record, see the chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tact.resolutions.models import Evidence, Recommendation

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_upload_preview_correct_save_follow_up_and_chart(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create

    user_create(actor=None, username="officer", password="pw-for-tests-1", role="secretariat")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    base = live_server.url
    browser_login(page, "officer")

    page.goto(f"{base}/en/resolutions/")
    page.screenshot(path=str(SHOTS / "resolutions-0-index.png"), full_page=True)
    page.get_by_role("button", name="Import a resolution").click()
    page.set_input_files("input[name=file]", str(FIXTURES / "seed_en.md"))
    page.get_by_role("button", name="Read the file").click()
    page.wait_for_selector("table.preview")
    expect(page.get_by_text("16 recommendations found")).to_be_visible()
    page.screenshot(path=str(SHOTS / "resolutions-1-preview.png"), full_page=True)

    # correct one addressee: item d) is also addressed to regional organizations
    page.check("input[name='addressees:annex.d'][value=regional_organizations]")
    page.get_by_role("button", name="Save the resolution").click()
    page.wait_for_selector("ol.rec-tree")
    expect(page.get_by_text("Imported 16 recommendations")).to_be_visible()
    page.screenshot(path=str(SHOTS / "resolutions-2-saved.png"), full_page=True)
    assert Recommendation.objects.get(code="annex.d").addressees == [
        "states",
        "international_organizations",
        "regional_organizations",
    ]

    page.locator("#rec-annex\\.a\\.i > a").click()
    page.get_by_role("button", name="Report follow-up").click()
    page.select_option("select[name=actor_kind]", "state")
    page.select_option("select[name=state]", label="Kenya")
    page.select_option("select[name=status]", "in_progress")
    page.fill("textarea[name=narrative]", "Inter-agency committee established.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("#evidence-form")

    page.fill("#record-q", "Kenya")
    page.wait_for_selector(".pick-record")
    page.locator(".pick-record").first.click()
    expect(page.locator("#record-chosen")).to_contain_text("Kenya")
    page.locator("#evidence-form button[type=submit]").click()
    page.wait_for_selector("ul.evidence")
    page.screenshot(path=str(SHOTS / "resolutions-3-follow-up.png"), full_page=True)
    evidence = Evidence.objects.get()
    assert evidence.kind == "record" and evidence.record_ref.startswith("directory.state:")

    page.get_by_role("link", name="Implementation of the provisions").first.click()
    page.get_by_role("link", name="Progress").first.click()
    page.wait_for_selector(".chart svg")
    assert page.locator("#fig-reports").inner_text() == "1"
    page.screenshot(path=str(SHOTS / "resolutions-4-progress.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_upr_report_preview_and_saved_page(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any, language: str
) -> None:
    from tact.accounts.services import user_create

    user_create(actor=None, username="officer", password="pw-for-tests-1", role="secretariat")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    browser_login(page, "officer")
    page.goto(f"{live_server.url}/{language}/resolutions/import/")
    page.set_input_files("input[name=file]", str(FIXTURES / "reports" / "upr_en.txt"))
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    page.wait_for_selector("table.preview")
    expect(page.locator("tr[data-code='125.3']")).to_be_visible()
    assert "Bolivia (Plurinational State of)" in page.locator("tr[data-code='125.3']").inner_text()
    page.screenshot(path=str(SHOTS / f"resolutions-upr-preview-{language}.png"), full_page=True)
    page.locator("form[action$='confirm/'] button[type=submit]").first.click()
    page.wait_for_selector("ol.rec-tree")
    expect(page.locator("#rec-125\\.2")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"resolutions-upr-saved-{language}.png"), full_page=True)
