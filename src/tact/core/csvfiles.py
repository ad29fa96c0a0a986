"""CSV reading for imports: a malformed file is a clear ValidationError, never a 500."""

from __future__ import annotations

import csv
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class SafeDictReader(csv.DictReader):  # type: ignore[type-arg]
    """`csv.DictReader` whose parse errors (a field over the csv module's 128 KB limit, a NUL
    byte, an unterminated quote) become a ValidationError naming the line."""

    def _invalid(self, exc: csv.Error) -> ValidationError:
        return ValidationError(
            _("line %(line)d: the CSV cannot be read (%(reason)s)")
            % {"line": self.reader.line_num, "reason": exc},
            code="malformed_csv",
        )

    @property
    def fieldnames(self) -> Any:
        try:
            return super().fieldnames
        except csv.Error as exc:
            raise self._invalid(exc) from exc

    @fieldnames.setter
    def fieldnames(self, value: Any) -> None:
        self._fieldnames = value

    def __next__(self) -> dict[Any, Any]:
        try:
            return super().__next__()
        except csv.Error as exc:
            raise self._invalid(exc) from exc
