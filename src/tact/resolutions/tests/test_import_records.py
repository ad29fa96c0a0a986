"""Importing resolutions into records: preview, corrections, idempotency, bad files, AKN."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from lxml import etree

from tact.core.access import SYSTEM
from tact.core.models import AuditEntry
from tact.resolutions import services
from tact.resolutions.akn import eid_for_code, validate_akn
from tact.resolutions.models import Recommendation, Resolution
from tact.resolutions.tests.docx_builder import markdown_to_docx

FIXTURES = Path(__file__).parent / "fixtures"
SEED_RU = (FIXTURES / "seed_ru.md").read_bytes()
SEED_EN = (FIXTURES / "seed_en.md").read_bytes()

EXPECTED = {
    "op.1": [],
    "op.2": [],
    "annex.a": ["states"],
    "annex.a.i": ["states"],
    "annex.a.ii": ["states"],
    "annex.a.iii": ["states"],
    "annex.b": ["secretariat"],
    "annex.b.i": ["secretariat"],
    "annex.b.ii": ["secretariat"],
    "annex.b.iii": ["secretariat"],
    "annex.b.iv": ["secretariat"],
    "annex.b.v": ["secretariat"],
    "annex.c": ["states", "donors"],
    "annex.c.i": ["states", "donors"],
    "annex.c.ii": ["states", "donors"],
    "annex.d": ["states", "international_organizations"],
}


def _import(data: bytes, name: str, language: str | None = None) -> tuple[Resolution, bool]:
    parsed = services.resolution_parse(data, name, language)
    return services.resolution_import(actor=SYSTEM, parsed=parsed, filename=name)


def _counts() -> tuple[int, int, int]:
    return Resolution.objects.count(), Recommendation.objects.count(), AuditEntry.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "name"), [(SEED_RU, "seed_ru.md"), (SEED_EN, "seed_en.md")])
def test_seed_becomes_the_expected_records(data: bytes, name: str) -> None:
    resolution, created = _import(data, name)
    assert created
    recs = {r.code: r for r in resolution.recommendations.all()}
    assert {code: r.addressees for code, r in recs.items()} == EXPECTED
    assert recs["op.1"].action == "endorse" and recs["op.2"].action == "reaffirm"
    assert recs["annex.b.iv"].parent == recs["annex.b"]
    assert recs["annex.b.v"].footnotes == ["2"]
    assert any("1" in p["footnotes"] for p in resolution.preamble)
    assert set(resolution.footnotes) == {"1", "2"}
    # suggested provisions are real catalog records
    assert recs["annex.b.ii"].provisions.filter(key="untoc/art_24").exists()


@pytest.mark.django_db
def test_importing_the_same_document_twice_creates_nothing() -> None:
    first, created = _import(SEED_RU, "seed_ru.md")
    before = _counts()
    second, created_again = _import(SEED_RU, "copy-of-seed.md")
    assert created and not created_again
    assert second.pk == first.pk
    assert _counts() == before


@pytest.mark.django_db
def test_docx_import_gives_the_same_tree() -> None:
    docx = markdown_to_docx(SEED_EN.decode())
    resolution, _ = _import(docx, "seed_en.docx")
    assert set(resolution.recommendations.values_list("code", flat=True)) == set(EXPECTED)


@pytest.mark.django_db
def test_only_the_secretariat_imports(focal_kenya: Any) -> None:
    parsed = services.resolution_parse(SEED_RU, "seed_ru.md")
    with pytest.raises(PermissionDenied):
        services.resolution_import(actor=focal_kenya, parsed=parsed)
    assert Resolution.objects.count() == 0


def _form_data(form: Any) -> dict[str, Any]:
    """What the browser would post back for an unbound form (empty values omitted)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value not in (None, "", []):
            data[name] = value
    return data


# --- the browser flow: upload -> preview -> confirm -----------------------------------------


def _upload(client: Client, data: bytes, name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("resolutions:import"),
        {"file": SimpleUploadedFile(name, data), "language": ""},
    )


@pytest.mark.django_db
def test_preview_saves_nothing_and_confirm_applies_corrections(
    client: Client, secretariat: Any
) -> None:
    client.force_login(secretariat)
    before = _counts()
    response = _upload(client, SEED_EN, "seed_en.md")
    assert response.status_code == 200
    body = response.content.decode()
    assert "16 recommendations found" in body and "annex.b.iv" in body
    assert _counts() == before  # the preview saved nothing
    form = response.context["form"]
    data = _form_data(form)
    data["addressees:annex.d"] = ["states", "international_organizations", "regional_organizations"]
    data["themes:annex.d"] = ["evaluation"]
    data["provisions:annex.d"] = "untoc/art_29, untoc/art_30"
    response = client.post(reverse("resolutions:import_confirm"), data)
    assert response.status_code == 302
    rec = Recommendation.objects.get(code="annex.d")
    assert rec.addressees == ["states", "international_organizations", "regional_organizations"]
    assert list(rec.themes.values_list("code", flat=True)) == ["evaluation"]
    assert sorted(rec.provisions.values_list("key", flat=True)) == ["untoc/art_29", "untoc/art_30"]
    entry = AuditEntry.objects.filter(action="import").get()
    assert "annex.d" in entry.changes["corrected"][1]  # [before, after] of the import


