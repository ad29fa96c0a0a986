"""An evaluator as a new user: creates an evaluation, rates criteria in place, records a
finding and a recommendation, proposes a good practice; Kenya's focal point answers the
recommendation and tracks its follow-up; the portfolio's charts and PDF are looked at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tact.core.access import SYSTEM
from tact.evaluation import demo
from tact.evaluation.models import Evaluation, Finding

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def _projects() -> None:
    """Three projects in Kenya from three funders (the assistance demo may not be there)."""
    from decimal import Decimal

    from tact.evaluation.tests import factories as f

    f.project(
        "XM-DEMO-1",
        states=[("KEN", None)],
        funders=["Netherlands", "UNODC"],
        themes=["law_enforcement"],
        budget=Decimal(1_200_000),
    )
    f.project(
        "XM-DEMO-2",
        states=[("KEN", Decimal(70)), ("TZA", Decimal(30))],
        funders=["European Union"],
        themes=["law_enforcement", "protection_of_victims_and_witnesses"],
        budget=Decimal(800_000),
        channel="regional",
    )
    f.project(
        "XM-DEMO-3",
        states=[("KEN", None)],
        funders=["United States"],
        themes=["protection_of_victims_and_witnesses"],
        budget=Decimal(400_000),
        channel="bilateral",
    )


def test_evaluator_rates_finds_and_management_responds(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import State

    kenya = State.objects.get(iso3="KEN")
    user_create(actor=None, username="eva", password="pw-for-tests-1", role="evaluator")
    user_create(
        actor=None,
        username="kenya",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[kenya.pk],
    )
    _projects()
    demo.load(SYSTEM)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url

    browser_login(page, "eva")
    page.goto(f"{base}/en/evaluation/")
    page.get_by_role("button", name="Evaluations", exact=True).click()
    page.get_by_role("button", name="New evaluation").click()
    page.fill("input[name=title]", "Evaluation of joint investigation training")
    page.select_option("select[name=kind]", "project")
    page.fill("input[name=evaluators]", "Eva Evaluator")
    page.select_option("select[name=classification]", "restricted")
    page.select_option("select[name=owner_state]", label="Kenya")
    page.select_option("select[name=states]", label="Kenya")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("#ratings")
    expect(page.get_by_text("Evaluation created.")).to_be_visible()

    # rate two criteria in place (htmx)
    for criterion, score, strength, text in (
        ("effectiveness", "S", "strong", "Joint investigations doubled, per case files."),
        ("sustainability", "MU", "moderate", "Training not yet in academy curricula."),
    ):
        page.locator(f"#rating-{criterion} a").click()
        page.wait_for_selector(f"#rating-{criterion} form")
        page.select_option(f"#rating-{criterion} select[name=score]", score)
        page.select_option(f"#rating-{criterion} select[name=evidence_strength]", strength)
        page.fill(f"#rating-{criterion} textarea[name=justification]", text)
        page.locator(f"#rating-{criterion} button[type=submit]").click()
        page.wait_for_selector(f"#rating-{criterion} .rating-score")
        expect(page.locator(f"#rating-{criterion}").get_by_text(text)).to_be_visible()
    page.screenshot(path=str(SHOTS / "evaluation-1-ratings.png"), full_page=True)

    # a finding, proposed as a good practice, and a recommendation
    page.get_by_text("Record a finding").click()
    page.select_option("select[name=kind]", "finding")
    page.select_option("select[name=criterion]", "effectiveness")
    page.fill("input[name=title]", "Mixed case teams work")
    page.fill("textarea[name=text]", "Mixed police-prosecution teams doubled joint cases.")
    page.select_option("select[name=evidence_strength]", "strong")
    page.get_by_role("button", name="Save the finding").click()
    page.get_by_role("button", name="Propose as a good practice").click()
    expect(page.get_by_text("Proposed as a good practice.")).to_be_visible()
    page.goto(f"{base}/en/evaluation/good-practices/?q=teams")
    expect(page.get_by_role("heading", name="Mixed case teams work")).to_be_visible()
    page.screenshot(path=str(SHOTS / "evaluation-0-good-practices.png"), full_page=True)
    page.go_back()
    page.get_by_text("Record a finding").click()
    page.select_option("select[name=kind]", "recommendation")
    page.select_option("select[name=criterion]", "sustainability")
    page.fill("input[name=title]", "Put the course into the academies")
    page.fill("textarea[name=text]", "Academies should adopt the course by 2026.")
    page.get_by_role("button", name="Save the finding").click()
    page.wait_for_selector("text=No management response yet.")
    page.screenshot(path=str(SHOTS / "evaluation-2-findings.png"), full_page=True)
    evaluation = Evaluation.objects.get(title="Evaluation of joint investigation training")
    assert evaluation.created_by.username == "eva" and evaluation.owner_state == kenya
    assert Finding.objects.get(title="Mixed case teams work").good_practice_candidate

    # Kenya's focal point responds and tracks the follow-up
    page.context.clear_cookies()
    browser_login(page, "kenya")
    page.goto(f"{base}{evaluation.get_absolute_url()}")
    page.get_by_role("link", name="Record the management response").click()
    page.select_option("select[name=decision]", "accepted")
    page.fill("textarea[name=response]", "The academies will adopt the module.")
    page.fill("input[name=responsible]", "Police academy")
    page.fill("input[name=due_date]", "2026-03-31")
    page.select_option("select[name=follow_up_status]", "in_progress")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Management response saved.")).to_be_visible()
    page.goto(f"{base}/en/evaluation/responses/")
    row = page.locator("tr", has_text="Put the course into the academies")
    expect(row.get_by_text("In progress")).to_be_visible()
    page.screenshot(path=str(SHOTS / "evaluation-3-responses.png"), full_page=True)

    # a Mexican focal point never sees Kenya's restricted evaluation
    page.context.clear_cookies()
    user_create(
        actor=None,
        username="mexico",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[State.objects.get(iso3="MEX").pk],
    )
    browser_login(page, "mexico")
    page.goto(f"{base}/en/evaluation/evaluations/")
    assert page.get_by_text("Evaluation of joint investigation training").count() == 0
    assert page.goto(f"{base}{evaluation.get_absolute_url()}").status == 404

    # the portfolio: figures, charts, the PDF
    page.goto(f"{base}/en/evaluation/")
    page.get_by_role("button", name="Portfolio analysis").click()
    page.select_option("select[name=state]", label="Kenya")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_selector("#chart-achievement canvas")
    page.wait_for_selector("#chart-ratings canvas")
    assert page.locator('[data-figure="median"] .n').inner_text() != "—"
    page.screenshot(path=str(SHOTS / "evaluation-4-portfolio.png"), full_page=True)
    pdf = page.request.get(f"{base}/en/evaluation/portfolio/?state=KEN&format=pdf")
    assert pdf.body()[:4] == b"%PDF"
    assert page.locator('[data-figure="projects"] .n').inner_text() == "3"
    (SHOTS / "evaluation-portfolio.pdf").write_bytes(pdf.body())

    from tact.evaluation.models import ResultsFramework

    page.goto(f"{base}{ResultsFramework.objects.get().get_absolute_url()}")
    page.screenshot(path=str(SHOTS / "evaluation-5-framework.png"), full_page=True)
    page.get_by_role("link", name="Share of organized crime cases investigated jointly").click()
    page.wait_for_selector("#indicator-chart canvas")
    page.screenshot(path=str(SHOTS / "evaluation-6-indicator.png"), full_page=True)
    assert errors == []
