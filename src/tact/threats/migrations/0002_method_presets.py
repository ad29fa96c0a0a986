"""The method templates tact ships: Sleipnir-style matrix, SOCTA-style indicators,
likelihood x impact with ICD-203 words (a frozen copy of `tact.threats.presets`)."""

import json
from typing import Any

from django.db import migrations

PRESETS = json.loads(
    r"""
[
 [
  "sleipnir",
  "Sleipnir-style attribute matrix",
  "19 weighted attributes rated High, Medium, Low, Nil or Unknown; rank order of groups with uncertainty ranges (after the RCMP method).",
  {
   "rule": "weighted_sum",
   "scales": {
    "hmlnu": [
     {
      "code": "H",
      "label": "High",
      "value": 4
     },
     {
      "code": "M",
      "label": "Medium",
      "value": 2
     },
     {
      "code": "L",
      "label": "Low",
      "value": 1
     },
     {
      "code": "N",
      "label": "Nil",
      "value": 0
     },
     {
      "code": "U",
      "label": "Unknown",
      "value": 2,
      "min": 0,
      "max": 4,
      "unknown": true
     }
    ]
   },
   "attributes": [
    {
     "code": "corruption",
     "name": "Corruption",
     "weight": 19,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "violence",
     "name": "Violence",
     "weight": 18,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "infiltration",
     "name": "Infiltration",
     "weight": 17,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "expertise",
     "name": "Expertise",
     "weight": 16,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "sophistication",
     "name": "Sophistication",
     "weight": 15,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "subversion",
     "name": "Subversion",
     "weight": 14,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "strategy",
     "name": "Strategy",
     "weight": 13,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "discipline",
     "name": "Discipline",
     "weight": 12,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "insulation",
     "name": "Insulation",
     "weight": 11,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "intelligence_use",
     "name": "Intelligence Use",
     "weight": 10,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "multiple_enterprises",
     "name": "Multiple Enterprises",
     "weight": 9,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "mobility",
     "name": "Mobility",
     "weight": 8,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "stability",
     "name": "Stability",
     "weight": 7,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "scope",
     "name": "Scope",
     "weight": 6,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "monopoly",
     "name": "Monopoly",
     "weight": 5,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "group_cohesiveness",
     "name": "Group Cohesiveness",
     "weight": 4,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "continuity",
     "name": "Continuity",
     "weight": 3,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "links_to_other_organized_crime_groups",
     "name": "Links to Other Organized Crime Groups",
     "weight": 2,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    },
    {
     "code": "links_to_criminal_extremist_groups",
     "name": "Links to Criminal Extremist Groups",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group",
     "definition": ""
    }
   ]
  }
 ],
 [
  "socta",
  "SOCTA-style indicators",
  "Indicators for organized criminal groups and for crime markets, as a profile without a formula (after the EU SOCTA methodology).",
  {
   "rule": "profile",
   "scales": {
    "hmlnu": [
     {
      "code": "H",
      "label": "High",
      "value": 3
     },
     {
      "code": "M",
      "label": "Medium",
      "value": 2
     },
     {
      "code": "L",
      "label": "Low",
      "value": 1
     },
     {
      "code": "N",
      "label": "None",
      "value": 0
     },
     {
      "code": "U",
      "label": "Unknown",
      "value": 0,
      "min": 0,
      "max": 3,
      "unknown": true
     }
    ]
   },
   "attributes": [
    {
     "code": "g_resources",
     "name": "Resources",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_expertise",
     "name": "Expertise",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_adaptability",
     "name": "Adaptability",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_cooperation_with_other_groups",
     "name": "Cooperation with other groups",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_countermeasures_against_law_enforcement",
     "name": "Countermeasures against law enforcement",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_corruption",
     "name": "Corruption",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_influence_on_public_and_private_sectors",
     "name": "Influence on public and private sectors",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_use_of_legal_business_structures",
     "name": "Use of legal business structures",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_international_dimension",
     "name": "International dimension",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_use_of_violence",
     "name": "Use of violence",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_multi_criminality",
     "name": "Multi-criminality",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "g_control_of_territory",
     "name": "Control of territory",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "group"
    },
    {
     "code": "m_groups_active_in_the_market",
     "name": "Groups active in the market",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_profits_or_market_size",
     "name": "Profits or market size",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_ease_of_entry",
     "name": "Ease of entry",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_cross_border_dimension",
     "name": "Cross-border dimension",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_links_with_other_crime_areas",
     "name": "Links with other crime areas",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_trend",
     "name": "Trend",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_physical_and_social_harm",
     "name": "Physical and social harm",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_economic_and_financial_harm",
     "name": "Economic and financial harm",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    },
    {
     "code": "m_impact_on_society_and_institutions",
     "name": "Impact on society and institutions",
     "weight": 1,
     "scale": "hmlnu",
     "applies_to": "market"
    }
   ]
  }
 ],
 [
  "likelihood_impact",
  "Likelihood x impact (ICD-203 words)",
  "A 7 x 5 cell table: likelihood in ICD-203 estimative words, impact from minimal to severe.",
  {
   "rule": "lookup",
   "scales": {
    "likelihood": [
     {
      "code": "almost_no_chance",
      "label": "Almost no chance",
      "value": 1,
      "lower_pct": 1,
      "upper_pct": 5
     },
     {
      "code": "very_unlikely",
      "label": "Very unlikely",
      "value": 2,
      "lower_pct": 5,
      "upper_pct": 20
     },
     {
      "code": "unlikely",
      "label": "Unlikely",
      "value": 3,
      "lower_pct": 20,
      "upper_pct": 45
     },
     {
      "code": "even_chance",
      "label": "Roughly even chance",
      "value": 4,
      "lower_pct": 45,
      "upper_pct": 55
     },
     {
      "code": "likely",
      "label": "Likely",
      "value": 5,
      "lower_pct": 55,
      "upper_pct": 80
     },
     {
      "code": "very_likely",
      "label": "Very likely",
      "value": 6,
      "lower_pct": 80,
      "upper_pct": 95
     },
     {
      "code": "almost_certain",
      "label": "Almost certain",
      "value": 7,
      "lower_pct": 95,
      "upper_pct": 99
     }
    ],
    "impact": [
     {
      "code": "1",
      "label": "Minimal",
      "value": 1
     },
     {
      "code": "2",
      "label": "Minor",
      "value": 2
     },
     {
      "code": "3",
      "label": "Moderate",
      "value": 3
     },
     {
      "code": "4",
      "label": "Major",
      "value": 4
     },
     {
      "code": "5",
      "label": "Severe",
      "value": 5
     }
    ]
   },
   "attributes": [
    {
     "code": "likelihood",
     "name": "Likelihood",
     "weight": 1,
     "scale": "likelihood",
     "applies_to": "both"
    },
    {
     "code": "impact",
     "name": "Impact",
     "weight": 1,
     "scale": "impact",
     "applies_to": "both"
    }
   ],
   "matrix": {
    "likelihood": "likelihood",
    "impact": "impact",
    "bands": [
     {
      "code": "low",
      "label": "Low",
      "colour": "#cfe8cf"
     },
     {
      "code": "medium",
      "label": "Medium",
      "colour": "#ffe7a3"
     },
     {
      "code": "high",
      "label": "High",
      "colour": "#f7b267"
     },
     {
      "code": "very_high",
      "label": "Very high",
      "colour": "#e4572e"
     }
    ],
    "cells": [
     [
      "low",
      "low",
      "low",
      "medium",
      "medium"
     ],
     [
      "low",
      "low",
      "medium",
      "medium",
      "high"
     ],
     [
      "low",
      "medium",
      "medium",
      "high",
      "high"
     ],
     [
      "low",
      "medium",
      "high",
      "high",
      "very_high"
     ],
     [
      "low",
      "medium",
      "high",
      "high",
      "very_high"
     ],
     [
      "medium",
      "high",
      "high",
      "very_high",
      "very_high"
     ],
     [
      "medium",
      "high",
      "high",
      "very_high",
      "very_high"
     ]
    ]
   }
  }
 ]
]
"""
)


def forwards(apps: Any, schema_editor: Any) -> None:
    MethodTemplate = apps.get_model("threats", "MethodTemplate")
    TemplateVersion = apps.get_model("threats", "TemplateVersion")
    for key, name, description, definition in PRESETS:
        template, created = MethodTemplate.objects.get_or_create(
            key=key,
            defaults={"name": name, "description": description, "classification": "public"},
        )
        if created:
            TemplateVersion.objects.create(
                template=template, number=1, definition=definition, note="Shipped with tact"
            )


class Migration(migrations.Migration):
    dependencies = [("threats", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
