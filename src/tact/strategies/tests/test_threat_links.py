"""Aim ii (issues 13 item 6 and 15 item 4): an objective cites a threat-assessment finding
only through the sanitised summary its owner published. The summary is shown beside the
objective to a viewer who may see the objective only if the owner published it; otherwise
"a record you may not see". The confidential ratings never appear. The old plain-text
references are kept by a reversible data migration."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.test import Client

from tact.core.access import SYSTEM
from tact.strategies import services, threat_links
from tact.strategies.models import Objective, Strategy
from tact.threats import publication
from tact.threats.models import SanitisedSummary
from tact.threats.tests import factories as threat_factories

pytestmark = pytest.mark.django_db

HIDDEN = "A record you may not see"
SUMMARY_TEXT = "Port scanning capacity is low."
CONFIDENTIAL_BITS = [threat_factories.PSEUDONYM, "OCG-OTHER", "seizure report"]


@pytest.fixture
def finding(kenya: Any) -> Any:
    return threat_factories.full(kenya)["finding"]


@pytest.fixture
def strategy(kenya: Any) -> Strategy:
    return services.strategy_create(
        actor=SYSTEM, state=kenya, title="Public Kenyan strategy", classification="public"
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _objective_post(summary_id: Any) -> dict[str, Any]:
    return {"title": "Answer the ports finding", "aims": ["response"], "threat_summary": summary_id}


def test_the_owner_links_an_objective_to_a_published_summary_and_others_read_it(
    finding: Any, strategy: Strategy, focal_kenya: Any, focal_mexico: Any, reader: Any
) -> None:
    summary = publication.summary_publish(actor=focal_kenya, finding=finding)
    owner = _client(focal_kenya)
    form = owner.get(strategy.get_absolute_url()).context["objective_form"]
    assert list(form.fields["threat_summary"].queryset) == [summary]
    owner.post(f"/en/strategies/{strategy.pk}/objectives/new/", _objective_post(summary.pk))
    objective = Objective.objects.get(strategy=strategy)
    assert objective.threat_summary_id == summary.pk and objective.aim_response
    for user in (focal_mexico, reader):
        body = _client(user).get(strategy.get_absolute_url()).content.decode()
        assert SUMMARY_TEXT in body and summary.get_absolute_url() in body
        assert HIDDEN not in body
        for bit in CONFIDENTIAL_BITS:
            assert bit not in body
    api = _client(focal_mexico).get(f"/api/v1/strategies/{strategy.pk}").json()
    cited = api["objectives"][0]["threat_summary"]
    assert cited == {
        "visible": True,
        "id": summary.pk,
        "title": summary.title,
        "summary": SUMMARY_TEXT,
        "published": True,
    }


def test_a_withdrawn_summary_is_a_record_you_may_not_see_outside_the_owner(
    finding: Any, strategy: Strategy, focal_kenya: Any, focal_mexico: Any
) -> None:
    summary = publication.summary_publish(actor=focal_kenya, finding=finding)
    services.objective_create(
        actor=focal_kenya, strategy=strategy, title="Ports", threat_summary=summary
    )
    publication.summary_withdraw(actor=focal_kenya, summary=summary)
    outsider = _client(focal_mexico)
    body = outsider.get(strategy.get_absolute_url()).content.decode()
    assert HIDDEN in body and SUMMARY_TEXT not in body and summary.title not in body
    cited = outsider.get(f"/api/v1/strategies/{strategy.pk}").json()["objectives"][0]
    assert cited["threat_summary"] == {
        "visible": False,
        "id": None,
        "title": HIDDEN,
        "summary": "",
        "published": None,
    }
    # the owner still sees it, marked as withdrawn, and may keep the link when editing
    body = _client(focal_kenya).get(strategy.get_absolute_url()).content.decode()
    assert SUMMARY_TEXT in body and "withdrawn by its owner" in body
    objective = Objective.objects.get(strategy=strategy)
    services.objective_update(
        actor=focal_kenya, objective=objective, title="Ports (kept)", threat_summary=summary
    )


def test_only_published_summaries_the_user_sees_may_be_cited(
    finding: Any, strategy: Strategy, focal_kenya: Any, focal_mexico: Any, mexico: Any
) -> None:
    # an unpublished (confidential) release is not citable, even by its owner
    hidden = SanitisedSummary.objects.create(
        finding=finding, title="t", summary="s", owner_state=finding.assessment.owner_state
    )
    with pytest.raises(ValidationError):
        services.objective_create(
            actor=focal_kenya, strategy=strategy, title="x", threat_summary=hidden
        )
    owner = _client(focal_kenya)
    response = owner.post(
        f"/en/strategies/{strategy.pk}/objectives/new/", _objective_post(hidden.pk)
    )
    assert response.status_code == 200 and not Objective.objects.exists()
    api = owner.post(
        f"/api/v1/strategies/{strategy.pk}/objectives",
        {"title": "x", "threat_summary_id": hidden.pk},
        content_type="application/json",
    )
    assert api.status_code == 404 and not Objective.objects.exists()
    # a Mexican strategy may cite Kenya's summary once it is published (and only then)
    mexican = services.strategy_create(actor=SYSTEM, state=mexico, title="Mexican strategy")
    with pytest.raises(ValidationError):
        services.objective_create(
            actor=focal_mexico, strategy=mexican, title="x", threat_summary=hidden
        )
    publication.summary_publish(actor=focal_kenya, finding=finding)
    created = _client(focal_mexico).post(
        f"/api/v1/strategies/{mexican.pk}/objectives",
        {"title": "Learn from Kenya", "threat_summary_id": hidden.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert Objective.objects.get(pk=created.json()["id"]).threat_summary_id == hidden.pk


def test_the_summary_page_lists_only_visible_citing_objectives(
    finding: Any, strategy: Strategy, focal_kenya: Any, focal_mexico: Any, kenya: Any
) -> None:
    summary = publication.summary_publish(actor=focal_kenya, finding=finding)
    services.objective_create(
        actor=focal_kenya, strategy=strategy, title="Public objective", threat_summary=summary
    )
    restricted = services.strategy_create(actor=SYSTEM, state=kenya, title="Restricted plan")
    services.objective_create(
        actor=focal_kenya, strategy=restricted, title="Hidden objective", threat_summary=summary
    )
    body = _client(focal_mexico).get(summary.get_absolute_url()).content.decode()
    assert "Public objective" in body and "Hidden objective" not in body
    body = _client(focal_kenya).get(summary.get_absolute_url()).content.decode()
    assert "Public objective" in body and "Hidden objective" in body


def test_the_data_migration_links_old_references_and_reverses_to_the_old_text(
    finding: Any, strategy: Strategy, kenya: Any
) -> None:
    migration = importlib.import_module("tact.strategies.migrations.0004_link_threat_findings")
    old_text = "Ports need scanners\nUNODC study on cyber-enabled fraud, 2024"
    matched = services.objective_create(
        actor=SYSTEM, strategy=strategy, title="a", changing_nature_findings=old_text
    )
    unmatched = services.objective_create(
        actor=SYSTEM, strategy=strategy, title="b", changing_nature_findings="Some other report"
    )
    migration.link_findings(django_apps, None)
    matched.refresh_from_db()
    unmatched.refresh_from_db()
    summary = matched.threat_summary
    assert summary is not None and summary.finding_id == finding.pk
    # nothing is published by the migration: the owner decides
    assert not summary.is_published and summary.summary == finding.sanitised_summary
    assert matched.changing_nature_findings == "UNODC study on cyber-enabled fraud, 2024"
    assert unmatched.threat_summary is None
    assert unmatched.changing_nature_findings == "Some other report"
    migration.unlink_findings(django_apps, None)
    matched.refresh_from_db()
    assert matched.threat_summary is None and matched.changing_nature_findings == old_text
    # an objective of another state's strategy never links to Kenya's finding
    migration.link_findings(django_apps, None)
    mexican = services.strategy_create(
        actor=SYSTEM, state=kenya.__class__.objects.get(iso3="MEX"), title="M"
    )
    other = services.objective_create(
        actor=SYSTEM, strategy=mexican, title="c", changing_nature_findings="Ports need scanners"
    )
    migration.link_findings(django_apps, None)
    other.refresh_from_db()
    assert other.threat_summary is None


def test_cited_summary_hides_what_the_viewer_may_not_see(
    finding: Any, strategy: Strategy, focal_kenya: Any, focal_mexico: Any
) -> None:
    summary = publication.summary_publish(
        actor=focal_kenya, finding=finding, classification="restricted"
    )
    objective = services.objective_create(
        actor=focal_kenya, strategy=strategy, title="x", threat_summary=summary
    )
    assert threat_links.cited_summary(focal_kenya, objective).visible  # type: ignore[union-attr]
    hidden = threat_links.cited_summary(focal_mexico, objective)
    assert hidden is not None and not hidden.visible and hidden.title == HIDDEN
    plain = services.objective_create(actor=focal_kenya, strategy=strategy, title="y")
    assert threat_links.cited_summary(focal_mexico, plain) is None
