"""Guess the language of a resolution from its script and its function words.

Only the six UN official languages matter here. Script decides Russian, Arabic and
Chinese outright; English, French and Spanish share a script and are told apart by
frequent function words and by the resolution verb lexicon. The guess is a default the
uploader can override, so simple counting is enough.
"""

from __future__ import annotations

import re

from tact.resolutions.parsing.errors import ResolutionImportError
from tact.resolutions.parsing.lexicon import LANGUAGE_STOPWORDS, OPERATIVE_VERBS, PREAMBLE_VERBS
from tact.resolutions.parsing.model import SUPPORTED_LANGUAGES

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def normalise_language(language: str) -> str:
    """Map "ru-RU", "RU", "rus" to "ru"; raise for languages the parser cannot read."""
    code = language.strip().lower().replace("_", "-").split("-")[0]
    code = {
        "rus": "ru",
        "eng": "en",
        "fra": "fr",
        "fre": "fr",
        "spa": "es",
        "ara": "ar",
        "zho": "zh",
        "chi": "zh",
    }.get(code, code)
    if code not in SUPPORTED_LANGUAGES:
        raise ResolutionImportError(
            f"Language '{language}' is not supported; use one of "
            + ", ".join(SUPPORTED_LANGUAGES)
            + ".",
            code="unsupported_language",
        )
    return code


def detect_language(text: str) -> str:
    """Best guess among ru, en, fr, es, ar, zh; English when nothing points elsewhere."""
    counts = {"cyrillic": 0, "arabic": 0, "cjk": 0, "latin": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0x0400 <= code <= 0x04FF:
            counts["cyrillic"] += 1
        elif 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F:
            counts["arabic"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            counts["cjk"] += 1
        elif code < 0x0250:
            counts["latin"] += 1
    total = sum(counts.values())
    if total == 0:
        return "en"
    # CJK characters carry a word each, so they weigh more than alphabetic letters.
    if counts["cjk"] * 3 >= total * 0.3:
        return "zh"
    if counts["arabic"] >= total * 0.3:
        return "ar"
    if counts["cyrillic"] >= total * 0.3:
        return "ru"
    return _latin_language(text)


def _latin_language(text: str) -> str:
    """Pick en/fr/es by function-word and verb-lexicon hits."""
    lowered = text.lower().replace("\u2019", "'")
    words = _WORD.findall(lowered)
    scores = dict.fromkeys(("en", "fr", "es"), 0.0)
    for word in words:
        for lang, stopwords in LANGUAGE_STOPWORDS.items():
            if word in stopwords:
                scores[lang] += 1
    for lang in scores:
        for phrase in (*OPERATIVE_VERBS[lang], *PREAMBLE_VERBS[lang]):
            if len(phrase) > 4 and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered):
                scores[lang] += 2
    # French elisions (l', d', qu') are a strong tell that stopwords miss.
    scores["fr"] += 2 * len(re.findall(r"\b(?:l|d|qu|s)'", lowered))
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] > 0 else "en"
