"""Builders for the needs and overlaps tests: projects written straight to the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tact.assistance.models import ParticipatingOrganisation, Project, ProjectCountry, ProjectSector
from tact.directory.models import Organisation, State

NL = "Ministry of Foreign Affairs of the Netherlands"
UNODC = "United Nations Office on Drugs and Crime"


def make_project(
    identifier: str,
    title: str,
    *,
    country: str = "KE",
    start: dt.date = dt.date(2023, 1, 1),
    end: dt.date = dt.date(2025, 12, 31),
    reporter: str = NL,
    reporter_ref: str = "XM-DAC-7",
    funder: str = NL,
    description: str = "Training prosecutors and police on witness protection and relocation.",
    related: str = "",
    owner: Organisation | None = None,
    classification: str = "public",
    status: str = "2",
    provisions: list[Any] | None = None,
    themes: list[Any] | None = None,
) -> Project:
    project = Project.objects.create(
        iati_identifier=identifier,
        title=title,
        description=description,
        reporting_org_ref=reporter_ref,
        reporting_org_name=reporter,
        reporting_organisation=owner,
        owner_organisation=owner,
        planned_start=start,
        planned_end=end,
        status=status,
        classification=classification,
        origin="tact",
        iati_activity={"related_activities": [{"ref": related, "type": "5"}]} if related else {},
    )
    ProjectCountry.objects.create(
        project=project, code=country, state=State.objects.filter(iso2=country).first()
    )
    ProjectSector.objects.create(project=project, vocabulary="1", code="15130")
    ParticipatingOrganisation.objects.create(project=project, role="1", name=funder)
    ParticipatingOrganisation.objects.create(project=project, role="4", name=UNODC)
    if provisions:
        project.provisions.set(provisions)
    if themes:
        project.themes.set(themes)
    return project


def planted_pair(owner: Organisation | None = None) -> tuple[Project, Project, Project]:
    """A donor record, UNODC's record of the same project, and an unrelated project."""
    donor = make_project(
        "XM-DAC-7-KE-1",
        "Strengthening witness protection for prosecutors in Kenya",
        owner=owner,
    )
    unodc = make_project(
        "XM-DAC-41128-KE-1",
        "UNODC: Reinforcing witness protection for prosecutors in Kenya",
        reporter=UNODC,
        reporter_ref="XM-DAC-41128",
        start=dt.date(2023, 2, 1),
        related="XM-DAC-7-KE-1",
    )
    other = make_project(
        "XM-DAC-7-KE-2",
        "Firearms marking and record keeping for customs officers",
        description="Marking machines and a national firearms register.",
        owner=owner,
    )
    return donor, unodc, other
