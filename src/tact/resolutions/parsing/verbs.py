"""Find the verbs of a paragraph, their normalised actions and who they address.

Only two positions are trusted: the start of the paragraph (after adverbs such as
"also") and right after a coordinating conjunction ("... and calls upon States ...").
Searching everywhere would turn nouns like "requests for assistance" into verbs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tact.resolutions.parsing.lexicon import (
    ADDRESS_CLAUSE_END,
    ADDRESS_CLAUSE_MAX_WORDS,
    ADDRESSEE_ACTIONS,
    ADDRESSEE_PATTERNS,
    OPERATIVE_VERBS,
    PREAMBLE_VERBS,
    VERB_CONJUNCTIONS,
    VERB_MODIFIERS,
)
from tact.resolutions.parsing.model import ADDRESSEE_CATEGORIES

_UNSPACED = frozenset({"zh"})
#: Words that may open the object of a verb without being part of it.
_OBJECT_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("that",),
    "fr": ("à ce que", "que"),
    "es": ("a que", "al", "a", "que"),
    "ru": ("чтобы",),
}


#: After a coordinated "verb", words that show it was a noun ("and requests for aid").
_NOT_A_NOUN: dict[str, str] = {
    "en": r"(?!\s+(?:for|of|from|by|made|received|submitted|were|are)\b)",
    "fr": r"(?!\s+(?:de|d'|des|du|reçue?s?|présentée?s?)\b)",
    "es": r"(?!\s+(?:de|del|recibid\w*|presentad\w*)\b)",
}


@dataclass
class VerbHit:
    """A verb occurrence: as written (lower-case), its action and what follows it."""

    verb: str
    action: str
    clause: str


@dataclass
class VerbAnalysis:
    """Every verb found in a paragraph, first one leading."""

    hits: list[VerbHit] = field(default_factory=list)

    @property
    def verb(self) -> str:
        """The leading verb, or ""."""
        return self.hits[0].verb if self.hits else ""

    @property
    def action(self) -> str:
        """The leading action, or ""."""
        return self.hits[0].action if self.hits else ""

    @property
    def verbs(self) -> list[str]:
        """All verbs in order of appearance."""
        return [hit.verb for hit in self.hits]

    @property
    def actions(self) -> list[str]:
        """Distinct actions in order of appearance."""
        out: list[str] = []
        for hit in self.hits:
            if hit.action and hit.action not in out:
                out.append(hit.action)
        return out


def normalise(text: str) -> str:
    """Lower-case with straight apostrophes, the form the lexicon is written in."""
    return text.lower().replace("\u2019", "'").replace("\u02bc", "'")


def _languages(language: str) -> list[str]:
    """The document language first, then the others as a fallback."""
    return [language, *[lang for lang in OPERATIVE_VERBS if lang != language]]


@lru_cache(maxsize=64)
def _leading_pattern(language: str, preamble: bool) -> re.Pattern[str]:
    """Regex matching optional adverbs then a verb phrase at the start of a text."""
    table = PREAMBLE_VERBS if preamble else OPERATIVE_VERBS
    phrases = sorted(table.get(language, {}), key=len, reverse=True)
    modifiers = sorted(VERB_MODIFIERS.get(language, ()), key=len, reverse=True)
    boundary = "" if language in _UNSPACED else r"(?!\w)"
    modifier_group = (
        r"(?:(?:" + "|".join(map(re.escape, modifiers)) + r")" + boundary + r"[\s,]*)*"
        if modifiers
        else ""
    )
    verb_group = "|".join(map(re.escape, phrases)) or r"(?!x)x"
    return re.compile(
        r"^[\s\"'«“(]*" + modifier_group + r"(?P<verb>" + verb_group + r")" + boundary
    )


@lru_cache(maxsize=64)
def _coordinated_pattern(language: str) -> re.Pattern[str] | None:
    """Regex matching "and [also] <verb>" anywhere in a text."""
    conjunctions = VERB_CONJUNCTIONS.get(language, ())
    if not conjunctions:
        return None
    phrases = sorted(OPERATIVE_VERBS.get(language, {}), key=len, reverse=True)
    modifiers = sorted(VERB_MODIFIERS.get(language, ()), key=len, reverse=True)
    spaced = language not in _UNSPACED
    lead = r"(?<!\w)" if spaced else ""
    gap = r"\s+" if spaced else r"\s*"
    boundary = r"(?!\w)" if spaced else ""
    modifier_group = (
        r"(?:(?:" + "|".join(map(re.escape, modifiers)) + r")" + gap + r")?" if modifiers else ""
    )
    return re.compile(
        lead
        + r"(?:"
        + "|".join(map(re.escape, sorted(conjunctions, key=len, reverse=True)))
        + r")"
        + gap
        + modifier_group
        + r"(?P<verb>"
        + "|".join(map(re.escape, phrases))
        + r")"
        + boundary
        + _NOT_A_NOUN.get(language, "")
    )


def analyse(text: str, language: str, *, preamble: bool = False) -> VerbAnalysis:
    """Leading verb (and, for operative text, coordinated verbs) of ``text``."""
    lowered = normalise(text)
    analysis = VerbAnalysis()
    table = PREAMBLE_VERBS if preamble else OPERATIVE_VERBS
    lead_language = language
    lead_end = 0
    for lang in _languages(language):
        match = _leading_pattern(lang, preamble).match(lowered)
        if match:
            verb = match.group("verb")
            analysis.hits.append(
                VerbHit(verb, table[lang][verb], _clause(lowered[match.end() :], lang))
            )
            lead_language = lang
            lead_end = match.end()
            break
    if preamble:
        return analysis
    pattern = _coordinated_pattern(lead_language)
    # Only verb-led paragraphs coordinate further verbs; elsewhere "and requests" is a noun.
    if pattern is not None and analysis.hits:
        for match in pattern.finditer(lowered, lead_end):
            verb = match.group("verb")
            analysis.hits.append(
                VerbHit(
                    verb,
                    OPERATIVE_VERBS[lead_language][verb],
                    _clause(lowered[match.end() :], lead_language),
                )
            )
    return analysis


def _clause(rest: str, language: str) -> str:
    """The words right after a verb that name its addressees."""
    rest = rest.lstrip(" ,")
    for modifier in sorted(VERB_MODIFIERS.get(language, ()), key=len, reverse=True):
        if rest.startswith(modifier + " ") or rest.startswith(modifier + ","):
            rest = rest[len(modifier) :].lstrip(" ,")
            break
    for opener in _OBJECT_OPENERS.get(language, ()):
        if rest.startswith(opener + " "):
            rest = rest[len(opener) :].lstrip()
            break
    end = len(rest)
    for pattern in ADDRESS_CLAUSE_END.get(language, (r"[:;]",)):
        match = re.search(pattern, rest)
        if match and match.start() < end:
            end = match.start()
    clause = rest[:end]
    if language not in _UNSPACED:
        clause = " ".join(clause.split()[:ADDRESS_CLAUSE_MAX_WORDS])
    else:
        clause = clause[: ADDRESS_CLAUSE_MAX_WORDS * 2]
    return clause.strip()


def addressees(analysis: VerbAnalysis) -> list[str]:
    """Addressee categories named after addressee-taking verbs, in canonical order.

    ``other`` means such a verb addresses someone the lexicon does not know, which is
    worth a person's look; verbs like "endorses" address no one and add nothing.
    """
    found: set[str] = set()
    for hit in analysis.hits:
        if hit.action not in ADDRESSEE_ACTIONS:
            continue
        matched = False
        for category, patterns in ADDRESSEE_PATTERNS.items():
            if any(re.search(pattern, hit.clause, re.IGNORECASE) for pattern in patterns):
                found.add(category)
                matched = True
        if not matched and hit.clause:
            found.add("other")
    return [category for category in ADDRESSEE_CATEGORIES if category in found]
