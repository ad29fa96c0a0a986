"""Akoma Ntoso 3.0 in: a resolution or decision as ``<akomaNtoso><doc|statement|act>``.

The XML comes from users, so it is parsed with entities, DTDs and network access off and
refused outright when it declares entities (the classic expansion attacks). The tree it
gives is the same as the text parser's: operative ``<paragraph>`` elements, annex
``<item>`` elements under ``<blockList>``/``<list>``, ``<authorialNote>`` footnotes. eIds
written by tact's own export map back to their codes (``para_2`` -> ``op.2``,
``att_1__list_1__item_b__list_1__item_iv`` -> ``annex.b.iv``) so export -> import ->
export is stable; any other eId is kept as the code.
"""

from __future__ import annotations

import re
from typing import Any, Final

from lxml import etree

from tact.resolutions.parsing.errors import ResolutionImportError
from tact.resolutions.parsing.model import Annex, Node, ParsedResolution, PreambleParagraph
from tact.resolutions.parsing.themes import suggest_articles, suggest_themes
from tact.resolutions.parsing.verbs import addressees, analyse

AKN_NS: Final[str] = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_DOCUMENTS: Final[frozenset[str]] = frozenset({"doc", "statement", "act", "bill"})
_LIST_TAGS: Final[frozenset[str]] = frozenset({"blockList", "list"})
_UNIT_TAGS: Final[frozenset[str]] = frozenset({"paragraph", "article", "section", "point"})
_LANGUAGES: Final[dict[str, str]] = {
    "rus": "ru",
    "eng": "en",
    "fra": "fr",
    "spa": "es",
    "ara": "ar",
    "zho": "zh",
    "chi": "zh",
}
_OP_EID = re.compile(r"^para_([^_]+(?:_(?!_)[^_]+)*)((?:__list_\d+__item_[^_]+)*)$")
_ANNEX_EID = re.compile(r"^att_1__list_1__item_([^_]+)((?:__list_\d+__item_[^_]+)*)$")


def looks_like_xml(data: bytes) -> bool:
    """True for an XML upload (declaration or an element first)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:100]
    return head.startswith(b"<?xml") or head.startswith(b"<akomaNtoso")


def parse_akn(data: bytes, *, language: str | None = None) -> ParsedResolution:
    """Read an AKN 3.0 resolution/decision. Raises :class:`ResolutionImportError`."""
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data[:4096], re.IGNORECASE):
        raise ResolutionImportError(
            "The XML file declares a DOCTYPE or entities, which are not accepted.",
            code="bad_xml",
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ResolutionImportError(
            f"The XML file is not well formed: {exc.msg}", code="bad_xml"
        ) from exc
    if _local(root) != "akomaNtoso":
        raise ResolutionImportError(
            "The XML file is not Akoma Ntoso (its root element is not <akomaNtoso>).",
            code="bad_xml",
        )
    document = next((child for child in root if _local(child) in _DOCUMENTS), None)
    if document is None:
        raise ResolutionImportError(
            "The Akoma Ntoso file has no <doc>, <statement> or <act> element.", code="bad_xml"
        )
    notes: dict[str, str] = {}
    lang = language or _language(document)
    name = (document.get("name") or "").lower()
    parsed = ParsedResolution(
        title=_first_text(document, "docTitle") or _alias(document),
        body="",
        language=lang,
        symbol=_first_text(document, "docNumber"),
        doc_type="decision" if "decision" in name else "resolution",
    )
    preamble = _child(document, "preamble")
    if preamble is not None:
        for element in preamble.iter(f"{{{AKN_NS}}}formula"):
            parsed.body = _text(element, notes)[0].rstrip(",،，:; ")
        for element in _preamble_paragraphs(preamble):
            text, ids, offsets = _text(element, notes)
            analysis = analyse(text, lang, preamble=True)
            parsed.preamble.append(
                PreambleParagraph(
                    text=text,
                    verb=analysis.verb,
                    action=analysis.action,
                    footnotes=ids,
                    footnote_offsets=offsets,
                )
            )
    # `or` would test the element's truth (its number of children), not whether it was found
    body = _child(document, "mainBody")
    if body is None:
        body = _child(document, "body")
    if body is not None:
        parsed.operative = [
            _node(unit, lang, notes, prefix="op", depth=0, parent_code="") for unit in _units(body)
        ]
    attachment = next(document.iter(f"{{{AKN_NS}}}attachment"), None)
    if attachment is not None:
        parsed.annex = _annex(attachment, lang, notes)
    parsed.footnotes = notes
    if not parsed.operative and not (parsed.annex and parsed.annex.items):
        raise ResolutionImportError(
            "The Akoma Ntoso file has no operative paragraphs or annex items.",
            code="no_operative_paragraphs",
        )
    return parsed


def code_for_eid(eid: str, *, fallback: str) -> str:
    """tact's own eIds back to codes; other eIds are kept; no eId gives ``fallback``."""
    if not eid:
        return fallback
    for pattern, prefix in ((_OP_EID, "op"), (_ANNEX_EID, "annex")):
        match = pattern.match(eid)
        if match:
            labels = [match.group(1), *re.findall(r"__item_([^_]+)", match.group(2))]
            return ".".join([prefix, *labels])
    if eid.startswith("rec_"):
        return eid[4:].replace("-", ".")
    return eid


