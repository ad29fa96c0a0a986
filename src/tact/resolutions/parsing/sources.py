"""Turn uploaded bytes into Markdown-like text, rejecting what is not a resolution file.

Every format is reduced to the same light Markdown (``**bold**``, ``*italic*``,
``<sup>1</sup>`` footnote markers, ``---`` before footnote texts) so that a single
structure parser serves plain text, Markdown and Word files alike. DOCX formatting that
matters for structure (italic preambles and verbs, bold headings, automatic numbering,
real Word footnotes) is translated into that notation here.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any, Final

from lxml import etree

from tact.resolutions.parsing.errors import ResolutionImportError
from tact.resolutions.parsing.table_headers import is_recommendation_header

DEFAULT_MAX_SIZE: Final[int] = 10 * 1024 * 1024
TEXT_EXTENSIONS: Final[frozenset[str]] = frozenset({".txt", ".text", ".md", ".markdown"})
DOCX_EXTENSIONS: Final[frozenset[str]] = frozenset({".docx"})
XML_EXTENSIONS: Final[frozenset[str]] = frozenset({".xml", ".akn"})
#: Decompressed DOCX parts may not exceed this multiple of ``max_size`` (zip bomb guard).
DOCX_EXPANSION_LIMIT: Final[int] = 20

W_NS: Final[str] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W: Final[str] = "{" + W_NS + "}"
FOOTNOTES_RELTYPE: Final[str] = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
)

_MAGIC_NAMES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "a legacy Word (.doc) or other OLE file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
)


def safe_xml_parser() -> Any:
    """An lxml parser that never expands entities nor touches the network.

    Resolution files come from users, so XML inside them is untrusted.
    """
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _sniff(data: bytes) -> str | None:
    """Name the file type announced by magic bytes, if any."""
    head = data[:8]
    for magic, name in _MAGIC_NAMES:
        if head.startswith(magic):
            return name
    return None


def source_kind(data: bytes, filename: str) -> str:
    """Decide between ``"text"`` and ``"docx"`` from the extension, or raise.

    Unknown extensions are refused rather than guessed at, because a wrong guess would
    show the person a confusing structural error instead of "wrong file type".
    """
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix in DOCX_EXTENSIONS:
        return "docx"
    if suffix in TEXT_EXTENSIONS:
        return "text"
    if suffix in XML_EXTENSIONS:
        return "xml"
    if suffix == "":
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xml", b"<akomaNtoso")):
            return "xml"
        return "docx" if data.startswith(b"PK\x03\x04") else "text"
    raise ResolutionImportError(
        f"Files of type '{suffix}' are not supported. Upload a Word document (.docx), "
        "a Markdown file (.md), a plain text file (.txt) or Akoma Ntoso XML (.xml).",
        code="unsupported_type",
    )


# --------------------------------------------------------------------------------------
# Plain text and Markdown
# --------------------------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """Decode a text upload, refusing binary content.

    UTF-8 (with or without BOM) and UTF-16 with BOM are accepted as is; other bytes are
    tried as Windows-1251 (still common for Russian documents) and Windows-1252.
    """
    sniffed = _sniff(data)
    if sniffed is not None:
        raise ResolutionImportError(
            f"The file looks like {sniffed}, not text. Upload the resolution as .docx, "
            ".md or .txt.",
            code="binary",
        )
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    elif b"\x00" not in data:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if text is None or _looks_binary(text):
        raise ResolutionImportError(
            "The file contains binary data, not text. Upload the resolution as .docx, .md or .txt.",
            code="binary",
        )
    return text


def _decode_legacy(data: bytes) -> str | None:
    """Best-effort decoding of pre-Unicode uploads; ``None`` when nothing fits."""
    for encoding in ("cp1251", "cp1252"):
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = [ch for ch in candidate if ch.isalpha()]
        if not letters:
            continue
        if encoding == "cp1251":
            cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
            if cyrillic / len(letters) < 0.5:
                continue
        return candidate
    return None


def _looks_binary(text: str) -> bool:
    """True when control characters or replacement characters dominate the text."""
    if not text:
        return False
    bad = sum(
        1
        for ch in text
        if (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\t\n\r\f\v")
        or ch == "\ufffd"
    )
    return bad > max(2, len(text) // 200)


# --------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------
def check_docx_container(data: bytes, max_size: int) -> None:
    """Refuse PDFs renamed .docx, other ZIPs and zip bombs before python-docx sees them."""
    if not data.startswith(b"PK"):
        sniffed = _sniff(data)
        what = sniffed if sniffed is not None else "not a Word document"
        message = (
            f"The file is named .docx but is {what}. Save it from Word as a .docx file."
            if sniffed is not None
            else "The file is named .docx but is not a Word document. Save it from Word as "
            "a .docx file."
        )
        raise ResolutionImportError(message, code="not_docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ResolutionImportError(
            "The file is named .docx but its ZIP container is damaged.", code="not_docx"
        ) from exc
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise ResolutionImportError(
            "The file is a ZIP archive but not a Word document (.docx).", code="not_docx"
        )
    expanded = sum(info.file_size for info in infos)
    if expanded > max_size * DOCX_EXPANSION_LIMIT:
        raise ResolutionImportError(
            "The Word document expands to too much data to be processed safely.",
            code="too_large",
        )


def docx_to_markdown(data: bytes) -> str:
    """Render a DOCX body as the light Markdown the structure parser reads.

    Italic and bold come from direct formatting or styles; automatic numbering is
    rendered as literal labels; Word footnotes become ``<sup>n</sup>`` markers with their
    texts appended after a ``---`` separator.
    """
    import docx  # local import: text uploads should not pay for python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise ResolutionImportError(
            "The Word document could not be read; it may be damaged or password-protected.",
            code="not_docx",
        ) from exc

    numbering = _Numbering(document)
    lines: list[str] = []
    for paragraph in _body_paragraphs(document):
        if isinstance(paragraph, _TableRows):
            lines.append(_table_markdown(paragraph))
            continue
        line = _paragraph_markdown(paragraph, numbering)
        if line.strip():
            lines.append(line)
    footnotes = _docx_footnotes(document)
    if footnotes:
        lines.append("---")
        lines.extend(f"<sup>{key}</sup> {text}" for key, text in footnotes)
    return "\n\n".join(lines)


def _body_paragraphs(document: Any) -> Iterable[Any]:
    """Body paragraphs in order, including those inside (layout) tables.

    A data table (a thematic list of recommendations) is yielded whole as a
    :class:`_TableRows`, rendered later as Markdown pipe rows for the table parser; a
    layout table only contributes its paragraphs.
    """
    from docx.table import Table

    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            yield block
            continue
        rows = _table_cells(block)
        if rows and is_recommendation_header(rows[0]):
            yield _TableRows(rows)
            continue
        seen: set[int] = set()
        for row in block.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:  # private: merged cells repeat the same element
                    continue
                seen.add(id(cell._tc))
                yield from cell.paragraphs


class _TableRows(list[list[str]]):
    """The cell texts of a Word data table, one list per row."""


def _table_cells(table: Any) -> list[list[str]]:
    """Each row's cell texts; a cell merged across columns counts once, its paragraphs joined."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # private: a horizontally merged cell repeats
                continue
            previous = cell._tc
            text = " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())
            cells.append(text.replace("|", "/"))
        if any(cells):
            rows.append(cells)
    return rows


