"""Column roles of a recommendation table, from its header row, in the six languages.

Shared by the Markdown table parser and the Word reader, which must tell a thematic
recommendation table (read as data) from a layout table (read as paragraphs).
"""

from __future__ import annotations

from typing import Final

HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "number": (
        *("no", "nº", "n°", "n.º", "n.°", "№", "#"),
        *("number", "numéro", "número", "номер", "الرقم", "编号"),
    ),
    "text": ("recommendation", "recommandation", "recomendación", "рекомендац", "التوصية", "建议"),
    "source": ("source", "recommending", "state", "état", "estado", "государств", "الدولة", "提出"),
    "position": ("position", "posición", "позиция", "الموقف", "立场", "response", "réponse"),
    "themes": ("theme", "thème", "tema", "тем", "المواضيع", "主题", "issue"),
}


def header_roles(cells: list[str]) -> dict[str, int]:
    """Role -> column index for the header cells that name one."""
    roles: dict[str, int] = {}
    for column, cell in enumerate(cells):
        lowered = cell.lower().strip("* ")
        for role, words in HEADERS.items():
            if role not in roles and any(lowered.startswith(word) for word in words):
                roles[role] = column
                break
    return roles


def is_recommendation_header(cells: list[str]) -> bool:
    """True for the header row of a table listing recommendations with source or position."""
    roles = header_roles(cells)
    return "text" in roles and bool({"source", "position"} & set(roles))
