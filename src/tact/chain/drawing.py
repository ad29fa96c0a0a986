"""The chain as a left-to-right drawing: one column per kind of record (recommendation first,
practices last), mirrored for right-to-left languages. Pure geometry for an SVG template."""

from __future__ import annotations

from dataclasses import dataclass

from tact.chain.edges import COLUMN_LABELS
from tact.chain.selectors import Chain, Node

BOX_W = 150
BOX_H = 62
GAP_X = 30
GAP_Y = 16
TOP = 34
TITLE_CHARS = 24
TITLE_LINES = 3
LINE_H = 15


@dataclass
class Box:
    node: Node
    x: int
    y: int
    lines: list[tuple[int, str]]  # (baseline, text)

    @property
    def cx(self) -> int:
        return self.x + BOX_W // 2

    @property
    def mid(self) -> int:
        return self.y + BOX_H // 2 + 5


@dataclass
class Path:
    d: str
    relation: str


@dataclass
class Column:
    x: int
    label: str

    @property
    def cx(self) -> int:
        return self.x + BOX_W // 2


@dataclass
class Drawing:
    width: int
    height: int
    boxes: list[Box]
    paths: list[Path]
    columns: list[Column]
    box_w: int = BOX_W
    box_h: int = BOX_H


def _lines(title: str) -> list[str]:
    """At most three short lines of the title, cut at a word, with an ellipsis if cut."""
    words, lines, current = title.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= TITLE_CHARS:
            current = candidate
            continue
        lines.append(current or word[:TITLE_CHARS])
        current = word if current else ""
        if len(lines) == TITLE_LINES:
            break
    if len(lines) < TITLE_LINES and current:
        lines.append(current)
    shown = " ".join(lines)
    if len(shown) < len(" ".join(words)) and lines:
        lines[-1] = lines[-1][: TITLE_CHARS - 1].rstrip() + "…"
    return lines[:TITLE_LINES]


def draw(chain: Chain, *, rtl: bool = False) -> Drawing:
    ranks = sorted({node.rank for node in chain.nodes})
    column_of = {rank: i for i, rank in enumerate(ranks)}
    count = len(ranks)
    width = count * BOX_W + max(count - 1, 0) * GAP_X

    def x_of(rank: int) -> int:
        i = column_of[rank]
        return (count - 1 - i if rtl else i) * (BOX_W + GAP_X)

    rows: dict[int, int] = {}
    boxes: dict[str, Box] = {}
    for node in chain.nodes:
        row = rows.get(node.rank, 0)
        rows[node.rank] = row + 1
        y = TOP + row * (BOX_H + GAP_Y)
        lines = _lines(node.title) if node.visible else []
        first = y + BOX_H // 2 + 4 - LINE_H * (len(lines) - 1) // 2
        boxes[node.ref] = Box(
            node, x_of(node.rank), y, [(first + LINE_H * i, text) for i, text in enumerate(lines)]
        )
    height = TOP + max(rows.values(), default=0) * (BOX_H + GAP_Y)
    paths = []
    for edge in chain.edges:
        a, b = boxes[edge.source], boxes[edge.target]
        # From the downstream-facing side of the source to the facing side of the target.
        x1 = a.x if rtl else a.x + BOX_W
        x2 = b.x + BOX_W if rtl else b.x
        y1, y2 = a.y + BOX_H // 2, b.y + BOX_H // 2
        mid = (x1 + x2) // 2
        paths.append(Path(f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}", edge.relation_label))
    columns = [Column(x_of(rank), str(COLUMN_LABELS.get(rank, ""))) for rank in ranks]
    return Drawing(width, height, list(boxes.values()), paths, columns)
