"""The cooperation pages' forms: a focal point types a new agency, fills a task force,
records a campaign; another state's focal point cannot."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.directory.models import Organisation
from tact.strategies.models import (
    Agency,
    AwarenessCampaign,
    TaskForce,
    TaskForceMeeting,
    TaskForceOutput,
)

pytestmark = pytest.mark.django_db


def test_a_focal_point_adds_an_agency_and_fills_a_task_force(
    client: Client, focal_kenya: Any, kenya: Any, demo: None
) -> None:
    client.force_login(focal_kenya)
    response = client.post(
        "/en/strategies/agencies/",
        {
            "state": kenya.pk,
            "agency_type": "labour_inspection",
            "name": "Labour Inspectorate (Kenya)",
            "acronym": "LI",
        },
    )
    assert response.status_code == 302
    agency = Agency.objects.get(organisation__name="Labour Inspectorate (Kenya)")
    assert (agency.agency_type, agency.state, agency.organisation.kind) == (
        "labour_inspection",
        kenya,
        "government_agency",
    )
    task_force = TaskForce.objects.get(name="Counter-Trafficking in Persons Task Force")
    url = f"/en/strategies/task-forces/{task_force.pk}/"
    assert (
        client.post(url, {"part": "member", "agency": agency.pk, "role": "observer"}).status_code
        == 302
    )
    assert (
        client.post(
            url, {"part": "meeting", "date": "2025-03-03", "summary": "Referral pathway agreed."}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url, {"part": "output", "kind": "case", "count": "4", "date": "2025-06-30"}
        ).status_code
        == 302
    )
    assert task_force.members.get(agency=agency).role == "observer"
    assert (
        TaskForceMeeting.objects.filter(
            task_force=task_force, summary="Referral pathway agreed."
        ).count()
        == 1
    )
    assert TaskForceOutput.objects.filter(task_force=task_force, count=4).count() == 1
    assert client.get(f"/en/history/strategies/taskforce/{task_force.pk}/").status_code == 200


def test_another_states_focal_point_changes_nothing(
    client: Client, focal_mexico: Any, kenya: Any, demo: None
) -> None:
    client.force_login(focal_mexico)
    organisations = Organisation.objects.count()
    response = client.post(
        "/en/strategies/agencies/", {"state": kenya.pk, "agency_type": "police", "name": "Not mine"}
    )
    assert response.status_code == 200  # Kenya is not among the states the form offers
    assert Organisation.objects.count() == organisations
    task_force = TaskForce.objects.get(name="Counter-Trafficking in Persons Task Force")
    response = client.post(
        f"/en/strategies/task-forces/{task_force.pk}/", {"part": "meeting", "date": "2025-03-03"}
    )
    assert response.status_code == 404
    assert not TaskForceMeeting.objects.filter(task_force=task_force).exists()


def test_a_campaign_with_an_inconsistent_survey_is_refused(
    client: Client, focal_kenya: Any, kenya: Any, demo: None
) -> None:
    client.force_login(focal_kenya)
    data = {
        "state": kenya.pk,
        "title": "Posters",
        "audience": "Commuters",
        "classification": "public",
        "before_sample": "100",
        "before_aware": "120",
    }
    response = client.post("/en/strategies/campaigns/new/", data)
    assert response.status_code == 200
    assert "More people aware than people asked in a survey." in response.content.decode()
    assert not AwarenessCampaign.objects.filter(title="Posters").exists()
    data.update(before_aware="20", after_sample="100", after_aware="45")
    response = client.post("/en/strategies/campaigns/new/", data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Difference: 25.0 percentage points" in page


def test_an_expired_agreement_leaves_the_network(
    client: Client, focal_kenya: Any, kenya: Any, demo: None
) -> None:
    from tact.strategies.models import CooperationAgreement

    client.force_login(focal_kenya)
    agreement = CooperationAgreement.objects.get(
        title="MoU on financial intelligence for prosecutions"
    )
    assert (
        f"/agreements/{agreement.pk}/edit/"
        in client.get("/en/strategies/agreements/?state=KEN").content.decode()
    )
    data = {
        "state": kenya.pk,
        "title": agreement.title,
        "kind": "mou",
        "parties": [p.pk for p in agreement.parties.all()],
        "status": "expired",
        "classification": "restricted",
    }
    assert client.post(f"/en/strategies/agreements/{agreement.pk}/edit/", data).status_code == 302
    network = client.get("/api/v1/strategies/network/KEN").json()
    assert sorted(n["label"] for n in network["nodes"] if n["isolated"]) == ["FIU", "KPS"]


def test_an_agreement_names_only_the_parties_the_viewer_may_see(
    client: Client, focal_kenya: Any, focal_mexico: Any, kenya: Any, mexico: Any, demo: None
) -> None:
    from tact.strategies import services

    # given: a public agreement between a public Kenyan agency and a restricted Mexican one
    police = services.agency_create(
        actor=focal_kenya, state=kenya, agency_type="police", name="Kenya Police Unit"
    )
    secret = services.agency_create(
        actor=focal_mexico,
        state=mexico,
        agency_type="prosecution",
        name="Unidad Reservada de Fiscalía",
        classification="restricted",
    )
    services.agreement_create(
        actor=focal_mexico,
        state=mexico,
        title="Joint investigation memorandum",
        kind="mou",
        parties=[police, secret],
        classification="public",
    )

    # when a focal point of Kenya lists the agreements of Mexico
    client.force_login(focal_kenya)
    page = client.get("/en/strategies/agreements/?state=MEX").content.decode()
    body = client.get("/api/v1/strategies/agreements?state=MEX").json()

    # then the restricted agency is counted, never named
    assert "Joint investigation memorandum" in page
    assert "Kenya Police Unit" in page or police.short_name in page
    assert "Unidad Reservada" not in page
    assert "1 party you may not see" in page
    (row,) = [a for a in body["items"] if a["title"] == "Joint investigation memorandum"]
    assert row["party_ids"] == [police.pk]
    # the Mexican focal point sees both
    client.force_login(focal_mexico)
    page = client.get("/en/strategies/agreements/?state=MEX").content.decode()
    assert "you may not see" not in page
