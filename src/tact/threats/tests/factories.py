"""A small confidential Kenyan assessment with every kind of child record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tact.core.access import SYSTEM
from tact.threats import services
from tact.threats.models import Assessment, MethodTemplate

PSEUDONYM = "OCG-QUILLFEATHER"


def sleipnir_v1() -> Any:
    services.presets_load(actor=SYSTEM)  # after a live-server test flushed the database
    return MethodTemplate.objects.get(key="sleipnir").versions.get(number=1)


def assessment(
    state: Any, *, actor: Any = SYSTEM, title: str = "Kenya threat picture", **extra: Any
) -> Assessment:
    values: dict[str, Any] = {
        "title": title,
        "template_version": sleipnir_v1(),
        "period_start": dt.date(2026, 1, 1),
        "period_end": dt.date(2026, 6, 30),
        "owner_state": state,
        "scope": ["groups"],
    }
    values.update(extra)
    return services.assessment_create(actor=actor, **values)


def full(state: Any) -> dict[str, Any]:
    """Assessment, two groups and a market, ratings, evidence and a finding."""
    a = assessment(state)
    group = services.subject_add(actor=SYSTEM, assessment=a, kind="group", pseudonym=PSEUDONYM)
    other = services.subject_add(actor=SYSTEM, assessment=a, kind="group", pseudonym="OCG-OTHER")
    market = services.subject_add(
        actor=SYSTEM, assessment=a, kind="market", pseudonym="MKT-SAND", commodities=["ivory"]
    )
    services.ratings_set(
        actor=SYSTEM,
        assessment=a,
        cells={
            (group.pk, "corruption"): "H",
            (group.pk, "violence"): "U",
            (other.pk, "violence"): "L",
        },
    )
    rating = a.ratings.get(subject=group, attribute="corruption")
    evidence = services.evidence_add(
        actor=SYSTEM,
        rating=rating,
        summary="seizure report",
        scheme="admiralty",
        source_grade="B",
        information_grade="2",
    )
    finding = services.finding_create(
        actor=SYSTEM,
        assessment=a,
        title="Ports need scanners",
        sanitised_summary="Port scanning capacity is low.",
    )
    return {
        "assessment": a,
        "subject": group,
        "market": market,
        "rating": rating,
        "evidence": evidence,
        "finding": finding,
    }
