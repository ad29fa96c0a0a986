"""Demo: Kenya's two successive Sleipnir-style assessments of five fictional groups and two
crime markets (a rank change, an unseparable pair, intelligence gaps), plus a likelihood x
impact view of the two markets. All names are invented code names."""

from __future__ import annotations

import datetime as dt

from tact.core.access import Actor
from tact.directory.models import State
from tact.threats import publication, services
from tact.threats.models import Assessment, MethodTemplate
from tact.threats.presets import SLEIPNIR_ATTRIBUTES

# One letter per Sleipnir attribute, Corruption first (H, M, L, N, U).
FIRST = {
    "OCG-ALDER": "HHMHMMHMMMHMMHMMHLN",
    "OCG-BIRCH": "MMMMLMMLMMMMMMLMMLN",
    "OCG-CEDAR": "HMMUMUMMMMMMUMMMMLN",
    "OCG-DRIFT": "LLLLLNLLLLLLLLLLLNN",
    "OCG-EMBER": "MHLMLLMLMLMMLLLLMNN",
}
SECOND = {
    "OCG-ALDER": "MHMHMMMMMMHMMHMMHLN",
    "OCG-BIRCH": "HHHMMMHMMMHMMHMMMLN",
    "OCG-CEDAR": "HMMUMUUMMMMMUMMMMLN",
    "OCG-DRIFT": "LLLLLNLLLLLLLLLLLNN",
    "OCG-EMBER": "MHMUMLMUMLMMLUMLMNN",
}
GROUP_THEMES = {
    "OCG-ALDER": (["drug trafficking"], ["coastal ports"], ["heroin"]),
    "OCG-BIRCH": (["wildlife trafficking"], ["airport cargo"], ["ivory"]),
    "OCG-CEDAR": (["drug trafficking", "money laundering"], ["northern corridor"], ["cocaine"]),
    "OCG-DRIFT": (["smuggling of migrants"], ["land border"], []),
    "OCG-EMBER": (["fraud"], ["online"], []),
}
MARKETS = {
    "MKT-COAST-HEROIN": (["drug trafficking"], ["Indian Ocean to coastal ports"], ["heroin"]),
    "MKT-WILDLIFE": (
        ["wildlife trafficking"],
        ["parks to airport cargo"],
        ["ivory", "pangolin scales"],
    ),
}
CODES = [name.lower().replace(" ", "_") for name in SLEIPNIR_ATTRIBUTES]


def _rate(actor: Actor, assessment: Assessment, table: dict[str, str]) -> None:
    subjects = {s.pseudonym: s for s in assessment.subjects.all()}
    cells = {
        (subjects[name].pk, code): letter
        for name, letters in table.items()
        for code, letter in zip(CODES, letters, strict=True)
    }
    services.ratings_set(actor=actor, assessment=assessment, cells=cells)


def load(actor: Actor) -> str:
    kenya = State.objects.get(iso3="KEN")
    if Assessment.objects.filter(owner_state=kenya, title__startswith="Kenya demo").exists():
        return "already loaded"
    services.presets_load(actor=actor)
    sleipnir = MethodTemplate.objects.get(key="sleipnir").versions.get(number=1)
    first = services.assessment_create(
        actor=actor,
        title="Kenya demo: organized crime threat assessment 2025",
        template_version=sleipnir,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        owner_state=kenya,
        scope=["groups", "markets"],
        scope_note="Five groups and two markets known to the national task force (fictional).",
        authors="National threat assessment unit (fictional)",
        status=Assessment.Status.FINAL,
    )
    for name, (themes, routes, commodities) in GROUP_THEMES.items():
        services.subject_add(
            actor=actor,
            assessment=first,
            kind="group",
            pseudonym=name,
            themes=themes,
            routes=routes,
            commodities=commodities,
        )
    for name, (themes, routes, commodities) in MARKETS.items():
        services.subject_add(
            actor=actor,
            assessment=first,
            kind="market",
            pseudonym=name,
            themes=themes,
            routes=routes,
            commodities=commodities,
        )
    _rate(actor, first, FIRST)
    second = services.assessment_create(
        actor=actor,
        title="Kenya demo: organized crime threat assessment 2026",
        template_version=sleipnir,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        owner_state=kenya,
        scope=["groups", "markets"],
        scope_note="Update of the 2025 assessment (fictional).",
        authors="National threat assessment unit (fictional)",
        status=Assessment.Status.REVIEWED,
        previous=first,
    )
    _rate(actor, second, SECOND)
    rating = second.ratings.get(subject__pseudonym="OCG-BIRCH", attribute="corruption")
    services.evidence_add(
        actor=actor,
        rating=rating,
        summary="Two seizure reports name officials at the cargo terminal.",
        scheme="admiralty",
        source_grade="B",
        information_grade="2",
        reference="SR-2026-014",
    )
    services.evidence_add(
        actor=actor,
        rating=rating,
        summary="Financial intelligence on unexplained payments.",
        scheme="uk_3x5x2",
        source_grade="1",
        information_grade="B",
        handling_code="C",
    )
    finding = services.finding_create(
        actor=actor,
        assessment=second,
        title="Corruption at air cargo terminals enables wildlife trafficking",
        sanitised_summary=(
            "Cargo screening and integrity controls at international airports need "
            "strengthening; training for customs and airport police is requested."
        ),
    )
    services.finding_to_need(actor=actor, finding=finding, priority="high")
    # Released beyond the assessment: the Kenyan strategy's aim ii objective cites it.
    publication.summary_publish(actor=actor, finding=finding)
    lxi = MethodTemplate.objects.get(key="likelihood_impact").versions.get(number=1)
    markets = services.assessment_create(
        actor=actor,
        title="Kenya demo: crime markets outlook 2026",
        template_version=lxi,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        owner_state=kenya,
        scope=["markets"],
        authors="National threat assessment unit (fictional)",
    )
    for name, (themes, routes, commodities) in MARKETS.items():
        services.subject_add(
            actor=actor,
            assessment=markets,
            kind="market",
            pseudonym=name,
            themes=themes,
            routes=routes,
            commodities=commodities,
        )
    subjects = {s.pseudonym: s.pk for s in markets.subjects.all()}
    services.ratings_set(
        actor=actor,
        assessment=markets,
        cells={
            (subjects["MKT-COAST-HEROIN"], "likelihood"): "very_likely",
            (subjects["MKT-COAST-HEROIN"], "impact"): "4",
            (subjects["MKT-WILDLIFE"], "likelihood"): "likely",
            (subjects["MKT-WILDLIFE"], "impact"): "3",
        },
    )
    return "3 assessments (5 groups, 2 markets), 1 finding (published), 1 need"
