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
