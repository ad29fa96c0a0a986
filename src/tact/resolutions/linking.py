"""Resolve the names a document prints to directory records: States and recommending bodies.

Kept out of services so the import stays readable; nothing here writes except the one
organisation created for a treaty body the directory does not hold yet (audited by the
directory service).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tact.directory.models import Organisation, State
from tact.directory.services import organisation_create
from tact.resolutions.parsing import ParsedResolution
from tact.resolutions.parsing.concluding import inflection_key
from tact.resolutions.parsing.treaty_bodies import treaty_body


def name_key(name: str) -> str:
    """Comparable form of a State name as printed ("the Philippines" = "Philippines")."""
    key = " ".join(name.casefold().replace("’", "'").split())
    for article in ("the ", "la ", "le ", "l'", "el ", "los ", "las "):
        if key.startswith(article):
            key = key[len(article) :]
    return key


def state_for(states: Mapping[str, State], name: str) -> State | None:
    """The directory State a document names, also in an inflected (Russian) form."""
    if not name:
        return None
    found = states.get(name_key(name))
    if found is not None:
        return found
    wanted = inflection_key(name)
    return next((s for key, s in states.items() if inflection_key(key) == wanted), None)


def recommending_bodies(actor: Any, parsed: ParsedResolution) -> dict[str, Organisation]:
    """Directory organisations for the committee of concluding observations, created once.

    A treaty body known by name or document symbol is stored under its English name and
    acronym, so its observations in any language point at the same record.
    """
    if parsed.doc_type != "report" or not parsed.body or not parsed.body.strip():
        return {}
    known = treaty_body(parsed.body, parsed.symbol)
    if known is None and not any(parsed.body in node.sources for node in parsed.walk()):
        return {}
    if known is not None:
        org = (
            Organisation.objects.filter(
                acronym__iexact=known.acronym, kind=Organisation.Kind.UN_ENTITY
            )
            .order_by("pk")
            .first()
            or Organisation.objects.filter(name__iexact=known.name).order_by("pk").first()
        )
        values = {"name": known.name, "acronym": known.acronym, "language": "en"}
    else:
        org = Organisation.objects.filter(name__iexact=parsed.body[:250]).order_by("pk").first()
        values = {"name": parsed.body[:250], "language": parsed.language[:8]}
    if org is None:
        org = organisation_create(actor=actor, kind=Organisation.Kind.UN_ENTITY, **values)
    return {parsed.body: org}


def state_index() -> dict[str, State]:
    """Directory States by every name they carry (short, formal, each UN language)."""
    index: dict[str, State] = {}
    for state in State.objects.only("name", "formal_name", "names", "iso3"):
        names = [state.name, state.formal_name, *(state.names or {}).values()]
        for name in names:
            if isinstance(name, str) and name:
                index.setdefault(name_key(name), state)
    return index
