"""A newcomer's walk: the main pages as each demo role in the six languages, on a 390 px phone.

Fails on an HTTP error (page or asset), an English msgid left visible on a non-English page, a
counted phrase whose form disagrees with its count, a page wider than the phone, and axe-core
WCAG 2.1 AA violations (vendored axe-core, run on a fixed subset to keep the walk short).
Prints pages x languages x roles tried. Screenshots of the home page per role in Arabic and
Chinese go to var/screenshots/walk-<role>-<language>.png.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser_walk_checks import LanguageCatalog, load

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "var" / "screenshots"
LANGUAGES = ["en", "ru", "fr", "es", "ar", "zh-hans"]
# (role label, persona from conftest.py or None for the anonymous reader)
ROLES = [
    ("anonymous", None),
    ("secretariat", "secretariat"),
    ("focal_point", "focal_kenya"),
    ("donor", "donor_nl"),
    ("evaluator", "evaluator"),
]
# A fixed sample of the main pages (paths after the language prefix): the pages whose content
# depends on the role for every role; the public reference pages once, for the anonymous reader
# (they differ by role only in the header, which every walked page has).
ROLE_PAGES = ["/", "/directory/states/KEN/", "/resolutions/", "/assistance/"]
PUBLIC_PAGES = ["/catalog/", "/catalog/untoc/", "/catalog/untoc/articles/24/", "/directory/states/"]
PAGES = ROLE_PAGES + PUBLIC_PAGES
# axe runs on these (role, language) pairs only: every page, both directions, both scripts.
AXE_ON = {("anonymous", "en"), ("anonymous", "ar"), ("secretariat", "zh-hans"), ("donor", "ru")}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

VISIBLE_TEXTS = """() => {
  const lang = document.documentElement.lang;
  // Text declared in another language (a marked fallback, the language names) or isolated as
  // user content (<bdi>, dir="auto") is not the interface's and not counted as untranslated.
  const own = (el) => { const l = el.closest('[lang]');
    return (!l || l.lang === lang) && !el.closest('bdi,[dir=auto]'); };
  const norm = (s) => s.replace(/\\s+/g, ' ').trim();
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    const text = norm(walker.currentNode.textContent);
    if (!text || !el || el.closest('script,style,noscript,template')) continue;
    if (!el.checkVisibility({checkVisibilityCSS: true}) || !own(el)) continue;
    texts.push(text);
  }
  const phrases = [];
  for (const el of document.body.querySelectorAll(
      'p,li,td,th,dd,dt,h1,h2,h3,h4,small,span,a,strong,caption,label,summary')) {
    if (el.children.length && el.checkVisibility() && own(el)) phrases.push(norm(el.innerText));
  }
  return {texts, phrases};
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture
def people(
    reference_data: None, secretariat: Any, focal_kenya: Any, donor_nl: Any, evaluator: Any
) -> None:
    """One person per role (the personas of conftest.py), on the catalog and the states."""


def _login(page: Any, base: str, username: str) -> None:
    from conftest import TEST_PASSWORD

    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("article form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _check_page(
    page: Any, url: str, catalog: LanguageCatalog | None, run_axe: bool, errors: list[str]
) -> None:
    bad_assets: list[str] = []

    def listener(response: Any) -> None:
        if response.status >= 400:
            bad_assets.append(f"{response.status} {response.url}")

    page.on("response", listener)
    response = page.goto(url)
    page.remove_listener("response", listener)
    if response is None or response.status >= 400:
        errors.append(f"{url}: HTTP {response.status if response else 'no response'}")
        return
    errors.extend(f"{url}: asset {a}" for a in bad_assets)
    if (overflow := page.evaluate(OVERFLOW)) > 1:
        errors.append(f"{url}: {overflow}px wider than the 390px viewport")
    if catalog is not None:
        seen = page.evaluate(VISIBLE_TEXTS)
        for text in catalog.untranslated(seen["texts"]):
            errors.append(f"{url}: untranslated {text!r}")
        for problem in catalog.plural_mismatches(seen["texts"] + seen["phrases"]):
            errors.append(f"{url}: plural {problem}")
    if run_axe:
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        for violation in page.evaluate(RUN_AXE, AXE_TAGS):
            errors.append(f"{url}: axe {violation}")


def test_walk_main_pages_as_every_role_in_six_languages(
    _chromium: Any, live_server: Any, people: None
) -> None:
    catalogs = {lang: load(lang) for lang in LANGUAGES if lang != "en"}
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    tried = 0
    started = time.monotonic()
    # One context for the whole walk (axe is injected, so the page's CSP is bypassed; the
    # CSP itself is tested in tests/test_csp.py).
    context = _chromium.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    try:
        for role, username in ROLES:
            context.clear_cookies()
            if username:
                _login(page, live_server.url, username)
            for lang in LANGUAGES:
                for path in PAGES if username is None else ROLE_PAGES:
                    url = f"{live_server.url}/{lang}{path}"
                    _check_page(page, url, catalogs.get(lang), (role, lang) in AXE_ON, errors)
                    tried += 1
                    if path == "/" and lang in ("ar", "zh-hans"):
                        page.screenshot(path=str(SHOTS / f"walk-{role}-{lang}.png"))
    finally:
        context.close()
    print(
        f"\nbrowser walk: {len(ROLE_PAGES)} pages x {len(LANGUAGES)} languages x {len(ROLES)} roles"
        f" + {len(PUBLIC_PAGES)} public pages x {len(LANGUAGES)} languages"
        f" = {tried} pages tried in {time.monotonic() - started:.0f} s;"
        f" axe on {len(AXE_ON)} role/language pairs; {len(errors)} problems"
    )
    assert not errors, "\n".join(errors)