def _table_markdown(rows: list[list[str]]) -> str:
    """A Markdown pipe table: what the thematic-table parser reads from .md uploads too."""
    width = len(rows[0])
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    return "\n".join(lines)


def _style_chain(style: Any) -> Iterable[Any]:
    """A paragraph or character style followed by the styles it is based on."""
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = getattr(style, "base_style", None)
        seen += 1


def _effective(run_value: bool | None, styles: Iterable[Any], attribute: str) -> bool:
    """Resolve a tri-state run property through the style hierarchy."""
    if run_value is not None:
        return bool(run_value)
    for style in styles:
        font = getattr(style, "font", None)
        value = getattr(font, attribute, None) if font is not None else None
        if value is not None:
            return bool(value)
    return False


def _paragraph_markdown(paragraph: Any, numbering: _Numbering) -> str:
    """One DOCX paragraph as a Markdown line (emphasis, markers, numbering label)."""
    para_styles = list(_style_chain(paragraph.style))
    style_name = str(getattr(paragraph.style, "name", "") or "").lower()
    heading = style_name.startswith(("heading", "title")) or style_name in ("заголовок",)
    segments: list[tuple[str, bool, bool]] = []  # (text or marker, bold, italic)
    for run in paragraph.runs:
        run_styles = [*list(_style_chain(run.style)), *para_styles]
        bold = heading or _effective(run.bold, run_styles, "bold")
        italic = _effective(run.italic, run_styles, "italic")
        superscript = _effective(run.font.superscript, run_styles, "superscript")
        for child in run._r:  # private: python-docx exposes no footnote-reference API
            tag = child.tag
            if tag == _W + "footnoteReference":
                segments.append((f"<sup>{child.get(_W + 'id')}</sup>", False, False))
            elif tag == _W + "t" and child.text:
                text = child.text
                if superscript and text.strip().isdigit():
                    segments.append((f"<sup>{text.strip()}</sup>", False, False))
                else:
                    segments.append((text, bold, italic))
            elif tag in (_W + "tab", _W + "br", _W + "cr"):
                segments.append((" ", bold, italic))
    body = _emphasise(segments)
    label = numbering.label_for(paragraph)
    return f"{label} {body}" if label else body


