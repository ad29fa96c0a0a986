"""Entry points: bytes or Markdown in, :class:`ParsedResolution` out.

A UN resolution has a fixed shape (title, adopting body, preamble, numbered operative
paragraphs, optional annex with lettered recommendations); this module assigns each
unit of the source to one of those zones and delegates nesting to
:mod:`tact.resolutions.parsing.lists` and verb reading to
:mod:`tact.resolutions.parsing.verbs`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tact.resolutions.parsing.akn_reader import parse_akn
from tact.resolutions.parsing.errors import ResolutionImportError
from tact.resolutions.parsing.furniture import remove_furniture
from tact.resolutions.parsing.language import detect_language, normalise_language
from tact.resolutions.parsing.lexicon import (
    ANNEX_HEADING,
    BODY_OPENING,
    DECISION_WORDS,
    NUMBER_HEADING,
    UN_SYMBOL,
)
from tact.resolutions.parsing.lists import Draft, ListBuilder
from tact.resolutions.parsing.model import (
    Annex,
    Node,
    NodeKind,
    ParsedResolution,
    PreambleParagraph,
)
from tact.resolutions.parsing.reports import detect_report, parse_report
from tact.resolutions.parsing.sources import (
    DEFAULT_MAX_SIZE,
    check_docx_container,
    decode_text,
    docx_to_markdown,
    source_kind,
)
from tact.resolutions.parsing.text import Unit, read_source, split_markers, strip_markers
from tact.resolutions.parsing.themes import suggest_articles, suggest_themes
from tact.resolutions.parsing.verbs import addressees, analyse, normalise

MAX_SIZE = DEFAULT_MAX_SIZE

_ANNEX_RE = re.compile(ANNEX_HEADING, re.IGNORECASE)
_BODY_RE = re.compile(BODY_OPENING, re.IGNORECASE)
_NUMBER_RE = re.compile(NUMBER_HEADING, re.IGNORECASE)
_SYMBOL_RE = re.compile(UN_SYMBOL)


def parse_resolution(
    data: bytes,
    filename: str,
    language: str | None = None,
    *,
    max_size: int = DEFAULT_MAX_SIZE,
) -> ParsedResolution:
    """Parse an uploaded resolution or decision (.txt, .md or .docx).

    ``language`` overrides detection (``ru``, ``en``, ``fr``, ``es``, ``ar``, ``zh``).
    Raises :class:`ResolutionImportError` with a stable ``code`` for every rejected file.
    """
    if not data or not data.strip():
        raise ResolutionImportError("The file is empty.", code="empty")
    if len(data) > max_size:
        raise ResolutionImportError(
            f"The file is {_megabytes(len(data))}; the limit is {_megabytes(max_size)}.",
            code="too_large",
        )
    chosen = normalise_language(language) if language else None
    kind = source_kind(data, filename)
    if kind == "xml":
        return parse_akn(data, language=chosen)
    if kind == "docx":
        check_docx_container(data, max_size)
        markdown = docx_to_markdown(data)
    else:
        markdown = decode_text(data)
    if not markdown.strip():
        raise ResolutionImportError("The file contains no text.", code="empty")
    return parse_markdown(markdown, language=chosen)


def _megabytes(size: int) -> str:
    """Human-readable size for messages."""
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def parse_markdown(markdown: str, *, language: str | None = None) -> ParsedResolution:
    """Parse already-decoded light Markdown (also used for pasted text)."""
    markdown = remove_furniture(markdown)
    report = detect_report(markdown)
    if report is not None:
        chosen = normalise_language(language) if language else None
        parsed = parse_report(markdown, report, language=chosen)
        if parsed.operative:
            return parsed
    source = read_source(markdown)
    units = [unit for unit in source.units if strip_markers(unit.text).strip()]
    if not units:
        raise ResolutionImportError("The file contains no text.", code="empty")
    lang = (
        normalise_language(language)
        if language
        else detect_language("\n".join(strip_markers(unit.text) for unit in units))
    )

    annex_at = next(
        (i for i, unit in enumerate(units) if _ANNEX_RE.match(strip_markers(unit.text))), None
    )
    before_annex = units[:annex_at] if annex_at is not None else units
    first_label = next((i for i, unit in enumerate(before_annex) if unit.label), None)
    pre_end = first_label if first_label is not None else len(before_annex)

    resolution = ParsedResolution(title="", body="", language=lang, footnotes=source.footnotes)
    _read_front(units[:pre_end], resolution, lang)

    operative = ListBuilder(prefix="op")
    _fill(operative, before_annex[pre_end:], resolution, zone="the operative part")
    resolution.operative = _finish(operative.roots, lang, annex=False, inherited=[])
    resolution.warnings.extend(operative.warnings)

    if annex_at is not None:
        resolution.annex = _read_annex(units[annex_at:], resolution, lang)

    if not resolution.operative and not (resolution.annex and resolution.annex.items):
        raise ResolutionImportError(
            "No numbered operative paragraphs (1., 2., ...) or lettered annex items "
            "(a), b), ...) were found, so this does not look like a resolution or decision.",
            code="no_operative_paragraphs",
        )
    return resolution


# --------------------------------------------------------------------------------------
# Title, symbol, body, preamble
# --------------------------------------------------------------------------------------
def _read_front(units: Sequence[Unit], resolution: ParsedResolution, language: str) -> None:
    """Split the units before the first label into header, body and preamble."""
    body_at = _find_body(units, language)
    if body_at is None:
        header_end = next(
            (i for i, unit in enumerate(units) if _is_preambular(unit, language)), len(units)
        )
        if header_end == len(units) and len(units) > 1:
            header_end = 1  # no body, no recognisable preamble: only the first line is a title
        preamble_start = header_end
    else:
        header_end = body_at
        preamble_start = body_at + 1
        body = strip_markers(units[body_at].text).strip()
        resolution.body = body.rstrip(",:;，：；、،؛").rstrip()

    title_parts: list[str] = []
    for unit in units[:header_end]:
        text = strip_markers(unit.text).strip()
        number = _NUMBER_RE.match(text)
        symbol = _SYMBOL_RE.search(text)
        if symbol and not resolution.symbol:
            resolution.symbol = symbol.group(0)
        if number:
            kind = (number.group("kind") or "").lower()
            if not resolution.symbol or not _SYMBOL_RE.fullmatch(resolution.symbol):
                resolution.symbol = (
                    f"{number.group('kind')} {number.group('number')}"
                    if number.group("kind")
                    else number.group("number")
                )
            if kind in DECISION_WORDS:
                resolution.doc_type = "decision"
            text = number.group("rest").strip()
        elif symbol and symbol.group(0) == text:
            continue
        if text and not title_parts:
            title_parts.append(text)
    resolution.title = title_parts[0] if title_parts else ""
    lowered_title = normalise(resolution.title)
    if any(lowered_title.startswith(word) for word in DECISION_WORDS):
        resolution.doc_type = "decision"

    for unit in units[preamble_start:]:
        resolution.preamble.append(_preamble_paragraph(unit, language))


def _find_body(units: Sequence[Unit], language: str) -> int | None:
    """Index of the sentence naming the adopting body ("The Conference ...,")."""
    for index, unit in enumerate(units):
        text = strip_markers(unit.text).strip()
        if _BODY_RE.match(normalise(text)) and not _is_preambular(unit, language):
            if index == 0 and (unit.bold or unit.heading) and len(units) > 1:
                continue  # a bold first line naming the body is the title, not the formula
            return index
    for index, unit in enumerate(units):
        if index == 0 and len(units) > 1 and (unit.bold or unit.heading):
            continue
        text = strip_markers(unit.text).rstrip()
        if text.endswith(",") and not _is_preambular(unit, language):
            return index
    return None


def _is_preambular(unit: Unit, language: str) -> bool:
    """True if the unit opens with a preambular participle."""
    return bool(analyse(strip_markers(unit.text), language, preamble=True).hits)


def _preamble_paragraph(unit: Unit, language: str) -> PreambleParagraph:
    """A preambular paragraph with its participle and footnotes."""
    text, ids, offsets = split_markers(unit.text)
    analysis = analyse(text, language, preamble=True)
    verb, action = analysis.verb, analysis.action
    words = normalise(unit.lead_italic).split(",")[0].split()
    if not verb and words:
        # Italic marks the participle even when the lexicon does not know it.
        verb = words[0]
    return PreambleParagraph(
        text=text.strip(), verb=verb, action=action, footnotes=ids, footnote_offsets=offsets
    )


# --------------------------------------------------------------------------------------
# Operative part and annex
# --------------------------------------------------------------------------------------
def _fill(
    builder: ListBuilder, units: Sequence[Unit], resolution: ParsedResolution, *, zone: str
) -> None:
    """Feed labelled units to the builder; unlabelled ones continue the current node."""
    for unit in units:
        if unit.label:
            builder.add(unit.label, unit.text).lead_italic = unit.lead_italic
        elif builder.current is not None:
            builder.current.parts.append(unit.text)
        else:
            resolution.warnings.append(
                f"Unnumbered text in {zone} was ignored: {strip_markers(unit.text)[:80]}"
            )


def _read_annex(units: Sequence[Unit], resolution: ParsedResolution, language: str) -> Annex:
    """Heading, title, chapeau and lettered items of the annex."""
    annex = Annex(heading=strip_markers(units[0].text).strip())
    rest = list(units[1:])
    first_item = next((i for i, unit in enumerate(rest) if unit.label), len(rest))
    intro = [strip_markers(unit.text).strip() for unit in rest[:first_item]]
    if len(intro) == 1:
        if intro[0].endswith((":", "：")) and not rest[0].bold:
            annex.chapeau = intro[0]
        else:
            annex.title = intro[0]
    elif intro:
        annex.title = intro[0]
        annex.chapeau = "\n".join(intro[1:])
    builder = ListBuilder(prefix="annex")
    for unit in rest[first_item:]:
        if _ANNEX_RE.match(strip_markers(unit.text)):
            resolution.warnings.append(
                "The document has more than one annex; later annexes were appended to the first."
            )
            continue
        _fill(builder, [unit], resolution, zone="the annex")
    annex.items = _finish(builder.roots, language, annex=True, inherited=[])
    resolution.warnings.extend(builder.warnings)
    return annex


def _kind(depth: int, *, annex: bool) -> NodeKind:
    """Operative paragraphs are paragraphs; everything below or in an annex is an item."""
    if annex:
        return "item" if depth == 0 else "subitem"
    return "paragraph" if depth == 0 else "item" if depth == 1 else "subitem"


def _finish(
    drafts: Sequence[Draft], language: str, *, annex: bool, inherited: list[str]
) -> list[Node]:
    """Turn drafts into nodes: verbs, addressees (inherited when not named), themes."""
    nodes: list[Node] = []
    for draft in drafts:
        text, ids, offsets = split_markers(draft.text)
        text = text.strip()
        analysis = analyse(text, language)
        verb, verbs = analysis.verb, analysis.verbs
        if not verb and draft.lead_italic and len(draft.lead_italic.split()) <= 4:
            # An italic opening is how UN documents mark the verb, even one we do not know.
            verb = normalise(draft.lead_italic).strip(" ,;:")
            verbs = [verb]
        own = addressees(analysis)
        addressed = any(hit.action for hit in analysis.hits) and bool(own)
        node_addressees = own if addressed or draft.depth == 0 else list(inherited)
        node = Node(
            code=draft.code,
            kind=_kind(draft.depth, annex=annex),
            label=draft.label,
            source_label=draft.source_label,
            text=text,
            verb=verb,
            action=analysis.action,
            verbs=verbs,
            actions=analysis.actions,
            addressees=node_addressees,
            footnotes=ids,
            footnote_offsets=offsets,
            themes=suggest_themes(text, language),
            articles=suggest_articles(text, language),
        )
        node.children = _finish(draft.children, language, annex=annex, inherited=node.addressees)
        nodes.append(node)
    return nodes
