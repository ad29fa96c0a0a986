"""A confidential assessment is the owner's and the secretariat's: a focal point of another
state, a donor, an evaluator and a reader get 404 on every route (pages, API, search,
exports, counts, charts, record links, history) and learn nothing from lists or counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core import links
from tact.core.links import record_ref
from tact.search import search_all
from tact.threats.models import Rating, SanitisedSummary
from tact.threats.tests import factories as f

pytestmark = pytest.mark.django_db

OUTSIDERS = ["focal_mexico", "donor_nl", "evaluator", "reader"]
INSIDERS = ["focal_kenya", "secretariat"]


@pytest.fixture
def records(kenya: Any) -> dict[str, Any]:
    return f.full(kenya)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get_routes(r: dict[str, Any]) -> list[str]:
    a = r["assessment"].pk
    return [
        f"/en/threats/assessments/{a}/",
        f"/en/threats/assessments/{a}/edit/",
        f"/en/threats/assessments/{a}/ratings/",
        f"/en/threats/assessments/{a}/report.pdf",
        f"/en/threats/assessments/{a}/report.xlsx",
        f"/en/threats/assessments/{a}/chart.json",
        f"/en/threats/assessments/{a}/sheet.xlsx",
        f"/en/threats/assessments/{a}/import/",
        f"/en/threats/ratings/{r['rating'].pk}/",
        f"/ar/threats/assessments/{a}/",
        f"/api/v1/threats/assessments/{a}",
        f"/api/v1/threats/assessments/{a}/results",
        f"/api/v1/threats/assessments/{a}/heatmap",
        f"/en/history/threats/assessment/{a}/",
        f"/en/history/threats/subject/{r['subject'].pk}/",
        f"/en/history/threats/rating/{r['rating'].pk}/",
        f"/en/history/threats/evidence/{r['evidence'].pk}/",
        f"/en/history/threats/finding/{r['finding'].pk}/",
    ]


def _post_routes(r: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    a = r["assessment"].pk
    return [
        (f"/en/threats/assessments/{a}/ratings/", {f"cell-{r['subject'].pk}-corruption": "N"}),
        (f"/en/threats/assessments/{a}/subjects/new/", {"kind": "group", "pseudonym": "X"}),
        (f"/en/threats/assessments/{a}/findings/new/", {"title": "t", "sanitised_summary": "s"}),
        (f"/en/threats/subjects/{r['subject'].pk}/delete/", {}),
        (
            f"/en/threats/findings/{r['finding'].pk}/need/",
            {"priority": "high", "classification": "public"},
        ),
        (
            f"/en/threats/ratings/{r['rating'].pk}/",
            {"summary": "x", "scheme": "admiralty", "source_grade": "A", "information_grade": "1"},
        ),
        (f"/en/threats/assessments/{a}/import/", {}),
        (f"/en/threats/findings/{r['finding'].pk}/publish/", {"classification": "public"}),
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_404_on_every_assessment_route(
    request: pytest.FixtureRequest, records: dict[str, Any], persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = _client(user)
    for url in _get_routes(records):
        assert client.get(url).status_code == 404, url
    ratings_before = sorted(Rating.objects.values_list("pk", "level"))
    subjects_before = records["assessment"].subjects.count()
    for url, data in _post_routes(records):
        assert client.post(url, data).status_code == 404, url
    api = client.put(
        f"/api/v1/threats/assessments/{records['assessment'].pk}/ratings",
        [{"subject_id": records["subject"].pk, "attribute": "corruption", "level": "N"}],
        content_type="application/json",
    )
    assert api.status_code == 404
    assert (
        client.post(
            f"/api/v1/threats/assessments/{records['assessment'].pk}/subjects",
            {"pseudonym": "Y"},
            content_type="application/json",
        ).status_code
        == 404
    )
    # nothing changed
    assert sorted(Rating.objects.values_list("pk", "level")) == ratings_before
    assert records["assessment"].subjects.count() == subjects_before
    records["finding"].refresh_from_db()
    assert records["finding"].need_id is None
    assert not SanitisedSummary.objects.exists()
    published = client.post(
        f"/api/v1/threats/findings/{records['finding'].pk}/publish",
        {"classification": "public"},
        content_type="application/json",
    )
    assert published.status_code == 404 and not SanitisedSummary.objects.exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_find_and_count_nothing(
    request: pytest.FixtureRequest, records: dict[str, Any], persona: str, kenya: Any
) -> None:
    user = request.getfixturevalue(persona)
    client = _client(user)
    # lists, exports and counts
    listing = client.get("/en/threats/").content.decode()
    assert records["assessment"].title not in listing
    assert (
        client.get("/en/threats/?q=QUILL").content.decode().count(records["assessment"].title) == 0
    )
    export = client.get("/en/threats/?format=xlsx")
    assert export.status_code == 200 and b"Kenya threat picture" not in export.content
    api = client.get("/api/v1/threats/assessments").json()
    assert api["count"] == 0 and api["items"] == []
    assert client.get("/api/v1/threats/assessments?q=QUILL").json()["count"] == 0
    assert client.get("/api/v1/threats/stats").json() == {"draft": 0, "reviewed": 0, "final": 0}
    assert client.get("/api/v1/threats/stats?state=KEN").json()["draft"] == 0
    # search: the group's pseudonym finds nothing, on the page or the API
    assert search_all(user, f.PSEUDONYM) == []
    assert search_all(user, "Kenya threat") == []
    page = client.get(f"/en/search/?q={f.PSEUDONYM}").content.decode()
    assert "Kenya threat picture" not in page
    found = client.get(f"/api/v1/search?q={f.PSEUDONYM}").json()
    assert found["hits"] == [] and found["other_hits"] == [] and found["total"] == 0
    # record links and the state profile
    for key in ("assessment", "subject", "rating", "evidence", "finding", "market"):
        assert links.resolve_ref(user, record_ref(records[key])) is None, key
    profile = client.get(f"/en/states/{kenya.iso3}/").content.decode()
    assert "Kenya threat picture" not in profile


@pytest.mark.parametrize("persona", INSIDERS)
def test_the_owner_and_the_secretariat_see_everything(
    request: pytest.FixtureRequest, records: dict[str, Any], persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = _client(user)
    for url in _get_routes(records):
        assert client.get(url).status_code == 200, url
    assert [h.title for h in search_all(user, f.PSEUDONYM)] == ["Kenya threat picture"]
    found = client.get(f"/api/v1/search?q={f.PSEUDONYM}").json()
    assert [h["title"] for h in found["hits"] + found["other_hits"]] == ["Kenya threat picture"]
    assert "Kenya threat picture" in client.get("/en/states/KEN/").content.decode()
    assert client.get("/api/v1/threats/stats?state=KEN").json()["draft"] == 1
    for key in ("assessment", "subject", "rating", "evidence", "finding"):
        assert links.resolve_ref(user, record_ref(records[key])) == records[key]


def test_anonymous_is_sent_to_log_in_and_the_api_shows_nothing(records: dict[str, Any]) -> None:
    client = Client()
    a = records["assessment"].pk
    assert client.get(f"/en/threats/assessments/{a}/").status_code == 302
    assert client.get("/en/threats/").status_code == 302
    assert client.get(f"/api/v1/threats/assessments/{a}").status_code == 404
    assert client.get("/api/v1/threats/assessments").json()["count"] == 0


def test_a_restricted_assessment_is_still_hidden_from_other_states(
    kenya: Any, focal_mexico: Any, evaluator: Any
) -> None:
    a = f.assessment(kenya, classification="restricted", title="Restricted picture")
    assert _client(focal_mexico).get(f"/en/threats/assessments/{a.pk}/").status_code == 404
    # the base's rule: evaluators see restricted records
    assert _client(evaluator).get(f"/en/threats/assessments/{a.pk}/").status_code == 200


def test_the_owner_state_focal_point_may_edit(records: dict[str, Any], focal_kenya: Any) -> None:
    client = _client(focal_kenya)
    subject = records["subject"]
    response = client.post(
        f"/en/threats/assessments/{records['assessment'].pk}/ratings/",
        {f"cell-{subject.pk}-corruption": "L"},
    )
    assert response.status_code == 302
    assert Rating.objects.get(subject=subject, attribute="corruption").level == "L"


def test_an_assessment_is_never_public(kenya: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        f.assessment(kenya, classification="public", title="Public?")
    a = f.assessment(kenya)
    with pytest.raises(ValidationError):
        from tact.core.access import SYSTEM
        from tact.threats import services

        services.assessment_update(actor=SYSTEM, assessment=a, classification="public")
    a.refresh_from_db()
    assert a.classification == "confidential"
