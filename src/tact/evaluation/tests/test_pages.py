"""Every page renders for the demo data; forms and htmx fragments work."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.evaluation import demo
from tact.evaluation.models import Evaluation, Finding, Indicator, ResultsFramework

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(db: Any) -> None:
    demo.load(SYSTEM)


def test_pages_render(client: Any, secretariat: Any, demo_data: None) -> None:
    framework = ResultsFramework.objects.get()
    evaluation = Evaluation.objects.get(classification="public")
    joint = Indicator.objects.get(title="Share of organized crime cases investigated jointly")
    assert client.get("/en/evaluation/").status_code == 200
    assert client.get("/en/evaluation/good-practices/?q=joint").status_code == 200
    client.force_login(secretariat)
    for url in (
        "/en/evaluation/",
        "/en/evaluation/?format=xlsx",
        framework.get_absolute_url(),
        joint.get_absolute_url(),
        Indicator.objects.get(title="Officers trained in joint investigation").get_absolute_url(),
        "/en/evaluation/evaluations/",
        "/en/evaluation/evaluations/?format=xlsx",
        evaluation.get_absolute_url(),
        "/en/evaluation/evaluations/new/",
        "/en/evaluation/frameworks/new/",
        "/en/evaluation/responses/",
        "/en/evaluation/responses/?format=xlsx",
        "/en/evaluation/good-practices/?format=xlsx",
        "/en/evaluation/portfolio/?state=KEN&theme=law_enforcement",
        "/en/states/KEN/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    tree = client.get(framework.get_absolute_url()).content.decode()
    assert "Impact" in tree and "Outcome" in tree and "Output" in tree
    # the rolled-up parent shows the pooled value: (50+22)/(95+50) = 49.66 %
    assert "49.66" in client.get(joint.get_absolute_url()).content.decode()
    profile = client.get("/en/states/KEN/").content.decode()
    assert "Mid-term evaluation" in profile


def test_rating_htmx_and_period_form(client: Any, evaluator: Any, demo_data: None) -> None:
    evaluation = Evaluation.objects.get(classification="public")
    evaluation.created_by = evaluator
    evaluation.save()
    client.force_login(evaluator)
    url = f"/en/evaluation/evaluations/{evaluation.pk}/ratings/efficiency/"
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<form" in fragment and "<html" not in fragment
    response = client.post(
        url,
        {"score": "S", "evidence_strength": "strong", "justification": "Costs fell in year 3."},
        HTTP_HX_REQUEST="true",
    )
    row = response.content.decode()
    assert 'id="rating-efficiency"' in row and "Costs fell in year 3." in row
    bad = client.post(
        url,
        {"score": "S", "evidence_strength": "strong", "justification": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "<form" in bad.content.decode()
    # the demo framework is not the evaluator's: an evaluator who did not build it may not
    # edit its values
    indicator = Indicator.objects.get(title="Joint training courses delivered")
    assert (
        client.post(
            indicator.get_absolute_url(),
            {"start": "2026-01-01", "end": "2026-12-31", "actual_value": "3"},
        ).status_code
        == 403
    )


def test_period_entry_by_the_framework_owner(
    client: Any, secretariat: Any, demo_data: None
) -> None:
    client.force_login(secretariat)
    indicator = Indicator.objects.get(title="Officers trained in joint investigation")
    response = client.post(
        indicator.get_absolute_url(),
        {
            "start": "2026-01-01",
            "end": "2026-12-31",
            "target_value": "400",
            "actual_value": "350",
            "dis_sex": "female=150; male=200",
        },
    )
    assert response.status_code == 302
    period = indicator.periods.get(start=dt.date(2026, 1, 1))
    assert period.disaggregation[0] == {"dimension": "sex", "value": "female", "actual": "150"}
    finding = Finding.objects.filter(kind="recommendation").first()
    response = client.post(
        f"/en/evaluation/findings/{finding.pk}/response/",
        {"decision": "accepted", "response": "Done", "follow_up_status": "completed"},
    )
    assert response.status_code == 302
    finding.response.refresh_from_db()
    assert finding.response.follow_up_status == "completed"


def test_framework_built_through_pages_and_translated(
    client: Any, evaluator: Any, demo_data: None
) -> None:
    from tact.strategies import services as strategy_services

    # a regional programme is recorded by the secretariat in the strategies app
    strategy = strategy_services.strategy_create(
        actor=SYSTEM,
        state=None,
        title="Regional programme",
        kind="programme",
        classification="public",
    )
    client.force_login(evaluator)
    response = client.post(
        "/en/evaluation/frameworks/new/",
        {
            "title": "Programme results",
            "strategy": strategy.pk,
            "classification": "public",
            "recommendation_codes": "annex.b.iii, annex.d",
        },
    )
    assert response.status_code == 302, response.content
    framework = ResultsFramework.objects.get(title="Programme results")
    assert (
        framework.recommendation_codes == ["annex.b.iii", "annex.d"]
        and framework.created_by == evaluator
    )
    client.post(
        f"/en/evaluation/frameworks/{framework.pk}/results/new/",
        {"level": "outcome", "title": "Courts cooperate"},
    )
    node = framework.nodes.get()
    response = client.post(
        f"/en/evaluation/results/{node.pk}/indicators/new/",
        {
            "title": "Requests answered",
            "measure": "unit",
            "ascending": "on",
            "baseline_value": "10",
            "dimensions": "sex",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.get(title="Requests answered").dimensions == ["sex"]
    # the evaluator (not the owner) cannot respond for management
    finding = Finding.objects.filter(kind="recommendation").first()
    assert client.get(f"/en/evaluation/findings/{finding.pk}/response/").status_code == 403
    ru = client.get("/ru/evaluation/portfolio/").content.decode()
    assert "Анализ портфеля" in ru
    ar = client.get(f"/ar{framework.get_absolute_url()[3:]}").content.decode()
    assert 'dir="rtl"' in ar and "النتائج" in ar


def test_document_added_by_url(client: Any, secretariat: Any, demo_data: None) -> None:
    evaluation = Evaluation.objects.get(classification="public")
    client.force_login(secretariat)
    response = client.post(
        f"/en/evaluation/evaluations/{evaluation.pk}/documents/new/",
        {
            "kind": "report",
            "title": "Final report",
            "url": "https://example.org/report.pdf",
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert evaluation.documents.get().title == "Final report"
    assert "Final report" in client.get(evaluation.get_absolute_url()).content.decode()


def test_uploaded_document_is_served_only_to_those_who_see_the_evaluation(
    client: Any, secretariat: Any, focal_mexico: Any, demo_data: None, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    restricted = Evaluation.objects.get(classification="restricted")
    client.force_login(secretariat)
    upload = SimpleUploadedFile("tor.txt", b"terms of reference", content_type="text/plain")
    client.post(
        f"/en/evaluation/evaluations/{restricted.pk}/documents/new/",
        {"kind": "terms", "title": "ToR", "language": "en", "file": upload},
    )
    document = restricted.documents.get()
    url = f"/en/evaluation/documents/{document.pk}/"
    assert b"".join(client.get(url).streaming_content) == b"terms of reference"
    client.force_login(focal_mexico)
    assert client.get(url).status_code == 404
