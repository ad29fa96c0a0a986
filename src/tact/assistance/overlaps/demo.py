"""Demonstration needs and overlap detection, run after the assistance demo projects.

``load_overlaps(actor)`` records a few needs of the demo states (idempotent: keyed by
``source_ref``), so that need matching shows answered and unmet needs, then runs overlap
detection over every project, which finds the near-duplicates the assistance demo plants.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tact.assistance.models import Need
from tact.assistance.needs.services import need_upsert
from tact.assistance.overlaps.services import overlaps_detect
from tact.catalog.models import Provision, Theme
from tact.core.access import SYSTEM
from tact.directory.models import State

# (state, reference, title, description, provisions, themes, priority)
NEEDS: list[tuple[str, str, str, str, list[str], list[str], str]] = [
    (
        "KEN",
        "demo:KEN:witnesses",
        "Protection of witnesses in organized crime trials",
        "Kenya needs procedures and trained officers to protect witnesses who testify "
        "against organized criminal groups, including relocation and testimony by video link.",
        ["untoc/art_24"],
        ["protection_of_victims_and_witnesses"],
        "high",
    ),
    (
        "KEN",
        "demo:KEN:cyber",
        "Handling electronic evidence in cybercrime investigations",
        "Investigators and prosecutors need skills and tools to preserve and present "
        "electronic evidence obtained with special investigative techniques.",
        ["untoc/art_20"],
        ["law_enforcement"],
        "medium",
    ),
    (
        "MEX",
        "demo:MEX:firearms",
        "Marking and tracing of firearms",
        "Mexico needs a national record of firearms and training on marking and tracing "
        "illicit firearms across borders.",
        ["fp/art_7", "fp/art_8"],
        ["firearms_control"],
        "high",
    ),
    (
        "MEX",
        "demo:MEX:culture",
        "Investigating trafficking in cultural property",
        "Specialised training for customs and police on trafficking in cultural property "
        "by organized criminal groups.",
        [],
        [],
        "low",
    ),
]


@transaction.atomic
def load_needs(actor: Any = None) -> int:
    actor = actor or SYSTEM
    created = 0
    for iso3, ref, title, description, provisions, themes, priority in NEEDS:
        state = State.objects.filter(iso3=iso3).first()
        if state is None:
            continue
        _need, made = need_upsert(
            actor=actor,
            state=state,
            title=title,
            description=description,
            provisions=Provision.objects.filter(key__in=provisions),
            themes=Theme.objects.filter(code__in=themes),
            priority=priority,
            source=Need.Source.STATE,
            source_ref=ref,
            classification="restricted",
        )
        created += made
    return created


def load_overlaps(actor: Any = None) -> str:
    actor = actor or SYSTEM
    needs = load_needs(actor)
    summary = overlaps_detect(actor=SYSTEM)
    return (
        f"needs and overlaps: {needs} new demo needs; {summary.projects} projects compared, "
        f"{summary.pairs} possible overlaps ({summary.created} new)"
    )
