"""Rebuild nested lists from label sequences alone.

Indentation and bullets in uploaded text are unreliable (the seed document indents
items c) and d) as if they were sub-items), so nesting is decided by what a reader does:
"c)" after "v)" continues the lettered list because "c" follows "b", while "i)" after
a chapeau ending with ":" opens a roman sub-list. Labels are ambiguous on purpose-built
cases ("i", "v", "c", "d" are letters and roman numerals; Cyrillic "а"/"с" look like
Latin), so each label yields candidates and context picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

#: Russian list lettering as used by UN translation services (no ё, й, ъ, ы, ь).
CYRILLIC_LIST_LETTERS: Final[str] = "абвгдежзиклмнопрстуфхцчшщэюя"
#: Cyrillic letters that are typed by mistake for the Latin letter they look like.
CYRILLIC_HOMOGLYPHS: Final[dict[str, str]] = {
    "а": "a",
    "с": "c",
    "е": "e",
    "о": "o",
    "р": "p",
    "х": "x",
    "у": "y",
    "і": "i",
}
_ROMAN_RE = re.compile(r"^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
_ROMAN_VALUES: Final[dict[str, int]] = {
    "i": 1,
    "v": 5,
    "x": 10,
    "l": 50,
    "c": 100,
    "d": 500,
    "m": 1000,
}


@dataclass(frozen=True)
class Candidate:
    """One reading of a label: its list type, position in that list and Latin form."""

    type: str  # "num" | "letter" | "roman"
    ordinal: int
    normalised: str


def roman_value(label: str) -> int | None:
    """Integer value of a lower-case roman numeral, or None if it is not one."""
    if not label or not _ROMAN_RE.match(label):
        return None
    total = 0
    for index, char in enumerate(label):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[label[index + 1]] if index + 1 < len(label) else 0
        total += -value if value < following else value
    return total


def letters_for(ordinal: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (the UN convention for long lists)."""
    letter = chr(ord("a") + (ordinal - 1) % 26)
    return letter * ((ordinal - 1) // 26 + 1)


def candidates(label: str) -> list[Candidate]:
    """Every plausible reading of ``label``."""
    label = label.strip().lower()
    out: list[Candidate] = []
    if label.isdigit():
        return [Candidate("num", int(label), str(int(label)))]
    value = roman_value(label)
    if value is not None:
        out.append(Candidate("roman", value, label))
    if len(label) == 1:
        if "a" <= label <= "z":
            out.append(Candidate("letter", ord(label) - ord("a") + 1, label))
        else:
            if label in CYRILLIC_LIST_LETTERS:
                ordinal = CYRILLIC_LIST_LETTERS.index(label) + 1
                out.append(Candidate("letter", ordinal, letters_for(ordinal)))
            if label in CYRILLIC_HOMOGLYPHS:
                latin = CYRILLIC_HOMOGLYPHS[label]
                homoglyph = Candidate("letter", ord(latin) - ord("a") + 1, latin)
                if homoglyph not in out:
                    out.append(homoglyph)
                value = roman_value(latin)
                if value is not None:
                    out.append(Candidate("roman", value, latin))
    return out


@dataclass
class Draft:
    """A node under construction: label, text parts (with footnote placeholders)."""

    code: str
    depth: int
    label: str
    source_label: str
    type: str
    ordinal: int
    parts: list[str] = field(default_factory=list)
    lead_italic: str = ""
    children: list[Draft] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Text so far, paragraphs joined as a reader would."""
        out = ""
        for part in self.parts:
            if not out:
                out = part
            elif out.rstrip()[-1:] in ".;:!?。；：":
                out = f"{out}\n{part}"
            else:  # a sentence cut by a page break continues on the same line
                out = f"{out} {part}"
        return out


@dataclass
class ListBuilder:
    """Places labelled paragraphs of one zone (operative part or annex) into a tree."""

    prefix: str
    roots: list[Draft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _stack: list[Draft] = field(default_factory=list)
    _codes: set[str] = field(default_factory=set)

    @property
    def current(self) -> Draft | None:
        """The deepest open node, which unlabelled text continues."""
        return self._stack[-1] if self._stack else None

    def add(self, source_label: str, text: str) -> Draft:
        """Place one labelled paragraph and return its draft."""
        options = candidates(source_label)
        if not options:
            options = [Candidate("letter", 0, source_label.lower())]
        depth, choice = self._place(options, source_label)
        del self._stack[depth:]
        parent = self._stack[-1] if self._stack else None
        code = self._unique(f"{parent.code if parent else self.prefix}.{choice.normalised}")
        draft = Draft(
            code=code,
            depth=depth,
            label=choice.normalised,
            source_label=source_label,
            type=choice.type,
            ordinal=choice.ordinal,
            parts=[text] if text else [],
        )
        (parent.children if parent else self.roots).append(draft)
        self._stack.append(draft)
        return draft

    def _place(self, options: list[Candidate], source_label: str) -> tuple[int, Candidate]:
        """Depth (index in the stack) and reading chosen for a new label."""
        open_types = {draft.type for draft in self._stack}
        firsts = [c for c in options if c.ordinal == 1 and c.type not in open_types]
        if not self._stack:
            return 0, (firsts or sorted(options, key=_type_rank))[0]
        # A chapeau ending with ":" announces a sub-list: "i)" there is roman, not a letter.
        if firsts and self._stack[-1].text.rstrip().endswith((":", "：")):
            return len(self._stack), firsts[0]
        for depth in range(len(self._stack) - 1, -1, -1):
            level = self._stack[depth]
            for option in options:
                if option.type == level.type and option.ordinal == level.ordinal + 1:
                    return depth, option
        if firsts:
            return len(self._stack), firsts[0]
        for depth in range(len(self._stack) - 1, -1, -1):
            level = self._stack[depth]
            for option in options:
                if option.type == level.type:
                    self.warnings.append(
                        f"Label '{source_label}' does not follow "
                        f"'{level.source_label}'; numbering may be incomplete."
                    )
                    return depth, option
        self.warnings.append(f"Label '{source_label}' starts an unexpected sub-list.")
        return len(self._stack), sorted(options, key=_type_rank)[0]

    def _unique(self, code: str) -> str:
        """Codes must be unique even when a document repeats a label."""
        candidate = code
        counter = 2
        while candidate in self._codes:
            candidate = f"{code}_{counter}"
            counter += 1
        if candidate != code:
            self.warnings.append(f"Repeated label: '{code}' stored as '{candidate}'.")
        self._codes.add(candidate)
        return candidate


def _type_rank(option: Candidate) -> int:
    """Preference when nothing else decides: numbers, then letters, then roman."""
    return {"num": 0, "letter": 1, "roman": 2}.get(option.type, 3)
