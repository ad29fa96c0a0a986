"""The profile page, its report downloads (inline and as a background build with progress),
the old address and the API, with records of two classifications."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tact.core import profile as registry
from tact.core.links import record_ref
from tact.profiles import selectors
from tact.profiles.models import ProfileExport
from tact.strategies import services as strategy_services

pytestmark = pytest.mark.django_db

SECRET = "Confidential plan against wildlife trafficking"
OPEN = "Published national strategy against organised crime"


@pytest.fixture
def strategies(kenya: Any, secretariat: Any) -> tuple[Any, Any]:
    hidden = strategy_services.strategy_create(
        actor=secretariat, state=kenya, title=SECRET, classification="restricted"
    )
    public = strategy_services.strategy_create(
        actor=secretariat, state=kenya, title=OPEN, classification="public"
    )
    return hidden, public


def test_page_shows_each_reader_what_they_may_see(
    client: Client, secretariat: Any, strategies: tuple[Any, Any]
) -> None:
    # when an anonymous reader opens Kenya's profile
    page = client.get("/en/states/KEN/").content.decode()
    # then the public strategy is linked and the restricted one is nowhere
    assert OPEN in page and f'href="{strategies[1].get_absolute_url()}"' in page
    assert SECRET not in page
    assert "Party status" in page and 'id="profile-top"' in page
    # and the secretariat sees both
    client.force_login(secretariat)
    page = client.get("/en/states/KEN/").content.decode()
    assert OPEN in page and SECRET in page


def test_old_address_and_unknown_state(client: Client) -> None:
    response = client.get("/en/directory/states/ken/")
    assert response.status_code == 301 and response["Location"] == "/en/states/KEN/"
    assert client.get("/en/states/ZZZ/").status_code == 404
    assert client.get("/api/v1/states/ZZZ/profile").status_code == 404


def test_page_in_arabic_is_right_to_left(client: Client, strategies: tuple[Any, Any]) -> None:
    page = client.get("/ar/states/KEN/").content.decode()
    assert 'dir="rtl"' in page and "وضع الطرف" in page


def test_small_profile_downloads_at_once(client: Client, strategies: tuple[Any, Any]) -> None:
    # when an anonymous reader asks for the public PDF and Excel
    response = client.post("/en/states/KEN/export/", {"version": "public", "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert OPEN in text and SECRET not in text
    response = client.post("/en/states/KEN/export/", {"version": "public", "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    cells = {str(c) for s in book for r in s.iter_rows(values_only=True) for c in r if c}
    assert record_ref(strategies[1]) in cells and record_ref(strategies[0]) not in cells
    # and the full version is not for anonymous readers; bad input is a 400
    assert client.post("/en/states/KEN/export/", {"version": "full"}).status_code in {302, 403}
    bad = client.post("/en/states/KEN/export/", {"version": "all", "format": "pdf"})
    assert bad.status_code == 400
    assert ProfileExport.objects.count() == 0


def test_large_profile_is_built_in_the_background_with_progress(
    client: Client,
    secretariat: Any,
    focal_mexico: Any,
    strategies: tuple[Any, Any],
    monkeypatch: Any,
) -> None:
    # given a profile counted as large
    monkeypatch.setattr(selectors, "INLINE_MAX_ITEMS", 0)
    client.force_login(secretariat)
    # when the secretariat asks for the full version (the test task backend runs at once)
    response = client.post("/ru/states/KEN/export/", {"version": "full", "format": "pdf"})
    job = ProfileExport.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    # then the build ran panel by panel to the end, in Russian, as the requester
    assert job.status == "done" and job.language == "ru" and job.version == "full"
    assert job.steps_done == job.steps_total == len(registry.panel_names()) + 2
    page = client.get(job.get_absolute_url()).content.decode()
    assert "100" in page and f"/exports/{job.pk}/pdf/" in page
    pdf = client.get(f"/ru/states/exports/{job.pk}/pdf/")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert SECRET in text and "Профиль страны" in text
    assert client.get(f"/ru/states/exports/{job.pk}/xlsx/").status_code == 200
    assert client.get(f"/ru/states/exports/{job.pk}/doc/").status_code == 404
    # and nobody else may open it (the same 404 as a missing one)
    other = Client()
    other.force_login(focal_mexico)
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.get(f"/ru/states/exports/{job.pk}/pdf/").status_code == 404
    assert other.get("/en/states/exports/999999/").status_code == 404
    # an anonymous reader of a large profile is asked to sign in
    anonymous = Client()
    response = anonymous.post("/en/states/KEN/export/", {"version": "public", "format": "pdf"})
    assert response.status_code == 302 and ProfileExport.objects.count() == 1


def test_api_sections_are_access_filtered(
    client: Client, secretariat: Any, strategies: tuple[Any, Any]
) -> None:
    body = client.get("/api/v1/states/KEN/profile").json()
    assert body["state"] == "KEN"
    names = [s["name"] for s in body["sections"]]
    assert names[:2] == ["party_status", "follow_up"]
    refs = {i["ref"] for s in body["sections"] for i in s["items"]}
    assert record_ref(strategies[1]) in refs and record_ref(strategies[0]) not in refs
    client.force_login(secretariat)
    refs = {i["ref"] for s in client.get("/api/v1/states/KEN/profile").json()["sections"]
            for i in s["items"]}  # fmt: skip
    assert {record_ref(strategies[0]), record_ref(strategies[1])} <= refs


def test_top_slot_shows_a_registered_panel_first(client: Client, kenya: Any) -> None:
    # given an app that registers its findings in the top slot (as tact.chain will)
    def findings(user: Any, state: Any, *, limit: int | None = None) -> registry.Panel:
        return registry.Panel(order=999, title="Integrity findings", summary="2 gaps with no need")

    registry.register_state_panel("integrity_test", slot=registry.TOP)(findings)
    try:
        profile = selectors.state_profile(None, kenya)
        assert [p.name for p in profile.top] == ["integrity_test"]
        page = client.get("/en/states/KEN/").content.decode()
        top = page.index('id="profile-top"')
        assert top < page.index("Integrity findings") < page.index("Party status", top)
    finally:
        registry._PANELS.pop("integrity_test")
