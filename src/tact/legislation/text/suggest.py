"""Suggest which national provisions implement a chosen Convention provision.

Why lexical and not a neural model: suggestions are shown to legal reviewers who must be able
to see *why* a provision was proposed, must get the same answer twice, and the system must run
offline.  So we rank with BM25 over a small, explainable representation:

* **concepts** - each text is mapped onto the multilingual concept lexicon
  (:mod:`tact.legislation.text.concepts`), which bridges the English Convention and national
  texts in French, Spanish, Russian, Arabic ...; matched concepts are the reasons we display;
* **stems** - language-specific stems, which do the fine-grained work when the national text is
  in the Convention's language (e.g. the US Code);
* optionally **cognate stems** - the English query re-analysed with the candidate language's
  stemmer, which catches shared Latin legal vocabulary ('extradition' / 'extradición').

BM25 statistics are computed over the candidate set (normally all provisions of one State), so
a concept that every article of that State's law mentions ('sanctions') weighs little, while the
one article that speaks of 'livraison surveillée' stands out for controlled delivery.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tact.legislation.text.concepts import CONCEPTS
from tact.search.analysis import analyse, canonical_language

__all__ = [
    "Candidate",
    "CandidateIndex",
    "ConventionText",
    "RankingOptions",
    "Suggestion",
    "background_idf",
    "concept_matches",
    "concept_profile",
    "match_concepts",
    "rank_provisions",
]


@dataclass(frozen=True, slots=True)
class ConventionText:
    """The Convention/Protocol provision a reviewer is mapping (normally English).

    ``context`` is optional supporting text that the provision incorporates by reference (e.g.
    TIP art. 5(1) criminalizes "the conduct set forth in article 3"); it counts at reduced
    weight so that it informs the query without dominating it.
    """

    instrument: str
    article: str
    title: str
    text: str
    language: str = "en"
    context: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A national provision that might implement the Convention provision.

    ``heading`` is its title (and enclosing division); ``context`` optional text borrowed from
    the provisions it cites (see :mod:`tact.legislation.text.references`), weighted lower.
    """

    id: str
    text: str
    language: str
    heading: str = ""
    context: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A ranked candidate with the concepts shared with the query (the reasons shown)."""

    candidate_id: str
    score: float
    matched_concepts: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RankingOptions:
    """Tuning knobs, kept in one place so the bench can report what it measured.

    ``k1``/``b``: BM25 saturation and length normalisation; ``concept_weight`` /
    ``stem_weight`` / ``cognate_weight``: weight of concept ids, same-language stems and
    cross-language cognate stems; ``title_weight``: extra factor for terms of the Convention
    article title; ``context_weight``: factor for text the query incorporates by reference and
    for the Protocol's subject (``instrument_subject``); ``heading_boost``: how many times a
    candidate's heading counts; ``reference_weight``: weight of concepts borrowed from the
    provisions a candidate cites; ``query_tf_log``: how much repeating a term in the query
    raises its weight; ``max_gap``: words allowed inside a multi-word lexicon term.
    Defaults were chosen on bench/legislation_recall.py with a coarse grid; neighbouring values
    score within a label or two, so they are not fitted to individual pairs.
    """

    k1: float = 1.2
    b: float = 0.9
    concept_weight: float = 2.0
    stem_weight: float = 1.0
    cognate_weight: float = 0.5
    title_weight: float = 1.0
    context_weight: float = 0.25
    heading_boost: int = 2
    reference_weight: float = 0.5
    instrument_subject: bool = True
    query_tf_log: float = 1.5
    max_gap: int = 1


DEFAULT_OPTIONS = RankingOptions()

# Every article of a Protocol is about the Protocol's subject even when it does not say so
# ("Criminalization", "Record-keeping"); the subject is added to the query as context.
_INSTRUMENT_SUBJECTS: tuple[tuple[str, str], ...] = (
    ("trafficking in persons", "trafficking in persons"),
    ("tip", "trafficking in persons"),
    ("smuggling", "smuggling of migrants"),
    ("som", "smuggling of migrants"),
    ("firearms", "firearms, their parts and components and ammunition"),
    ("fp", "firearms, their parts and components and ammunition"),
)


def _instrument_subject(instrument: str) -> str:
    name = instrument.lower()
    for needle, subject in _INSTRUMENT_SUBJECTS:
        if re.search(rf"\b{re.escape(needle)}\b", name):
            return subject
    return ""


# Treaty boilerplate that every criminalization article shares; left in, it would make all
# penal provisions look alike and drown the words that distinguish one obligation from another.
_BOILERPLATE = [
    r"each state party shall (?:also )?adopt such legislative and other measures as may be "
    r"necessary to establish as (?:a )?criminal offences?",
    r"each state party shall consider adopting such legislative and other measures as may be "
    r"necessary to establish as (?:a )?criminal offences?",
    r"(?:in accordance with|consistent with|subject to) (?:the )?(?:fundamental|basic) "
    r"(?:principles|concepts) of its (?:domestic law|legal system)",
    r"when committed intentionally",
    r"(?:established )?in accordance with (?:paragraph \S+ of )?(?:this )?articles?[\s\d,and]*"
    r"(?:of this (?:convention|protocol))?",
    r"of this (?:convention|protocol)",
    r"states? part(?:y|ies)",
    r"to the extent possible under its domestic law",
    r"in appropriate cases",
    r"shall (?:consider|endeavour to|seek to)",
    r"receiving states?",
]
_BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE), re.IGNORECASE)

_CONCEPT = "c:"
_STEM = "s:"


@lru_cache(maxsize=16)
def _lexicon(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(concept id, stem sequence) for every term of *language*, longest terms first."""
    entries: list[tuple[str, tuple[str, ...]]] = []
    for concept in CONCEPTS:
        for term in concept.terms.get(language, ()):
            stems = tuple(analyse(term, language))
            # A phrase reduced to one stem by stopword removal ('dos o más personas' ->
            # 'person') would match every occurrence of a generic word: drop it.
            if stems and (len(stems) > 1 or len(term.split()) == 1):
                entries.append((concept.id, stems))
    entries.sort(key=lambda e: -len(e[1]))
    return tuple(entries)


