"""Build a Word version of a Markdown fixture at test time, the way a UN office would.

The DOCX carries the structure through Word features, not Markdown: the title uses the
"Title" style, preambular paragraphs and verbs are italic runs, operative paragraphs use
automatic "List Number" numbering, and footnotes are real Word footnotes (python-docx
cannot create them, so the package is patched after saving).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

import docx

_FOOTNOTE_DEF = re.compile(r"^\s*<sup>(\d+)</sup>\s*(.*)$")
_SEPARATOR = re.compile(r"^\s*-{3,}\s*$")
_OPERATIVE = re.compile(r"^(\d+)\.\s+(.*)$")
_TOKEN = re.compile(r"\*\*|\*|<sup>\d+</sup>|[^*<]+|<")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def markdown_to_docx(markdown: str) -> bytes:
    """A .docx rendering of ``markdown`` with Word-native formatting and footnotes."""
    document = docx.Document()
    footnotes: list[tuple[str, str]] = []
    first = True
    for line in markdown.splitlines():
        if not line.strip() or _SEPARATOR.match(line):
            continue
        definition = _FOOTNOTE_DEF.match(line)
        if definition:
            footnotes.append((definition.group(1), definition.group(2).replace("*", "")))
            continue
        text = re.sub(r"^\s*-\s+", "", line).strip()
        if first:
            document.add_paragraph(text.strip("*"), style="Title")
            first = False
            continue
        operative = _OPERATIVE.match(text)
        if operative:
            paragraph = document.add_paragraph(style="List Number")
            text = operative.group(2)
        else:
            paragraph = document.add_paragraph()
        _add_runs(paragraph, text)
    buffer = io.BytesIO()
    document.save(buffer)
    return _add_footnotes(buffer.getvalue(), footnotes)


def _add_runs(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    """Runs with bold/italic toggled by Markdown markers; markers become placeholders."""
    bold = italic = False
    for token in _TOKEN.findall(text):
        if token == "**":
            bold = not bold
        elif token == "*":
            italic = not italic
        elif token.startswith("<sup>"):
            paragraph.add_run(f"@@FN{token[5:-6]}@@")
        else:
            run = paragraph.add_run(token)
            run.bold = bold or None
            run.italic = italic or None


def _add_footnotes(data: bytes, footnotes: list[tuple[str, str]]) -> bytes:
    """Add word/footnotes.xml and turn placeholders into footnote references."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    notes_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        + "".join(
            f'<w:footnote w:id="{key}"><w:p><w:r><w:t xml:space="preserve">{escape(text)}'
            "</w:t></w:r></w:p></w:footnote>"
            for key, text in footnotes
        )
        + "</w:footnotes>"
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = re.sub(
                    rb"<w:t>@@FN(\d+)@@</w:t>",
                    rb'<w:footnoteReference w:id="\1"/>',
                    content,
                )
            elif info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="'
                    + FOOTNOTES_CT.encode()
                    + b'"/></Types>',
                )
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Type="'
                    + FOOTNOTES_REL.encode()
                    + b'" Target="footnotes.xml"/></Relationships>',
                )
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", notes_xml)
    return out.getvalue()
