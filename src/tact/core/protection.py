"""How a record is protected: every tact model declares one of four kinds.

- ``CLASSIFIED``: the record carries its own classification and owner (``ClassifiedModel``);
- ``inherits("field", ...)``: the record is part of the record that ``field`` points at (a
  finding of an evaluation, a transaction of a project) and is visible exactly when that
  parent is; with several fields (an overlap between two projects), when all of them are;
- ``PUBLIC_REFERENCE``: reference data everyone may read (the Convention, states, themes);
- ``INTERNAL``: operational records only the secretariat sees (accounts, import runs).

A model that declares nothing is denied to everyone on every route. `tact.core.access`
reads these declarations; `core.tests.test_protection` fails when a model has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["classified", "inherits", "public", "internal"]


@dataclass(frozen=True)
class Protection:
    kind: Kind
    # For ``inherits``: the names of the foreign keys to the parent records.
    parents: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"inherits from {', '.join(self.parents)}" if self.parents else self.kind


CLASSIFIED = Protection("classified")
PUBLIC_REFERENCE = Protection("public")
INTERNAL = Protection("internal")


def inherits(parent: str, *more: str) -> Protection:
    """The record is visible and editable exactly when its parent record(s) are."""
    return Protection("inherits", (parent, *more))


def protection_of(model: Any) -> Protection | None:
    """The declaration of a model class (or instance); None when it declares none."""
    declared = getattr(model, "protection", None)
    return declared if isinstance(declared, Protection) else None
