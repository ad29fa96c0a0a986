"""Refusing dangerous XML before lxml sees it, and the one parser configuration we trust.

Why a byte-level look at the prolog: a DOCTYPE is the only way to declare entities, and
entities are the vehicle of both XXE (``<!ENTITY x SYSTEM "file:///etc/passwd">``) and
"billion laughs" expansion.  IATI files never need a DOCTYPE, so the simplest sound policy is
to refuse any file that has one, *before* parsing, instead of trusting parser flags alone.
lxml is additionally configured with ``resolve_entities=False, load_dtd=False,
no_network=True, huge_tree=False`` as a second line of defence.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO, NoReturn

from lxml import etree

from tact.assistance.iati.errors import IatiFileError

PROLOG_LIMIT = 1024 * 1024
"""How far we look for the root element (comments and PIs may precede it)."""

_CHUNK = 64 * 1024
_NAME_START = re.compile(r"[A-Za-z_:\u00c0-\U000effff]")
_ROOT_NAME = re.compile(r"<([^\s/>]+)")


def safe_parser(**options: bool) -> etree.XMLParser:
    """An lxml parser that never loads DTDs, resolves entities or touches the network."""
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, **options
    )


def _decode_prefix(data: bytes) -> str:
    """Decode enough of the start of a document to read its markup.

    Why only BOM/UTF-16 sniffing: every encoding IATI publishers use other than UTF-16/32 is
    ASCII-compatible, so Latin-1 decoding shows the markup characters faithfully.
    """
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if data.startswith(b"<\x00\x00\x00"):
        return data.decode("utf-32-le", errors="replace")
    if data.startswith(b"\x00\x00\x00<"):
        return data.decode("utf-32-be", errors="replace")
    if data.startswith(b"<\x00"):
        return data.decode("utf-16-le", errors="replace")
    if data.startswith(b"\x00<"):
        return data.decode("utf-16-be", errors="replace")
    return data.decode("latin-1")


class PrologScan:
    """Outcome of :func:`scan_prolog`: the root element's name, or why there is none."""

    __slots__ = ("root_name",)

    def __init__(self, root_name: str) -> None:
        self.root_name = root_name


def _scan(text: str, complete: bool) -> PrologScan | None:
    """Walk the prolog; return the root name, ``None`` if more bytes are needed."""
    pos = 0
    length = len(text)
    while True:
        while pos < length and text[pos] in " \t\r\n":
            pos += 1
        if pos >= length:
            if complete:
                if text.strip():
                    raise IatiFileError("The file does not contain an XML root element.")
                raise IatiFileError("The file is empty.")
            return None
        if text[pos] != "<":
            raise IatiFileError(
                "The file is not XML: it does not start with a '<' "
                f"(found {text[pos : pos + 20]!r})."
            )
        if text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            if end < 0:
                return None if not complete else _unterminated("processing instruction")
            pos = end + 2
            continue
        if text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            if end < 0:
                return None if not complete else _unterminated("comment")
            pos = end + 3
            continue
        if text.startswith("<!", pos):
            if text[pos : pos + 9].upper() == "<!DOCTYPE" or text.startswith("<!ENTITY", pos):
                raise IatiFileError(
                    "The file contains a DOCTYPE declaration, which IATI files never need; "
                    "it is refused because DTDs allow entity expansion attacks "
                    "(external entities/XXE, 'billion laughs')."
                )
            raise IatiFileError("The file has an unexpected '<!' declaration before its root.")
        if pos + 1 < length and _NAME_START.match(text[pos + 1]):
            match = _ROOT_NAME.match(text, pos)
            if match is None or (match.end() >= length and not complete):
                return None
            return PrologScan(match.group(1))
        if pos + 1 >= length and not complete:
            return None
        raise IatiFileError("The file is not well-formed XML before its root element.")


def _unterminated(what: str) -> NoReturn:
    raise IatiFileError(f"The file ends inside an unterminated {what} before its root element.")


def scan_prolog(stream: BinaryIO) -> tuple[bytes, str]:
    """Read the prolog of ``stream``; return the bytes consumed and the root element name.

    Raises :class:`IatiFileError` for an empty file, non-XML content or any DOCTYPE.  The
    returned bytes must be fed to the parser before the rest of the stream.
    """
    data = b""
    while True:
        chunk = stream.read(_CHUNK)
        complete = not chunk
        data += chunk
        result = _scan(_decode_prefix(data), complete)
        if result is not None:
            return data, result.root_name
        if len(data) > PROLOG_LIMIT:
            raise IatiFileError(
                f"No root element within the first {PROLOG_LIMIT // 1024} KiB of the file."
            )


class PrefixedStream:
    """A read-only stream that replays ``prefix`` then continues with ``rest``.

    Why: the prolog scan consumes bytes from non-seekable sources (uploads, pipes); lxml must
    still see the whole document.
    """

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._prefix:
            if size is None or size < 0:
                data, self._prefix = self._prefix + self._rest.read(), b""
                return data
            data, self._prefix = self._prefix[:size], self._prefix[size:]
            return data
        return self._rest.read(size)
