"""Kenya's focal point looks at the demo assessments in a real browser: the matrix (attribute
x group heat map) with its rank ranges and gaps, the likelihood x impact heat map, in English
and Arabic; rates a cell on the matrix form; Mexico's focal point gets a 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.threats import demo
from tact.threats.models import Assessment

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_matrix_and_heat_maps_in_english_and_arabic(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import State

    kenya = State.objects.get(iso3="KEN")
    mexico = State.objects.get(iso3="MEX")
    user_create(
        actor=None,
        username="kenya",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[kenya.pk],
    )
    user_create(
        actor=None,
        username="mexico",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[mexico.pk],
    )
    demo.load(SYSTEM)
    second = Assessment.objects.get(title="Kenya demo: organized crime threat assessment 2026")
    markets = Assessment.objects.get(title="Kenya demo: crime markets outlook 2026")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url

    browser_login(page, "kenya")
    page.goto(f"{base}/en/threats/assessments/{second.pk}/")
    banner = page.locator(".classification-banner")
    assert banner.inner_text().strip() == "CONFIDENTIAL"
    rows = page.locator("#matrix table.threat-matrix tbody tr")
    assert rows.count() == 5
    assert rows.nth(0).locator("th").inner_text() == "OCG-BIRCH"
    assert page.locator("#matrix td.unknown").count() == 7  # CEDAR 4, EMBER 3
    assert page.locator("#rank .not-separable").count() == 3  # ALDER, CEDAR, EMBER
    assert "moved up" in page.locator("#trend").inner_text()
    assert page.locator("#gaps tbody tr").first.locator("th").inner_text() == "Expertise"
    page.screenshot(path=str(SHOTS / "threats-1-matrix-en.png"), full_page=True)

    page.goto(f"{base}/en/threats/assessments/{markets.pk}/")
    heat = page.locator("#heat table.lxi")
    assert "MKT-COAST-HEROIN" in heat.inner_text() and "Very likely" in heat.inner_text()
    heat.screenshot(path=str(SHOTS / "threats-2-heatmap-en.png"))

    page.goto(f"{base}/ar/threats/assessments/{second.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#matrix table.threat-matrix tbody tr").count() == 5
    page.screenshot(path=str(SHOTS / "threats-3-matrix-ar.png"), full_page=True)
    page.goto(f"{base}/ar/threats/assessments/{markets.pk}/")
    page.locator("#heat").screenshot(path=str(SHOTS / "threats-4-heatmap-ar.png"))

    # rate one cell on the matrix form
    page.goto(f"{base}/en/threats/assessments/{second.pk}/ratings/")
    drift = second.subjects.get(pseudonym="OCG-DRIFT")
    page.screenshot(path=str(SHOTS / "threats-5-rate-en.png"), full_page=True)
    page.select_option(f"select[name='cell-{drift.pk}-corruption']", "H")
    page.get_by_role("button", name="Save all ratings").click()
    page.wait_for_url(f"**/threats/assessments/{second.pk}/")
    assert "1 rating changed." in page.inner_text(".messages")
    assert second.ratings.get(subject=drift, attribute="corruption").level == "H"
    from tact.threats.models import MethodTemplate

    lxi = MethodTemplate.objects.get(key="likelihood_impact")
    page.goto(f"{base}/ar/threats/templates/new/?from={lxi.pk}")
    assert page.locator("select[name^='cell-']").count() == 35
    page.screenshot(path=str(SHOTS / "threats-6-template-editor-ar.png"), full_page=True)
    assert errors == []

    # another state's focal point: 404
    page.context.clear_cookies()
    browser_login(page, "mexico")
    response = page.goto(f"{base}/en/threats/assessments/{second.pk}/")
    assert response is not None and response.status == 404
