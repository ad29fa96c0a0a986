"""The integrity page, its lists and the checks API: counts of what the viewer sees."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from model_bakery import baker

from tact.assistance.models import Need
from tact.chain.integrity import integrity_findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(kenya: Any) -> list[Need]:
    public = [
        baker.make(Need, state=kenya, title=f"Open need {i}", classification="public")
        for i in range(3)
    ]
    secret = baker.make(
        Need, state=kenya, title="Restricted need", classification="restricted", owner_state=kenya
    )
    return [*public, secret]


def test_findings_count_what_the_viewer_sees(
    needs: list[Need], reader: Any, focal_kenya: Any, kenya: Any, mexico: Any
) -> None:
    def count(actor: Any, state: Any = None) -> int:
        found = {f.name: f for f in integrity_findings(actor, state, limit=2)}
        return found["needs-without-answer"].count

    assert count(reader) == 3
    assert count(focal_kenya) == 4
    assert count(focal_kenya, kenya) == 4
    assert count(focal_kenya, mexico) == 0
    found = {f.name: f for f in integrity_findings(reader, limit=2)}
    assert len(found["needs-without-answer"].items) == 2
    assert [f.name for f in integrity_findings(reader)] == [
        "recommendations-without-follow-up",
        "gaps-without-need",
        "needs-without-answer",
        "projects-without-framework",
        "indicators-without-actual",
        "evaluations-without-response",
    ]


def test_findings_count_the_same_whatever_the_limit(
    needs: list[Need], reader: Any, focal_kenya: Any, kenya: Any
) -> None:
    """The count is counted only when the list is full: below, at and above the limit (and
    with no list at all) it is the number of records the check finds for the viewer."""
    for actor, expected in ((reader, 3), (focal_kenya, 4)):
        for limit in (0, 1, expected - 1, expected, expected + 1, 10):
            found = {f.name: f for f in integrity_findings(actor, kenya, limit=limit)}
            finding = found["needs-without-answer"]
            assert finding.count == expected, (actor, limit)
            assert len(finding.items) == min(limit, expected)


def test_checks_page_and_list(needs: list[Need], reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    page = client.get("/en/chain/checks/?state=KEN").content.decode()
    assert "Needs with no project or offer" in page
    assert "Restricted need" not in page
    listing = client.get("/en/chain/checks/needs-without-answer/?state=ken&page=999999999999")
    assert listing.status_code == 200
    assert client.get("/en/chain/checks/nonsense/").status_code == 404
    assert client.get("/en/chain/checks/?state=XXX").status_code == 404


def test_checks_api(needs: list[Need], reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    counts = {c["name"]: c["count"] for c in client.get("/api/v1/chain-checks?state=KEN").json()}
    assert counts["needs-without-answer"] == 3
    body = client.get("/api/v1/chain-checks/needs-without-answer?page_size=2").json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    assert body["items"][0]["ref"].startswith("assistance.need:")
    assert client.get("/api/v1/chain-checks/nonsense").status_code == 404
    assert client.get("/api/v1/chain-checks?state=XXX").status_code == 404
