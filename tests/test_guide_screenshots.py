"""The screenshots of the user guides, taken as each demo role on the demo data.

Each shot is written to `src/tact/static/tact/guide/<name>.png`, the folder the guides show
(`![…](shot:<name>.png)`), so running this test again keeps them current. The pages are
checked on the way: each must answer 200 and show the heading the guide names. Shots are
1000 px wide and reduced to a palette so that all of them stay under 3 MB.

It rewrites files in the source tree, so it runs only when asked: `make guide-shots`
(TACT_GUIDE_SHOTS=1).  The suite checks on every run that each screenshot a guide shows
exists (site/tests/test_help.py).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("TACT_GUIDE_SHOTS"),
        reason="takes the guides' screenshots: make guide-shots",
    ),
]

ROOT = Path(__file__).resolve().parent.parent
GUIDE_SHOTS = ROOT / "src" / "tact" / "static" / "tact" / "guide"
GUIDES = ROOT / "src" / "tact" / "site" / "guides"
WIDTH, HEIGHT = 1000, 700
MAX_TOTAL = 3 * 1024 * 1024
LOOK_AT = ROOT / "var" / "screenshots"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _resolution_pk() -> int:
    from tact.resolutions import demo

    resolution = demo.resolution()
    assert resolution is not None
    return resolution.pk


def _recommendation_pk() -> int:
    from tact.resolutions.models import Recommendation

    return Recommendation.objects.get(code="annex.a.ii", resolution_id=_resolution_pk()).pk


# (shot name, demo user or None for anonymous, path after /en, a text the page must show)
SHOTS: list[tuple[str, str | None, Any, str]] = [
    ("catalog-article", None, "/catalog/untoc/articles/24/", "Article 24"),
    ("state-profile", None, "/states/KEN/", "Kenya"),
    ("resolution", None, lambda: f"/resolutions/{_resolution_pk()}/", "Also in:"),
    ("search", None, "/search/?q=witnesses", "Search"),
    ("state-progress", "focal.kenya", "/resolutions/states/KEN/", "Follow-up of recommendations"),
    (
        "followup-form",
        "focal.kenya",
        lambda: f"/resolutions/recommendations/{_recommendation_pk()}/follow-up/new/",
        "Report follow-up",
    ),
    ("gap-analysis", "focal.kenya", "/legislation/gaps/KEN/", "Gap analysis"),
    ("need-form", "focal.kenya", "/assistance/needs/new/", "Record a need"),
    ("iati-import", "donor.nl", "/assistance/imports/new/", "Import an IATI file"),
    ("matrix", "donor.nl", "/assistance/matrix/", "Who does what where"),
    ("evaluations", "evaluator", "/evaluation/evaluations/", "Evaluations"),
    ("responses", "evaluator", "/evaluation/responses/", "Management responses"),
    ("meetings", "secretariat", "/resolutions/meetings/", "Meetings"),
    ("overlaps", "secretariat", "/assistance/overlaps/", "overlaps"),
]


def _optimise(raw: bytes, target: Path) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(raw)).convert("RGB")
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(target, format="PNG", optimize=True)


def test_guide_screenshots(
    browser_page: Any, live_server: Any, reference_data: None, browser_login: Any
) -> None:
    from tact.directory.demo import DEMO_PASSWORD

    call_command("demo_data", stdout=io.StringIO())
    GUIDE_SHOTS.mkdir(parents=True, exist_ok=True)
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    who: str | None = "nobody"
    problems: list[str] = []
    for name, username, path, expected in SHOTS:
        if username != who:
            page.context.clear_cookies()
            if username:
                browser_login(page, username, DEMO_PASSWORD)
            who = username
        url = base + "/en" + (path() if callable(path) else path)
        response = page.goto(url)
        if response is None or response.status != 200:
            problems.append(f"{name}: {url} answered {response.status if response else None}")
            continue
        if expected.lower() not in page.inner_text("main").lower():
            problems.append(f"{name}: {expected!r} not on {url}")
        _optimise(page.screenshot(), GUIDE_SHOTS / f"{name}.png")
    # The guides themselves in the two scripts most likely to break (right to left, CJK), for a
    # person to look at: var/screenshots/help-<page>-<language>.png (not committed).
    page.context.clear_cookies()
    LOOK_AT.mkdir(parents=True, exist_ok=True)
    for lang in ("ar", "zh-hans"):
        for slug in ("", "focal-point/"):
            response = page.goto(f"{base}/{lang}/help/{slug}")
            assert response is not None and response.status == 200
            assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
            assert page.locator("main img").count() >= (1 if slug else 0)
            if page.evaluate(OVERFLOW) > 1:
                problems.append(f"/{lang}/help/{slug} is wider than the window")
            name = slug.rstrip("/") or "index"
            page.screenshot(path=str(LOOK_AT / f"help-{name}-{lang}.png"), full_page=True)
    assert not problems, "\n".join(problems)
    # Every shot a guide shows is one this test takes, and together they stay small.
    referenced = {
        line.split("(shot:", 1)[1].split(")", 1)[0]
        for md in GUIDES.glob("*/*.md")
        for line in md.read_text(encoding="utf-8").splitlines()
        if "(shot:" in line
    }
    assert referenced <= {f"{name}.png" for name, *_rest in SHOTS}, referenced
    total = sum(p.stat().st_size for p in GUIDE_SHOTS.glob("*.png"))
    print(f"\nguide screenshots: {len(SHOTS)} shots, {total / 1024:.0f} KiB")
    assert total < MAX_TOTAL
    assert os.path.exists(GUIDE_SHOTS / "resolution.png")
