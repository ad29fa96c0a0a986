"""Fill and compile every translation catalog (src/tact/locale and src/tact/<app>/locale).

    python scripts/translate.py [--app NAME] [TABLE.json ...]

A table maps msgid -> {"ru": ..., "fr": ..., "es": ..., "ar": ..., "zh_Hans": ...}
(for a plural entry the value is a list of forms). Untranslated entries are filled from the
tables, then from the same msgid already translated in another catalog, so a word is
translated once for the whole product. What is still missing is listed; .mo files are
compiled with polib (no GNU gettext needed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "src/tact"


def catalogs(app: str | None = None) -> list[Path]:
    if app:
        return sorted(PACKAGE.glob(f"{app}/locale/*/LC_MESSAGES/django.po"))
    return sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))


def language_of(po_path: Path) -> str:
    return po_path.parent.parent.name


def _nplurals(catalog: polib.POFile) -> int:
    """The number of plural forms the catalog's Plural-Forms header declares (0 if none)."""
    header = catalog.metadata.get("Plural-Forms", "")
    for part in header.split(";"):
        key, _sep, value = part.partition("=")
        if key.strip() == "nplurals" and value.strip().isdigit():
            return int(value.strip())
    return 0


def main(args: list[str]) -> int:
    app = None
    if args[:1] == ["--app"]:
        app, args = args[1], args[2:]
    table_paths = args
    tables: dict[str, dict[str, object]] = {}
    for table_path in table_paths:
        for msgid, by_language in json.loads(Path(table_path).read_text("utf-8")).items():
            tables.setdefault(msgid, {}).update(by_language)
    known: dict[tuple[str, str], object] = {}
    loaded = [(path, polib.pofile(str(path))) for path in catalogs(app)]
    for path in catalogs():
        catalog = polib.pofile(str(path))
        for entry in catalog.translated_entries():
            value = entry.msgstr or [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            known.setdefault((language_of(path), entry.msgid), value)
    missing_total = 0
    for path, catalog in loaded:
        language = language_of(path)
        for entry in catalog:
            if entry.translated() and "fuzzy" not in entry.flags:
                continue
            value = tables.get(entry.msgid, {}).get(language) or known.get((language, entry.msgid))
            if not value:
                continue
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value]
                count = _nplurals(catalog) or len(forms)
                entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(count)}
            else:
                entry.msgstr = value if isinstance(value, str) else value[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalog.save()
        catalog.save_as_mofile(str(path.with_suffix(".mo")))
        missing = [e.msgid for e in catalog.untranslated_entries() + catalog.fuzzy_entries()]
        missing_total += len(missing)
        status = f"{len(missing)} missing" if missing else "complete"
        print(f"{path.relative_to(PACKAGE)}: {status}")
        for msgid in missing[:20]:
            print(f"    {msgid!r}")
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
