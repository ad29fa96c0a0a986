"""Moving a resolution's tree between its forms: the parser's dataclasses, the signed JSON
carried by the import preview, and the saved records (for the Akoma Ntoso export)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.core import signing

from tact.resolutions.parsing import Annex, Node, ParsedResolution, PreambleParagraph

if TYPE_CHECKING:
    from tact.resolutions.models import Recommendation, Resolution

_SALT = "tact.resolutions.preview"


def node_from_dict(data: dict[str, Any]) -> Node:
    values = dict(data)
    children = [node_from_dict(child) for child in values.pop("children", [])]
    return Node(**values, children=children)


def parsed_from_dict(data: dict[str, Any]) -> ParsedResolution:
    values = dict(data)
    annex = values.pop("annex", None)
    return ParsedResolution(
        **{k: v for k, v in values.items() if k not in {"preamble", "operative"}},
        preamble=[PreambleParagraph(**p) for p in values.get("preamble", [])],
        operative=[node_from_dict(n) for n in values.get("operative", [])],
        annex=(
            Annex(
                title=annex.get("title", ""),
                chapeau=annex.get("chapeau", ""),
                heading=annex.get("heading", ""),
                items=[node_from_dict(n) for n in annex.get("items", [])],
            )
            if annex is not None
            else None
        ),
    )


def sign_preview(parsed: ParsedResolution, filename: str) -> str:
    """The parsed tree as a tamper-proof token, so the preview saves nothing server-side."""
    return signing.dumps(
        {"tree": parsed.to_dict(), "filename": filename}, salt=_SALT, compress=True
    )


def load_preview(token: str, *, max_age: int = 24 * 3600) -> tuple[ParsedResolution, str]:
    """Raises signing.BadSignature (or SignatureExpired) for a token that is not ours."""
    data = signing.loads(token, salt=_SALT, max_age=max_age)
    return parsed_from_dict(data["tree"]), str(data.get("filename", ""))


def content_hash(parsed: ParsedResolution) -> str:
    """Identity of a document: language, title and every recommendation's code and text.

    Corrections a person makes in the preview do not change it, so importing the same file
    again is recognised even after addressees were corrected.
    """
    canonical = {
        "language": parsed.language,
        "title": " ".join(parsed.title.split()),
        "body": " ".join(parsed.body.split()),
        "nodes": [(node.code, " ".join(node.text.split())) for node in parsed.walk()],
    }
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode()).hexdigest()


def parsed_from_records(resolution: Resolution) -> ParsedResolution:
    """Rebuild the tree from the saved (and possibly corrected) records."""
    recommendations = list(
        resolution.recommendations.order_by("order").prefetch_related("themes", "provisions")
    )
    nodes: dict[int, Node] = {}
    roots: list[tuple[Recommendation, Node]] = []
    for rec in recommendations:
        node = Node(
            code=rec.code,
            kind=rec.kind,  # type: ignore[arg-type]
            label=rec.label,
            text=rec.text,
            verb=rec.verb,
            action=rec.action,
            addressees=list(rec.addressees),
            footnotes=list(rec.footnotes),
            footnote_offsets=dict(rec.footnote_offsets),
            themes=[t.code for t in rec.themes.all()],
            articles=[p.key for p in rec.provisions.all()],
        )
        nodes[rec.pk] = node
        if rec.parent_id is None:
            roots.append((rec, node))
        else:
            nodes[rec.parent_id].children.append(node)
    return ParsedResolution(
        title=resolution.title,
        body=resolution.body,
        language=resolution.language,
        symbol=resolution.symbol,
        doc_type=resolution.doc_type,  # type: ignore[arg-type]
        preamble=[PreambleParagraph(**p) for p in resolution.preamble],
        operative=[node for rec, node in roots if rec.code.startswith("op.")],
        annex=(
            Annex(
                title=resolution.annex_title,
                chapeau=resolution.annex_chapeau,
                heading=resolution.annex_heading,
                items=[node for rec, node in roots if rec.code.startswith("annex.")],
            )
            if resolution.has_annex
            else None
        ),
        footnotes=dict(resolution.footnotes),
    )
