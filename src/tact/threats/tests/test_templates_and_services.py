"""Templates made and edited on the pages (no code) are used for assessments; older
assessments keep their version. Ratings batches, grading, findings turned into needs."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tact.core.access import SYSTEM
from tact.threats import grading, selectors, services
from tact.threats.models import Assessment, MethodTemplate, Rating, Subject
from tact.threats.tests import factories as f

pytestmark = pytest.mark.django_db


def _formset(prefix: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def _template_post(
    weights: dict[str, int], *, key: str = "harbour", name: str = "Harbour matrix"
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": key,
        "name": name,
        "description": "",
        "rule": "weighted_sum",
        "note": "made on the page",
    }
    data.update(
        _formset(
            "levels",
            [
                {"scale": "three", "code": "H", "label": "High", "value": "3"},
                {"scale": "three", "code": "L", "label": "Low", "value": "1"},
                {
                    "scale": "three",
                    "code": "U",
                    "label": "Unknown",
                    "value": "1",
                    "low": "0",
                    "high": "3",
                    "unknown": "on",
                },
            ],
        )
    )
    data.update(
        _formset(
            "attributes",
            [
                {
                    "code": code,
                    "name": code.title(),
                    "weight": str(w),
                    "scale": "three",
                    "applies_to": "group",
                }
                for code, w in weights.items()
            ],
        )
    )
    data.update(_formset("bands", []))
    return data


def test_a_template_made_on_the_pages_is_used_for_an_assessment(
    secretariat: Any, kenya: Any
) -> None:
    client = Client()
    client.force_login(secretariat)
    # given a template made through the editor
    response = client.post("/en/threats/templates/new/", _template_post({"reach": 5, "money": 2}))
    assert response.status_code == 302
    template = MethodTemplate.objects.get(key="harbour")
    version = template.versions.get()
    assert version.number == 1 and version.note == "made on the page"
    # when an assessment is made with it on the assessment page
    response = client.post(
        "/en/threats/assessments/new/",
        {
            "title": "Harbour assessment",
            "owner_state": kenya.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "template_version": version.pk,
            "classification": "confidential",
            "status": "draft",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(title="Harbour assessment")
    assert assessment.classification == "confidential"
    subject = services.subject_add(
        actor=secretariat, assessment=assessment, kind="group", pseudonym="G1"
    )
    client.post(
        f"/en/threats/assessments/{assessment.pk}/ratings/",
        {f"cell-{subject.pk}-reach": "H", f"cell-{subject.pk}-money": "U"},
    )
    # then its scores follow the new template: 3x5 + 1x2 = 17, range 15..21
    row = selectors.compute(assessment).results.rows[0]
    assert (row.score.total, row.score.low, row.score.high) == (17, 15, 21)
    assert (
        "Harbour assessment"
        in client.get(f"/en/threats/assessments/{assessment.pk}/").content.decode()
    )


def test_editing_a_template_makes_a_version_and_leaves_old_assessments_alone(
    secretariat: Any, kenya: Any
) -> None:
    old = f.assessment(kenya, title="Made with v1")
    group = services.subject_add(actor=SYSTEM, assessment=old, kind="group", pseudonym="G")
    services.ratings_set(actor=SYSTEM, assessment=old, cells={(group.pk, "corruption"): "H"})
    before = selectors.compute(old).results.rows[0].score
    assert before.total == 76 + sum(2 * w for w in range(1, 19))  # the other 18 are unrated

    client = Client()
    client.force_login(secretariat)
    sleipnir = MethodTemplate.objects.get(key="sleipnir")
    page = client.get(f"/en/threats/templates/{sleipnir.pk}/edit/")
    assert page.status_code == 200
    # the editor is prefilled with the 19 attributes; change Corruption's weight to 50
    form = page.context["attributes"]
    rows = [dict(fm.initial) for fm in form.forms if fm.initial]
    assert len(rows) == 19
    rows[0]["weight"] = 50
    levels = [dict(fm.initial) for fm in page.context["levels"].forms if fm.initial]
    data: dict[str, Any] = {
        "name": sleipnir.name,
        "description": "",
        "rule": "weighted_sum",
        "note": "heavier corruption",
    }
    data.update(
        _formset(
            "levels",
            [
                {
                    k: ("on" if v is True else "" if v is None or v is False else v)
                    for k, v in r.items()
                }
                for r in levels
            ],
        )
    )
    data.update(
        _formset("attributes", [{k: v for k, v in r.items() if v is not None} for r in rows])
    )
    data.update(_formset("bands", []))
    response = client.post(f"/en/threats/templates/{sleipnir.pk}/edit/", data)
    assert response.status_code == 302, (
        response.context["problems"],
        response.context["levels"].errors,
        response.context["attributes"].errors,
        response.context["head"].errors,
    )
    assert list(sleipnir.versions.values_list("number", flat=True).order_by("number")) == [1, 2]

    old.refresh_from_db()
    assert old.template_version.number == 1
    after = selectors.compute(old).results.rows[0].score
    assert (after.total, after.low, after.high) == (before.total, before.low, before.high)

    new = f.assessment(
        kenya, title="Made with v2", template_version=sleipnir.versions.get(number=2)
    )
    g2 = services.subject_add(actor=SYSTEM, assessment=new, kind="group", pseudonym="G")
    services.ratings_set(actor=SYSTEM, assessment=new, cells={(g2.pk, "corruption"): "H"})
    assert selectors.compute(new).results.rows[0].score.total == 200 + sum(
        2 * w for w in range(1, 19)
    )


def test_a_bad_template_is_refused_with_its_reasons(secretariat: Any) -> None:
    client = Client()
    client.force_login(secretariat)
    data = _template_post({"reach": 5})
    data["attributes-0-scale"] = "nowhere"
    response = client.post("/en/threats/templates/new/", data)
    assert response.status_code == 200
    assert "there is no scale" in response.content.decode()
    assert not MethodTemplate.objects.filter(key="harbour").exists()


def test_a_batch_with_one_bad_cell_saves_nothing(kenya: Any) -> None:
    a = f.assessment(kenya)
    g = services.subject_add(actor=SYSTEM, assessment=a, kind="group", pseudonym="G")
    with pytest.raises(ValidationError) as caught:
        services.ratings_set(
            actor=SYSTEM, assessment=a, cells={(g.pk, "corruption"): "H", (g.pk, "violence"): "Q"}
        )
    assert "'Q' is not a level" in caught.value.messages[0]
    assert not Rating.objects.filter(assessment=a).exists()


def test_evidence_is_graded_in_one_scheme_and_rolls_up_to_confidence(kenya: Any) -> None:
    records = f.full(kenya)
    rating = records["rating"]
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=SYSTEM,
            rating=rating,
            summary="x",
            scheme="admiralty",
            source_grade="B",
            information_grade="C",
        )
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=SYSTEM,
            rating=rating,
            summary="x",
            scheme="uk_3x5x2",
            source_grade="1",
            information_grade="B",
            handling_code="Z",
        )
    assert grading.confidence([("admiralty", "B", "2")]) == "moderate"
    assert grading.confidence([("admiralty", "C", "3"), ("uk_3x5x2", "3", "C")]) == "low"
    assert grading.confidence([("admiralty", "A", "1"), ("uk_3x5x2", "1", "A")]) == "high"
    assert grading.confidence([]) == "none"
    assert grading.grade_label("uk_3x5x2", "1", "B", "P") == "1/B/P"


def test_subjects_have_no_personal_data_fields() -> None:
    names = {field.name for field in Subject._meta.get_fields()}
    assert names == {
        "id",
        "created_at",
        "updated_at",
        "assessment",
        "kind",
        "pseudonym",
        "themes",
        "routes",
        "commodities",
        "ratings",
    }


def test_a_need_is_made_from_the_sanitised_summary_only(
    kenya: Any, focal_kenya: Any, focal_mexico: Any
) -> None:
    records = f.full(kenya)
    finding = records["finding"]
    with pytest.raises(PermissionDenied):
        services.finding_to_need(actor=focal_mexico, finding=finding)
    need = services.finding_to_need(actor=focal_kenya, finding=finding, priority="high")
    assert (need.title, need.description, need.state, need.priority) == (
        "Ports need scanners",
        "Port scanning capacity is low.",
        kenya,
        "high",
    )
    assert f.PSEUDONYM not in need.description and "corruption" not in need.description.lower()
    # idempotent: the same need again
    assert services.finding_to_need(actor=focal_kenya, finding=finding).pk == need.pk
    finding.refresh_from_db()
    assert finding.need_id == need.pk
