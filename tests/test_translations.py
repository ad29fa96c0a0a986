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
