"""Pages (public and logged in), search provider, state panel and the laws API."""

import base64
from typing import Any

import pytest
from django.urls import reverse

from tact.legislation.models import LegalText
from tact.legislation.tests.conftest import KEN_TXT, make_docx
from tact.search import search_all

pytestmark = pytest.mark.django_db


def test_public_pages_for_anonymous(client: Any, ken_law: Any) -> None:
    for name in (
        "legislation:index",
        "legislation:law_list",
        "legislation:comparison",
        "legislation:heatmap",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    detail = client.get(reverse("legislation:law_detail", args=[ken_law.pk]))
    assert detail.status_code == 200 and b"Protection of witnesses" in detail.content
    # login-only pages redirect
    assert client.get(reverse("legislation:law_import")).status_code == 302
    assert client.get(reverse("legislation:gap_analysis", args=["KEN"])).status_code == 302


def test_restricted_law_hidden_from_public(client: Any, ken_law: Any, focal_kenya: Any) -> None:
    ken_law.classification = "restricted"
    ken_law.save()
    assert client.get(reverse("legislation:law_detail", args=[ken_law.pk])).status_code == 404
    assert b"Witness Protection" not in client.get(reverse("legislation:law_list")).content
    client.force_login(focal_kenya)
    assert client.get(reverse("legislation:law_detail", args=[ken_law.pk])).status_code == 200


def test_law_list_filters_export_htmx(client: Any, ken_law: Any) -> None:
    url = reverse("legislation:law_list")
    assert b"Witness" in client.get(url, {"state": "KEN"}).content
    assert b"Witness" not in client.get(url, {"state": "MEX"}).content
    partial = client.get(url, {"q": "witness"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"Witness" in partial.content
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_import_page_docx(client: Any, media: Any, kenya: Any, focal_kenya: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(focal_kenya)
    page = client.get(reverse("legislation:law_import"))
    assert page.status_code == 200
    data = make_docx(["Act", "Section 1. Witnesses", "Protection of witnesses."])
    response = client.post(
        reverse("legislation:law_import"),
        {
            "state": "KEN",
            "file": SimpleUploadedFile("act.docx", data),
            "text_type": "law",
            "language": "en",
            "title": "Docx act",
            "classification": "public",
        },
    )
    assert response.status_code == 302, response.content
    assert LegalText.objects.get().provisions.count() == 1
    bad = client.post(
        reverse("legislation:law_import"),
        {
            "state": "KEN",
            "file": SimpleUploadedFile("act.txt", b"nothing"),
            "text_type": "law",
            "language": "en",
            "classification": "public",
        },
    )
    assert bad.status_code == 200 and b"No article" in bad.content
    assert LegalText.objects.count() == 1


def test_import_page_forbidden_to_reader(client: Any, reader: Any) -> None:
    client.force_login(reader)
    assert client.get(reverse("legislation:law_import")).status_code == 403


def test_search_provider_and_state_panel(client: Any, ken_law: Any, focal_kenya: Any) -> None:
    hits = search_all(None, "video link")
    assert any("Section 3" in h.title for h in hits)
    client.force_login(focal_kenya)
    page = client.get(reverse("profiles:state", args=["KEN"]))
    assert b"Witness Protection (Test) Act" in page.content
    assert reverse("legislation:gap_analysis", args=["KEN"]).encode() in page.content


def test_laws_api(client: Any, ken_law: Any, media: Any, focal_kenya: Any, token_for: Any) -> None:
    listing = client.get("/api/v1/legislation/laws?state=KEN").json()
    assert listing["count"] == 1 and listing["items"][0]["state"] == "KEN"
    detail = client.get(f"/api/v1/legislation/laws/{ken_law.pk}").json()
    assert [p["eid"] for p in detail["provisions"]] == ["sec_1", "sec_2", "sec_3", "sec_4"]
    provisions = client.get(f"/api/v1/legislation/provisions?law_id={ken_law.pk}").json()
    assert provisions["count"] == 4
    payload = {
        "state": "KEN",
        "filename": "api.txt",
        "content_base64": base64.b64encode(KEN_TXT.encode()).decode(),
        "language": "en",
        "title": "API act",
    }
    assert (
        client.post(
            "/api/v1/legislation/laws", payload, content_type="application/json"
        ).status_code
        == 401
    )
    headers = token_for(focal_kenya)
    created = client.post(
        "/api/v1/legislation/laws", payload, content_type="application/json", **headers
    )
    assert created.status_code == 201 and created.json()["provisions_created"] == 4
    again = client.post(
        "/api/v1/legislation/laws", payload, content_type="application/json", **headers
    )
    assert again.status_code == 200 and again.json()["provisions_unchanged"] == 4
    bad = client.post(
        "/api/v1/legislation/laws",
        {**payload, "content_base64": base64.b64encode(b"nothing").decode()},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


def test_mappings_api_crud(client: Any, ken_law: Any, focal_kenya: Any, token_for: Any) -> None:
    headers = token_for(focal_kenya)
    sec2 = ken_law.provisions.get(eid="sec_2")
    created = client.post(
        "/api/v1/legislation/mappings",
        {
            "state": "KEN",
            "target": "untoc/art_24/para_2",
            "compliance": "partial",
            "legal_provision_id": sec2.pk,
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    mapping_id = created.json()["id"]
    patched = client.patch(
        f"/api/v1/legislation/mappings/{mapping_id}",
        {"compliance": "full"},
        content_type="application/json",
        **headers,
    )
    assert patched.json()["compliance"] == "full"
    listing = client.get(
        "/api/v1/legislation/mappings?state=KEN&target=untoc/art_24", **headers
    ).json()
    assert listing["count"] == 1
    assert client.delete(f"/api/v1/legislation/mappings/{mapping_id}", **headers).status_code == 204


def test_manual_mapping_form_and_features_api(
    client: Any, ken_law: Any, focal_kenya: Any, focal_mexico: Any, token_for: Any
) -> None:
    from tact.legislation.models import ProvisionMapping

    client.force_login(focal_kenya)
    sec3 = ken_law.provisions.get(eid="sec_3")
    url = reverse("legislation:provision_detail", args=[sec3.pk])
    response = client.post(
        url,
        {
            "convention_provision": "untoc/art_24",
            "paragraph": "untoc/art_24/para_2",
            "legal_provision": sec3.pk,
            "compliance": "full",
            "classification": "confidential",
            "de_jure_notes": "Video link",
        },
    )
    assert response.status_code == 302
    mapping = ProvisionMapping.objects.get()
    assert (
        mapping.paragraph.key == "untoc/art_24/para_2" and mapping.classification == "confidential"
    )
    wrong = client.post(
        url,
        {
            "convention_provision": "untoc/art_25",
            "paragraph": "untoc/art_24/para_2",
            "legal_provision": sec3.pk,
            "compliance": "full",
            "classification": "public",
        },
    )
    assert wrong.status_code == 200 and b"does not belong" in wrong.content
    payload = {"state": "KEN", "feature": "relocation", "value": "partial", "notes": "n"}
    ok = client.put(
        "/api/v1/legislation/features",
        payload,
        content_type="application/json",
        **token_for(focal_kenya),
    )
    assert ok.status_code == 200 and ok.json()["value"] == "partial"
    denied = client.put(
        "/api/v1/legislation/features",
        payload,
        content_type="application/json",
        **token_for(focal_mexico),
    )
    assert denied.status_code == 403


@pytest.mark.parametrize("language", ["ru", "fr", "es", "ar", "zh-hans"])
def test_pages_are_translated(client: Any, ken_law: Any, focal_kenya: Any, language: str) -> None:
    from django.utils import translation

    client.force_login(focal_kenya)
    with translation.override(language):
        for url in (
            reverse("legislation:index"),
            reverse("legislation:gap_analysis", args=["KEN"]),
            reverse("legislation:comparison"),
            reverse("legislation:workbench", args=["KEN", "untoc/art_24"]),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"Gap analysis" not in response.content, url


def test_law_update_and_delete_api(
    client: Any, ken_law: Any, focal_kenya: Any, focal_mexico: Any, token_for: Any
) -> None:
    from tact.catalog.models import Provision
    from tact.core.access import SYSTEM
    from tact.legislation.services import mapping_create

    url = f"/api/v1/legislation/laws/{ken_law.pk}"
    denied = client.patch(
        url,
        {"repealed_on": "2025-01-01"},
        content_type="application/json",
        **token_for(focal_mexico),
    )
    assert denied.status_code == 403
    headers = token_for(focal_kenya)
    patched = client.patch(
        url, {"repealed_on": "2025-01-01"}, content_type="application/json", **headers
    )
    assert patched.status_code == 200 and patched.json()["repealed_on"] == "2025-01-01"
    mapping = mapping_create(
        actor=SYSTEM,
        state=ken_law.state,
        convention_provision=Provision.objects.get(key="untoc/art_24"),
        legal_provision=ken_law.provisions.get(eid="sec_2"),
        compliance="full",
    )
    assert client.delete(url, **headers).status_code == 400  # assessments cite it
    mapping.delete()
    assert client.delete(url, **headers).status_code == 204
    assert not LegalText.objects.exists()
