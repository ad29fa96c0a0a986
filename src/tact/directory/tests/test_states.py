from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.directory.models import PartyStatus, State
from tact.directory.services import party_status_import_csv, states_load

pytestmark = pytest.mark.django_db


def test_api_lists_all_member_and_observer_states_with_m49_regions(client: Client) -> None:
    data = client.get("/api/v1/states?page_size=250").json()
    assert data["count"] == 197
    members = [s for s in data["items"] if s["un_status"] == "member"]
    assert len(members) == 193
    assert {s["iso3"] for s in data["items"] if s["un_status"] == "observer"} == {"VAT", "PSE"}
    assert all(s["region"] and s["subregion"] for s in data["items"])
    kenya = next(s for s in data["items"] if s["iso3"] == "KEN")
    assert (kenya["m49"], kenya["region"]["m49"], kenya["subregion"]["m49"]) == (
        "404",
        "002",
        "202",
    )
    assert kenya["names"]["ru"] == "Кения"


def test_loading_states_twice_changes_nothing() -> None:
    assert states_load() == (0, 0)
    assert State.objects.count() == 197


def test_state_without_verified_status_reads_unknown(client: Client) -> None:
    data = client.get("/api/v1/states/NOR").json()
    assert {p["status"] for p in data["party_status"]} == {"unknown"}
    page = client.get("/en/states/NOR/").content.decode()
    assert "tact holds no verified status" in page


def test_state_list_filters_by_region_and_paginates(client: Client) -> None:
    page = client.get("/en/directory/states/?region=202").content.decode()
    assert "Kenya" in page
    assert "France" not in page
    first = client.get("/en/directory/states/").content.decode()
    assert "Page 1 of 4" in first


def test_state_page_in_russian(client: Client) -> None:
    body = client.get("/ru/states/KEN/").content.decode()
    assert "Кения" in body


CSV = (
    "state,instrument,status,signature_date,consent_date,consent_action,source\n"
    "KEN,untoc,party,2000-12-12,2004-06-16,accession,test\n"
    "XXX,untoc,party,,,,test\n"
    "MEX,tip,party,2000-12-13,not-a-date,ratification,test\n"
    "MEX,untoc,party,2000-12-13,2003-03-04,ratification,test\n"
)


def test_party_status_csv_keeps_valid_rows_and_reports_each_rejected_line() -> None:
    report = party_status_import_csv(actor=SYSTEM, data=CSV.encode())
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert [line for line, _ in report.rejected] == [3, 4]
    assert "unknown state 'XXX'" in report.rejected[0][1]
    assert "not a date" in report.rejected[1][1]
    again = party_status_import_csv(actor=SYSTEM, data=CSV.encode())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert PartyStatus.objects.count() == 2


def test_party_status_csv_strict_rejects_whole_file() -> None:
    report = party_status_import_csv(actor=SYSTEM, data=CSV.encode(), strict=True)
    assert report.created == 0
    assert len(report.rejected) == 2
    assert PartyStatus.objects.count() == 0


def test_party_status_import_is_for_the_secretariat(focal_kenya: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        party_status_import_csv(actor=focal_kenya, data=CSV.encode())
    assert PartyStatus.objects.count() == 0


def test_party_status_import_page(client: Client, secretariat: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat)
    response = client.post(
        "/en/directory/states/party-status/import/",
        {"file": SimpleUploadedFile("status.csv", CSV.encode(), content_type="text/csv")},
    )
    body = response.content.decode()
    assert "2 created" in body
    assert "unknown state" in body
