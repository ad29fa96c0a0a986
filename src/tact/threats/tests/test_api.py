"""The API: create an assessment, add subjects, set ratings in one batch, read the results;
templates and gradings; bad input is a clear 4xx that changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.threats.models import Assessment, Rating
from tact.threats.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_owner_builds_and_reads_an_assessment_through_the_api(
    focal_kenya: Any, token_for: Any
) -> None:
    auth = token_for(focal_kenya)
    client = Client(**auth)
    version = f.sleipnir_v1()
    response = client.post(
        "/api/v1/threats/assessments",
        {
            "title": "API picture",
            "owner_state": "KEN",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "template_version_id": version.pk,
            "scope": ["groups"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["classification"], body["template"], body["template_version"]) == (
        "confidential",
        "sleipnir",
        1,
    )
    a = body["id"]
    ids = [
        client.post(
            f"/api/v1/threats/assessments/{a}/subjects",
            {"pseudonym": name},
            content_type="application/json",
        ).json()["id"]
        for name in ("G-ONE", "G-TWO")
    ]
    cells = [
        {"subject_id": ids[0], "attribute": "corruption", "level": "H"},
        {"subject_id": ids[1], "attribute": "corruption", "level": "L"},
    ] + [
        {"subject_id": sid, "attribute": code, "level": "N"}
        for sid in ids
        for code in (
            "violence",
            "infiltration",
            "expertise",
            "sophistication",
            "subversion",
            "strategy",
            "discipline",
            "insulation",
            "intelligence_use",
            "multiple_enterprises",
            "mobility",
            "stability",
            "scope",
            "monopoly",
            "group_cohesiveness",
            "continuity",
            "links_to_other_organized_crime_groups",
            "links_to_criminal_extremist_groups",
        )
    ]
    response = client.put(
        f"/api/v1/threats/assessments/{a}/ratings", cells, content_type="application/json"
    )
    assert response.json() == {"changed": 38}
    results = client.get(f"/api/v1/threats/assessments/{a}/results").json()
    assert [
        (r["rank"], r["subject"], r["score"], r["low"], r["high"]) for r in results["rank"]
    ] == [
        (1, "G-ONE", "76", "76", "76"),
        (2, "G-TWO", "19", "19", "19"),
    ]
    assert results["gaps"] == [] and results["maximum"] == "760"
    detail = client.get(f"/api/v1/threats/assessments/{a}").json()
    assert [s["pseudonym"] for s in detail["subjects"]] == ["G-ONE", "G-TWO"]


def test_a_bad_cell_is_a_400_and_nothing_is_saved(
    focal_kenya: Any, token_for: Any, kenya: Any
) -> None:
    records = f.full(kenya)
    client = Client(**token_for(focal_kenya))
    before = sorted(Rating.objects.values_list("pk", "level"))
    response = client.put(
        f"/api/v1/threats/assessments/{records['assessment'].pk}/ratings",
        [
            {"subject_id": records["subject"].pk, "attribute": "corruption", "level": "N"},
            {"subject_id": records["subject"].pk, "attribute": "charisma", "level": "H"},
        ],
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "charisma" in response.json()["detail"][0]
    assert sorted(Rating.objects.values_list("pk", "level")) == before


def test_a_focal_point_may_not_create_for_another_state(focal_mexico: Any, token_for: Any) -> None:
    client = Client(**token_for(focal_mexico))
    response = client.post(
        "/api/v1/threats/assessments",
        {
            "title": "Not mine",
            "owner_state": "KEN",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "template_version_id": f.sleipnir_v1().pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Assessment.objects.filter(title="Not mine").exists()


def test_templates_and_gradings_are_listed(reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    keys = [t["key"] for t in client.get("/api/v1/threats/templates").json()]
    assert set(keys) >= {"sleipnir", "socta", "likelihood_impact"}
    gradings = {g["key"]: g for g in client.get("/api/v1/threats/gradings").json()}
    assert [c["code"] for c in gradings["admiralty"]["dimensions"]["source"]] == list("ABCDEF")
    assert [c["code"] for c in gradings["uk_3x5x2"]["dimensions"]["handling"]] == ["P", "C"]


def test_the_list_page_does_not_grow_its_queries_with_the_rows(
    kenya: Any, focal_kenya: Any, django_assert_max_num_queries: Any
) -> None:
    for index in range(12):
        f.assessment(kenya, title=f"Picture {index}")
    client = Client()
    client.force_login(focal_kenya)
    client.get("/en/threats/")  # warm the session and caches
    with django_assert_max_num_queries(14):
        response = client.get("/en/threats/")
    assert response.content.decode().count("Picture ") == 12
