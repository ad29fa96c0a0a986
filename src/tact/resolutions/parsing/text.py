"""Line-level reading of light Markdown: footnotes, units (logical paragraphs), labels.

Real uploads are messy: indentation and bullets do not reflect structure, page
footnote blocks interrupt lists, letters mix Cyrillic and Latin. This module therefore
only records what each paragraph *says* (its label, emphasis, text, footnote markers) and
leaves nesting to the list builder, which decides from label sequences, not layout.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Final

#: Footnote markers survive cleaning as these private-use brackets around the id, so
#: that merging lines keeps them and their final offset in the clean text is exact.
MARK_OPEN: Final[str] = "\ue000"
MARK_CLOSE: Final[str] = "\ue001"
_MARKER = re.compile(MARK_OPEN + r"([^" + MARK_CLOSE + r"]+)" + MARK_CLOSE)

_SUPERSCRIPT_DIGITS: Final[dict[str, str]] = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
}
_SUP_CLASS = "[" + "".join(_SUPERSCRIPT_DIGITS) + "]"

_SEPARATOR = re.compile(r"^\s*(?:-{3,}|_{3,}|\*{3,}|(?:\*\s+){2,}\*|(?:-\s+){2,}-)\s*$")
_SETEXT_H1 = re.compile(r"^\s*={3,}\s*$")
_FOOTNOTE_SUP_DEF = re.compile(r"^\s*(?:[-*+]\s+)?<sup>\s*\**\s*(\w+)\s*\**\s*</sup>\s*(.*)$")
_FOOTNOTE_MD_DEF = re.compile(r"^\s*\[\^(\w+)\]:\s*(.*)$")
_FOOTNOTE_UNI_DEF = re.compile(r"^\s*(" + _SUP_CLASS + r"+)\s*(.*)$")
_FOOTNOTE_BARE_DEF = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
#: ``1. text`` after a separator (PDF renderings number notes like paragraphs).
_FOOTNOTE_DOT_DEF = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
#: ``[1] text`` / ``[*] text`` at the start of a line is a note wherever it stands.
_FOOTNOTE_BRACKET_DEF = re.compile(r"^\s*\\?\[(\d{1,3}|\*)\\?\]\s*(\S.*)$")
#: ``* text`` (or ``\\* text``) after a separator: the star note of a title.
_FOOTNOTE_STAR_DEF = re.compile(r"^\s*(?:\\\*|\*)\s*(?![(\[])(\S.*)$")
#: ``text [1],`` / ``text[1]`` cites note 1 (Markdown links ``[1](...)`` excluded).
_BRACKET_REF = re.compile(r"(?<=[^\s\[])\s?\\?\[(\d{1,3}|\*)\\?\](?![(:])")
#: A digit glued to a word ("thereto1,") or after a space before punctuation ("rapportant 1,").
_GLUED_REF = r"(?<=[^\W\d_])(\d{1,2})(?=[,.;:)\s]|$)"
_SPACED_REF = r"(?<=[^\W\d_]) (\d{1,2})(?=[ \u00a0\u202f]?[,.;:)]|\s*$)"
_BULLET = re.compile(r"^(?:[-+•·–—▪◦]|\*(?=\s))\s+")
_HEADING = re.compile(r"^#{1,6}\s+")
_LABEL = re.compile(
    r"^(?P<pre>[*_]{0,3})\(?"
    r"(?:(?P<num>\d{1,3})[.)]|(?P<alpha>[ivxlcdm]{2,7}|[a-zа-яёі])\))"
    r"(?P<post>[*_]{0,3})(?:\s+|$)(?P<rest>.*)$",
    re.S,
)
_LEAD_ITALIC = re.compile(r"^(?:\*(?!\*)([^*]+?)\*(?!\*)|_(?!_)([^_]+?)_(?!_))")


@dataclass
class Unit:
    """One logical paragraph of the source, with what the structure parser needs."""

    raw: str
    text: str
    label: str = ""
    bold: bool = False
    italic: bool = False
    heading: bool = False
    lead_italic: str = ""


@dataclass
class Source:
    """The document split into units, plus the footnote texts found anywhere in it."""

    units: list[Unit] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    #: The source lines with footnote definitions blanked out (reports read lines).
    lines: list[str] = field(default_factory=list)


def split_markers(text: str) -> tuple[str, list[str], dict[str, int]]:
    """Remove footnote placeholders: clean text, ids in order, and their offsets."""
    out: list[str] = []
    ids: list[str] = []
    offsets: dict[str, int] = {}
    position = 0
    length = 0
    for match in _MARKER.finditer(text):
        chunk = text[position : match.start()]
        out.append(chunk)
        length += len(chunk)
        key = match.group(1)
        if key not in ids:
            ids.append(key)
            offsets[key] = length
        position = match.end()
    out.append(text[position:])
    return "".join(out), ids, offsets


def strip_markers(text: str) -> str:
    """Text without footnote placeholders."""
    return _MARKER.sub("", text)


def clean_inline(text: str) -> str:
    """Drop Markdown/HTML markup, keep words; footnote markers become placeholders."""
    text = html.unescape(text)
    text = re.sub(
        r"<sup>\s*\**\s*(\w+)\s*\**\s*</sup>", lambda m: MARK_OPEN + m.group(1) + MARK_CLOSE, text
    )
    text = re.sub(r"\[\^(\w+)\]", lambda m: MARK_OPEN + m.group(1) + MARK_CLOSE, text)
    text = _BRACKET_REF.sub(lambda m: MARK_OPEN + m.group(1) + MARK_CLOSE, text)
    text = re.sub(r"(?<=\S)\\\*(?=[\s,.;:]|$)", MARK_OPEN + "*" + MARK_CLOSE, text)
    text = re.sub(
        r"(?<=[^\W\d_])(" + _SUP_CLASS + r"+)|(?<=[,.;:)])(" + _SUP_CLASS + r"+)",
        lambda m: (
            MARK_OPEN
            + "".join(_SUPERSCRIPT_DIGITS[ch] for ch in (m.group(1) or m.group(2)))
            + MARK_CLOSE
        ),
        text,
    )
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    escaped: list[str] = []

    def keep_escape(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\ue002{len(escaped) - 1}\ue003"

    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", keep_escape, text)
    text = text.replace("*", "")
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)
    text = re.sub(r"\ue002(\d+)\ue003", lambda m: escaped[int(m.group(1))], text)
    text = re.sub(r"[ \t\u00a0\u202f\u2009]+", " ", text)
    text = re.sub(r" +(" + MARK_OPEN + ")", r"\1", text)
    return text.strip()


def read_source(markdown: str) -> Source:
    """Split Markdown-ish text into units and footnote definitions."""
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cited = cited_ids("\n".join(lines))
    kept, footnotes = _extract_footnotes(lines, cited)
    units = _units(kept)
    explicit: set[str] = set()
    for unit in units:
        _, ids, _ = split_markers(unit.text)
        explicit.update(ids)
    implicit = {key for key in footnotes if key not in explicit}
    if implicit:
        for unit in units:
            unit.text = _mark_trailing_digits(unit.text, implicit)
        # "rapportant 1," (a space before the call) only counts for notes still uncited,
        # and only at the first occurrence, so "article 5," elsewhere stays text.
        found: set[str] = set()
        for unit in units:
            _, ids, _ = split_markers(unit.text)
            found.update(ids)
        for unit in units:
            unit.text = _mark_spaced_digits(unit.text, implicit - found, found)
        if "*" in implicit - found:
            for unit in units:
                unit.text = _mark_star(unit.text)
    return Source(units=units, footnotes=footnotes, lines=kept)


def mark_calls(text: str, ids: frozenset[str] | set[str]) -> str:
    """Mark glued calls ("funding1") of notes ``ids`` in text read line by line."""
    return _mark_trailing_digits(text, set(ids)) if ids else text


def cited_ids(text: str) -> set[str]:
    """Every footnote id that the text seems to cite, in any common marker style."""
    ids: set[str] = set(re.findall(r"<sup>\s*\**\s*(\w+)\s*\**\s*</sup>", text))
    ids.update(re.findall(r"\[\^(\w+)\]", text))
    ids.update(_BRACKET_REF.findall(text))
    ids.update(re.findall(_GLUED_REF, text))
    ids.update(re.findall(_SPACED_REF, text, flags=re.M))
    for group in re.findall(r"(?<=[^\W\d_])(" + _SUP_CLASS + r"+)", text):
        ids.add("".join(_SUPERSCRIPT_DIGITS[ch] for ch in group))
    if re.search(r"(?<=\S)\\\*", text) or re.search(r"[^\W_]\*(?=\s*$)", text, flags=re.M):
        ids.add("*")
    return ids


def _mark_trailing_digits(text: str, ids: set[str]) -> str:
    """Turn "ней1," into a marker when 1 is a footnote nobody cites explicitly."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        return MARK_OPEN + key + MARK_CLOSE if key in ids else key

    return re.sub(_GLUED_REF, replace, text)


