"""Issue 13: every record a state keeps here can be edited and deleted on the pages and over
the API, with the rules of editing (its state's focal points and the secretariat), a
confirmation page that says what goes with the record, and an audit entry that keeps it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.core.models import AuditEntry
from tact.evaluation.models import ResultsFramework
from tact.strategies.models import (
    Action,
    Agency,
    AwarenessCampaign,
    CooperationAgreement,
    Objective,
    ProgressUpdate,
    Strategy,
    TaskForce,
)

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _records(kenya_strategy: Strategy) -> dict[str, Any]:
    # The demo's results framework would block the strategy's deletion (tested on its own).
    ResultsFramework.objects.filter(strategy=kenya_strategy).delete()
    action = Action.objects.filter(objective__strategy=kenya_strategy).first()
    assert action is not None
    return {
        "strategy": kenya_strategy,
        "objective": action.objective,
        "action": action,
        "task_force": TaskForce.objects.filter(state__iso3="KEN").first(),
        "agreement": CooperationAgreement.objects.filter(state__iso3="KEN").first(),
        "campaign": AwarenessCampaign.objects.filter(state__iso3="KEN").first(),
    }


DELETE_URLS = {
    "strategy": "/en/strategies/{pk}/delete/",
    "objective": "/en/strategies/objectives/{pk}/delete/",
    "action": "/en/strategies/actions/{pk}/delete/",
    "task_force": "/en/strategies/task-forces/{pk}/delete/",
    "agreement": "/en/strategies/agreements/{pk}/delete/",
    "campaign": "/en/strategies/campaigns/{pk}/delete/",
}
API_URLS = {
    "strategy": "/api/v1/strategies/{pk}",
    "objective": "/api/v1/strategies/objectives/{pk}",
    "action": "/api/v1/strategies/actions/{pk}",
    "task_force": "/api/v1/strategies/task-forces/{pk}",
    "agreement": "/api/v1/strategies/agreements/{pk}",
    "campaign": "/api/v1/strategies/campaigns/{pk}",
}


@pytest.mark.parametrize("kind", list(DELETE_URLS))
def test_the_owner_confirms_then_deletes_and_the_audit_keeps_the_record(
    kenya_strategy: Strategy, focal_kenya: Any, kind: str
) -> None:
    record = _records(kenya_strategy)[kind]
    assert record is not None, kind
    url = DELETE_URLS[kind].format(pk=record.pk)
    client = _client(focal_kenya)
    page = client.get(url)
    assert page.status_code == 200 and str(record) in page.content.decode()
    assert type(record).objects.filter(pk=record.pk).exists()  # asking deletes nothing
    assert client.post(url).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()
    entry = AuditEntry.objects.get(action=f"strategies.{record._meta.model_name}.delete")
    assert entry.target_id == str(record.pk) and entry.actor == focal_kenya
    assert entry.changes  # the fields as they were


def test_the_confirmation_says_what_goes_with_a_strategy(
    kenya_strategy: Strategy, focal_kenya: Any
) -> None:
    ResultsFramework.objects.filter(strategy=kenya_strategy).delete()
    objectives = kenya_strategy.objectives.count()
    actions = Action.objects.filter(objective__strategy=kenya_strategy).count()
    body = _client(focal_kenya).get(f"/en/strategies/{kenya_strategy.pk}/delete/").content
    assert f"{objectives} objectives" in body.decode() and f"{actions} actions" in body.decode()
    _client(focal_kenya).post(f"/en/strategies/{kenya_strategy.pk}/delete/")
    assert not Objective.objects.filter(strategy_id=kenya_strategy.pk).exists()
    assert not ProgressUpdate.objects.filter(action__objective__strategy_id=kenya_strategy.pk)


@pytest.mark.parametrize("kind", list(DELETE_URLS))
def test_another_state_cannot_delete_and_nothing_changes(
    kenya_strategy: Strategy, focal_mexico: Any, reader: Any, kind: str
) -> None:
    record = _records(kenya_strategy)[kind]
    for user in (focal_mexico, reader):
        client = _client(user)
        # 404 for a record they may not see, 403 for one they see (public) but may not change
        page = client.post(DELETE_URLS[kind].format(pk=record.pk))
        api = client.delete(API_URLS[kind].format(pk=record.pk))
        assert page.status_code in (403, 404) and api.status_code == page.status_code, kind
        assert client.get(DELETE_URLS[kind].format(pk=record.pk)).status_code == page.status_code
    assert type(record).objects.filter(pk=record.pk).exists()
    assert not AuditEntry.objects.filter(action__endswith=".delete").exists()


def test_a_restricted_strategy_is_404_and_a_public_campaign_403_for_another_state(
    kenya_strategy: Strategy, focal_mexico: Any
) -> None:
    records = _records(kenya_strategy)
    assert kenya_strategy.classification == "restricted"
    assert records["campaign"].classification == "public"
    client = _client(focal_mexico)
    assert client.get(f"/en/strategies/{kenya_strategy.pk}/delete/").status_code == 404
    assert client.get(f"/en/strategies/campaigns/{records['campaign'].pk}/delete/").status_code == (
        403
    )


@pytest.mark.parametrize("kind", list(API_URLS))
def test_the_api_deletes_for_the_owner(
    kenya_strategy: Strategy, focal_kenya: Any, kind: str
) -> None:
    record = _records(kenya_strategy)[kind]
    response = _client(focal_kenya).delete(API_URLS[kind].format(pk=record.pk))
    assert response.status_code == 204
    assert not type(record).objects.filter(pk=record.pk).exists()
    assert _client(focal_kenya).delete(API_URLS[kind].format(pk=record.pk)).status_code == 404


def test_a_strategy_measured_by_a_results_framework_is_not_deleted(
    kenya_strategy: Strategy, focal_kenya: Any, kenya: Any
) -> None:
    ResultsFramework.objects.create(
        title="Results of the strategy", strategy=kenya_strategy, owner_state=kenya
    )
    client = _client(focal_kenya)
    page = client.get(f"/en/strategies/{kenya_strategy.pk}/delete/").content.decode()
    assert "Results frameworks measure this strategy" in page and 'class="danger"' not in page
    assert client.post(f"/en/strategies/{kenya_strategy.pk}/delete/").status_code == 409
    api = client.delete(f"/api/v1/strategies/{kenya_strategy.pk}")
    assert api.status_code == 400 and "Results frameworks" in str(api.json()["detail"])
    assert Strategy.objects.filter(pk=kenya_strategy.pk).exists()
    assert ResultsFramework.objects.filter(strategy=kenya_strategy).exists()


def test_the_owner_edits_an_agency_on_its_page_and_the_api(
    demo: None, focal_kenya: Any, focal_mexico: Any
) -> None:
    agency = Agency.objects.filter(state__iso3="KEN").first()
    assert agency is not None
    client = _client(focal_kenya)
    listing = client.get("/en/strategies/agencies/?state=KEN").content.decode()
    assert f"/en/strategies/agencies/{agency.pk}/edit/" in listing
    url = f"/en/strategies/agencies/{agency.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"agency_type": "labour_inspection", "classification": "restricted"}
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.agency_type, agency.classification) == ("labour_inspection", "restricted")
    entry = AuditEntry.objects.get(action="strategies.agency.update", target_id=str(agency.pk))
    assert entry.changes["agency_type"][1] == "labour_inspection"
    api = client.patch(
        f"/api/v1/strategies/agencies/{agency.pk}",
        {"agency_type": "police"},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["agency_type"] == "police"
    bad = client.patch(
        f"/api/v1/strategies/agencies/{agency.pk}",
        {"agency_type": "spies"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    agency.refresh_from_db()
    assert agency.agency_type == "police"
    # another state: the restricted agency is now hidden (404), nothing changes
    other = _client(focal_mexico)
    assert other.post(url, {"agency_type": "fiu", "classification": "public"}).status_code == 404
    assert (
        other.patch(
            f"/api/v1/strategies/agencies/{agency.pk}",
            {"agency_type": "fiu"},
            content_type="application/json",
        ).status_code
        == 404
    )
    public = Agency.objects.filter(state__iso3="KEN", classification="public").first()
    assert public is not None
    edit = other.post(
        f"/en/strategies/agencies/{public.pk}/edit/",
        {"agency_type": "fiu", "classification": "public"},
    )
    assert edit.status_code == 403
    agency.refresh_from_db()
    assert agency.agency_type == "police"


def test_deletion_services_refuse_a_reader(kenya_strategy: Strategy, reader: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from tact.strategies import deletion

    ResultsFramework.objects.filter(strategy=kenya_strategy).delete()
    with pytest.raises(PermissionDenied):
        deletion.record_delete(actor=reader, record=kenya_strategy)
    deletion.record_delete(actor=SYSTEM, record=kenya_strategy)
    assert not Strategy.objects.filter(pk=kenya_strategy.pk).exists()


def test_an_edit_page_audits_what_changed(kenya_strategy: Strategy, focal_kenya: Any) -> None:
    """The edit pages bind a ModelForm to the record, which writes the new values into it
    before the service runs: the audit must still see the old ones (it used to see none)."""
    client = _client(focal_kenya)
    form = client.get(f"/en/strategies/{kenya_strategy.pk}/edit/").context["form"]
    data = {
        name: form.initial.get(name, "") if form.initial.get(name) is not None else ""
        for name in form.fields
    }
    data.update(title="Kenya strategy, renamed", themes=[], provisions=[])
    response = client.post(f"/en/strategies/{kenya_strategy.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    entry = AuditEntry.objects.get(
        action="strategies.strategy.update", target_id=str(kenya_strategy.pk)
    )
    assert entry.changes["title"] == [kenya_strategy.title, "Kenya strategy, renamed"]
