"""The single exception the importer raises for input it cannot turn into a resolution.

Callers (views, management commands, tasks) show ``message`` to the person who uploaded the
file and branch on ``code``; the message is plain English so that this package stays free
of Django, and a caller that wants a translated message maps ``code`` to its own string.
"""

from __future__ import annotations

from typing import Final

#: Every code :class:`ResolutionImportError` can carry, so callers can map them exhaustively.
ERROR_CODES: Final[frozenset[str]] = frozenset(
    {
        "empty",
        "binary",
        "not_docx",
        "too_large",
        "no_operative_paragraphs",
        "unsupported_type",
        "unsupported_language",
        "bad_xml",
    }
)


class ResolutionImportError(ValueError):
    """A file was rejected; ``code`` is stable, ``message`` is meant for a person."""

    def __init__(self, message: str, *, code: str) -> None:
        if code not in ERROR_CODES:  # a typo here would silently break callers' mapping
            raise ValueError(f"unknown import error code: {code!r}")
        super().__init__(message)
        self.code: str = code
        self.message: str = message

    def __repr__(self) -> str:
        return f"ResolutionImportError(code={self.code!r}, message={self.message!r})"
