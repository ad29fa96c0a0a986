"""Plain dataclasses describing a parsed resolution or decision.

They carry no Django or XML concerns so that the Django models, the API, the Akoma Ntoso
export and the tests can all consume the same tree. Nodes are mutable while the parser
builds them; callers should treat them as read-only values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

NodeKind = Literal["paragraph", "item", "subitem"]

#: Addressee categories, in the order they are reported (stable order keeps diffs readable).
ADDRESSEE_CATEGORIES: tuple[str, ...] = (
    "states",
    "secretariat",
    "donors",
    "international_organizations",
    "regional_organizations",
    "working_group",
    "conference",
    "unodc",
    "civil_society",
    "other",
)

SUPPORTED_LANGUAGES: tuple[str, ...] = ("ru", "en", "fr", "es", "ar", "zh")


@dataclass
class PreambleParagraph:
    """One preambular paragraph ("Noting ...", "Recalling ...").

    ``verb`` is the leading participle as written (lower-cased), ``action`` its normalised
    meaning (``note``, ``recall`` ...) so that preambles can be compared across languages.
    ``footnote_offsets`` gives, for each footnote id, where its marker stood in ``text`` so
    exports can put the note back in place.
    """

    text: str
    verb: str = ""
    action: str = ""
    footnotes: list[str] = field(default_factory=list)
    footnote_offsets: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready representation."""
        return asdict(self)


@dataclass
class Node:
    """A recommendation: an operative paragraph, an annex item or one of its sub-items.

    ``code`` is unique in the document and stable across languages (``op.1``,
    ``annex.b.iv``), which is what lets a Russian and an English version of the same
    resolution be aligned. ``label`` is the normalised label (Latin letters, lower-case
    roman numerals); ``source_label`` is what the document actually printed (e.g. the
    Cyrillic "б"). ``verbs``/``actions`` keep every verb found ("invites ... and calls
    upon ..."), ``verb``/``action`` the leading one.
    """

    code: str
    kind: NodeKind
    label: str
    text: str
    source_label: str = ""
    verb: str = ""
    action: str = ""
    verbs: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    footnote_offsets: dict[str, int] = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    #: Recommendation reports: recommending States or bodies as printed, the position
    #: (supported / partially_supported / noted / pending) and the themes the table gave.
    sources: list[str] = field(default_factory=list)
    position: str = ""
    source_themes: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """Yield this node and its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready representation (children nested)."""
        return asdict(self)


@dataclass
class Annex:
    """The annex that usually carries the recommendations proper."""

    title: str = ""
    chapeau: str = ""
    heading: str = ""
    items: list[Node] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready representation."""
        return asdict(self)


@dataclass
class ParsedResolution:
    """The whole document as a tree; ``walk()`` flattens its recommendations."""

    title: str
    body: str
    language: str
    symbol: str = ""
    doc_type: Literal["resolution", "decision", "report"] = "resolution"
    #: The State a recommendation report addresses (State under review, State party).
    addressee: str = ""
    preamble: list[PreambleParagraph] = field(default_factory=list)
    operative: list[Node] = field(default_factory=list)
    annex: Annex | None = None
    footnotes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """Yield every recommendation node (operative paragraphs, annex items, sub-items).

        Document order: operative paragraphs with their sub-items first, then the annex.
        """
        for node in self.operative:
            yield from node.walk()
        if self.annex is not None:
            for node in self.annex.items:
                yield from node.walk()

    def node(self, code: str) -> Node:
        """Return the node with ``code``; raises ``KeyError`` so typos fail loudly."""
        for candidate in self.walk():
            if candidate.code == code:
                return candidate
        raise KeyError(code)

    def codes(self) -> list[str]:
        """All recommendation codes in document order."""
        return [node.code for node in self.walk()]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready representation of the whole document."""
        return asdict(self)
