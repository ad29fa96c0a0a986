"""A Kenyan focal point, as a new user: imports a law (DOCX), maps two provisions with the help
of the suggestions, sees the gap analysis change, exports the gap report; then the comparison
and the heat map are looked at."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tact.core.access import SYSTEM
from tact.legislation import demo
from tact.legislation.models import ProvisionMapping, SuggestionDecision
from tact.legislation.tests.conftest import make_docx

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"

ACT = [
    "Victims and Witnesses Protection Act, 2026",
    "Section 1. Short title",
    "This Act may be cited as the Victims and Witnesses Protection Act, 2026.",
    "Section 2. Protection of witnesses",
    "The Witness Protection Agency shall provide effective protection from potential "
    "retaliation or intimidation for witnesses in criminal proceedings who give testimony, and "
    "for their relatives and other persons close to them, including physical protection, "
    "relocation and non-disclosure of information concerning their identity and whereabouts.",
    "Section 3. Evidence by video link",
    "A court may permit a witness to give testimony by video link or other communications "
    "technology in a manner that ensures the safety of the witness.",
    "Section 4. Compensation of victims",
    "A victim of an offence under this Act may obtain compensation and restitution from the "
    "offender or from the Victims Fund.",
    "Section 5. Licence fees",
    "The fees payable for licences issued under this Act shall be prescribed by regulation.",
]


def test_focal_point_imports_maps_and_exports(
    browser_page: Any,
    live_server: Any,
    reference_data: None,
    browser_login: Any,
    settings: Any,
    tmp_path: Path,
) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import State

    settings.MEDIA_ROOT = tmp_path / "media"
    kenya = State.objects.get(iso3="KEN")
    user_create(
        actor=None,
        username="kenya",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[kenya.pk],
    )
    demo.load(SYSTEM)  # other states' laws and features for the comparison
    docx = tmp_path / "victims-witnesses-act.docx"
    docx.write_bytes(make_docx(ACT))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    base = live_server.url

    browser_login(page, "kenya")
    page.goto(f"{base}/en/legislation/")
    page.get_by_role("link", name="Import a law").first.click()
    page.set_input_files("input[name=file]", str(docx))
    page.select_option("#id_text_type", "law")
    page.select_option("#id_language", "en")
    page.fill("input[name=title]", "Victims and Witnesses Protection Act, 2026")
    page.fill("input[name=number]", "7 of 2026")
    page.screenshot(path=str(SHOTS / "legislation-import.png"), full_page=True)
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r".*/legislation/laws/\d+/$"))
    expect(
        page.get_by_text("Imported Victims and Witnesses Protection Act, 2026: 5 provisions")
    ).to_be_visible()
    page.screenshot(path=str(SHOTS / "legislation-law.png"), full_page=True)
    # a provision's page ranks the Convention articles it might implement (htmx panel)
    page.get_by_role("link", name="Section 3", exact=True).click()
    page.wait_for_selector("#target-suggestions table")
    assert "art. 24" in page.locator("#target-suggestions").inner_text()
    page.screenshot(path=str(SHOTS / "legislation-provision.png"), full_page=True)

    # gap analysis before
    page.goto(f"{base}/en/legislation/gaps/KEN/")
    before_full = int(page.locator("#fig-full").inner_text())
    before_assessed = page.locator("#fig-assessed").inner_text()
    page.screenshot(path=str(SHOTS / "legislation-gaps-before.png"))

    # map untoc art 24(1) with the suggestions: open it from the gap table
    page.locator('tr[data-key="untoc/art_24/para_1"] a').first.click()
    page.wait_for_selector("#suggestion-1")
    first = page.locator("#suggestion-1")
    assert "Section 2" in first.inner_text()
    page.screenshot(path=str(SHOTS / "legislation-suggestions.png"), full_page=True)
    first.locator("select[name=compliance]").select_option("full")
    first.get_by_role("button", name="Accept").click()
    page.wait_for_selector("text=mapped to")
    # reject an irrelevant suggestion (the short-title section)
    page.locator(".suggestion", has_text="Short title").get_by_role("button", name="Reject").click()
    page.wait_for_selector(".suggestion:has-text('Short title') .st-not_applicable")

    # then untoc art 25(2) (compensation of victims)
    page.goto(f"{base}/en/legislation/map/KEN/untoc/art_25/para_2/")
    suggestion = page.locator(".suggestion", has_text="Compensation of victims").first
    suggestion.locator("select[name=compliance]").select_option("partial")
    suggestion.locator("select[name=classification]").select_option("confidential")
    suggestion.get_by_role("button", name="Accept").click()
    page.wait_for_selector("text=mapped to")

    assert ProvisionMapping.objects.filter(state=kenya, from_suggestion=True).count() == 2
    assert SuggestionDecision.objects.filter(decision="accepted").count() == 2
    assert SuggestionDecision.objects.filter(decision="rejected").count() == 1

    # the gap analysis changed
    page.goto(f"{base}/en/legislation/gaps/KEN/")
    assert int(page.locator("#fig-full").inner_text()) == before_full + 1
    assert page.locator("#fig-assessed").inner_text() != before_assessed
    row = page.locator('tr[data-key="untoc/art_25/para_2"]')
    assert "Partial" in row.inner_text()
    page.screenshot(path=str(SHOTS / "legislation-gaps-after.png"))
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "legislation-gaps-rows.png"))

    # export the gap report (PDF and Excel)
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF").click()
    pdf = tmp_path / "gap.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    with page.expect_download() as info:
        page.get_by_role("button", name="Excel").click()
    assert info.value.suggested_filename.endswith(".xlsx")

    # turn the gaps into assistance needs
    page.get_by_role("button", name="Turn the gaps into assistance needs").click()
    expect(page.get_by_text("needs from the gap analysis")).to_be_visible()

    # comparison and heat map
    page.goto(f"{base}/en/legislation/comparison/?set=victims_witnesses")
    expect(page.locator("#compare-provisions")).to_be_visible()
    page.screenshot(path=str(SHOTS / "legislation-comparison.png"), full_page=True)
    page.goto(f"{base}/en/legislation/heatmap/")
    page.wait_for_selector("[data-chart=chart-heatmap] svg")
    page.screenshot(path=str(SHOTS / "legislation-heatmap.png"), full_page=True)

    # the same pages in Arabic (right to left) and the legislation home
    page.goto(f"{base}/ar/legislation/gaps/KEN/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(SHOTS / "legislation-gaps-ar.png"))
    page.goto(f"{base}/en/legislation/")
    page.screenshot(path=str(SHOTS / "legislation-index.png"), full_page=True)
