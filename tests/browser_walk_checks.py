"""What the browser walk checks on each page, built from the shipped catalogs.

- untranslated: a visible text that is exactly an English msgid whose translation in the page's
  language differs (text marked with another `lang`, such as a marked English fallback or the
  language names in the switch, is declared foreign and not counted);
- plurals: a visible counted phrase matching one form of a plural msgstr whose count asks for a
  different form (the language's Plural-Forms rule decides).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib  # type: ignore[import-untyped]

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tact"
# Django language code -> gettext locale directory
LOCALES = {"ru": "ru", "fr": "fr", "es": "es", "ar": "ar", "zh-hans": "zh_Hans"}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")
_NUMBER = r"(\d[\d\u00a0\u202f ,.]*)"


@dataclass
class PluralPhrase:
    msgid: str
    forms: list[str]
    patterns: list[re.Pattern[str]]
    # the longest literal piece of each form: a cheap test before the regex
    anchors: list[str] = field(default_factory=list)


@dataclass
class LanguageCatalog:
    language: str
    plural: Callable[[int], int]
    # English msgid -> its translation, for msgids without placeholders whose translation differs
    translated: dict[str, str] = field(default_factory=dict)
    plurals: list[PluralPhrase] = field(default_factory=list)

    def untranslated(self, texts: list[str]) -> list[str]:
        return sorted({t for t in texts if t in self.translated})

    def plural_mismatches(self, texts: list[str]) -> list[str]:
        found = []
        for text in {t for t in texts if any(c.isdigit() for c in t)}:
            for phrase in self.plurals:
                for index, pattern in enumerate(phrase.patterns):
                    if phrase.anchors[index] not in text:
                        continue
                    match = pattern.search(text)
                    if not match:
                        continue
                    count = int(re.sub(r"\D", "", match.group(1)) or 0)
                    expected = self.plural(count)
                    if phrase.forms[expected] != phrase.forms[index]:
                        found.append(f"{text!r}: {count} takes form {expected} of {phrase.msgid!r}")
        return found


def _pattern(msgstr: str) -> re.Pattern[str] | None:
    """A regex for a counted form with exactly one number placeholder; None if not checkable."""
    holders = list(_PLACEHOLDER.finditer(msgstr))
    if len(holders) != 1 or len(msgstr) - len(holders[0].group(0)) < 3:
        return None
    start, end = holders[0].span()
    return re.compile(
        r"(?<!\w)" + re.escape(msgstr[:start]) + _NUMBER + re.escape(msgstr[end:]) + r"(?!\w)"
    )


def load(language: str) -> LanguageCatalog:
    locale = LOCALES[language]
    plural_rule = "plural=(n != 1);"
    catalog: LanguageCatalog | None = None
    translated: dict[str, str] = {}
    plurals: list[PluralPhrase] = []
    for po_path in sorted(PACKAGE.glob(f"**/locale/{locale}/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        plural_rule = po.metadata.get("Plural-Forms", plural_rule)
        for entry in po.translated_entries():
            if entry.msgid_plural:
                forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
                patterns = [_pattern(f) for f in forms]
                if all(patterns) and len(set(forms)) > 1:
                    anchors = [
                        max(re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", f), key=len) for f in forms
                    ]
                    plurals.append(PluralPhrase(entry.msgid, forms, patterns, anchors))  # type: ignore[arg-type]
            elif (
                entry.msgstr.strip() != entry.msgid.strip()
                and not _PLACEHOLDER.search(entry.msgid)
                and re.search(r"[A-Za-z]{2}", entry.msgid)
            ):
                translated[" ".join(entry.msgid.split())] = entry.msgstr
    expression = plural_rule.split("plural=", 1)[1].rstrip("; ")
    catalog = LanguageCatalog(language, gettext.c2py(expression), translated, plurals)
    return catalog