def _emphasise(segments: list[tuple[str, bool, bool]]) -> str:
    """Merge runs with equal formatting and wrap them in Markdown emphasis.

    Whitespace is kept outside the markers so ``*word *`` never appears.
    """
    merged: list[tuple[str, bool, bool]] = []
    for text, bold, italic in segments:
        if text.startswith("<sup>") and merged:
            # A footnote marker takes the formatting around it, so an italic preambular
            # paragraph citing a footnote stays one italic span.
            merged[-1] = (merged[-1][0] + text, *merged[-1][1:])
            continue
        if merged and merged[-1][1:] == (bold, italic):
            merged[-1] = (merged[-1][0] + text, bold, italic)
        else:
            merged.append((text, bold, italic))
    out: list[str] = []
    for text, bold, italic in merged:
        if not text.strip() or not (bold or italic):
            out.append(text)
            continue
        marker = ("**" if bold else "") + ("*" if italic else "")
        core = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(f"{lead}{marker}{core}{marker[::-1]}{trail}")
    return "".join(out).strip()


def _docx_footnotes(document: Any) -> list[tuple[str, str]]:
    """Footnote texts from the footnotes part, skipping Word's separator pseudo-notes."""
    part = None
    for rel in document.part.rels.values():
        if rel.reltype == FOOTNOTES_RELTYPE and not rel.is_external:
            part = rel.target_part
            break
    if part is None:
        return []
    root = etree.fromstring(part.blob, safe_xml_parser())
    notes: list[tuple[str, str]] = []
    for note in root.iter(_W + "footnote"):
        if note.get(_W + "type") not in (None, "normal"):
            continue
        note_id = note.get(_W + "id") or ""
        text = " ".join("".join(t.text or "" for t in note.iter(_W + "t")).split())
        if note_id and text:
            notes.append((note_id, text))
    return notes


# --------------------------------------------------------------------------------------
# Automatic numbering
# --------------------------------------------------------------------------------------
_ROMAN: Final[tuple[tuple[int, str], ...]] = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def to_roman(value: int) -> str:
    """Lower-case roman numeral for ``value`` (1..3999)."""
    out = []
    for number, letters in _ROMAN:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _format_number(value: int, fmt: str) -> str:
    """Render one counter in a Word ``numFmt``."""
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "lowerRoman":
        return to_roman(value)
    if fmt == "upperRoman":
        return to_roman(value).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


class _Numbering:
    """Enough of Word's numbering engine to print "1.", "a)", "iv)" labels.

    Real UN Word files number operative paragraphs automatically, so without this the
    labels that drive the structure would be invisible.
    """

    def __init__(self, document: Any) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            numbering_root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in numbering_root.iter(_W + "abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl") or 0)
                fmt = _child_val(lvl, "numFmt") or "decimal"
                text = _child_val(lvl, "lvlText") or f"%{ilvl + 1}."
                start = int(_child_val(lvl, "start") or 1)
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(_W + "abstractNumId") or ""] = levels
        for num in numbering_root.iter(_W + "num"):
            num_id = num.get(_W + "numId") or ""
            abstract_id = _child_val(num, "abstractNumId") or ""
            for ilvl, level in abstract.get(abstract_id, {}).items():
                self._levels[(num_id, ilvl)] = level

    def label_for(self, paragraph: Any) -> str:
        """Label text for ``paragraph`` (advancing counters), or "" if not numbered."""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or (num_id, ilvl) not in self._levels:
            return ""
        fmt, template, start = self._levels[(num_id, ilvl)]
        if fmt in ("bullet", "none"):
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]

        def replace(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = self._levels.get((num_id, level), ("decimal", "", 1))
            return _format_number(counters.get(level, level_start), level_fmt)

        return re.sub(r"%(\d)", replace, template).strip()

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str | None, int]:
        """``(numId, ilvl)`` from direct formatting or, failing that, the style chain."""
        candidates = [paragraph._p.pPr]  # private: python-docx has no numbering API
        candidates += [style.element.pPr for style in _style_chain(paragraph.style)]
        for ppr in candidates:
            if ppr is None:
                continue
            num_pr = ppr.find(_W + "numPr")
            if num_pr is None:
                continue
            num_id = _child_val(num_pr, "numId")
            ilvl = int(_child_val(num_pr, "ilvl") or 0)
            if num_id is not None and num_id != "0":
                return num_id, ilvl
        return None, 0


def _child_val(element: Any, name: str) -> str | None:
    """The ``w:val`` of the first ``w:name`` child of ``element``."""
    child = element.find(_W + name)
    if child is None:
        return None
    value = child.get(_W + "val")
    return str(value) if value is not None else None
