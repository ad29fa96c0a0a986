"""Lenient IATI import: small schema slips no longer cost a donor's activity; each is kept
as a data-quality warning on the project page. Strict validation still rejects them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from tact.assistance.importing import import_iati
from tact.assistance.models import Project
from tact.assistance.tests.test_import_db import activity_xml, iati_file
from tact.core.access import SYSTEM

pytestmark = pytest.mark.django_db


def slipped_activity() -> str:
    """Three slips seen in real publishers' files."""
    xml = activity_xml("XM-DAC-7-SLIP")
    # 1. a point without srsName
    xml = xml.replace(
        '<sector vocabulary="1" code="15130" percentage="100"/>',
        "<location><point><pos>-1.2921 36.8219</pos></point></location>\n"
        '    <sector vocabulary="1" code="15130" percentage="100"/>\n'
        # 3. a budget-item carrying an attribute that is not in the 2.03 schema
        '    <country-budget-items vocabulary="4">'
        '<budget-item code="1.1.1" percentage="100" vocabulary="1"/></country-budget-items>',
    )
    # 2. a sector without code inside a transaction
    return xml.replace(
        '<transaction-type code="2"/>', '<transaction-type code="2"/><sector vocabulary="1"/>'
    )


def test_strict_validation_still_rejects_the_slips() -> None:
    report = import_iati(io.BytesIO(iati_file(slipped_activity())), actor=SYSTEM)
    assert report.imported == 0 and report.rejected == 1
    assert not Project.objects.exists()


def test_lenient_mode_imports_and_records_each_slip(client: Client, secretariat: Any) -> None:
    data = iati_file(slipped_activity(), activity_xml("XM-DAC-7-CLEAN"))
    report = import_iati(io.BytesIO(data), actor=SYSTEM, lenient=True)
    assert report.imported == 2 and report.rejected == 0
    project = Project.objects.get(iati_identifier="XM-DAC-7-SLIP")
    slips = project.iati_activity["quality_warnings"]
    text = " | ".join(slips)
    assert "srsName" in text
    assert "vocabulary" in text and "budget-item" in text
    assert "Empty code for codelist Sector" in text
    clean = Project.objects.get(iati_identifier="XM-DAC-7-CLEAN")
    assert clean.iati_activity.get("quality_warnings", []) == []
    client.force_login(secretariat)
    body = client.get(project.get_absolute_url()).content.decode()
    assert "Data-quality warnings" in body and "srsName" in body
    assert "Data-quality warnings" not in client.get(clean.get_absolute_url()).content.decode()


def test_cli_flag(tmp_path: Any) -> None:
    path = tmp_path / "slips.xml"
    path.write_bytes(iati_file(slipped_activity()))
    call_command("import_iati", str(path), "--lenient", "--progress", "never")
    assert Project.objects.filter(iati_identifier="XM-DAC-7-SLIP").exists()


def test_web_import_form_offers_lenient_mode(client: Client, secretariat: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tact.assistance.models import ImportRun

    client.force_login(secretariat)
    form = client.get("/en/assistance/imports/new/").content.decode()
    assert 'name="lenient"' in form
    # given: the same slipped file uploaded twice through the page
    data = iati_file(slipped_activity())
    # when: without the box, the activity is rejected with its reason ...
    strict = client.post(
        "/en/assistance/imports/new/", {"file": SimpleUploadedFile("slips.xml", data)}
    )
    run = ImportRun.objects.get()
    assert strict.status_code == 302 and run.rejected == 1 and not run.lenient
    assert not Project.objects.exists()
    # ... and with it, imported, with one warning per slip on the project page
    lenient = client.post(
        "/en/assistance/imports/new/",
        {"file": SimpleUploadedFile("slips.xml", data), "lenient": "on"},
    )
    run = ImportRun.objects.latest("pk")
    assert lenient.status_code == 302 and run.lenient and run.imported == 1
    assert "lenient mode" in client.get(lenient["Location"]).content.decode()
    project = Project.objects.get(iati_identifier="XM-DAC-7-SLIP")
    assert len(project.iati_activity["quality_warnings"]) >= 3
    body = client.get(project.get_absolute_url()).content.decode()
    assert "Data-quality warnings" in body and "srsName" in body


def test_api_import_accepts_lenient(client: Client, secretariat: Any, token_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("slips.xml", iati_file(slipped_activity()))
    response = client.post(
        "/api/v1/assistance/imports", {"file": upload, "lenient": "true"}, **token_for(secretariat)
    )
    assert response.status_code == 202, response.content
    assert response.json()["lenient"] is True
    assert Project.objects.filter(iati_identifier="XM-DAC-7-SLIP").exists()
