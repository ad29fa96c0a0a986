"""The demo data: loads, is idempotent, spans the demo states, and exports as valid IATI."""

from __future__ import annotations

import io

import pytest

from tact.assistance import demo
from tact.assistance.iati import validate_file
from tact.assistance.models import Contribution, ExchangeRate, Project
from tact.assistance.services import export_projects
from tact.directory import demo as directory_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_idempotently_and_exports_valid_iati() -> None:
    directory_demo.load()
    summary = demo.load()
    assert "demo projects" in summary
    count = Project.objects.count()
    assert 38 <= count <= 45
    assert demo.load() and Project.objects.count() == count
    states = set(
        Project.objects.values_list("countries__state__iso3", flat=True).exclude(
            countries__state=None
        )
    )
    assert set(demo.STATES) <= states
    channels = {p.channel for p in Project.objects.all()}
    assert {"unodc", "un_other", "bilateral", "ngo_other"} <= channels
    assert Project.objects.filter(themes__isnull=False).distinct().count() == count
    assert Project.objects.filter(provisions__isnull=False).distinct().count() == count
    assert Project.objects.exclude(budget_usd=None).count() == count
    assert Contribution.objects.exclude(paid_usd=None).exists()
    assert ExchangeRate.objects.filter(currency="EUR").exists()
    out = io.BytesIO()
    left_out = export_projects(Project.objects.all(), out, fmt="xml")
    assert left_out == []
    assert validate_file(out.getvalue()) == []
