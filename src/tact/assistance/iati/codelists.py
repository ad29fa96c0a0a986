"""IATI codelists shipped with the package, loaded once into sets of codes.

Why shipped: validation must not depend on the network or on files outside the package; the
XML files in ``data/codelists`` are copies of the IATI 2.03 codelists (embedded ones fixed by
the 2.03 release, non-embedded ones as of the snapshot the project was given).  See
``data/README.md`` for provenance and licences.

Each codelist keeps three facts that the rules need:

* ``codes``: every code the list knows, active or withdrawn;
* ``withdrawn``: codes IATI has retired.  Old activities legitimately carry them, so the rules
  report them as warnings, never as errors;
* ``complete``/``embedded``: the list's own flags.  Embedded lists are fixed per IATI version;
  non-embedded lists (DAC sectors, countries, currencies...) evolve between versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from lxml import etree

CODELIST_DIR = Path(__file__).resolve().parent / "data" / "codelists"

CodeStatus = Literal["active", "withdrawn", "unknown"]


@dataclass(frozen=True, slots=True)
class Codelist:
    name: str
    codes: frozenset[str]
    withdrawn: frozenset[str]
    complete: bool
    embedded: bool

    @property
    def active(self) -> frozenset[str]:
        return self.codes - self.withdrawn

    def status(self, code: str) -> CodeStatus:
        if code in self.withdrawn:
            return "withdrawn"
        return "active" if code in self.codes else "unknown"

    def __contains__(self, code: object) -> bool:
        return code in self.codes


def available_codelists() -> list[str]:
    """Names of the codelists shipped in the package."""
    return sorted(path.stem for path in CODELIST_DIR.glob("*.xml"))


@cache
def load_codelist(name: str) -> Codelist:
    """Load ``data/codelists/<name>.xml``; cached for the life of the process.

    Raises :class:`KeyError` for a codelist that is not shipped, so a typo in a rule fails
    loudly instead of silently accepting every code.
    """
    if not name.replace("-", "").isalnum():
        raise KeyError(name)
    path = CODELIST_DIR / f"{name}.xml"
    if not path.is_file():
        raise KeyError(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    codes: set[str] = set()
    withdrawn: set[str] = set()
    for item in root.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        if not code:
            continue
        codes.add(code)
        if item.get("status") == "withdrawn":
            withdrawn.add(code)
    return Codelist(
        name=name,
        codes=frozenset(codes),
        withdrawn=frozenset(withdrawn),
        complete=root.get("complete", "1") == "1",
        embedded=root.get("embedded") == "1",
    )


def codes(name: str) -> frozenset[str]:
    """Every known code (active and withdrawn) of a shipped codelist."""
    return load_codelist(name).codes
