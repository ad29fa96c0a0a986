"""In the browser: a focal point of another state sees a public framework of a restricted
Kenyan project, in English and Arabic, without the project's title."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tact.core.access import SYSTEM
from tact.evaluation import services

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
SECRET = "Witness relocation corridor Kenya"


def test_hidden_project_title_in_english_and_arabic(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.accounts.services import user_create
    from tact.directory.models import State
    from tact.evaluation.tests import factories as f

    kenya, mexico = State.objects.get(iso3="KEN"), State.objects.get(iso3="MEX")
    user_create(
        actor=None,
        username="mexico",
        password="pw-for-tests-1",
        role="focal_point",
        state_ids=[mexico.pk],
    )
    project = f.project(
        "XM-SECRET-1",
        states=[("KEN", None)],
        funders=["NL"],
        themes=[],
        budget=Decimal(100),
        classification="restricted",
        owner_state=kenya,
    )
    project.title = SECRET
    project.save()
    framework = services.framework_create(
        actor=SYSTEM,
        title="Public results of a project",
        project=project,
        classification="public",
        owner_state=None,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    browser_login(page, "mexico", "pw-for-tests-1")
    for lang in ("en", "ar"):
        with translation.override(lang):
            hidden = gettext("A record you may not see")
        page.goto(f"{live_server.url}/{lang}/evaluation/frameworks/{framework.pk}/")
        body = page.locator("main").inner_text()
        assert "Public results of a project" in body
        assert SECRET not in body and hidden in body
        page.screenshot(path=str(SHOTS / f"evaluation-hidden-project-{lang}.png"), full_page=True)
        page.goto(f"{live_server.url}/{lang}/evaluation/")
        body = page.locator("main").inner_text()
        assert SECRET not in body and hidden in body
        page.screenshot(path=str(SHOTS / f"evaluation-index-hidden-{lang}.png"), full_page=True)
