"""The UI ships complete catalogs for the five non-English UN languages.

`make messages` refreshes the .po files from the code and compiles them to .mo with Babel.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tact"
LANGUAGES = ["ru", "fr", "es", "ar", "zh_Hans"]
# The shared catalog plus one per domain app that has user-visible strings.
CATALOG_DIRS = [
    PACKAGE / "locale",
    *sorted(p for p in PACKAGE.glob("*/locale") if p.parent.name != "tact"),
]


@pytest.mark.parametrize("locale_dir", CATALOG_DIRS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_compiled(language: str, locale_dir: Path) -> None:
    po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
    assert po_path.exists(), f"{po_path} is missing: run `make messages`"
    catalog = polib.pofile(str(po_path))
    missing = [e.msgid for e in catalog.untranslated_entries() + catalog.fuzzy_entries()]
    assert missing == [], f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    translated = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in catalog.translated_entries()}
    in_mo = {(e.msgid, e.msgstr or str(e.msgstr_plural)) for e in compiled if e.msgid}
    assert translated == in_mo, "the .mo is stale: run `python scripts/translate.py`"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Направления работы"),
        ("ar", "مجالات العمل"),
    ],
)
def test_pages_render_in_the_language(
    client: Client, db: object, language: str, expected: str
) -> None:
    with translation.override(language):
        body = client.get(f"/{language}/").content.decode()
    assert expected in body


NPLURALS = {"ru": 4, "fr": 2, "es": 3, "ar": 6, "zh_Hans": 1}


@pytest.mark.parametrize("locale_dir", CATALOG_DIRS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_declares_its_plural_forms(language: str, locale_dir: Path) -> None:
    """Without a Plural-Forms header gettext falls back to English's n != 1, and Arabic says
    "one article" for 41."""
    catalog = polib.pofile(str(locale_dir / language / "LC_MESSAGES" / "django.po"))
    header = catalog.metadata.get("Plural-Forms", "")
    assert f"nplurals={NPLURALS[language]};" in header.replace(" ", "")
    for entry in catalog:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == NPLURALS[language], entry.msgid


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ru", 197, "197 государств"),
        ("ru", 41, "41 статья"),
        ("ru", 22, "22 государства"),
        ("ar", 41, "41 مادة"),
        ("ar", 197, "197 دولة"),
        ("ar", 1, "دولة واحدة"),
        ("zh-hans", 197, "197 个国家"),
        ("fr", 0, "0 article"),
    ],
)
def test_counted_phrases_take_the_languages_form(language: str, count: int, expected: str) -> None:
    from django.utils.translation import ngettext

    singular, plural = (
        ("%(counter)s state", "%(counter)s states")
        if "state" in expected or "государ" in expected or "دولة" in expected or "国家" in expected
        else ("%(counter)s article", "%(counter)s articles")
    )
    with translation.override(language):
        assert ngettext(singular, plural, count) % {"counter": count} == expected
