"""The method templates tact ships (loaded by a data migration; editable on the pages).

Attribute and level names are method data, stored in English as the methods reference gives
them; the pages around them are translated. Definitions of the Sleipnir attributes are left
blank on purpose: the primary source was not available (methods reference, A1).
"""

from __future__ import annotations

from typing import Any

HMLNU = [
    {"code": "H", "label": "High", "value": 4},
    {"code": "M", "label": "Medium", "value": 2},
    {"code": "L", "label": "Low", "value": 1},
    {"code": "N", "label": "Nil", "value": 0},
    # Unknown is scored as Medium and ranges from Nil to High (methods reference, A1).
    {"code": "U", "label": "Unknown", "value": 2, "min": 0, "max": 4, "unknown": True},
]

SLEIPNIR_ATTRIBUTES = [
    "Corruption",
    "Violence",
    "Infiltration",
    "Expertise",
    "Sophistication",
    "Subversion",
    "Strategy",
    "Discipline",
    "Insulation",
    "Intelligence Use",
    "Multiple Enterprises",
    "Mobility",
    "Stability",
    "Scope",
    "Monopoly",
    "Group Cohesiveness",
    "Continuity",
    "Links to Other Organized Crime Groups",
    "Links to Criminal Extremist Groups",
]


def _code(name: str) -> str:
    return name.lower().replace(" ", "_").replace("-", "_")


SLEIPNIR: dict[str, Any] = {
    "rule": "weighted_sum",
    "scales": {"hmlnu": HMLNU},
    "attributes": [
        {
            "code": _code(name),
            "name": name,
            # The weight is the attribute's reverse rank: Corruption 19 ... 1.
            "weight": 19 - index,
            "scale": "hmlnu",
            "applies_to": "group",
            "definition": "",
        }
        for index, name in enumerate(SLEIPNIR_ATTRIBUTES)
    ],
}

# SOCTA-style: indicator families of the EU 2012/2013 methodology as recalled in the
# methods reference (UNCONFIRMED there); a profile, no formula (do not hard-code one).
SOCTA_SCALE = [
    {"code": "H", "label": "High", "value": 3},
    {"code": "M", "label": "Medium", "value": 2},
    {"code": "L", "label": "Low", "value": 1},
    {"code": "N", "label": "None", "value": 0},
    {"code": "U", "label": "Unknown", "value": 0, "min": 0, "max": 3, "unknown": True},
]
SOCTA_GROUP = [
    "Resources",
    "Expertise",
    "Adaptability",
    "Cooperation with other groups",
    "Countermeasures against law enforcement",
    "Corruption",
    "Influence on public and private sectors",
    "Use of legal business structures",
    "International dimension",
    "Use of violence",
    "Multi-criminality",
    "Control of territory",
]
SOCTA_MARKET = [
    "Groups active in the market",
    "Profits or market size",
    "Ease of entry",
    "Cross-border dimension",
    "Links with other crime areas",
    "Trend",
    "Physical and social harm",
    "Economic and financial harm",
    "Impact on society and institutions",
]
SOCTA: dict[str, Any] = {
    "rule": "profile",
    "scales": {"hmlnu": SOCTA_SCALE},
    "attributes": [
        {"code": "g_" + _code(n), "name": n, "weight": 1, "scale": "hmlnu", "applies_to": "group"}
        for n in SOCTA_GROUP
    ]
    + [
        {"code": "m_" + _code(n), "name": n, "weight": 1, "scale": "hmlnu", "applies_to": "market"}
        for n in SOCTA_MARKET
    ],
}

# Likelihood in ICD-203 estimative words with their probability ranges.
ICD203 = [
    ("almost_no_chance", "Almost no chance", 1, 5),
    ("very_unlikely", "Very unlikely", 5, 20),
    ("unlikely", "Unlikely", 20, 45),
    ("even_chance", "Roughly even chance", 45, 55),
    ("likely", "Likely", 55, 80),
    ("very_likely", "Very likely", 80, 95),
    ("almost_certain", "Almost certain", 95, 99),
]
IMPACT = [("1", "Minimal"), ("2", "Minor"), ("3", "Moderate"), ("4", "Major"), ("5", "Severe")]
BANDS = [
    {"code": "low", "label": "Low", "colour": "#cfe8cf"},
    {"code": "medium", "label": "Medium", "colour": "#ffe7a3"},
    {"code": "high", "label": "High", "colour": "#f7b267"},
    {"code": "very_high", "label": "Very high", "colour": "#e4572e"},
]


def _band(likelihood: int, impact: int) -> str:
    # An asymmetric default (impact weighs more than likelihood), kept as a lookup table
    # because organisations' matrices differ; edit the cells on the template page.
    points = (likelihood + 1) * (impact + 1) + impact
    if points >= 24:
        return "very_high"
    if points >= 13:
        return "high"
    if points >= 6:
        return "medium"
    return "low"


LIKELIHOOD_IMPACT: dict[str, Any] = {
    "rule": "lookup",
    "scales": {
        "likelihood": [
            {"code": c, "label": label, "value": i + 1, "lower_pct": lo, "upper_pct": hi}
            for i, (c, label, lo, hi) in enumerate(ICD203)
        ],
        "impact": [{"code": c, "label": label, "value": int(c)} for c, label in IMPACT],
    },
    "attributes": [
        {
            "code": "likelihood",
            "name": "Likelihood",
            "weight": 1,
            "scale": "likelihood",
            "applies_to": "both",
        },
        {"code": "impact", "name": "Impact", "weight": 1, "scale": "impact", "applies_to": "both"},
    ],
    "matrix": {
        "likelihood": "likelihood",
        "impact": "impact",
        "bands": BANDS,
        "cells": [[_band(li, im) for im in range(len(IMPACT))] for li in range(len(ICD203))],
    },
}

PRESETS: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "sleipnir",
        "Sleipnir-style attribute matrix",
        "19 weighted attributes rated High, Medium, Low, Nil or Unknown; rank order of groups "
        "with uncertainty ranges (after the RCMP method).",
        SLEIPNIR,
    ),
    (
        "socta",
        "SOCTA-style indicators",
        "Indicators for organized criminal groups and for crime markets, as a profile without "
        "a formula (after the EU SOCTA methodology).",
        SOCTA,
    ),
    (
        "likelihood_impact",
        "Likelihood x impact (ICD-203 words)",
        "A 7 x 5 cell table: likelihood in ICD-203 estimative words, impact from minimal to "
        "severe.",
        LIKELIHOOD_IMPACT,
    ),
]
