"""Figures derived from the summaries (folded matrix, map, donor list) are stored per access
profile and summary version: a page reads them back, any change to the projects drops them,
and what is read always equals a fresh computation from the records (issue 19)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tact.assistance import dashboards, figures, summaries
from tact.assistance.matrix import TOP_ORGANISATIONS
from tact.assistance.models import (
    DerivedFigures,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
)
from tact.catalog.models import Theme
from tact.core.access import SYSTEM

pytestmark = pytest.mark.django_db


def _project(ident: str, state: Any, funders: list[str], budget: int, **extra: Any) -> Project:
    project = Project.objects.create(
        iati_identifier=ident,
        title=f"Project {ident}",
        reporting_org_ref="XM-TEST",
        reporting_org_name="Reporter",
        budget_usd=Decimal(budget),
        channel_derived="unodc",
        status="2",
        **extra,
    )
    ProjectCountry.objects.create(project=project, code=state.iso2, state=state, percentage=100)
    for order, name in enumerate(funders):
        ParticipatingOrganisation.objects.create(
            project=project, role="1", name=name, ref=f"REF-{name}", order=order
        )
    return project


def _fresh(user: Any, **kwargs: Any) -> dashboards.Matrix:
    """The matrix computed now from the summaries, nothing stored read back."""
    DerivedFigures.objects.all().delete()
    return dashboards.who_does_what_where(user, **kwargs)


def _cells(matrix: dashboards.Matrix) -> dict[Any, Any]:
    return {key: (c.count, c.amount, c.organisation_list()) for key, c in matrix.cells.items()}


def test_matrix_folds_organisations_and_stays_equal_to_a_fresh_computation(
    kenya: Any, mexico: Any
) -> None:
    # Eight funders in one Kenyan cell, with different amounts: the largest shown, the rest
    # folded into "N others".
    for n in range(8):
        _project(f"K{n}", kenya, [f"Funder {n}"], 1000 * (n + 1))
    _project("M1", mexico, ["Funder 0"], 500)
    matrix = dashboards.who_does_what_where(SYSTEM)
    assert DerivedFigures.objects.exists()  # stored for the next reader
    cell = matrix.cells[(kenya.pk, None)]
    shown = cell.organisation_list()
    assert [name for name, _a in shown[:TOP_ORGANISATIONS]] == [
        f"Funder {n}" for n in range(7, 7 - TOP_ORGANISATIONS, -1)
    ]
    folded = 8 - TOP_ORGANISATIONS
    assert shown[-1] == (f"{folded} others", Decimal(sum(1000 * (n + 1) for n in range(folded))))
    assert sum(a for _n, a in shown) == cell.amount == Decimal(36_000)
    # Read back from the stored parts: the same as computed.
    again = dashboards.who_does_what_where(SYSTEM)
    assert _cells(again) == _cells(matrix)
    # An edit drops the stored figures: the next read shows it.
    version = summaries.version()
    Project.objects.get(iati_identifier="K7").themes.set(
        [Theme.objects.get(code="criminalization")]
    )
    assert summaries.version() > version
    after = dashboards.who_does_what_where(SYSTEM)
    assert _cells(after) == _cells(_fresh(SYSTEM))
    assert (kenya.pk, None) in after.cells and after.cells[(kenya.pk, None)].count == 7


def test_matrix_pages_states_and_folds_the_rest(kenya: Any, mexico: Any) -> None:
    _project("K1", kenya, ["A"], 3000)
    _project("M1", mexico, ["B"], 1000)
    first = dashboards.who_does_what_where(SYSTEM, top=1)
    assert [s.iso3 for s in first.states] == ["KEN"]
    assert [s.iso3 for s in first.folded] == ["MEX"]
    assert first.others is not None
    cells, total = first.others
    assert total.count == 1 and total.amount == Decimal(1000)
    assert sum(c.amount for c in cells) == Decimal(1000)
    second = dashboards.who_does_what_where(SYSTEM, top=1, offset=1)
    assert [s.iso3 for s in second.states] == ["MEX"] and second.others is None
    client = Client()
    rows = client.get("/api/v1/assistance/matrix?limit=1&offset=1").json()
    assert {r["iso3"] for r in rows} == {"MEX"}


def test_stored_figures_follow_the_viewers_access(kenya: Any, reader: Any) -> None:
    _project("K1", kenya, ["A"], 3000)
    _project("K2", kenya, ["Secret funder"], 5000, classification="restricted")
    anonymous = AnonymousUser()
    assert figures.profile(anonymous) == "public"
    assert figures.profile(SYSTEM) == "all"
    assert figures.profile(reader) not in {"public", "all"}
    public = dashboards.who_does_what_where(anonymous)
    everything = dashboards.who_does_what_where(SYSTEM)
    assert public.cells[(kenya.pk, None)].count == 1
    assert everything.cells[(kenya.pk, None)].count == 2
    names = [n for n, _a in public.cells[(kenya.pk, None)].organisation_list()]
    assert "Secret funder" not in names
    assert dashboards.map_data(anonymous)["states"][0]["projects"] == 1
    assert dashboards.map_data(SYSTEM)["states"][0]["projects"] == 2
    # The stored public figures are not what the secretariat reads, nor the reverse.
    assert dashboards.who_does_what_where(anonymous).cells[(kenya.pk, None)].count == 1
    body = Client().get("/en/assistance/matrix/").content.decode()
    assert "Secret funder" not in body
