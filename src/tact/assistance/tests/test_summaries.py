"""The maintained summaries equal a recomputation from the records after imports, edits and
deletes, and the aggregate pages read them (issue 19)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tact.assistance import dashboards, summaries
from tact.assistance.models import ExchangeRate, Project, ProjectCountry
from tact.assistance.services import project_update_links, recompute_usd
from tact.assistance.summary_models import AssistanceSummary, SummaryLevel
from tact.assistance.tests.helpers import activity_xml, load_projects
from tact.catalog.models import Theme
from tact.core.access import SYSTEM

pytestmark = pytest.mark.django_db


def _rounded(table: dict[str, tuple[int, Decimal, Decimal]]) -> dict[str, tuple[int, str, str]]:
    # SQLite sums decimals as floats: compare to the cent.
    return {
        key: (n, f"{Decimal(str(a)):.2f}", f"{Decimal(str(b)):.2f}")
        for key, (n, a, b) in table.items()
        if n or a or b
    }


def _assert_fresh() -> None:
    assert _rounded(summaries.stored()) == _rounded(summaries.recompute())


@pytest.fixture
def projects(kenya: Any, mexico: Any) -> list[Project]:
    load_projects(
        activity_xml("XM-DAC-7-K1", title="Prosecutors in Kenya"),
        activity_xml("XM-DAC-7-M1", title="Border control in Mexico", country="MX"),
        activity_xml("XM-DAC-7-K2", title="Judges in Kenya"),
    )
    ExchangeRate.objects.create(currency="EUR", date="2020-01-01", usd_rate="1.10")
    recompute_usd()
    return list(Project.objects.order_by("iati_identifier"))


def test_summaries_follow_imports_edits_and_deletes(projects: list[Project], mexico: Any) -> None:
    assert AssistanceSummary.objects.exists()
    _assert_fresh()
    kenya_project = projects[0]
    theme = Theme.objects.get(code="criminalization")
    project_update_links(actor=SYSTEM, project=kenya_project, themes=[theme])
    _assert_fresh()
    cell = AssistanceSummary.objects.get(
        level=SummaryLevel.CELL, theme_id=theme.pk, state_id=kenya_project.countries.get().state_id
    )
    assert cell.projects == 1
    # An edit outside the services (a second recipient) and a classification change.
    ProjectCountry.objects.create(project=kenya_project, code="MX", state=mexico)
    kenya_project.classification = "restricted"
    kenya_project.save()
    _assert_fresh()
    assert AssistanceSummary.objects.filter(classification="restricted").exists()
    # Re-import of a changed file, then a delete.
    load_projects(activity_xml("XM-DAC-7-M1", title="Border control in Mexico, phase 2",
                               country="KE", last_updated="2025-01-01T00:00:00Z"))  # fmt: skip
    assert Project.objects.get(iati_identifier="XM-DAC-7-M1").countries.get().code == "KE"
    _assert_fresh()
    projects[1].delete()
    _assert_fresh()
    assert not summaries.stored() or all(n >= 0 for n, _a, _b in summaries.stored().values())
    summaries.rebuild()
    _assert_fresh()


def test_pages_read_the_summaries_with_access_rules(
    client: Client, projects: list[Project], reader: Any, kenya: Any
) -> None:
    kenya_state = kenya.pk
    assert dashboards.map_data(SYSTEM)["states"][0]["projects"] >= 1
    hidden = projects[0]
    hidden.classification = "restricted"
    hidden.owner_state = kenya
    hidden.save()
    client.force_login(reader)
    data = client.get("/en/assistance/map/data/").json()
    kenya_row = next(s for s in data["states"] if s["iso3"] == "KEN")
    assert kenya_row["projects"] == 1  # the other Kenyan project only
    secretariat_view = dashboards.map_data(SYSTEM)
    assert next(s for s in secretariat_view["states"] if s["iso3"] == "KEN")["projects"] == 2
    matrix = dashboards.who_does_what_where(SYSTEM)
    assert matrix.state_totals[kenya_state].count == 2
    assert matrix.without_country == 0
    folded = dashboards.who_does_what_where(SYSTEM, top=1)
    assert len(folded.states) == 1 and len(folded.folded) == 1
    others = folded.others
    assert others is not None and others[1].count == 1
    body = client.get("/en/assistance/").content.decode()
    assert "Judges in Kenya" in body


def test_live_path_for_filters_the_summaries_do_not_carry(projects: list[Project]) -> None:
    by_summary = dashboards.who_does_what_where(SYSTEM, state="KEN")
    by_records = dashboards.who_does_what_where(SYSTEM, state="KEN", status="2")
    assert {k: (c.count, round(c.amount, 2)) for k, c in by_summary.cells.items()} == {
        k: (c.count, round(c.amount, 2)) for k, c in by_records.cells.items()
    }
