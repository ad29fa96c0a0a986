"""Remove page furniture from text copied out of UN PDFs before the structure is read.

A PDF rendering repeats on every page what is not part of the document: the job number
(``GE.22-12345 (E)``, ``V.12-57118``), the document symbol (``A/HRC/49/7``), the page
number and sometimes the title, and it hyphenates words at line ends. Left in place,
these end up inside the text of whichever recommendation straddles the page break.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Final

#: Job numbers of the UN printing services (Geneva, Vienna, New York) with optional
#: language tag and the barcode line printed under them (``*2212345*``).
_JOB_NUMBER: Final = re.compile(
    r"^\s*(?:(?:\d{1,4}\s+)?(?:GE|V|N|E)\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\S+)*|\*\d{7,}\*)\s*$"
)
#: A UN document symbol alone on a line (A/HRC/49/7, CTOC/COP/2012/15, CRC/C/GBR/CO/6).
_SYMBOL_LINE: Final = re.compile(
    r"^\s*(?:[A-Z]{1,8}/)(?:[A-Za-z0-9.\-]+/){1,6}[A-Za-z0-9.\-]+(?:\*+)?\s*$"
)
#: Page numbers: "12", "- 12 -", "12/25", "Page 12", "Стр. 12".
_PAGE_NUMBER: Final = re.compile(
    r"^\s*(?:-\s*\d{1,4}\s*-|\d{1,4}(?:\s*/\s*\d{1,4})?|(?:page|стр\.|página)\s+\d{1,4})\s*$",
    re.IGNORECASE,
)
_HYPHENATED: Final = re.compile(r"([^\W\d_]{2,})-\n[ \t]*([a-zа-яàâçéèêëîïôûùüÿñæœ]{2,})")
_LABELLED: Final = re.compile(r"^\s*(?:\(?\w{1,4}[.)]|\d+(?:\.\d+)+\.?)\s")


def remove_furniture(text: str) -> str:
    """Text without running headers/footers and without line-end hyphenation.

    The first occurrence of the document symbol is kept (it identifies the document);
    later ones are running headers. A short line repeated three times or more, or standing
    in the same block as a repeated symbol or a page number, is a running title.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = arabic_presentation_forms(text)
    text = _join_hyphenation(text)
    lines = text.split("\n")
    counts = Counter(line.strip() for line in lines if line.strip())
    seen: set[str] = set()
    drop = [False] * len(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        repeated = stripped in seen and (
            bool(_SYMBOL_LINE.match(stripped)) or (counts[stripped] >= 3 and _title_like(stripped))
        )
        if repeated or _JOB_NUMBER.match(stripped) or _PAGE_NUMBER.match(stripped):
            drop[index] = True
        seen.add(stripped)
    # A short title line right next to a dropped symbol or page number is a running header.
    # Only the neighbours: PDF text often has no blank lines, and a whole page is one block.
    for index, line in enumerate(lines):
        stripped = line.strip()
        if drop[index] or not stripped or not _title_like(stripped) or len(stripped) > 80:
            continue
        near = [i for i in (index - 1, index + 1) if 0 <= i < len(lines)]
        if any(drop[i] and not _JOB_NUMBER.match(lines[i].strip()) for i in near):
            drop[index] = True
    return "\n".join("" if drop[i] else line for i, line in enumerate(lines))


def _title_like(line: str) -> bool:
    """Short, unlabelled, not ending a sentence: what running titles look like."""
    ends_sentence = line.endswith((".", ";", ",", ":"))
    return len(line) <= 120 and not _LABELLED.match(line) and not ends_sentence


def _join_hyphenation(text: str) -> str:
    """``organi-\\nzation`` -> ``organization``; a hyphen seen elsewhere is kept."""
    words = set(re.findall(r"\b[^\W\d_]+-[^\W\d_]+\b", text))

    def join(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        compound = f"{first}-{second}"
        return compound if compound in words else first + second

    return _HYPHENATED.sub(join, text)


_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")


def arabic_presentation_forms(text: str) -> str:
    """Arabic letters copied from PDFs as presentation forms (ﺍﻟﻤﺎﺩﺓ) back to letters."""
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
