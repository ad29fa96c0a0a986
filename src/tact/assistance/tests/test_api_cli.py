"""API endpoints and the command line (import-iati, export-iati, load-exchange-rates)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tact.assistance.iati import validate_file
from tact.assistance.models import Contribution, ImportRun, Project
from tact.assistance.tests.helpers import activity_xml, iati_file, load_projects
from tact.assistance.tests.iati_support import SPAIN_201, needs_shared_data

pytestmark = pytest.mark.django_db


def test_api_lists_and_filters_projects(client: Client, kenya: Any, mexico: Any) -> None:
    load_projects(activity_xml("XM-DAC-7-K1"), activity_xml("XM-DAC-7-M1", country="MX"))
    data = client.get("/api/v1/assistance/projects?state=KEN").json()
    assert data["count"] == 1 and data["items"][0]["iati_identifier"] == "XM-DAC-7-K1"
    assert data["items"][0]["channel"] == "unodc"
    pk = data["items"][0]["id"]
    detail = client.get(f"/api/v1/assistance/projects/{pk}").json()
    assert detail["recipient_countries"][0]["state"] == "KEN"
    assert {o["role"] for o in detail["participating_organisations"]} == {"1", "4"}
    assert client.get("/api/v1/assistance/matrix").status_code == 200
    assert client.get("/api/v1/assistance/map").json()["states"]


def test_api_hides_restricted_projects(client: Client, reader: Any, token_for: Any) -> None:
    load_projects(activity_xml("XM-DAC-7-K1"))
    Project.objects.update(classification="restricted")
    assert client.get("/api/v1/assistance/projects").json()["count"] == 0
    pk = Project.objects.get().pk
    assert client.get(f"/api/v1/assistance/projects/{pk}", **token_for(reader)).status_code == 404


def test_api_updates_links_with_permission(
    client: Client, secretariat: Any, reader: Any, token_for: Any
) -> None:
    load_projects(activity_xml("XM-DAC-7-K1"))
    pk = Project.objects.get().pk
    payload = {
        "themes": ["criminalization"],
        "provisions": ["untoc/art_24"],
        "channel_override": "",
    }
    denied = client.patch(
        f"/api/v1/assistance/projects/{pk}",
        payload,
        content_type="application/json",
        **token_for(reader),
    )
    assert denied.status_code == 403
    response = client.patch(
        f"/api/v1/assistance/projects/{pk}",
        payload,
        content_type="application/json",
        **token_for(secretariat),
    )
    assert response.status_code == 200, response.content
    assert response.json()["themes"] == ["criminalization"]
    assert response.json()["provisions"] == ["untoc/art_24"]


def test_api_import_start_and_status(client: Client, donor_nl: Any, token_for: Any) -> None:
    upload = SimpleUploadedFile("a.xml", iati_file(activity_xml("XM-DAC-7-1")))
    response = client.post("/api/v1/assistance/imports", {"file": upload}, **token_for(donor_nl))
    assert response.status_code == 202, response.content
    run_id = response.json()["id"]
    status = client.get(f"/api/v1/assistance/imports/{run_id}", **token_for(donor_nl)).json()
    assert status["status"] == "done" and status["imported"] == 1
    assert status["report"][0]["outcome"] == "imported"


def test_api_contributions_and_rates(
    client: Client, donor_nl: Any, donor_org: Any, token_for: Any
) -> None:
    rates = SimpleUploadedFile("r.csv", b"currency,date,usd_rate\nEUR,2024-01-01,1.08\n")
    report = client.post(
        "/api/v1/assistance/exchange-rates", {"file": rates}, **token_for(donor_nl)
    ).json()
    assert report["created"] == 1
    response = client.post(
        "/api/v1/assistance/contributions",
        {"donor_id": donor_org.pk, "year": 2024, "currency": "EUR", "paid_amount": "100"},
        content_type="application/json",
        **token_for(donor_nl),
    )
    assert response.status_code == 201, response.content
    assert response.json()["paid_usd"] == "108.00"
    listed = client.get("/api/v1/assistance/contributions", **token_for(donor_nl)).json()
    assert listed["count"] == 1
    bad = client.post(
        "/api/v1/assistance/contributions",
        {"donor_id": donor_org.pk, "year": 2024, "currency": "EUR"},
        content_type="application/json",
        **token_for(donor_nl),
    )
    assert bad.status_code == 400 and Contribution.objects.count() == 1


def test_api_export_validates(client: Client, secretariat: Any, token_for: Any) -> None:
    load_projects(activity_xml("XM-DAC-7-K1"))
    xml = client.get("/api/v1/assistance/export", **token_for(secretariat))
    assert xml.status_code == 200 and validate_file(xml.content) == []
    csv = client.get("/api/v1/assistance/export?format=csv", **token_for(secretariat))
    assert b"XM-DAC-7-K1" in csv.content


@needs_shared_data
def test_cli_import_reports_and_is_idempotent(capsys: Any) -> None:
    call_command("import_iati", str(SPAIN_201), "--progress=never")
    out = capsys.readouterr().out
    assert "65 imported" in out and "18 rejected" in out
    assert "rejected line 848" in out and "AidType" in out
    call_command("import_iati", str(SPAIN_201), "--progress=never")
    assert "65 skipped" in capsys.readouterr().out
    assert Project.objects.count() == 65


@needs_shared_data
def test_cli_strict_rejects_the_file(capsys: Any) -> None:
    with pytest.raises(CommandError):
        call_command("import_iati", str(SPAIN_201), "--strict", "--progress=never")
    assert Project.objects.count() == 0


def test_cli_progress_bar_and_export(tmp_path: Path, capsys: Any) -> None:
    source = tmp_path / "a.xml"
    source.write_bytes(iati_file(activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-2")))
    call_command("import_iati", str(source), "--progress=always")
    captured = capsys.readouterr()
    assert "2 imported" in captured.out and "a.xml" in captured.err
    out = tmp_path / "out.xml"
    call_command("export_iati", "-o", str(out))
    assert validate_file(out) == []
    csv_out = tmp_path / "out.csv"
    call_command("export_iati", "--format", "csv", "-o", str(csv_out))
    assert csv_out.read_text().count("XM-DAC-7-") == 2


def test_cli_load_exchange_rates(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("currency,date,usd_rate\nEUR,2024-01-01,1.08\nGBP,2024-01-01,abc\n")
    call_command("load_exchange_rates", str(path))
    out = capsys.readouterr()
    assert "1 created" in out.out and "line 3" in out.err
    with pytest.raises(CommandError):
        call_command("load_exchange_rates", str(path), "--strict")


def test_import_run_background_failure_is_recorded(donor_nl: Any) -> None:
    from tact.assistance.services import import_start

    upload = SimpleUploadedFile("broken.xml", b"<iati-activities version='2.03'><oops")
    run = import_start(actor=donor_nl, upload=upload)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and "rejected" in run.error
    assert Project.objects.count() == 0
    _ = io
