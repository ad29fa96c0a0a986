"""Query analysis and highlighting: what the user typed -> the terms the index holds.

A query is analysed exactly as documents are (:mod:`tact.search.analysis`: normalisation,
stopwords, Snowball stemming for en/fr/es/ru/ar, characters and bigrams for Chinese), so
"свидетелей" finds "свидетель" and "witnesses" finds "witness" on either engine.  Nothing here
touches the database.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tact.search.analysis import analyse, canonical_language, script_language

__all__ = ["Alternative", "MatchQuery", "highlight", "parse_query", "query_languages"]


@dataclass(frozen=True)
class Alternative:
    """One reading of the query in one language: every clause must match (AND).

    A clause is a tuple of terms: one term, or several that must appear as a phrase.
    """

    language: str
    clauses: tuple[tuple[str, ...], ...]

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for clause in self.clauses for t in clause)


@dataclass(frozen=True)
class MatchQuery:
    """The analysed query: alternatives (one per candidate language) joined by OR."""

    text: str
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.alternatives)

    @property
    def terms(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for alternative in self.alternatives:
            out |= alternative.terms
        return out

    def terms_for(self, language: str) -> frozenset[str]:
        """Terms to highlight in a text written in *language*."""
        lang = canonical_language(language)
        for alternative in self.alternatives:
            if alternative.language == lang:
                return alternative.terms
        return self.terms


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_PHRASE = re.compile(r'"([^"]*)"')


def query_languages(text: str) -> tuple[str, ...]:
    """The UN languages a query may be written in, judged by its script.

    Cyrillic can only be Russian, Arabic script only Arabic, Han only Chinese; Latin script may
    be English, French or Spanish, so a Latin query is read in all three (OR).
    """
    found: list[str] = []
    if _CYRILLIC.search(text):
        found.append("ru")
    if _ARABIC.search(text):
        found.append("ar")
    if _HAN.search(text):
        found.append("zh")
    if _LATIN.search(text) or not found:
        found.extend(["en", "fr", "es"])
    return tuple(found)


def _is_han(term: str) -> bool:
    return bool(_HAN.match(term))


def _query_terms(text: str, language: str) -> list[str]:
    """Analyse query text like a document, but keep only the bigrams of a Chinese run (its
    unigrams are implied and would make every character a separate required clause)."""
    terms = analyse(text, language)
    if any(_is_han(t) and len(t) == 2 for t in terms):
        terms = [t for t in terms if not (_is_han(t) and len(t) == 1)]
    return terms


def parse_query(text: str, language: str | None = None) -> MatchQuery:
    """Analyse a user's query.  ``"double quotes"`` make a phrase; other words are ANDed.

    With *language* the query is read in that language only; without it, in every language its
    script allows (see :func:`query_languages`), each reading being one alternative.
    """
    text = text.strip()
    languages = (canonical_language(language),) if language else query_languages(text)
    phrases = [p for p in _PHRASE.findall(text) if p.strip()]
    loose = _PHRASE.sub(" ", text)
    alternatives: list[Alternative] = []
    for lang in languages:
        clauses: list[tuple[str, ...]] = []
        for phrase in phrases:
            terms = _query_terms(phrase, lang)
            if terms:
                clauses.append(tuple(terms))
        for term in _query_terms(loose, lang):
            if (term,) not in clauses:
                clauses.append((term,))
        if clauses:
            alternative = Alternative(lang, tuple(clauses))
            if all(a.clauses != alternative.clauses for a in alternatives):
                alternatives.append(alternative)
    return MatchQuery(text, tuple(alternatives))


# --- highlighting --------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def _word_terms(word: str, language: str) -> frozenset[str]:
    """Index terms of one word, read in its script's language (cached: vocabulary repeats
    from hit to hit)."""
    return frozenset(analyse(word, script_language(word, language)))


def highlight(text: str, query: MatchQuery, language: str, *, width: int = 240) -> str:
    """An HTML-escaped window of *text* around its first matching word, matches in ``<mark>``.

    Words are matched by their analysed form, so "свидетелей" is marked for the query
    "свидетель".  The result is safe to render as HTML (everything else is escaped).
    """
    terms = query.terms_for(language)
    lang = canonical_language(language)

    def found(word: str) -> bool:
        return not _word_terms(word, lang).isdisjoint(terms)

    # Words are analysed up to the first match, then within the window only: a long text's
    # other words are never shown, so they need not be looked at.
    first = next((m for m in _WORD.finditer(text) if found(m.group(0))), None) if terms else None
    start = 0
    if first is not None and len(text) > width:
        start = max(0, first.start() - width // 4)
        # begin on a word boundary
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    if end < len(text):
        while end > start + width // 2 and not text[end].isspace():
            end -= 1
    marked: list[tuple[int, int]] = []
    if first is not None:
        for match in _WORD.finditer(text, first.start()):
            if match.start() >= end:
                break
            if found(match.group(0)):
                marked.append(match.span())
    pieces: list[str] = ["…" if start else ""]
    cursor = start
    for a, b in marked:
        if b <= start or a >= end:
            continue
        pieces.append(html.escape(text[cursor:a]))
        pieces.append(f"<mark>{html.escape(text[a:b])}</mark>")
        cursor = b
    pieces.append(html.escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces)
