"""Issue 15, item 4: a finding leaves its assessment only as the sanitised summary its owner
publishes. Before publication (and after withdrawal) nobody outside the owner sees it; once
published it carries the owner's text and nothing else (no pseudonym, rating, evidence or
assessment title). Only the owner publishes or withdraws; every change is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tact.core.audit import history_for
from tact.threats import publication
from tact.threats.models import SanitisedSummary
from tact.threats.tests import factories as f

pytestmark = pytest.mark.django_db

# What must never appear wherever the summary is shown outside the assessment.
CONFIDENTIAL_BITS = [f.PSEUDONYM, "OCG-OTHER", "MKT-SAND", "seizure report", "Kenya threat picture"]


@pytest.fixture
def records(kenya: Any) -> dict[str, Any]:
    return f.full(kenya)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _publish(client: Client, finding: Any, classification: str = "public") -> Any:
    return client.post(
        f"/en/threats/findings/{finding.pk}/publish/", {"classification": classification}
    )


def test_the_owner_publishes_on_the_page_and_outsiders_then_read_only_the_summary(
    records: dict[str, Any], focal_kenya: Any, focal_mexico: Any, reader: Any
) -> None:
    finding = records["finding"]
    assert _publish(_client(focal_kenya), finding).status_code == 302
    summary = SanitisedSummary.objects.get(finding=finding)
    assert (summary.title, summary.summary) == (finding.title, finding.sanitised_summary)
    assert summary.owner_state_id == records["assessment"].owner_state_id
    assert summary.is_published and summary.published_on is not None
    assert [e.action for e in history_for(summary)] == ["threats.summary.publish"]
    for user in (focal_mexico, reader):
        client = _client(user)
        page = client.get(summary.get_absolute_url())
        assert page.status_code == 200
        body = page.content.decode()
        assert "Port scanning capacity is low." in body
        for bit in CONFIDENTIAL_BITS:
            assert bit not in body, bit
        # the finding and its assessment stay out of reach
        assert f"/threats/assessments/{records['assessment'].pk}/" not in body
        assert client.get(records["assessment"].get_absolute_url()).status_code == 404
        listing = client.get("/en/threats/summaries/").content.decode()
        assert summary.title in listing
        api = client.get(f"/api/v1/threats/summaries/{summary.pk}").json()
        assert api["summary"] == "Port scanning capacity is low." and api["published"] is True
        assert set(api) == {
            "id",
            "title",
            "summary",
            "owner_state",
            "classification",
            "published",
            "published_on",
        }
        assert client.get("/api/v1/threats/summaries?state=KEN").json()["count"] == 1


def test_an_unpublished_or_withdrawn_summary_is_the_owners_alone(
    records: dict[str, Any], focal_kenya: Any, focal_mexico: Any, evaluator: Any
) -> None:
    finding = records["finding"]
    owner = _client(focal_kenya)
    _publish(owner, finding, "restricted")
    summary = SanitisedSummary.objects.get(finding=finding)
    # restricted: the base's rule lets evaluators read it, not another state
    assert _client(evaluator).get(summary.get_absolute_url()).status_code == 200
    assert _client(focal_mexico).get(summary.get_absolute_url()).status_code == 404
    assert owner.post(f"/en/threats/summaries/{summary.pk}/withdraw/").status_code == 302
    summary.refresh_from_db()
    assert not summary.is_published and summary.published_on is None
    for user in (focal_mexico, evaluator):
        client = _client(user)
        assert client.get(summary.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/threats/summaries/{summary.pk}").status_code == 404
        assert client.get("/api/v1/threats/summaries").json()["count"] == 0
    assert owner.get(summary.get_absolute_url()).status_code == 200
    # withdrawn summaries are not offered for citing, even to the owner
    assert list(publication.published_summaries(actor=focal_kenya)) == []
    assert [e.action for e in history_for(summary)] == [
        "threats.summary.withdraw",
        "threats.summary.publish",
    ]


def test_republishing_releases_the_current_text_and_only_the_owner_may(
    records: dict[str, Any], focal_kenya: Any, focal_mexico: Any, secretariat: Any
) -> None:
    finding = records["finding"]
    first = publication.summary_publish(actor=focal_kenya, finding=finding)
    finding.sanitised_summary = "Port scanning capacity is low; two ports have none."
    finding.save()
    again = publication.summary_publish(actor=secretariat, finding=finding)
    assert again.pk == first.pk and again.summary.endswith("two ports have none.")
    with pytest.raises(PermissionDenied):
        publication.summary_publish(actor=focal_mexico, finding=finding)
    with pytest.raises(PermissionDenied):
        publication.summary_withdraw(actor=focal_mexico, summary=again)
    with pytest.raises(ValidationError):
        publication.summary_publish(actor=focal_kenya, finding=finding, classification="secret")
    # the API: publish then withdraw
    client = _client(focal_kenya)
    out = client.post(
        f"/api/v1/threats/findings/{finding.pk}/publish",
        {"classification": "restricted"},
        content_type="application/json",
    ).json()
    assert out["classification"] == "restricted" and out["published"] is True
    out = client.post(f"/api/v1/threats/summaries/{again.pk}/withdraw").json()
    assert out["published"] is False and out["classification"] == "confidential"
    bad = client.post(
        f"/api/v1/threats/findings/{finding.pk}/publish",
        {"classification": "confidential"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    again.refresh_from_db()
    assert not again.is_published


def test_the_assessment_page_offers_publication_to_the_owner_only(
    records: dict[str, Any], focal_kenya: Any, evaluator: Any, kenya: Any
) -> None:
    url = records["assessment"].get_absolute_url()
    body = _client(focal_kenya).get(url).content.decode()
    assert "Publish the sanitised summary" in body
    assert "Not published: no strategy objective can cite it." in body
    restricted = f.assessment(kenya, classification="restricted", title="Restricted picture")
    finding = publication.Finding.objects.create(
        assessment=restricted, title="t", sanitised_summary="s"
    )
    body = _client(evaluator).get(restricted.get_absolute_url()).content.decode()
    assert finding.title in body and "Publish the sanitised summary" not in body
