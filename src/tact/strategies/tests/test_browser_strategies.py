"""Kenya's focal point in the browser: creates a strategy, adds an objective and an action,
records progress, looks at the coverage of the three aims and at the network with its gap,
in English and in Arabic (screenshots in var/screenshots)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tact.core.access import SYSTEM
from tact.strategies import demo
from tact.strategies.models import Action, ProgressUpdate, Strategy

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_focal_point_builds_a_strategy_and_sees_coverage_and_network(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import State

    kenya = State.objects.get(iso3="KEN")
    demo.load(SYSTEM)
    user_create(
        actor=None,
        username="amina",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[kenya.pk],
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    url = live_server.url
    browser_login(page, "amina")

    # a new action plan
    page.goto(f"{url}/en/strategies/new/")
    page.fill("#id_title", "Kenya action plan on wildlife trafficking 2026")
    page.select_option("#id_kind", "action_plan")
    page.select_option("#id_status", "adopted")
    page.fill("#id_start", "2026-01-01")
    page.fill("#id_end", "2027-12-31")
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda u: "/strategies/" in u and "/new/" not in u)
    strategy = Strategy.objects.get(title="Kenya action plan on wildlife trafficking 2026")
    assert strategy.state == kenya and strategy.classification == "restricted"

    # an objective serving aims (i) and (iii), added in place (htmx)
    page.click("text=Add an objective")
    page.fill("#objectives #id_code", "1")
    page.fill("#objectives #id_title", "Joint patrols and community reporting")
    page.check("#objectives input[name=aims][value=cooperation]")
    page.check("#objectives input[name=aims][value=awareness]")
    page.click("text=Add the objective")
    page.wait_for_selector("#objectives h3:has-text('Joint patrols and community reporting')")

    # an action led by the police
    page.click("text=Add an action")
    page.fill("form[hx-post$='/actions/new/'] #id_title", "Community hotline")
    page.select_option(
        "form[hx-post$='/actions/new/'] #id_lead_agency",
        label="National Police Service (Kenya) (NPS)",
    )
    page.fill("form[hx-post$='/actions/new/'] #id_deadline", "2026-09-30")
    page.fill("form[hx-post$='/actions/new/'] #id_budget", "2500000")
    page.fill("form[hx-post$='/actions/new/'] #id_currency", "kes")
    page.click("text=Add the action")
    page.wait_for_selector("#objectives a:has-text('Community hotline')")
    page.screenshot(path=str(SHOTS / "strategies_detail_en.png"), full_page=True)
    action = Action.objects.get(title="Community hotline")
    assert action.currency == "KES" and action.lead_agency is not None

    # progress, recorded in place
    page.click("#objectives a:has-text('Community hotline')")
    page.fill("#id_date", "2026-01-15")
    page.select_option("#id_status", "in_progress")
    page.fill("#id_percent_complete", "30")
    page.fill("#id_note", "Hotline number reserved.")
    page.click("#progress button[type=submit]")
    page.wait_for_selector("#progress td:has-text('Hotline number reserved.')")
    assert ProgressUpdate.objects.filter(action=action, percent_complete=30).count() == 1
    action.refresh_from_db()
    assert (action.status, action.percent_complete) == ("in_progress", 30)

    # coverage of the three aims
    page.goto(f"{url}/en/strategies/coverage/KEN/")
    assert page.locator("article.aim.covered").count() == 3
    page.screenshot(path=str(SHOTS / "strategies_coverage_en.png"), full_page=True)
    page.goto(f"{url}/en/strategies/coverage/MEX/")
    assert page.locator("article.aim.gap").count() == 3  # Mexico's restricted strategy is hidden

    # the network with its gap; the graph is drawn and the list beside it is keyboard-reachable
    page.goto(f"{url}/en/strategies/network/KEN/")
    page.wait_for_selector(".network-chart svg")
    assert "Financial intelligence unit — Police" in page.locator(".gaps").inner_text()
    assert "KPS" in page.locator(".gaps").inner_text()
    page.locator(".network-list summary").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".network-list details[open]")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "strategies_network_en.png"), full_page=True)

    # Arabic, right to left
    page.goto(f"{url}/ar/strategies/network/KEN/")
    page.wait_for_selector(".network-chart svg")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(SHOTS / "strategies_network_ar.png"), full_page=True)
    page.goto(f"{url}/ar/strategies/{strategy.pk}/")
    page.screenshot(path=str(SHOTS / "strategies_detail_ar.png"), full_page=True)
    page.goto(f"{url}/ar/strategies/coverage/KEN/")
    page.screenshot(path=str(SHOTS / "strategies_coverage_ar.png"), full_page=True)
