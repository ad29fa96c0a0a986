"""The resolution's areas of work, which are tact's navigation.

Each area names the clause of the resolution it serves and the Convention themes that
concern it; an app that implements an area registers its entry page by URL name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    slug: str
    label: str | Promise
    clause: str
    summary: str | Promise
    themes: tuple[str, ...]
    url_name: str = ""

    def url(self) -> str:
        if self.url_name:
            try:
                return reverse(self.url_name)
            except NoReverseMatch:
                pass
        return reverse("site:area", args=[self.slug])


AREAS: tuple[Area, ...] = (
    Area(
        "strategies",
        _("Strategies"),
        "a",
        _(
            "National strategies against transnational organized crime: inter-agency "
            "cooperation, response to the changing nature of criminal groups, public awareness."
        ),
        ("prevention", "law_enforcement"),
        "strategies:index",
    ),
    Area(
        "meetings",
        _("Meetings and recommendations"),
        "b",
        _(
            "Working-group meetings, their panels and documents; resolutions and the follow-up "
            "of every recommendation."
        ),
        ("technical_assistance", "institutional"),
        "resolutions:index",
    ),
    Area(
        "legislation",
        _("Legislation"),
        "b.ii, b.v",
        _(
            "National legislation compared with the Convention: gap analysis, harmonisation, "
            "and the comparative analysis of law on victims and witnesses."
        ),
        ("criminalization", "protection_of_victims_and_witnesses"),
        "legislation:index",
    ),
    Area(
        "capacity",
        _("Capacity building"),
        "b.iii",
        _(
            "Capacity-building programmes for prosecutors, judges and law enforcement aimed at "
            "inter-agency cooperation."
        ),
        ("technical_assistance", "law_enforcement"),
        "training:index",
    ),
    Area(
        "threats",
        _("Threat assessment"),
        "b.iv",
        _("Methods of criminal threat assessment; assessments are confidential by default."),
        ("law_enforcement", "prevention"),
        "threats:index",
    ),
    Area(
        "assistance",
        _("Assistance"),
        "c",
        _(
            "Resources for UNODC and assistance coordinated through UN, regional and bilateral "
            "channels: who does what where, needs matched to offers, overlaps."
        ),
        ("technical_assistance", "international_cooperation"),
        "assistance:index",
    ),
    Area(
        "evaluation",
        _("Evaluation"),
        "d",
        _(
            "Analysis and evaluation of technical assistance for coherence, effectiveness and "
            "impact."
        ),
        ("technical_assistance",),
        "evaluation:index",
    ),
    Area(
        "practices",
        _("Good practices"),
        "d",
        _("Exchange of successful practices between states and international organisations."),
        ("technical_assistance",),
        "practices:list",
    ),
)

AREAS_BY_SLUG = {area.slug: area for area in AREAS}