@pytest.mark.django_db
def test_a_tampered_preview_is_refused(client: Client, secretariat: Any) -> None:
    client.force_login(secretariat)
    response = client.post(reverse("resolutions:import_confirm"), {"token": "forged:token"})
    assert response.status_code == 302
    assert Resolution.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_provision_in_the_preview_is_a_field_error(
    client: Client, secretariat: Any
) -> None:
    client.force_login(secretariat)
    form = _upload(client, SEED_EN, "seed_en.md").context["form"]
    data = _form_data(form)
    data["provisions:annex.a"] = "untoc/art_999"
    response = client.post(reverse("resolutions:import_confirm"), data)
    assert response.status_code == 200
    assert "Unknown provisions: untoc/art_999" in response.content.decode()
    assert Resolution.objects.count() == 0


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.md", "empty"),
        (bytes(range(256)) * 20, "blob.txt", "binary"),
        (PDF, "resolution.docx", "not a Word document"),
        (
            b"The Conference,\n\nNoting things,\n\nWelcomes the report.\n",
            "plain.txt",
            "No numbered operative paragraphs",
        ),
        (b"1. " + b"x" * (50 * 1024 * 1024), "huge.txt", "too large"),
    ],
    ids=["empty", "binary", "pdf-renamed-docx", "no-numbered-paragraphs", "50MB"],
)
def test_bad_files_get_a_clear_message_and_change_nothing(
    client: Client, secretariat: Any, data: bytes, name: str, message: str
) -> None:
    client.force_login(secretariat)
    before = _counts()
    response = _upload(client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors
    assert _counts() == before


@pytest.mark.django_db
def test_a_focal_point_cannot_open_the_import(client: Client, focal_kenya: Any) -> None:
    client.force_login(focal_kenya)
    assert client.get(reverse("resolutions:import")).status_code == 403


# --- Akoma Ntoso ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_akn_export_validates_and_maps_every_code(client: Client) -> None:
    resolution, _ = _import(SEED_RU, "seed_ru.md")
    response = client.get(reverse("resolutions:resolution_akn", args=[resolution.pk]))
    assert response.status_code == 200
    xml = response.content
    assert validate_akn(xml) == []
    eids = set(etree.fromstring(xml).xpath("//@eId"))
    for code in EXPECTED:
        assert eid_for_code(code) in eids
    assert re.search(
        rb'<akomaNtoso[^>]*xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"', xml
    )


# --- recommendation reports and Akoma Ntoso through the same page ---------------------------
REPORTS = FIXTURES / "reports"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("upr_en.txt", "11 recommendations found"),
        ("upr_fr.txt", "6 recommendations found"),
        ("thematic_es.md", "5 recommendations found"),
        ("co_en.txt", "5 recommendations found"),
        ("co_fr.txt", "4 recommendations found"),
        ("co_es.txt", "6 recommendations found"),
        ("co_ru.txt", "5 recommendations found"),
        ("co_ar.txt", "5 recommendations found"),
        ("co_zh.txt", "5 recommendations found"),
    ],
)
def test_reports_preview_then_save(client: Client, secretariat: Any, name: str, found: str) -> None:
    client.force_login(secretariat)
    before = _counts()
    response = _upload(client, (REPORTS / name).read_bytes(), name)
    assert response.status_code == 200
    body = response.content.decode()
    assert found in body
    assert "Recommended by" in body
    assert _counts() == before
    response = client.post(
        reverse("resolutions:import_confirm"), _form_data(response.context["form"])
    )
    assert response.status_code == 302
    resolution = Resolution.objects.get()
    assert resolution.doc_type == "report"
    assert resolution.recommendations.exclude(source="").exists()
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert "Recommended by" in page
    if name.startswith("co_"):
        # the committee is shown as the directory organisation, the State as the State
        assert 'data-source="organisation"' in page
        assert resolution.addressee_state is not None


@pytest.mark.django_db
def test_akn_preview_then_save(client: Client, secretariat: Any) -> None:
    from datetime import date

    from tact.resolutions.akn import to_akn
    from tact.resolutions.parsing import parse_resolution

    xml = to_akn(parse_resolution(SEED_EN, "seed_en.md"), doc_date=date(2012, 10, 19), number="6/3")
    client.force_login(secretariat)
    response = _upload(client, xml, "resolution-6-3.akn.xml")
    assert response.status_code == 200
    assert "16 recommendations found" in response.content.decode()
    response = client.post(
        reverse("resolutions:import_confirm"), _form_data(response.context["form"])
    )
    assert response.status_code == 302
    assert Recommendation.objects.filter(code="annex.b.iv").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><akomaNtoso>&e;</akomaNtoso>',
        b"<?xml version='1.0'?><akomaNtoso><doc>",
    ],
    ids=["entities", "broken"],
)
def test_bad_xml_gets_a_clear_message_and_changes_nothing(
    client: Client, secretariat: Any, data: bytes
) -> None:
    client.force_login(secretariat)
    before = _counts()
    response = _upload(client, data, "bad.xml")
    assert response.status_code == 200
    assert "The XML file cannot be imported" in response.content.decode()
    assert _counts() == before
