"""Find and resolve cross-references between provisions of a State's laws.

Why: national provisions often say what they are about only through a reference - the French
CESEDA grants a residence permit to a foreigner who complains of "les infractions visées aux
articles 225-4-1 à 225-4-6 du code pénal" without ever writing "traite des êtres humains".
Resolving the reference and borrowing the cited provision's heading and division ("De la
traite des êtres humains") gives the ranker the missing topic, as a reader would.

Resolution is conservative: numbers that are unique by construction (hyphenated or prefixed,
'225-4-1', 'L622-1') are looked up across all files of the State; plain numbers ('artículo
34', 'section 1591') only within the citing file, because two laws of one State both have an
article 34.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from tact.legislation.text.splitter import SplitProvision
from tact.search.analysis import canonical_language

__all__ = ["cited_numbers", "reference_context"]

_NUM = r"(?:L\.?\s*|R\.?\s*|D\.?\s*)?\d+(?:-\d+)*(?:\s*(?:bis|ter|quater))?"
_KEYWORDS: dict[str, str] = {
    "fr": r"\barticles?",
    "es": r"\bart[íi]culos?",
    "en": r"\b(?:sections?|§§?|articles?)",
    "ru": r"\bстат(?:ья|ьи|ье|ей|ьям|ьях|ьями|ью)",
    "ar": r"(?:ال)?ماد(?:ة|ه|تين|تان|ات)",
}
_LIST_SEP = r"(?:\s*(?:,|et|à|a|y|and|or|to|through|и|و|-)\s*)+"


def cited_numbers(text: str, language: str) -> list[str]:
    """Provision numbers cited in *text*: 'articles 225-4-1 à 225-4-6 et 225-5' -> ['225-4-1',
    '225-4-6', '225-5'].  Range end-points are returned, not the numbers in between."""
    lang = canonical_language(language)
    keyword = _KEYWORDS.get(lang, _KEYWORDS["en"])
    pattern = re.compile(rf"{keyword}\s*((?:{_NUM})(?:{_LIST_SEP}(?:{_NUM}))*)", re.IGNORECASE)
    found: list[str] = []
    for match in pattern.finditer(text):
        for num in re.findall(_NUM, match.group(1)):
            found.append(re.sub(r"[\s.]", "", num))
    return list(dict.fromkeys(found))


def _unique_number(num: str) -> bool:
    return "-" in num or num[:1].isalpha()


def reference_context(
    documents: Mapping[str, Sequence[SplitProvision]], language_of: Mapping[str, str]
) -> dict[tuple[str, str], str]:
    """For each (document key, eid), the headings/divisions of the provisions it cites.

    *documents* maps a document key (file name, work URI ...) to its provisions and
    *language_of* the key to its language.  Self-references are ignored.
    """
    by_doc: dict[str, dict[str, SplitProvision]] = {}
    global_index: dict[str, list[SplitProvision]] = {}
    for key, provisions in documents.items():
        table = {p.num: p for p in provisions if p.num}
        by_doc[key] = table
        for num, prov in table.items():
            if _unique_number(num):
                global_index.setdefault(num, []).append(prov)
    out: dict[tuple[str, str], str] = {}
    for key, provisions in documents.items():
        lang = language_of.get(key, "en")
        for prov in provisions:
            parts: list[str] = []
            for num in cited_numbers(prov.text, lang):
                if num == prov.num:
                    continue
                targets: list[SplitProvision] = []
                if num in by_doc[key]:
                    targets = [by_doc[key][num]]
                elif _unique_number(num) and len(global_index.get(num, [])) == 1:
                    targets = global_index[num]
                for target in targets:
                    parts.extend(t for t in (target.division, target.heading) if t)
            if parts:
                out[(key, prov.eid)] = "\n".join(dict.fromkeys(parts))
    return out
