"""Needs: list, detail with ranked matching projects, create/edit rights, unmet needs, API."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from tact.assistance.models import Need
from tact.assistance.needs.services import need_save
from tact.assistance.services import need_upsert
from tact.assistance.tests.review_support import make_project
from tact.catalog.models import Provision, Theme
from tact.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def witness_need(kenya, secretariat) -> Need:
    need, _ = need_upsert(
        actor=secretariat,
        state=kenya,
        title="Protection of witnesses in organized crime trials",
        description="Relocation of witnesses and testimony by video link.",
        provisions=Provision.objects.filter(key="untoc/art_24"),
        source_ref="test:witnesses",
    )
    return need


@pytest.fixture
def culture_need(kenya, secretariat) -> Need:
    need, _ = need_upsert(
        actor=secretariat,
        state=kenya,
        title="Trafficking in cultural property",
        description="Customs training on looted antiquities.",
        source_ref="test:culture",
    )
    return need


def test_detail_ranks_projects_of_the_state_with_reasons(focal_kenya, witness_need) -> None:
    art24 = list(Provision.objects.filter(key="untoc/art_24"))
    make_project(
        "KE-W",
        "Witness protection in organized crime cases, Kenya",
        provisions=art24,
        description="Relocation of witnesses and video link testimony.",
    )
    make_project(
        "MX-W",
        "Witness protection in organized crime cases, Mexico",
        country="MX",
        provisions=art24,
    )
    client = Client()
    client.force_login(focal_kenya)
    response = client.get(reverse("assistance:need_detail", args=[witness_need.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Witness protection in organized crime cases, Kenya" in body
    assert "Mexico" not in body
    assert "Serves the same provisions" in body and "Assistance to this state" in body
    assert "it is unmet" not in body


def test_unmet_needs_page_lists_needs_nothing_answers(
    focal_kenya, witness_need, culture_need
) -> None:
    make_project(
        "KE-W",
        "Witness protection in organized crime cases, Kenya",
        provisions=list(Provision.objects.filter(key="untoc/art_24")),
        description="Relocation of witnesses and video link testimony.",
    )
    client = Client()
    client.force_login(focal_kenya)
    body = client.get(reverse("assistance:need_unmet")).content.decode()
    assert "Trafficking in cultural property" in body
    assert "Protection of witnesses" not in body
    xlsx = client.get(reverse("assistance:need_unmet"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_list_filters_search_htmx_and_xlsx(focal_kenya, witness_need, culture_need) -> None:
    client = Client()
    client.force_login(focal_kenya)
    url = reverse("assistance:need_list")
    body = client.get(url).content.decode()
    assert "Protection of witnesses" in body and "cultural property" in body
    rows = client.get(url, {"q": "cultural"}, HTTP_HX_REQUEST="true").content.decode()
    assert "cultural property" in rows and "witnesses" not in rows and "<h1>" not in rows
    assert "No need matches." in client.get(url, {"status": "met"}).content.decode()
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_restricted_needs_are_hidden_from_other_states_and_readers(
    focal_mexico, reader, witness_need
) -> None:
    assert witness_need.classification == "restricted"
    for user in (focal_mexico, reader):
        client = Client()
        client.force_login(user)
        assert (
            "Protection of witnesses"
            not in client.get(reverse("assistance:need_list")).content.decode()
        )
        assert (
            client.get(reverse("assistance:need_detail", args=[witness_need.pk])).status_code == 404
        )


def test_focal_point_creates_and_edits_a_need_of_its_state(focal_kenya, kenya, mexico) -> None:
    client = Client()
    client.force_login(focal_kenya)
    form = client.get(reverse("assistance:need_create"))
    assert form.status_code == 200
    theme = Theme.objects.first()
    response = client.post(
        reverse("assistance:need_create"),
        {
            "state": kenya.pk,
            "title": "Financial investigations",
            "description": "Skills to trace criminal proceeds.",
            "themes": [theme.pk],
            "priority": "high",
            "status": "open",
            "source": "state",
            "classification": "restricted",
        },
    )
    need = Need.objects.get(title="Financial investigations")
    assert response.status_code == 302 and need.owner_state == kenya
    assert list(need.themes.all()) == [theme]
    # Mexico is not among the states the form offers a Kenyan focal point.
    bad = client.post(
        reverse("assistance:need_create"),
        {
            "state": mexico.pk,
            "title": "X",
            "priority": "high",
            "status": "open",
            "source": "state",
            "classification": "restricted",
        },
    )
    assert bad.status_code == 200 and not Need.objects.filter(title="X").exists()
    edit = client.post(
        reverse("assistance:need_edit", args=[need.pk]),
        {
            "state": kenya.pk,
            "title": "Financial investigations",
            "description": "",
            "priority": "medium",
            "status": "in_progress",
            "source": "state",
            "classification": "restricted",
        },
    )
    assert edit.status_code == 302
    need.refresh_from_db()
    assert need.status == "in_progress" and need.priority == "medium"
    entry = AuditEntry.objects.filter(action="need.update").latest("pk")
    assert entry.changes["status"] == ["open", "in_progress"]
    assert entry.changes["themes"][1] == []


def test_donors_and_other_focal_points_may_not_record_needs(
    donor_nl, focal_mexico, kenya, witness_need
) -> None:
    client = Client()
    client.force_login(donor_nl)
    assert client.get(reverse("assistance:need_create")).status_code == 403
    with pytest.raises(PermissionDenied):
        need_save(actor=focal_mexico, state=kenya, title="Not mine")
    with pytest.raises(PermissionDenied):
        need_save(actor=focal_mexico, need=witness_need, state=kenya, title="Changed")


def test_api_needs_crud_matches_and_unmet(
    focal_kenya, focal_mexico, witness_need, culture_need, token_for
) -> None:
    make_project(
        "KE-W",
        "Witness protection in organized crime cases, Kenya",
        provisions=list(Provision.objects.filter(key="untoc/art_24")),
        description="Relocation of witnesses and video link testimony.",
    )
    client = Client()
    auth = token_for(focal_kenya)
    listing = client.get("/api/v1/assistance/needs", **auth).json()
    assert listing["count"] == 2
    assert client.get("/api/v1/assistance/needs", **token_for(focal_mexico)).json()["count"] == 0
    detail = client.get(f"/api/v1/assistance/needs/{witness_need.pk}", **auth).json()
    assert detail["state"] == "KEN" and detail["provisions"] == ["untoc/art_24"]
    matches = client.get(f"/api/v1/assistance/needs/{witness_need.pk}/matches", **auth).json()
    assert matches[0]["iati_identifier"] == "KE-W" and matches[0]["answers"]
    assert {r["code"] for r in matches[0]["reasons"]} >= {"same_state", "shared_provisions"}
    unmet = client.get("/api/v1/assistance/needs/unmet", **auth).json()
    assert [u["need"]["id"] for u in unmet] == [culture_need.pk]
    created = client.post(
        "/api/v1/assistance/needs",
        data=json.dumps(
            {"state": "KEN", "title": "Asset recovery", "provisions": ["untoc/art_12"]}
        ),
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201 and created.json()["classification"] == "restricted"
    refused = client.post(
        "/api/v1/assistance/needs",
        data=json.dumps({"state": "MEX", "title": "Not mine"}),
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 403
    unknown = client.post(
        "/api/v1/assistance/needs",
        data=json.dumps({"state": "KEN", "title": "Bad", "provisions": ["nope"]}),
        content_type="application/json",
        **auth,
    )
    assert unknown.status_code == 400 and not Need.objects.filter(title="Bad").exists()
    updated = client.put(
        f"/api/v1/assistance/needs/{witness_need.pk}",
        data=json.dumps({"state": "KEN", "title": "Witness protection", "status": "met"}),
        content_type="application/json",
        **auth,
    )
    assert updated.status_code == 200 and updated.json()["status"] == "met"
    assert client.get("/api/v1/assistance/needs").status_code == 401
