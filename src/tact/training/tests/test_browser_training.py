"""An organiser in the browser: import a roster (preview, save), enter scores, see the gain
chart, download certificates in Russian and Arabic. Screenshots go to var/screenshots."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tact.training.models import Participant
from tact.training.tests.conftest import xlsx

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_roster_scores_chart_and_certificates(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any, tmp_path: Path
) -> None:
    from tact.accounts.services import user_create
    from tact.core.access import SYSTEM
    from tact.directory.models import State
    from tact.training import services

    kenya = State.objects.get(iso3="KEN")
    organiser = user_create(
        actor=None,
        username="organiser",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[kenya.pk],
    )
    programme = services.programme_create(
        actor=SYSTEM, title="Joint investigation", classification="restricted", owner_state=kenya
    )
    course = services.course_create(actor=SYSTEM, programme=programme, title="Trafficking cases")
    session = services.session_create(
        actor=SYSTEM,
        course=course,
        title="Nakuru pilot",
        state=kenya,
        organiser=organiser,
        start=dt.date(2025, 5, 5),
        end=dt.date(2025, 5, 6),
        max_score=Decimal(20),
        place="Nakuru",
    )
    roster = tmp_path / "roster.xlsx"
    roster.write_bytes(
        xlsx(
            [
                [
                    "participant_id",
                    "name",
                    "agency",
                    "agency_type",
                    "state",
                    "sex",
                    "rank",
                    "years_of_service",
                    "consent",
                    "language",
                    "2025-05-05",
                    "2025-05-06",
                ],
                [
                    "NKR-1",
                    "Mary Wanjiku",
                    "ODPP",
                    "prosecution",
                    "KEN",
                    "female",
                    "Counsel",
                    5,
                    "yes",
                    "ru",
                    1,
                    1,
                ],
                [
                    "NKR-2",
                    "Omar Said",
                    "NPS",
                    "police",
                    "KEN",
                    "male",
                    "Inspector",
                    9,
                    "yes",
                    "ar",
                    1,
                    1,
                ],
                [
                    "NKR-3",
                    "",
                    "Judiciary",
                    "judiciary",
                    "KEN",
                    "female",
                    "Magistrate",
                    12,
                    "yes",
                    "en",
                    1,
                    1,
                ],
            ]
        )
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    base = live_server.url
    browser_login(page, "organiser")

    # import the roster: upload, preview, save
    page.goto(f"{base}/en/training/sessions/{session.pk}/")
    page.get_by_role("button", name="Import a roster").click()
    page.set_input_files("input[name=file]", str(roster))
    page.get_by_role("button", name="Read the file").click()
    page.wait_for_selector("table.preview")
    expect(page.get_by_text("Preview: 3 participants")).to_be_visible()
    page.screenshot(path=str(SHOTS / "training-1-preview.png"), full_page=True)
    assert Participant.objects.filter(session=session).count() == 0
    page.get_by_role("button", name="Save the roster").click()
    page.wait_for_selector("#participants")
    expect(page.get_by_text("Roster saved: 3 participants added, 0 updated.")).to_be_visible()

    # enter scores
    page.get_by_role("button", name="Enter scores").click()
    for code, pre, post in (("NKR-1", "8", "18"), ("NKR-2", "10", "19"), ("NKR-3", "20", "20")):
        page.get_by_label(f"pre-test score of {code}").fill(pre)
        page.get_by_label(f"post-test score of {code}").fill(post)
    page.get_by_role("button", name="Save the scores").click()
    page.wait_for_selector("#chart-gain canvas")
    expect(page.get_by_text("3 participants' scores saved.")).to_be_visible()
    # <g> = (19 - 12.667) / (20 - 12.667) = 0.864; NKR-3 at the ceiling
    assert page.locator("[data-figure=class-gain] .n").inner_text() == "0.864"
    assert page.locator("[data-figure=ceiling] .n").inner_text() == "1"
    assert page.locator("tr[data-code=NKR-1] .name").inner_text() == "Mary Wanjiku"
    page.screenshot(path=str(SHOTS / "training-2-session-en.png"), full_page=True)

    # certificates in Russian and Arabic
    pdfs = {}
    for code, lang in (("NKR-1", "ru"), ("NKR-2", "ar")):
        row = page.locator(f"tr[data-code={code}]")
        row.locator("select[name=lang]").select_option(lang)
        with page.expect_download() as download:
            row.get_by_role("button", name="PDF").click()
        path = tmp_path / f"certificate-{lang}.pdf"
        download.value.save_as(path)
        assert path.read_bytes()[:5] == b"%PDF-"
        pdfs[lang] = path
    if shutil.which("pdftoppm"):
        for lang, path in pdfs.items():
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-singlefile",
                    str(path),
                    str(SHOTS / f"training-3-certificate-{lang}"),
                ],
                check=True,
            )

    # the same page in Arabic, right to left
    page.goto(f"{base}/ar/training/sessions/{session.pk}/")
    page.wait_for_selector("#chart-gain canvas")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(SHOTS / "training-4-session-ar.png"), full_page=True)

    # the public check of a certificate code
    code = Participant.objects.get(session=session, code="NKR-1").certificate.code
    page.goto(f"{base}/en/training/verify/?code={code}")
    expect(page.locator("[data-valid=yes]")).to_be_visible()
