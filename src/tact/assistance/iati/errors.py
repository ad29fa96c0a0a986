"""Exceptions of the IATI package."""

from __future__ import annotations


class IatiFileError(ValueError):
    """The file as a whole cannot be read as IATI 2.0x activities.

    Raised for problems that concern the file rather than one activity: not XML, empty, a
    DOCTYPE, the wrong root element, a missing or unsupported ``@version``, or XML that stops
    being well-formed part-way through.  ``line`` is the source line when known.

    Why a ValueError: callers that already treat bad input as ``ValueError`` keep working.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message if self.line is None else f"{self.message} (line {self.line})"


class IatiWriteError(ValueError):
    """An activity lacks something the 2.03 schema requires, so it cannot be written.

    ``problems`` lists every missing piece, so the caller can fix them all at once.
    """

    def __init__(self, identifier: str, problems: list[str]) -> None:
        super().__init__(
            f"Activity '{identifier}' cannot be written as IATI 2.03: " + "; ".join(problems)
        )
        self.identifier = identifier
        self.problems = problems