def _mark_spaced_digits(text: str, ids: set[str], found: set[str]) -> str:
    """Turn "rapportant 1," into a marker, once per note (``found`` records it)."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in ids and key not in found:
            found.add(key)
            return MARK_OPEN + key + MARK_CLOSE
        return match.group(0)

    return re.sub(_SPACED_REF, replace, text)


def _mark_star(text: str) -> str:
    """A star left glued at the end of a title or sentence calls the star note."""
    return re.sub(r"(?<=[^\W_]|[.,;:)])\*(?=\s*$)", MARK_OPEN + "*" + MARK_CLOSE, text, count=1)


def _extract_footnotes(
    lines: list[str], cited: set[str] | None = None
) -> tuple[list[str], dict[str, str]]:
    """Pull footnote definitions out of the line stream; blank lines keep boundaries.

    Recognised: ``<sup>1</sup> text``, ``[^1]: text`` and ``[1] text`` anywhere,
    ``¹ text`` anywhere, ``1 text`` / ``1. text`` / ``* text`` right after a ``---`` or
    ``____`` separator or in a block of such lines that ends the document, when the text
    cites that note. Continuation lines directly under a definition belong to it.
    """
    cited = cited if cited is not None else cited_ids("\n".join(lines))
    footnotes: dict[str, str] = {}
    kept: list[str] = []
    in_block = False
    current: str | None = None
    tail_start = _bare_tail_start(lines, cited)
    for index, line in enumerate(lines):
        if _SEPARATOR.match(line) or re.match(r"^\s*_{3,}\s*$", line):
            kept.append("")
            in_block = True
            current = None
            continue
        definition = _definition(line, bare=in_block or index >= tail_start, cited=cited)
        if definition is not None:
            key, text = definition
            footnotes[key] = text
            current = key
            kept.append("")
            in_block = True
            continue
        if not line.strip():
            current = None
            kept.append("")
            continue
        if current is not None and not _LABEL.match(_BULLET.sub("", line.strip())):
            footnotes[current] = f"{footnotes[current]} {clean_inline(line)}".strip()
            kept.append("")
            continue
        in_block = False
        current = None
        kept.append(line)
    return kept, footnotes


def _definition(line: str, *, bare: bool, cited: set[str]) -> tuple[str, str] | None:
    """``(id, text)`` if ``line`` defines a footnote."""
    for pattern in (_FOOTNOTE_SUP_DEF, _FOOTNOTE_MD_DEF, _FOOTNOTE_BRACKET_DEF):
        match = pattern.match(line)
        if match:
            return match.group(1), strip_markers(clean_inline(match.group(2)))
    match = _FOOTNOTE_UNI_DEF.match(line)
    if match:
        key = "".join(_SUPERSCRIPT_DIGITS[ch] for ch in match.group(1))
        return key, strip_markers(clean_inline(match.group(2)))
    if bare:
        match = _FOOTNOTE_BARE_DEF.match(line)
        if match:
            return match.group(1), strip_markers(clean_inline(match.group(2)))
        match = _FOOTNOTE_DOT_DEF.match(line)
        if match and match.group(1) in cited:
            return match.group(1), strip_markers(clean_inline(match.group(2)))
        match = _FOOTNOTE_STAR_DEF.match(line)
        if match and "*" in cited and not _LABEL.match(match.group(1)):
            return "*", strip_markers(clean_inline(match.group(1)))
    return None


def _bare_tail_start(lines: list[str], cited: set[str]) -> int:
    """Index where a final block of ``N text`` / ``N. text`` / ``* text`` notes starts.

    Walking up from the end, a line belongs to the block only when the text cites that
    note (``N. text`` needs a call glued to a word, as "thereto1,", because "3." at the
    end of a document is usually a paragraph). ``len(lines)`` when there is no block.
    """
    text = "\n".join(lines)
    glued = set(re.findall(_GLUED_REF, text))
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        bare = _FOOTNOTE_BARE_DEF.match(line)
        dot = _FOOTNOTE_DOT_DEF.match(line)
        if (bare and bare.group(1) in cited) or (dot and dot.group(1) in glued):
            start = index
            continue
        if "*" in cited and _FOOTNOTE_STAR_DEF.match(line) and not _BULLET.match(line):
            start = index
            continue
        break
    return start


def _units(lines: list[str]) -> list[Unit]:
    """Group lines into logical paragraphs and read labels and emphasis."""
    groups: list[tuple[list[str], bool]] = []  # (lines, heading)
    previous_blank = True
    for line in lines:
        stripped = line.strip()
        while stripped.startswith(">"):
            stripped = stripped[1:].strip()
        if not stripped:
            previous_blank = True
            continue
        if _SETEXT_H1.match(stripped) and groups and not previous_blank:
            groups[-1] = (groups[-1][0], True)
            continue
        heading = bool(_HEADING.match(stripped))
        stripped = _HEADING.sub("", stripped)
        bulleted = bool(_BULLET.match(stripped))
        stripped = _BULLET.sub("", stripped)
        starts_new = (
            previous_blank
            or heading
            or bulleted
            or bool(_LABEL.match(stripped))
            or not groups
            or groups[-1][1]
            or _is_wrapped(groups[-1][0][-1], "**")
        )
        if starts_new:
            groups.append(([stripped], heading))
        else:
            groups[-1][0].append(stripped)
        previous_blank = False
    return [_make_unit(" ".join(parts), heading) for parts, heading in groups]


def _is_wrapped(text: str, marker: str) -> bool:
    """True if the whole of ``text`` sits inside one ``marker`` pair."""
    inner = text.strip()
    if len(inner) <= 2 * len(marker) or not (inner.startswith(marker) and inner.endswith(marker)):
        return False
    core = inner[len(marker) : -len(marker)]
    if marker == "*":
        return not core.startswith("*") and "*" not in core.replace("**", "")
    return marker not in core


def _make_unit(raw: str, heading: bool) -> Unit:
    """Read label, emphasis and clean text of one logical paragraph."""
    label = ""
    rest = raw
    match = _LABEL.match(raw)
    if match:
        label = match.group("num") or match.group("alpha") or ""
        pre, post = match.group("pre"), match.group("post")
        rest = match.group("rest")
        if pre and pre != post:
            rest = pre + rest
    body = rest.strip()
    bold = _is_wrapped(body, "**") or (body.startswith("**") and body.endswith("**"))
    italic = not bold and (_is_wrapped(body, "*") or _is_wrapped(body, "_"))
    lead = _LEAD_ITALIC.match(body)
    lead_italic = ""
    if lead:
        lead_italic = strip_markers(clean_inline(lead.group(1) or lead.group(2) or ""))
    return Unit(
        raw=raw,
        text=clean_inline(body),
        label=label,
        bold=bold,
        italic=italic,
        heading=heading,
        lead_italic=lead_italic,
    )
