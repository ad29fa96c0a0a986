"""Aim ii in the browser, as Kenya's focal point: publish a threat finding's sanitised
summary from the assessment page, cite it from a strategy objective, read it beside the
objective (English and Arabic), then delete another objective through its confirmation page.
Screenshots in var/screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.strategies import demo as strategies_demo
from tact.strategies.models import Objective, Strategy
from tact.threats import demo as threats_demo
from tact.threats import publication
from tact.threats.models import Assessment, SanitisedSummary

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_focal_point_publishes_a_finding_and_cites_it_from_an_objective(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import State

    kenya = State.objects.get(iso3="KEN")
    threats_demo.load(SYSTEM)
    # Start from an unpublished finding: the demo publishes it, the focal point will.
    for summary in SanitisedSummary.objects.all():
        publication.summary_withdraw(actor=SYSTEM, summary=summary)
    strategies_demo.load(SYSTEM)
    user_create(
        actor=None,
        username="amina",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[kenya.pk],
    )
    strategy = Strategy.objects.get(title=strategies_demo.KENYA_STRATEGY)
    objective = strategy.objectives.get(code="2")
    assert objective.threat_summary_id is None
    assessment = Assessment.objects.get(title="Kenya demo: organized crime threat assessment 2026")
    finding = assessment.findings.get()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = live_server.url
    browser_login(page, "amina")

    # publish the sanitised summary from the assessment page
    page.goto(f"{url}/en/threats/assessments/{assessment.pk}/#finding-{finding.pk}")
    article = page.locator(f"#finding-{finding.pk}")
    article.locator("select[name=classification]").first.select_option("public")
    article.locator("button:has-text('Publish the sanitised summary')").click()
    page.wait_for_selector("text=The sanitised summary is published")
    summary = SanitisedSummary.objects.get(finding=finding)
    assert summary.is_published and summary.classification == "public"

    # cite it from the objective
    page.goto(f"{url}/en/strategies/objectives/{objective.pk}/edit/")
    page.select_option("#id_threat_summary", str(summary.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda u: "/edit/" not in u)
    objective.refresh_from_db()
    assert objective.threat_summary_id == summary.pk
    citation = page.locator(f"#objective-{objective.pk} .threat-citation")
    assert "Cargo screening and integrity controls" in citation.inner_text()
    citation.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "strategies_aim_ii_en.png"), full_page=True)

    page.goto(f"{url}/ar/strategies/{strategy.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "Cargo screening" in page.locator(f"#objective-{objective.pk}").inner_text()
    page.screenshot(path=str(SHOTS / "strategies_aim_ii_ar.png"), full_page=True)
    page.goto(f"{url}/ar/threats/summaries/{summary.pk}/")
    assert objective.title in page.locator("main").inner_text()
    page.screenshot(path=str(SHOTS / "threats_summary_ar.png"), full_page=True)

    # delete another objective through its confirmation page (Arabic)
    other = strategy.objectives.get(code="3")
    page.goto(f"{url}/ar/strategies/objectives/{other.pk}/delete/")
    page.screenshot(path=str(SHOTS / "strategies_delete_objective_ar.png"), full_page=True)
    page.click("main form button.danger")
    page.wait_for_url(lambda u: "/delete/" not in u)
    assert not Objective.objects.filter(pk=other.pk).exists()
    assert errors == []
