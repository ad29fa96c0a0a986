"""Pages: lists, details, filters, Excel exports, matrix, map data, dashboards, access."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from tact.assistance.models import Contribution, ExchangeRate, ImportRun, Project
from tact.assistance.tests.helpers import activity_xml, iati_file, load_projects
from tact.catalog.models import Theme
from tact.core.exports import XLSX_TYPE

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(kenya: Any, mexico: Any) -> list[Project]:
    load_projects(
        activity_xml("XM-DAC-7-K1", title="Prosecutors in Kenya"),
        activity_xml("XM-DAC-7-M1", title="Border control in Mexico", country="MX"),
    )
    ExchangeRate.objects.create(currency="EUR", date="2020-01-01", usd_rate="1.10")
    from tact.assistance.services import recompute_usd

    recompute_usd()
    theme = Theme.objects.get(code="criminalization")
    kenya_project = Project.objects.get(iati_identifier="XM-DAC-7-K1")
    kenya_project.themes.add(theme)
    return list(Project.objects.order_by("iati_identifier"))


def test_public_pages_show_projects_to_anyone(client: Client, projects: list[Project]) -> None:
    for url in ("/en/assistance/", "/en/assistance/projects/", "/en/assistance/matrix/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Prosecutors in Kenya" in response.content.decode() or url.endswith("matrix/")
    detail = client.get(projects[0].get_absolute_url())
    assert detail.status_code == 200
    assert "UNODC" in detail.content.decode()


def test_project_list_filters_and_search(client: Client, projects: list[Project]) -> None:
    body = client.get("/en/assistance/projects/?state=MEX").content.decode()
    assert "Border control in Mexico" in body and "Prosecutors in Kenya" not in body
    body = client.get("/en/assistance/projects/?q=prosecutors+in").content.decode()
    assert "Prosecutors in Kenya" in body and "Border control" not in body
    body = client.get("/en/assistance/projects/?theme=criminalization").content.decode()
    assert "Prosecutors in Kenya" in body and "Border control" not in body
    partial = client.get("/en/assistance/projects/?q=zzz", HTTP_HX_REQUEST="true")
    assert (
        "<html" not in partial.content.decode() and "No project matches" in partial.content.decode()
    )


def test_lists_export_to_excel(client: Client, reader: Any, projects: list[Project]) -> None:
    client.force_login(reader)
    for url in (
        "/en/assistance/projects/?format=xlsx",
        "/en/assistance/matrix/?format=xlsx",
        "/en/assistance/contributions/?format=xlsx",
        "/en/assistance/exchange-rates/?format=xlsx",
        "/en/assistance/donors/?format=xlsx",
        "/en/assistance/recipients/KEN/?format=xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(
        io.BytesIO(client.get("/en/assistance/projects/?format=xlsx").content)
    ).active
    assert sheet is not None and sheet.max_row == 3
    matrix = load_workbook(io.BytesIO(client.get("/en/assistance/matrix/?format=xlsx").content))
    rows = list(matrix.active.values)  # type: ignore[union-attr]
    assert rows[1][0] == "KEN" and rows[1][3] == "NL MFA" and rows[1][5] == pytest.approx(110000)


def test_matrix_shows_state_theme_and_funders_with_amounts(
    client: Client, projects: list[Project]
) -> None:
    body = client.get("/en/assistance/matrix/").content.decode()
    assert "Kenya" in body and "Mexico" in body
    assert "110,000" in body  # EUR 100,000 budget at 1.10
    implementers = client.get("/en/assistance/matrix/?role=implementer").content.decode()
    assert "UNODC" in implementers


def test_map_data_by_m49(client: Client, projects: list[Project]) -> None:
    data = client.get("/en/assistance/map/data/").json()
    kenya = next(s for s in data["states"] if s["iso3"] == "KEN")
    assert kenya["m49"] == "404" and kenya["projects"] == 1
    assert kenya["amount_usd"] == pytest.approx(110000)
    assert client.get("/en/assistance/map/").status_code == 200


def test_restricted_projects_hidden_from_readers_and_other_states(
    client: Client,
    projects: list[Project],
    reader: Any,
    focal_mexico: Any,
    focal_kenya: Any,
    kenya: Any,
) -> None:
    hidden = projects[0]
    hidden.classification = "restricted"
    hidden.owner_state = kenya
    hidden.save()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for user in (reader, focal_mexico):
        client.force_login(user)
        assert client.get(hidden.get_absolute_url()).status_code == 404
        assert hidden.title not in client.get("/en/assistance/projects/").content.decode()
        assert hidden.title not in client.get("/en/assistance/matrix/").content.decode()
        data = client.get("/en/assistance/map/data/").json()
        assert all(s["iso3"] != "KEN" for s in data["states"])
    client.force_login(focal_kenya)
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_import_page_runs_the_import_and_shows_the_report(
    client: Client, donor_nl: Any, kenya: Any
) -> None:
    client.force_login(donor_nl)
    assert client.get("/en/assistance/imports/new/").status_code == 200
    upload = SimpleUploadedFile(
        "nl.xml",
        iati_file(activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-2", country="QQ")),
        content_type="application/xml",
    )
    response = client.post("/en/assistance/imports/new/", {"file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/imports/{run.pk}/")
    assert run.status == "done" and run.imported == 1 and run.rejected == 1
    body = client.get(response["Location"]).content.decode()
    assert "XM-DAC-7-2" in body and "QQ" in body
    progress = client.get(f"/en/assistance/imports/{run.pk}/progress/")
    assert progress["HX-Refresh"] == "true"
    project = Project.objects.get()
    assert project.owner_organisation == donor_nl.organisation
    assert project.import_run == run


def test_import_refuses_oversized_files(client: Client, donor_nl: Any, settings: Any) -> None:
    settings.TACT_MAX_IATI_UPLOAD_BYTES = 100
    client.force_login(donor_nl)
    upload = SimpleUploadedFile("big.xml", iati_file(activity_xml("XM-DAC-7-1")))
    response = client.post("/en/assistance/imports/new/", {"file": upload})
    assert response.status_code == 200 and "too large" in response.content.decode()
    assert ImportRun.objects.count() == 0 and Project.objects.count() == 0


def test_readers_cannot_import(client: Client, reader: Any) -> None:
    client.force_login(reader)
    assert client.get("/en/assistance/imports/new/").status_code == 403


def test_imports_of_others_are_private(client: Client, donor_nl: Any, focal_kenya: Any) -> None:
    client.force_login(donor_nl)
    client.post(
        "/en/assistance/imports/new/",
        {"file": SimpleUploadedFile("a.xml", iati_file(activity_xml("XM-DAC-7-1")))},
    )
    run = ImportRun.objects.get()
    client.force_login(focal_kenya)
    assert client.get(f"/en/assistance/imports/{run.pk}/").status_code == 404


def test_donor_records_a_contribution_in_usd(client: Client, donor_nl: Any, donor_org: Any) -> None:
    ExchangeRate.objects.create(currency="EUR", date="2024-01-01", usd_rate="1.08")
    client.force_login(donor_nl)
    response = client.post(
        "/en/assistance/contributions/new/",
        {
            "donor": donor_org.pk,
            "year": 2024,
            "currency": "EUR",
            "pledged_amount": "1000000",
            "pledged_date": "2024-03-01",
            "earmarking": "hard",
            "earmark_target": "state",
            "classification": "public",
        },
    )
    assert response.status_code == 200
    assert "Choose the state." in response.content.decode()
    response = client.post(
        "/en/assistance/contributions/new/",
        {
            "donor": donor_org.pk,
            "year": 2024,
            "currency": "EUR",
            "pledged_amount": "1000000",
            "pledged_date": "2024-03-01",
            "earmarking": "soft",
            "classification": "public",
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.pledged_usd == 1080000
    body = client.get("/en/assistance/contributions/").content.decode()
    assert "1,080,000" in body
    dashboard = client.get(f"/en/assistance/donors/{donor_org.pk}/").content.decode()
    assert "2024" in dashboard


def test_exchange_rate_upload_reports_rows_and_recomputes(
    client: Client, secretariat: Any, projects: list[Project]
) -> None:
    client.force_login(secretariat)
    csv = (
        b"currency,date,usd_rate,source\nEUR,2023-01-01,1.20,test\n"
        b"XXX,2023-01-01,1,x\nEUR,bad,1,x\n"
    )
    response = client.post(
        "/en/assistance/exchange-rates/upload/",
        {"file": SimpleUploadedFile("rates.csv", csv)},
    )
    body = response.content.decode()
    assert "1 created" in body and "unknown currency" in body and "invalid date" in body
    assert Project.objects.get(iati_identifier="XM-DAC-7-K1").budget_usd == 120000


def test_project_links_edit_is_audited_and_survives_reimport(
    client: Client, secretariat: Any, projects: list[Project]
) -> None:
    from tact.core.models import AuditEntry

    project = projects[0]
    client.force_login(secretariat)
    theme = Theme.objects.get(code="money_laundering")
    response = client.post(
        f"/en/assistance/projects/{project.pk}/edit/",
        {"themes": [theme.pk], "channel_override": "bilateral", "classification": "public"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.channel == "bilateral" and project.channel_derived == "unodc"
    assert AuditEntry.objects.filter(action="project.update").exists()
    load_projects(activity_xml("XM-DAC-7-K1", title="Renamed", last_updated="2026-01-01T00:00:00Z"))
    project.refresh_from_db()
    assert project.title == "Renamed" and project.channel == "bilateral"
    assert list(project.themes.values_list("code", flat=True)) == ["money_laundering"]


def test_state_profile_panel_and_search(
    client: Client, projects: list[Project], kenya: Any
) -> None:
    from tact.core.profile import state_panels
    from tact.search import search_all

    panels = [p for p in state_panels(None, kenya) if p.name == "assistance"]
    assert panels and panels[0].items[0].label == "Prosecutors in Kenya"
    hits = search_all(None, "Prosecutors")
    assert any(h.kind == "project" for h in hits)


def test_export_links_give_valid_iati_and_csv(
    client: Client, reader: Any, projects: list[Project]
) -> None:
    from tact.assistance.iati import validate_file

    client.force_login(reader)
    xml = client.get("/en/assistance/projects/export/?format=xml&state=KEN")
    assert xml.status_code == 200 and validate_file(xml.content) == []
    assert b"XM-DAC-7-K1" in xml.content and b"XM-DAC-7-M1" not in xml.content
    csv = client.get("/en/assistance/projects/export/?format=csv")
    assert csv.content.decode().count("XM-DAC-7-") == 2


def test_progress_is_reported_while_reading(kenya: Any) -> None:
    from tact.assistance.importing import import_iati
    from tact.core.access import SYSTEM

    ticks: list[tuple[int, int, int]] = []
    data = iati_file(*(activity_xml(f"XM-DAC-7-{n}") for n in range(20)))
    report = import_iati(
        io.BytesIO(data),
        actor=SYSTEM,
        progress=lambda done, total, rep: ticks.append((done, total, rep.seen)),
        progress_every=0,
    )
    assert report.imported == 20
    assert ticks[-1] == (len(data), len(data), 20)
    assert [t[0] for t in ticks] == sorted(t[0] for t in ticks)
