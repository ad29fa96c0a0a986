"""Arrows that say "onwards" or "back" (Next →, ← Previous, before → after) point the way the
page reads: each stands in a `span.arrow`, which tact.css mirrors in right-to-left pages."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "tact"
WRAPPED = re.compile(r'<span class="arrow" aria-hidden="true">[→←]</span>')
# Arrows inside a message are the translator's (each language writes its own).
MESSAGES = re.compile(
    r"{% blocktranslate.*?%}.*?{% endblocktranslate %}|{% translate \".*?\" %}", re.DOTALL
)


def test_every_direction_arrow_in_a_template_is_mirrored_right_to_left() -> None:
    bare = []
    for path in sorted(TEMPLATES.glob("**/templates/**/*.html")):
        text = MESSAGES.sub("", WRAPPED.sub("", path.read_text(encoding="utf-8")))
        for number, line in enumerate(text.splitlines(), start=1):
            if "→" in line or "←" in line:
                bare.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:120]}")
    assert bare == []


def test_the_stylesheet_mirrors_them() -> None:
    css = (TEMPLATES / "static" / "tact" / "tact.css").read_text(encoding="utf-8")
    assert re.search(r'\[dir="rtl"\] \.arrow \{[^}]*scaleX\(-1\)', css)