# --------------------------------------------------------------------------------------
def _local(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(element: Any, name: str) -> Any:
    return next((child for child in element if _local(child) == name), None)


def _first_text(element: Any, name: str) -> str:
    found = next(element.iter(f"{{{AKN_NS}}}{name}"), None)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _alias(document: Any) -> str:
    for alias in document.iter(f"{{{AKN_NS}}}FRBRalias"):
        if alias.get("name") in ("title", "short"):
            return str(alias.get("value") or "")
    return ""


def _language(document: Any) -> str:
    found = next(document.iter(f"{{{AKN_NS}}}FRBRlanguage"), None)
    code = found.get("language", "") if found is not None else ""
    return _LANGUAGES.get(code, code[:2] if code else "en")


def _text(element: Any, notes: dict[str, str]) -> tuple[str, list[str], dict[str, int]]:
    """Text of ``element`` with ``authorialNote`` texts moved into ``notes``."""
    parts: list[str] = []
    ids: list[str] = []
    offsets: dict[str, int] = {}

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = _local(child)
            if name == "authorialNote":
                marker = child.get("marker") or str(len(notes) + 1)
                notes[marker] = " ".join("".join(child.itertext()).split())
                if marker not in ids:
                    ids.append(marker)
                    offsets[marker] = len(re.sub(r"\s+", " ", "".join(parts)).lstrip())
            elif name in _LIST_TAGS or name in _UNIT_TAGS or name == "num":
                pass  # nested structure is read as children, the number as the label
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    return text, ids, offsets


def _preamble_paragraphs(preamble: Any) -> list[Any]:
    out = []
    for child in preamble:
        name = _local(child)
        if name == "p":
            out.append(child)
        elif name in ("recitals", "container", "recital"):
            out.extend(p for p in child.iter(f"{{{AKN_NS}}}p"))
    return out


def _units(body: Any) -> list[Any]:
    """Top-level operative units, looking through hcontainers/chapters."""
    out: list[Any] = []
    for child in body:
        name = _local(child)
        if name in _UNIT_TAGS:
            out.append(child)
        elif name in _LIST_TAGS:
            out.extend(item for item in child if _local(item) == "item")
        elif name in ("hcontainer", "chapter", "part", "division", "title"):
            out.extend(_units(child))
    return out


def _sub_units(element: Any) -> list[Any]:
    """Items and paragraphs nested directly (through content/intro/lists) in ``element``."""
    out: list[Any] = []
    for child in element:
        name = _local(child)
        if name in _LIST_TAGS:
            out.extend(item for item in child if _local(item) == "item")
        elif name in _UNIT_TAGS and name != "article":
            out.append(child)
        elif name in ("content", "intro", "list"):
            out.extend(_sub_units(child))
    return out


def _label(element: Any, index: int) -> str:
    num = _child(element, "num")
    raw = "".join(num.itertext()).strip() if num is not None else ""
    return re.sub(r"^[(\[]|[.)\]]$", "", raw).strip() or str(index)


def _node(
    element: Any,
    language: str,
    notes: dict[str, str],
    *,
    prefix: str,
    depth: int,
    parent_code: str,
    index: int = 1,
) -> Node:
    label = _label(element, index)
    fallback = f"{parent_code}.{label}" if parent_code else f"{prefix}.{label}"
    code = code_for_eid(element.get("eId") or element.get("id") or "", fallback=fallback)
    text, ids, offsets = _text(element, notes)
    analysis = analyse(text, language)
    kind = "paragraph" if prefix == "op" and depth == 0 else "item" if depth <= 1 else "subitem"
    if prefix == "annex":
        kind = "item" if depth == 0 else "subitem"
    node = Node(
        code=code,
        kind=kind,  # type: ignore[arg-type]
        label=label.lower(),
        source_label=label,
        text=text,
        verb=analysis.verb,
        action=analysis.action,
        verbs=analysis.verbs,
        actions=analysis.actions,
        addressees=addressees(analysis),
        footnotes=ids,
        footnote_offsets=offsets,
        themes=suggest_themes(text, language),
        articles=suggest_articles(text, language),
    )
    node.children = [
        _node(child, language, notes, prefix=prefix, depth=depth + 1, parent_code=code, index=i)
        for i, child in enumerate(_sub_units(element), start=1)
    ]
    return node


def _annex(attachment: Any, language: str, notes: dict[str, str]) -> Annex:
    annex = Annex(
        heading=_first_text(attachment, "docType"), title=_first_text(attachment, "docTitle")
    )
    body = next(attachment.iter(f"{{{AKN_NS}}}mainBody"), None)
    if body is None:
        return annex
    intro = next(body.iter(f"{{{AKN_NS}}}listIntroduction"), None)
    if intro is not None:
        annex.chapeau = " ".join("".join(intro.itertext()).split())
    items = [
        element
        for lst in body
        if _local(lst) in _LIST_TAGS
        for element in lst
        if _local(element) == "item"
    ] or _units(body)
    annex.items = [
        _node(item, language, notes, prefix="annex", depth=0, parent_code="annex", index=i)
        for i, item in enumerate(items, start=1)
    ]
    return annex
