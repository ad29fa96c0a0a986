"""The six UN languages and helpers for multilingual content fields."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import get_language

UN_LANGUAGES: tuple[str, ...] = ("en", "ru", "fr", "es", "ar", "zh")
RTL_LANGUAGES = frozenset({"ar"})


def content_code(django_code: str | None) -> str:
    """Map a Django language code (zh-hans) to the short code content is stored under (zh)."""
    code = (django_code or "en").lower()
    return "zh" if code.startswith("zh") else code.split("-")[0]


def pick(values: Mapping[str, str] | None, language: str | None = None) -> str:
    """The value in the active (or given) language, falling back to English, then any."""
    if not values:
        return ""
    lang = content_code(language or get_language())
    return values.get(lang) or values.get("en") or next((v for v in values.values() if v), "")
