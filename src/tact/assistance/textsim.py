"""Small text-similarity toolkit shared by overlap detection and need matching.

Pure Python on purpose: it must run on a laptop with SQLite and no numeric stack. Words are
lower-cased, stop words dropped and stemmed (Snowball English through PyStemmer when it is
installed; other scripts pass through unchanged, Chinese is split into characters).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

try:  # PyStemmer is a declared dependency; the fallback keeps the module importable anyway.
    import Stemmer

    _STEMMER = Stemmer.Stemmer("english")

    def _stem(word: str) -> str:
        return str(_STEMMER.stemWord(word))

except ImportError:  # pragma: no cover - PyStemmer is installed with tact

    def _stem(word: str) -> str:
        return word


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "their",
        "this",
        "to",
        "with",
        "within",
        "under",
        "through",
        "via",
        "over",
        "among",
        "including",
        "including",
        "per",
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "et",
        "en",
        "pour",
        "dans",
        "sur",
        "par",
        "un",
        "une",
        "au",
        "aux",
        "el",
        "los",
        "las",
        "y",
        "para",
        "con",
        "por",
        "del",
        "al",
        "una",
        "project",
        "programme",
        "program",
        "support",
        "phase",
        "unodc",
    ]
)
"""Words that carry no meaning for matching (English, French, Spanish function words, and a
few words every technical-assistance title contains)."""


_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 500_000


def _normalise(word: str) -> str:
    """The stem of a lower-cased word, or "" for words that do not count (cached)."""
    stem = _CACHE.get(word)
    if stem is None:
        if len(word) < 2 or word in STOP_WORDS or (word.isdigit() and len(word) < 4):
            stem = ""
        else:
            stem = _stem(word)
        if len(_CACHE) < _CACHE_LIMIT:
            _CACHE[word] = stem
    return stem


def tokens(text: str) -> list[str]:
    """Stemmed content words of ``text`` in order (duplicates kept)."""
    words = _WORD.findall(text.lower())
    # Nearly every word has been seen before: one C-level pass over the cache, and the slow
    # path (stemming, Chinese characters) only for a text with an unseen word. Overlap
    # detection tokenises every project's title and description, ~1.3 million texts at 10^6.
    stems = list(map(_CACHE.get, words))
    if None not in stems:
        return [stem for stem in stems if stem]
    out: list[str] = []
    for raw, stem in zip(words, stems, strict=True):
        if stem is None:
            if not raw.isascii() and _CJK.search(raw):
                out.extend(ch for ch in raw if _CJK.match(ch))
                continue
            stem = _normalise(raw)
        if stem:
            out.append(stem)
    return out


def token_set(text: str, limit: int | None = None) -> frozenset[str]:
    """The distinct content words of ``text`` (only the first ``limit`` distinct ones)."""
    words = tokens(text)
    distinct = frozenset(words)
    if limit is None or len(distinct) <= limit:
        return distinct
    # dict keeps the first occurrence's order: the first ``limit`` distinct words.
    return frozenset(list(dict.fromkeys(words))[:limit])


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


class TfIdfIndex:
    """TF-IDF vectors (log tf, smoothed idf, L2-normalised) with an inverted index, so that a
    query is compared only with the documents sharing at least one word with it."""

    def __init__(self, documents: Sequence[str]) -> None:
        self.size = len(documents)
        counts = [Counter(tokens(doc)) for doc in documents]
        df: Counter[str] = Counter()
        for count in counts:
            df.update(count.keys())
        self.idf = {term: math.log((1 + self.size) / (1 + n)) + 1.0 for term, n in df.items()}
        self.vectors: list[dict[str, float]] = [self._vector(count) for count in counts]
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for position, vector in enumerate(self.vectors):
            for term, weight in vector.items():
                self.postings.setdefault(term, []).append((position, weight))

    def _vector(self, count: Counter[str]) -> dict[str, float]:
        vector = {
            term: (1.0 + math.log(n)) * self.idf.get(term, math.log(1 + self.size) + 1.0)
            for term, n in count.items()
        }
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {term: w / norm for term, w in vector.items()}

    def query(self, text: str) -> dict[int, float]:
        """Cosine similarity of ``text`` with every document sharing a word (others are 0)."""
        vector = self._vector(Counter(tokens(text)))
        scores: dict[int, float] = {}
        for term, weight in vector.items():
            for position, doc_weight in self.postings.get(term, ()):
                scores[position] = scores.get(position, 0.0) + weight * doc_weight
        return scores

    def shared_terms(self, text: str, position: int, limit: int = 5) -> list[str]:
        """The stems ``text`` shares with document ``position``, heaviest first (for reasons)."""
        query_terms = set(tokens(text))
        vector = self.vectors[position]
        common = sorted(query_terms & vector.keys(), key=lambda t: -vector[t])
        return common[:limit]


_NAMES: dict[str, str] = {}


def normalise_name(name: str) -> str:
    """Organisation names compared loosely: case, punctuation and spacing ignored (cached:
    a registry has a few thousand names for a million records)."""
    normalised = _NAMES.get(name)
    if normalised is None:
        normalised = " ".join(_WORD.findall(name.lower()))
        if len(_NAMES) < _CACHE_LIMIT:
            _NAMES[name] = normalised
    return normalised


def unique(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v for v in values if v)
