"""Pages, API, PDF sheet, Excel list, the evaluation source and the demo."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from tact.core.access import SYSTEM
from tact.practices.models import GoodPractice, Status
from tact.practices.tests.factories import practice

pytestmark = pytest.mark.django_db


def test_list_and_detail_public(client: Client, kenya: Any) -> None:
    item = practice(kenya, title="Witness desks")
    hidden = practice(kenya, title="Hidden desks", status="draft")
    listing = client.get("/en/practices/").content.decode()
    assert "Witness desks" in listing
    assert "Hidden desks" not in listing
    assert client.get(f"/en/practices/{item.pk}/").status_code == 200
    assert client.get(f"/en/practices/{hidden.pk}/").status_code == 404


def test_submit_through_the_pages(client: Client, kenya: Any, focal_kenya: Any) -> None:
    client.force_login(focal_kenya)
    response = client.post(
        "/en/practices/new/",
        {"owner_state": kenya.pk, "title": "Desks", "summary": "Desks work.", "language": "en"},
    )
    item = GoodPractice.objects.get(title="Desks")
    assert response.status_code == 302
    client.post(f"/en/practices/{item.pk}/submit/")
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


def test_transition_refused_changes_nothing(client: Client, kenya: Any, focal_kenya: Any) -> None:
    item = practice(kenya, status="submitted", actor=focal_kenya)
    client.force_login(focal_kenya)
    response = client.post(f"/en/practices/{item.pk}/publish/")
    item.refresh_from_db()
    assert response.status_code == 403
    assert item.status == Status.SUBMITTED


def test_pdf_and_excel(client: Client, kenya: Any) -> None:
    practice(kenya, title="Witness desks")
    item = GoodPractice.objects.get()
    pdf = client.get(f"/en/practices/{item.pk}/sheet.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get("/en/practices/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[1][0] == "Witness desks"
    assert len(rows) == 2


def test_api_workflow(
    client: Client, kenya: Any, focal_kenya: Any, secretariat: Any, token_for: Any
) -> None:
    kenyan, secretary = token_for(focal_kenya), token_for(secretariat)
    created = client.post(
        "/api/v1/practices/",
        {"title": "Desks", "summary": "Desks work.", "owner_state": "KEN"},
        content_type="application/json",
        **kenyan,
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    anonymous = client.get(f"/api/v1/practices/{pk}")
    assert anonymous.status_code == 404
    client.post(f"/api/v1/practices/{pk}/transitions/submit", **kenyan)
    refused = client.post(f"/api/v1/practices/{pk}/transitions/publish", **kenyan)
    assert refused.status_code == 403
    comment = client.post(
        f"/api/v1/practices/{pk}/comments",
        {"field": "results", "text": "Figures?"},
        content_type="application/json",
        **secretary,
    )
    assert comment.status_code == 201
    published = client.post(f"/api/v1/practices/{pk}/transitions/publish", **secretary)
    assert published.json()["status"] == "published"
    assert client.get(f"/api/v1/practices/{pk}").json()["classification"] == "public"


def test_search_api_has_facets_and_never_counts_hidden(
    client: Client, kenya: Any, token_for: Any, focal_mexico: Any
) -> None:
    practice(kenya, title="Zebrafinch desks")
    practice(kenya, title="Zebrafinch secret", restricted=True)
    body = client.get("/api/v1/search?q=zebrafinch", **token_for(focal_mexico)).json()
    assert [h["title"] for h in body["hits"]] == ["Zebrafinch desks"]
    assert body["total"] == 1
    assert body["facets"]["kind"] == [
        {"value": "practice", "label": "Good practice", "count": 1, "selected": False}
    ]
    assert "<mark>" in body["hits"][0]["snippet"] or body["hits"][0]["snippet"]


def test_search_page_in_russian(client: Client, kenya: Any) -> None:
    practice(kenya, title="Защита свидетелей", summary="Бюро защищают свидетелей.", language="ru")
    page = client.get("/ru/search/?q=свидетель").content.decode()
    assert "<mark>свидетелей</mark>" in page
    # the facets come in their own request (htmx loads it), or with the page without JS
    assert 'hx-get="/ru/search/facets/?q=' in page
    facets = client.get("/ru/search/facets/?q=свидетель").content.decode()
    assert 'data-facet="kind"' in facets
    assert 'data-facet="kind"' in client.get("/ru/search/?q=свидетель&facets=1").content.decode()


def test_candidates_become_draft_practices(kenya: Any) -> None:
    from tact.evaluation.models import Evaluation, Finding, RatingScale
    from tact.practices.candidates import practices_from_candidates

    evaluation = Evaluation.objects.create(
        title="Evaluation", owner_state=kenya, scale=RatingScale.objects.order_by("pk").first()
    )
    Finding.objects.create(
        evaluation=evaluation,
        title="Desks work",
        text="Witness desks.",
        good_practice_candidate=True,
    )
    Finding.objects.create(evaluation=evaluation, title="Not a candidate", text="x")
    first = practices_from_candidates(actor=SYSTEM)
    again = practices_from_candidates(actor=SYSTEM)
    item = GoodPractice.objects.get()
    assert (first.created, again.created, again.existing) == (1, 0, 1)
    assert (item.title, item.status, item.owner_state, item.classification) == (
        "Desks work",
        Status.DRAFT,
        kenya,
        "confidential",
    )
    assert item.evidence.get().record_ref.startswith("evaluation.finding:")


def test_similar_practices_for_any_record(client: Client, kenya: Any, mexico: Any) -> None:
    practice(kenya, title="Witness protection desks", summary="Desks protect witnesses.")
    practice(mexico, title="Cybercrime unit", summary="Servers seized.")
    from tact.catalog.models import Provision

    art24 = Provision.objects.get(key="untoc/art_24")
    body = client.get(f"/api/v1/practices/similar?ref=catalog.provision:{art24.pk}").json()
    assert [h["title"] for h in body] == ["Witness protection desks"]
    assert client.get("/api/v1/practices/similar?ref=accounts.user:1").status_code == 404