def concept_matches(
    stems: Sequence[str], language: str, max_gap: int = 1
) -> list[tuple[str, tuple[str, ...], int]]:
    """All (concept id, matched term stems, start position) in an analysed text.

    A term matches where its stems occur in order, each within ``max_gap`` intervening stems
    of the previous one.  Longer terms are tried first and a shorter term of the same concept
    inside an already matched span is not counted again ('organized criminal group' is one
    occurrence, not also 'criminal group').
    """
    lang = canonical_language(language)
    positions: dict[str, list[int]] = {}
    for i, s in enumerate(stems):
        positions.setdefault(s, []).append(i)
    covered: dict[str, set[int]] = {}
    found: list[tuple[str, tuple[str, ...], int]] = []
    for concept_id, term in _lexicon(lang):
        starts = positions.get(term[0])
        if not starts or any(t not in positions for t in term[1:]):
            continue
        spans = covered.setdefault(concept_id, set())
        for start in starts:
            if start in spans:
                continue
            pos = start
            ok = True
            for t in term[1:]:
                nxt = next((p for p in positions[t] if pos < p <= pos + 1 + max_gap), None)
                if nxt is None:
                    ok = False
                    break
                pos = nxt
            if ok:
                spans.update(range(start, pos + 1))
                found.append((concept_id, term, start))
    return found


def match_concepts(stems: Sequence[str], language: str, max_gap: int = 1) -> Counter[str]:
    """Concept id -> number of occurrences in an analysed text."""
    return Counter(cid for cid, _, _ in concept_matches(stems, language, max_gap))


def _terms(text: str, language: str, options: RankingOptions) -> Counter[str]:
    stems = analyse(text, language)
    bag: Counter[str] = Counter(_STEM + s for s in stems)
    for cid, n in match_concepts(stems, language, options.max_gap).items():
        bag[_CONCEPT + cid] += n
    return bag


def _strip_boilerplate(text: str) -> str:
    return _BOILERPLATE_RE.sub(" ", text)


def background_idf(
    texts: Sequence[ConventionText], options: RankingOptions = DEFAULT_OPTIONS
) -> dict[str, float]:
    """Query-side specificity: IDF of each term over all Convention/Protocol provisions.

    Why: 'trafficking in persons' appears in nearly every TIP article, so it says little about
    *which* obligation a TIP article imposes; 'remain in its territory' appears in one.  Pass
    the result to :func:`rank_provisions` (compute once per catalog and cache it).
    """
    df: Counter[str] = Counter()
    for item in texts:
        bag = _terms(_strip_boilerplate(item.text) + "\n" + item.title, item.language, options)
        df.update(bag.keys())
    n = len(texts)
    return {term: math.log(1.0 + (n - d + 0.5) / (d + 0.5)) for term, d in df.items()} | {
        "__default__": math.log(1.0 + (n + 0.5) / 0.5)
    }


def _query_weights(
    query: ConventionText, options: RankingOptions, query_idf: Mapping[str, float] | None
) -> dict[str, float]:
    body = _terms(_strip_boilerplate(query.text), query.language, options)
    title = _terms(_strip_boilerplate(query.title), query.language, options)
    subject = _instrument_subject(query.instrument) if options.instrument_subject else ""
    context_text = "\n".join(t for t in (_strip_boilerplate(query.context), subject) if t)
    context = _terms(context_text, query.language, options) if context_text else Counter()
    weights: dict[str, float] = {}
    default_idf = query_idf.get("__default__", 1.0) if query_idf else 1.0
    for term in set(body) | set(title) | set(context):
        qtf = body.get(term, 0) + title.get(term, 0) + options.context_weight * context.get(term, 0)
        base = options.concept_weight if term.startswith(_CONCEPT) else options.stem_weight
        weight = base * (1.0 + options.query_tf_log * math.log(1.0 + qtf))
        if term in title:
            weight *= options.title_weight
        if not body.get(term) and not title.get(term):
            weight *= options.context_weight
        if query_idf is not None:
            weight *= query_idf.get(term, default_idf)
        weights[term] = weight
    return weights


