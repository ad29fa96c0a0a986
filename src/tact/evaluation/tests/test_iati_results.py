"""IATI results of a project into a results framework and back out as IATI XML."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tact.assistance.iati import iter_activities, write_activities
from tact.assistance.models import ProjectResult, ResultIndicator
from tact.evaluation import iati_results
from tact.evaluation.models import Indicator, IndicatorPeriod
from tact.evaluation.tests import factories as f

pytestmark = pytest.mark.django_db


def _project_with_results() -> Any:
    p = f.project(
        "XM-TEST-1", states=[("KEN", None)], funders=["NL"], themes=[], budget=Decimal(10)
    )
    p.description = "Training"
    p.planned_start = timezone.now().date()
    p.save()
    outcome = ProjectResult.objects.create(
        project=p, type="2", title="Cases investigated jointly", order=0
    )
    ResultIndicator.objects.create(
        result=outcome,
        measure="1",
        ascending=True,
        title="Joint cases",
        baseline_year=2022,
        baseline_value="10",
        periods=[
            {
                "start": "2023-01-01",
                "end": "2023-12-31",
                "target": "20",
                "actual": "15",
                "target_comment": "",
                "actual_comment": "case files",
            },
            {"start": "2024-01-01", "end": "2024-12-31", "target": "30", "actual": None},
        ],
    )
    output = ProjectResult.objects.create(project=p, type="1", title="Officers trained", order=1)
    ResultIndicator.objects.create(
        result=output,
        measure="5",
        title="Quality of training",
        periods=[{"start": "2023-01-01", "end": "2023-12-31", "actual": "good"}],
    )
    return p


def test_import_is_idempotent_and_export_round_trips(secretariat: Any) -> None:
    project = _project_with_results()
    framework, counts = iati_results.import_project_results(actor=secretariat, project=project)
    assert counts == {"results": 2, "indicators": 2, "periods": 3, "replaced": 0}
    assert framework.state.iso3 == "KEN"
    joint = Indicator.objects.get(title="Joint cases")
    assert joint.node.level == "outcome" and joint.baseline_value == Decimal(10)
    assert IndicatorPeriod.objects.get(indicator=joint, end__year=2023).actual_value == Decimal(15)
    assert Indicator.objects.get(title="Quality of training").measure == "qualitative"
    again, counts = iati_results.import_project_results(actor=secretariat, project=project)
    assert again.pk == framework.pk and counts["replaced"] == 2
    assert Indicator.objects.count() == 2 and IndicatorPeriod.objects.count() == 3

    activity = iati_results.project_activity(project, framework)
    out = io.BytesIO()
    write_activities([activity], out, generated=timezone.now())
    parsed = [
        r.activity for r in iter_activities(io.BytesIO(out.getvalue())) if r.activity is not None
    ]
    assert len(parsed) == 1
    results = parsed[0].results
    assert [r.type for r in results] == ["2", "1"]
    indicator = results[0].indicators[0]
    assert indicator.baseline.value == "10"
    assert [(p.target_value, p.actual_value) for p in indicator.periods] == [
        ("20", "15"),
        ("30", None),
    ]


def test_export_download_and_import_page(client: Any, secretariat: Any) -> None:
    project = _project_with_results()
    client.force_login(secretariat)
    response = client.post(f"/en/evaluation/projects/{project.pk}/iati-import/")
    assert response.status_code == 302
    framework = project.results_frameworks.get()
    xml = client.get(f"/en/evaluation/frameworks/{framework.pk}/iati.xml")
    assert xml.status_code == 200 and b"<result " in xml.content and b"Joint cases" in xml.content
