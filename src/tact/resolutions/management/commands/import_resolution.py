"""tact import-resolution FILE [--language ru] [--dry-run]: read a resolution, print its tree,
and save it (idempotent: the same document twice changes nothing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.core.access import SYSTEM
from tact.resolutions import services
from tact.resolutions.parsing import Node, ParsedResolution


def tree_lines(parsed: ParsedResolution) -> list[str]:
    """The tree as indented lines: code, verb, addressees, footnotes, start of the text."""
    lines = [f"{parsed.title}", f"  language: {parsed.language}  body: {parsed.body}"]
    if parsed.preamble:
        lines.append(f"  preamble: {len(parsed.preamble)} paragraphs")

    def add(node: Node, depth: int) -> None:
        extras = []
        if node.verb:
            extras.append(node.verb)
        if node.addressees:
            extras.append("-> " + ", ".join(node.addressees))
        if node.footnotes:
            extras.append("footnotes " + ", ".join(node.footnotes))
        text = " ".join(node.text.split())
        summary = text[:70] + ("…" if len(text) > 70 else "")
        lines.append(f"{'  ' * depth}{node.code:<14} [{'; '.join(extras)}] {summary}")
        for child in node.children:
            add(child, depth + 1)

    for node in parsed.operative:
        add(node, 1)
    if parsed.annex is not None:
        lines.append(f"  annex: {parsed.annex.heading or parsed.annex.title}")
        for node in parsed.annex.items:
            add(node, 1)
    for key, text in parsed.footnotes.items():
        lines.append(f"  footnote {key}: {text}")
    return lines


class Command(BaseCommand):
    help = "Import a resolution or decision (.txt, .md, .docx) and print the tree found."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--language", default="", help="ru, en, fr, es, ar or zh")
        parser.add_argument("--dry-run", action="store_true", help="print the tree, save nothing")
        parser.add_argument("--symbol", default="")
        parser.add_argument("--adopted-on", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            parsed = services.resolution_parse(
                path.read_bytes(), path.name, options["language"] or None
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write("\n".join(tree_lines(parsed)))
        self.stdout.write(f"{len(parsed.codes())} recommendations")
        if options["dry_run"]:
            return
        resolution, created = services.resolution_import(
            actor=SYSTEM,
            parsed=parsed,
            filename=path.name,
            adopted_on=options["adopted_on"],
            symbol=options["symbol"],
        )
        state = "imported" if created else "already imported, nothing changed"
        self.stdout.write(self.style.SUCCESS(f"resolution {resolution.pk}: {state}"))
