"""Help: the role guides render in the six languages, fall back to English visibly, link to
real pages and screenshots, and escape raw HTML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tact.site import guides
from tact.site.guides import GUIDE_ROLES, guide_source, render_markdown

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SLUGS = [r.slug for r in GUIDE_ROLES]
STATIC = Path(guides.__file__).resolve().parent.parent / "static" / guides.SHOT_PREFIX
FALLBACK_NOTE = {
    "en": "not yet available in your language",
    "ru": "пока нет на вашем языке",
}


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    guides._render.cache_clear()
    yield
    guides._render.cache_clear()


def test_every_guide_exists_in_every_language() -> None:
    for lang in LANGUAGES:
        for slug in [*SLUGS, "index"]:
            found = guide_source(slug, lang)
            assert found is not None and found[1] == lang, (slug, lang)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_guides_render_in_each_language(client: Client, lang: str) -> None:
    index = client.get(f"/{lang}/help/")
    assert index.status_code == 200
    body = index.content.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"' in body
    for slug in SLUGS:
        assert f'href="/{lang}/help/{slug}/"' in body
        page = client.get(f"/{lang}/help/{slug}/")
        assert page.status_code == 200, (lang, slug)
        html = page.content.decode()
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"' in html
        assert f'<article class="guide" lang="{lang}">' in html
        assert "guide-fallback" not in html
        assert "<h1>" in html and "<img" in html
        # Links inside the guide stay in the reader's language.
        for href in re.findall(r'<article class="guide".*?</article>', html, re.S)[0].split(
            'href="'
        )[1:]:
            assert href.startswith(f"/{lang}/") or href.startswith("http"), href[:40]


@pytest.mark.django_db
def test_unknown_role_is_404(client: Client) -> None:
    assert client.get("/en/help/astronaut/").status_code == 404


def test_links_resolve_and_screenshots_exist() -> None:
    for lang in LANGUAGES:
        for slug in [*SLUGS, "index"]:
            found = guide_source(slug, lang)
            assert found is not None
            html, broken = render_markdown(found[0])
            assert not broken, (lang, slug, broken)
            for src in re.findall(r'<img[^>]+src="([^"]+)"', html):
                name = src.rsplit("/", 1)[-1]
                assert (STATIC / name).is_file(), (lang, slug, name)


def test_raw_html_in_markdown_is_escaped() -> None:
    html, _broken = render_markdown('<script>alert(1)</script>\n\nText <b onclick="x">bold</b>')
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_missing_language_falls_back_to_english_with_a_note(
    client: Client, tmp_path: Path, monkeypatch: Any
) -> None:
    english = tmp_path / "en"
    english.mkdir()
    (english / "donor.md").write_text("# Donor guide\n\nOnly in English.", encoding="utf-8")
    monkeypatch.setattr(guides, "guides_folder", lambda: tmp_path)
    html = client.get("/ru/help/donor/").content.decode()
    assert FALLBACK_NOTE["ru"] in html
    assert '<article class="guide" lang="en" dir="ltr">' in html
    assert "Only in English." in html
    english_page = client.get("/en/help/donor/").content.decode()
    assert "guide-fallback" not in english_page


@pytest.mark.django_db
def test_help_is_reachable_from_every_page(client: Client) -> None:
    for path in ("/en/", "/en/catalog/", "/ar/directory/states/"):
        assert 'href="/' + path.split("/")[1] + '/help/"' in client.get(path).content.decode()
