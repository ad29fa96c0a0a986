"""Reference data in the reader's language, with a fallback that says so.

`{{ provision.titles|in_language }}` shows the title in the active language; where the catalog
holds none, it shows the English (or another) text inside `<span lang="en" class="fallback">`
with a visible language tag and a tooltip, so a reader never takes English for a translation
and screen readers switch voice.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from tact.core.languages import content_code

register = template.Library()


def _fallback(values: Mapping[str, str], lang: str) -> tuple[str, str]:
    if values.get("en"):
        return "en", values["en"]
    return next(((code, text) for code, text in values.items() if text), ("", ""))


@register.filter
def in_language(values: Mapping[str, str] | None) -> SafeString | str:
    """The value in the active language, or a marked fallback (empty string if none at all)."""
    if not values:
        return ""
    lang = content_code(get_language())
    if values.get(lang):
        return values[lang]
    code, text = _fallback(values, lang)
    if not text:
        return ""
    return fallback_html(text, code)


def fallback_html(text: str, code: str) -> SafeString:
    return format_html(
        '<span lang="{}" dir="ltr" class="fallback" title="{}">{}'
        '<sup class="fallback-tag" aria-hidden="true">{}</sup></span>',
        code,
        gettext("Not yet translated: shown in the original language"),
        text,
        code.upper(),
    )
