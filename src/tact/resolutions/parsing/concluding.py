"""Treaty-body concluding observations in the six UN languages: committee, State, labels.

Real renderings differ in more than words. The Arabic text numbers paragraphs ``٣٤-`` and
letters sub-items ``(أ)``; the Chinese one glues the number to the text (``31.委员会建议``)
and uses full-width punctuation; the Russian one names the State in the genitive
("докладу Казахстана") and may mix a Cyrillic ``а)`` into a Latin a), b), c) list; the
Arabic one prefixes the State with the preposition ``ل`` ("للبنان", "للبوسنة والهرسك").
This module brings labels to the common ``34.`` / ``(a)`` shape before the shared reader
sees them, and reads the committee and the State under review from the title block.
"""

from __future__ import annotations

import re
from typing import Final

_ARABIC_DIGITS: Final = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_FULL_WIDTH: Final = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "．": "."})
#: Arabic sub-item letters in the order UN documents use them (abjad order).
_ARABIC_LETTERS: Final = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
#: Cyrillic letters that look like Latin ones, slipped into a), b), c) lists.
_HOMOGLYPHS: Final = str.maketrans("асеоіх", "aceoix")

_AR_NUMBER: Final = re.compile(r"(?m)^([ \t]*)(\d{1,3})[ \t]*-[ \t]*(?=\S)")
_AR_LETTER: Final = re.compile(r"(?m)^([ \t]*)\(([" + _ARABIC_LETTERS + r"])\)[ \t]*")
_GLUED_NUMBER: Final = re.compile(r"(?m)^([ \t]*)(\d{1,3})\.(?=[^\s\d])")
_GLUED_LETTER: Final = re.compile(r"(?m)^([ \t]*)\(([a-z])\)(?=\S)")
_CYRILLIC_LETTER: Final = re.compile(r"(?m)^([ \t]*\(?)([асеоіх])\)")

_COMMITTEE_LATIN: Final = re.compile(
    r"((?:Committee|Comité|Комитет)\b[^\n.:;*]{3,120}?)(?=\n|\s+\(|$|\.|,|:|\*)"
)
_COMMITTEE_AR: Final = re.compile(r"^(?:ال)?لجنة\s+[^\n:*]{3,120}$")
_COMMITTEE_AR_IN_TITLE: Final = re.compile(r"للجنة\s+(المعنية\s+[^\n:*،]{3,100})")
_COMMITTEE_ZH: Final = re.compile(r"^[^\s\d(（]{2,40}委员会$")

_TITLE: Final = re.compile(
    r"(?:concluding observations|observations finales|observaciones finales|"
    r"заключительные замечания|الملاحظات الختامية|结论性意见|结论意见)",
    re.IGNORECASE,
)
_STATE_PATTERNS: Final[tuple[re.Pattern[str], ...]] = (
    re.compile(r"(?i)\breports?\b.*?\bof\s+(?:the\s+)?(.+)$"),
    re.compile(
        r"(?i)\brapports?\b.*?\b(?:du\s+|de\s+la\s+|de\s+l['’]\s*|des\s+|d['’]\s*|de\s+)"
        r"(.+?)(?:\s+valant\b.*)?$"
    ),
    re.compile(r"(?i)\binformes?\b.*?\b(?:de\s+la\s+|del\s+|de\s+)(.+)$"),
    re.compile(r"(?i)\bдоклад\w*\s+(.+)$"),
    re.compile(r"(?i)\bв\s+отношении\s+(.+?)(?:\s+в\s+условиях\b.*)?$"),
    re.compile(r"关于\s*(.+?)\s*(?:第|初次|首次|首份|合并|定期|的?报告)"),
)
#: States whose Arabic name itself begins with lam: "للبنان" is "ل" + "لبنان".
_AR_LAM_STATES: Final = ("لبنان", "ليبيا", "ليبريا", "لاتفيا", "ليتوانيا", "لكسمبرغ", "ليسوتو")
_AR_REPORT_WORDS: Final = ("لتقرير", "للتقرير", "لتقارير", "للتقارير", "للجنة", "لجنة")


