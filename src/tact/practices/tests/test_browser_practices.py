"""A Kenyan focal point submits a practice with a Russian translation; the secretariat reviews
it with a comment on one field and publishes it; a visitor finds it through the search box
in Russian; Mexico's focal point endorses it ("we applied it").  Screenshots in English,
Russian and Arabic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tact.practices.models import GoodPractice, Status

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_submit_review_publish_find_in_russian_and_endorse(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import State

    kenya, mexico = State.objects.get(iso3="KEN"), State.objects.get(iso3="MEX")
    password = "pw-for-tests-1"
    user_create(
        actor=None, username="amina", password=password, role="focal_point", state_ids=[kenya.pk]
    )
    user_create(
        actor=None, username="juan", password=password, role="focal_point", state_ids=[mexico.pk]
    )
    user_create(actor=None, username="officer", password=password, role="secretariat")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, base = browser_page, live_server.url

    # 1. Kenya's focal point writes a draft, adds a Russian translation and submits it
    browser_login(page, "amina")
    page.goto(f"{base}/en/practices/new/")
    page.select_option("select[name=owner_state]", str(kenya.pk))
    page.fill("input[name=title]", "Regional witness protection desks")
    page.select_option("main select[name=language]", "en")
    page.fill("textarea[name=summary]", "Desks in four prosecution offices protect witnesses.")
    page.fill("textarea[name=results]", "Fewer witnesses withdrew before trial.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_selector("text=Draft saved")
    page.locator("summary", has_text="Add a translation").click()
    page.select_option("form[action$='/translation/'] select[name=language]", "ru")
    page.fill(
        "form[action$='/translation/'] input[name=title]", "Региональные бюро защиты свидетелей"
    )
    page.fill(
        "form[action$='/translation/'] textarea[name=summary]",
        "Бюро в четырёх прокуратурах защищают свидетелей.",
    )
    page.get_by_role("button", name="Save the translation").click()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector("text=Submitted for review.")
    page.screenshot(path=str(SHOTS / "practices-1-submitted-en.png"), full_page=True)
    practice = GoodPractice.objects.get()
    assert practice.status == Status.SUBMITTED

    # 2. The secretariat comments on the results, then publishes
    page.context.clear_cookies()
    browser_login(page, "officer")
    page.goto(f"{base}/en/practices/{practice.pk}/")
    page.select_option("#comment-form select[name=field]", "results")
    page.fill("#comment-form textarea[name=text]", "Give the number of witnesses followed.")
    page.get_by_role("button", name="Add the comment").click()
    page.wait_for_selector("text=Give the number of witnesses followed.")
    page.screenshot(path=str(SHOTS / "practices-2-review-en.png"), full_page=True)
    page.get_by_role("button", name="Publish").click()
    page.wait_for_selector("text=Published.")
    practice.refresh_from_db()
    assert (practice.status, practice.classification) == (Status.PUBLISHED, "public")

    # 3. A visitor finds it with the search box, in Russian (another form of the word)
    page.context.clear_cookies()
    page.goto(f"{base}/ru/")
    page.fill("#site-search-q", "свидетель")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector("ol.gsearch-hits")
    hit = page.locator("ol.gsearch-hits li", has_text="Regional witness protection desks")
    assert hit.count() == 1
    # the facets come in their own request once the hits show
    page.wait_for_selector("[data-facet=kind][data-value=practice]")
    assert page.locator("[data-facet=kind][data-value=practice]").count() == 1
    page.screenshot(path=str(SHOTS / "practices-3-search-ru.png"), full_page=True)

    # 4. Mexico's focal point endorses it
    browser_login(page, "juan")
    page.goto(f"{base}/en/practices/{practice.pk}/")
    page.locator("summary", has_text="We applied it").click()
    page.fill("#endorse-form textarea[name=applied]", "Two desks opened on this model.")
    page.fill("#endorse-form textarea[name=result]", "Witnesses stayed until trial.")
    page.get_by_role("button", name="Endorse").click()
    page.wait_for_selector("text=Two desks opened on this model.")
    page.screenshot(path=str(SHOTS / "practices-4-endorsed-en.png"), full_page=True)
    assert list(practice.endorsements.values_list("state__iso3", flat=True)) == ["MEX"]

    page.goto(f"{base}/ar/practices/{practice.pk}/")
    assert page.locator("html[dir=rtl]").count() == 1
    page.screenshot(path=str(SHOTS / "practices-5-detail-ar.png"), full_page=True)
