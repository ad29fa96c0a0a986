"""A donor as a new user: imports an IATI file in the browser, follows the progress, reads the
report, then looks at who does what where, the map and its dashboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from tact.assistance import demo
from tact.assistance.importing import progress_path, run_import
from tact.assistance.models import ImportRun, Project
from tact.assistance.tests.helpers import activity_xml, iati_file
from tact.assistance.tests.iati_support import NETHERLANDS_203, needs_shared_data
from tact.core.access import SYSTEM

pytestmark = [pytest.mark.browser, needs_shared_data]

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"


def test_donor_imports_follows_progress_and_sees_matrix_and_map(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory import demo as directory_demo
    from tact.directory.models import Organisation

    directory_demo.load()
    demo.load(SYSTEM)
    netherlands = Organisation.objects.get(iati_ref="XM-DAC-7")
    donor = user_create(
        actor=None,
        username="nl",
        password="pw-for-tests-1",
        role="donor",
        organisation_id=netherlands.pk,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url
    browser_login(page, "nl")

    # 1. upload a file from the assistance home page
    page.goto(f"{base}/en/assistance/")
    page.get_by_role("button", name="Import an IATI file").click()
    page.set_input_files("input[name=file]", str(NETHERLANDS_203))
    page.screenshot(path=str(SHOTS / "assistance-import-form.png"), full_page=True)
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("table.import-report")
    body = page.locator("main").inner_text()
    assert "13 activities read: 12 imported, 0 updated, 0 skipped, 1 rejected." in body
    page.screenshot(path=str(SHOTS / "assistance-import-report.png"), full_page=True)
    page.select_option("select[name=outcome]", "rejected")
    page.wait_for_url("**outcome=rejected**")
    assert "EarmarkingCategory" in page.locator("table.import-report").inner_text()
    page.screenshot(path=str(SHOTS / "assistance-import-rejected.png"), full_page=True)

    # 2. a big import in the background: the page polls and shows the progress, then reloads
    #    itself with the report when the import ends.
    data = iati_file(*(activity_xml(f"XM-DAC-7-BIG-{n}", title=f"Big {n}") for n in range(30)))
    run = ImportRun(file_name="big.xml", total_bytes=len(data), created_by=donor)
    run.file.save("big.xml", ContentFile(data), save=False)
    run.status = ImportRun.Status.RUNNING
    run.save()
    progress_path(run).write_text(
        json.dumps({"processed_bytes": len(data) * 2 // 5, "total_bytes": len(data), "seen": 12})
    )
    page.goto(f"{base}/en/assistance/imports/{run.pk}/")
    assert "% read, 12 activities so far" in page.locator("#import-progress").inner_text()
    page.screenshot(path=str(SHOTS / "assistance-import-progress.png"), full_page=True)
    run_import(run, actor=donor)
    page.wait_for_selector("table.import-report", timeout=10000)
    assert "30 imported" in page.locator("#import-progress").inner_text()
    assert Project.objects.filter(iati_identifier__startswith="XM-DAC-7-BIG-").count() == 30

    # 3. who does what where
    page.get_by_role("button", name="Who does what where").click()
    page.wait_for_selector("table.matrix")
    matrix = page.locator("table.matrix").inner_text()
    assert "Kenya" in matrix and "Mexico" in matrix
    page.screenshot(path=str(SHOTS / "assistance-matrix.png"), full_page=True)
    page.select_option("select[name=role]", "implementer")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**role=implementer**")
    assert "United Nations Office on Drugs and Crime" in page.locator("table.matrix").inner_text()

    # 4. the map (world atlas shipped with tact, no tiles)
    page.goto(f"{base}/en/assistance/map/")
    page.wait_for_selector("#assistance-map[data-rendered='1']", timeout=15000)
    page.wait_for_selector("#map-table table")
    assert "Kenya" in page.locator("#map-table").inner_text()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "assistance-map.png"), full_page=True)

    # 5. the donor's dashboard and a recipient's
    page.goto(f"{base}/en/assistance/donors/{netherlands.pk}/")
    expect(page.get_by_role("heading", name="Contributions to UNODC")).to_be_visible()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "assistance-donor.png"), full_page=True)
    page.goto(f"{base}/en/assistance/recipients/KEN/")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "assistance-recipient-ken.png"), full_page=True)
    assert not errors, errors