def normalise_labels(markdown: str) -> str:
    """Bring Arabic, Chinese and mixed-script labels to ``34.`` and ``(a)``."""
    text = markdown.translate(_ARABIC_DIGITS).translate(_FULL_WIDTH)
    text = _AR_NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)}. ", text)
    text = _AR_LETTER.sub(
        lambda m: f"{m.group(1)}({chr(ord('a') + _ARABIC_LETTERS.index(m.group(2)))}) ", text
    )
    text = _GLUED_NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)}. ", text)
    text = _GLUED_LETTER.sub(lambda m: f"{m.group(1)}({m.group(2)}) ", text)
    if not re.search(r"(?m)^[ \t]*\(?b\)", text):
        return text  # a genuinely Cyrillic а), б), в) list keeps its letters
    return _CYRILLIC_LETTER.sub(
        lambda m: m.group(1) + m.group(2).translate(_HOMOGLYPHS) + ")", text
    )


def committee_name(lines: list[str]) -> str:
    """The treaty body named in the title block ('' when none is found)."""
    for line in lines:
        found = _COMMITTEE_LATIN.search(line)
        if found:
            return found.group(1).strip()
        stripped = line.strip().rstrip("*").strip()
        if _COMMITTEE_AR.match(stripped) and not _TITLE.search(stripped):
            return stripped
        in_title = _COMMITTEE_AR_IN_TITLE.search(stripped)
        if in_title:
            return "اللجنة " + in_title.group(1).strip()
        compact = stripped.replace(" ", "")
        if _COMMITTEE_ZH.match(compact):
            return compact
    return ""


def observations_title(lines: list[str]) -> str:
    """The "Concluding observations on ..." line, without its footnote star."""
    return next((_clean(line) for line in lines if _TITLE.search(line)), "")


def state_under_review(lines: list[str]) -> str:
    """The State whose report the observations conclude on, as the title spells it."""
    for index, line in enumerate(lines):
        title = _TITLE.search(line)
        if not title:
            continue
        rest = _clean(line[title.end() :])
        state = _arabic_state(rest) if re.search(r"[\u0600-\u06ff]", rest) else ""
        for pattern in _STATE_PATTERNS:
            if state:
                break
            found = pattern.search(rest) or pattern.search(_clean(line))
            state = _clean(found.group(1)) if found else ""
        if not state and rest.startswith(":"):
            state = _clean(rest[1:])
        if not state:
            # Older layout: the State stands alone on the line after the title.
            following = [_clean(other) for other in lines[index + 1 : index + 3]]
            state = next((o for o in following if 2 < len(o) <= 60 and not o.endswith(".")), "")
        return state
    return ""


def _clean(text: str) -> str:
    return text.strip().rstrip("*").strip().rstrip(".،,").strip()


def _arabic_state(rest: str) -> str:
    """'بشأن التقرير الدوري الثالث للبوسنة والهرسك' -> 'البوسنة والهرسك'."""
    rest = rest.split("،")[0].strip()
    words = rest.split()
    start = -1
    for index, word in enumerate(words):
        if word.startswith("ل") and not word.startswith(_AR_REPORT_WORDS):
            start = index
    if start < 0:
        return ""
    first = words[start][1:]
    if first.startswith("ل") and not first.startswith(_AR_LAM_STATES):
        first = "ا" + first  # "لل" is the preposition before the article "ال"
    return " ".join([first, *words[start + 1 :]])


_RU_ENDINGS: Final = ("ого", "его", "ами", "ями", "ых", "их", "ые", "ие", "ой", "ей", "ов", "ом")


def inflection_key(name: str) -> str:
    """A key equal for the Russian nominative and oblique forms of a State name.

    "Казахстана" and "Казахстан", "Словакии" and "Словакия", "Объединенных Арабских
    Эмиратов" and "Объединенные Арабские Эмираты" share one. Other scripts pass casefolded.
    """
    words = []
    for word in name.casefold().replace("ё", "е").split():
        if not re.search(r"[а-я]", word) or len(word) <= 3:
            words.append(word)
            continue
        for ending in _RU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        words.append(word.rstrip("аяоеиыуюйь") or word)
    return " ".join(words)