def _cognate_terms(query: ConventionText, language: str) -> Counter[str]:
    """The query analysed as if it were written in *language* (shared Latin roots)."""
    text = _strip_boilerplate(query.text) + "\n" + query.title
    return Counter(_STEM + s for s in analyse(text, language))


class CandidateIndex:
    """BM25 statistics of one candidate set (normally all provisions of one State).

    Why a class: analysing and concept-matching the candidates is the expensive part, and a
    reviewer (or the bench) ranks the same State's provisions for many Convention provisions;
    build the index once and call :meth:`rank` for each query.
    """

    def __init__(
        self, candidates: Sequence[Candidate], options: RankingOptions = DEFAULT_OPTIONS
    ) -> None:
        self.candidates = list(candidates)
        self.options = options
        self.docs: list[dict[str, float]] = []  # fractional counts from reference_weight
        self.lengths: list[float] = []
        for cand in self.candidates:
            bag: dict[str, float] = dict(_terms(cand.text, cand.language, options))
            if cand.heading:
                for term, n in _terms(cand.heading, cand.language, options).items():
                    bag[term] = bag.get(term, 0.0) + n * options.heading_boost
            if cand.context and options.reference_weight > 0:
                for term, n in _terms(cand.context, cand.language, options).items():
                    if term.startswith(_CONCEPT):
                        bag[term] = bag.get(term, 0.0) + n * options.reference_weight
            self.docs.append(bag)
            self.lengths.append(sum(n for t, n in bag.items() if t.startswith(_STEM)) or 1)
        self.avgdl = sum(self.lengths) / len(self.lengths) if self.lengths else 1.0
        self.df: Counter[str] = Counter()
        for bag in self.docs:
            self.df.update(bag.keys())

    def idf(self, term: str) -> float:
        d = self.df.get(term, 0)
        n = len(self.docs)
        return math.log(1.0 + (n - d + 0.5) / (d + 0.5))

    def rank(
        self,
        query: ConventionText,
        k: int = 10,
        query_idf: Mapping[str, float] | None = None,
        options: RankingOptions | None = None,
    ) -> list[Suggestion]:
        """Top *k* candidates for *query*; see :func:`rank_provisions`.

        *options* may override the query-side knobs; the candidate-side ones (heading boost,
        gap) are fixed when the index is built.
        """
        opts = options or self.options
        query_language = canonical_language(query.language)
        base_query = _query_weights(query, opts, query_idf)
        cognates: dict[str, Counter[str]] = {}
        results: list[Suggestion] = []
        for cand, bag, dl in zip(self.candidates, self.docs, self.lengths, strict=True):
            cand_language = canonical_language(cand.language)
            weighted: list[tuple[str, float]] = [
                (term, weight)
                for term, weight in base_query.items()
                if cand_language == query_language or not term.startswith(_STEM)
            ]
            if cand_language != query_language and opts.cognate_weight > 0:
                cog = cognates.get(cand_language)
                if cog is None:
                    cog = _cognate_terms(query, cand_language)
                    cognates[cand_language] = cog
                weighted.extend(
                    (t, opts.cognate_weight * (1.0 + math.log(n))) for t, n in cog.items()
                )
            norm = opts.k1 * (1.0 - opts.b + opts.b * dl / self.avgdl)
            score = 0.0
            contributions: dict[str, float] = {}
            for term, weight in weighted:
                tf = bag.get(term, 0)
                if not tf:
                    continue
                part = weight * self.idf(term) * tf * (opts.k1 + 1.0) / (tf + norm)
                score += part
                if term.startswith(_CONCEPT):
                    contributions[term[len(_CONCEPT) :]] = part
            if score > 0:
                matched = sorted(contributions, key=lambda c: -contributions[c])
                results.append(
                    Suggestion(
                        candidate_id=cand.id, score=round(score, 6), matched_concepts=matched
                    )
                )
        results.sort(key=lambda s: (-s.score, s.candidate_id))
        return results[:k]


def rank_provisions(
    query: ConventionText,
    candidates: list[Candidate],
    k: int = 10,
    options: RankingOptions = DEFAULT_OPTIONS,
    query_idf: Mapping[str, float] | None = None,
) -> list[Suggestion]:
    """Rank *candidates* for *query* with BM25 over concepts + stems; return the top *k*.

    ``matched_concepts`` lists the shared concept ids, most influential first (the reasons a
    reviewer sees).  Candidates that share nothing with the query are not returned.
    ``query_idf`` (from :func:`background_idf`) down-weights query terms common to many
    Convention provisions.  For many queries over one candidate set use :class:`CandidateIndex`.
    """
    if not candidates:
        return []
    return CandidateIndex(candidates, options).rank(query, k=k, query_idf=query_idf)


def concept_profile(text: str, language: str) -> list[str]:
    """Concept ids found in *text*, most frequent first (for display and debugging)."""
    return [cid for cid, _ in match_concepts(analyse(text, language), language).most_common()]
