"""Hostile input gets a clear 4xx and changes nothing (issue 18, item 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

# One field beyond the csv module's default limit (131,072 characters).
HUGE_FIELD = "x" * 200_000


@pytest.fixture
def staff(secretariat: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(secretariat)
    return client


@pytest.fixture
def law(settings: Any, tmp_path: Path, kenya: Any) -> Any:
    from tact.core.access import SYSTEM
    from tact.legislation.services import import_law

    settings.MEDIA_ROOT = tmp_path
    text = "Section 1. Title\nThis Act may be cited as the Test Act.\n"
    return import_law(
        actor=SYSTEM,
        state=kenya,
        data=text.encode(),
        filename="test.txt",
        language="en",
        text_type="law",
        title="Test Act",
    ).legal_text


def _csv(header: str) -> bytes:
    return f'{header}\n"{HUGE_FIELD}",2024-01-01,1.0\n'.encode()


def test_party_status_csv_with_an_oversized_field_is_rejected_on_the_page(staff: Client) -> None:
    from tact.directory.models import PartyStatus

    before = PartyStatus.objects.count()
    upload = SimpleUploadedFile("ps.csv", _csv("state,instrument,status"), "text/csv")
    response = staff.post("/en/directory/states/party-status/import/", {"file": upload})
    assert response.status_code == 200
    assert b"the CSV cannot be read" in response.content
    assert PartyStatus.objects.count() == before


def test_party_status_csv_with_an_oversized_header_is_rejected(secretariat: Any) -> None:
    from django.core.exceptions import ValidationError

    from tact.directory.services import party_status_import_csv

    with pytest.raises(ValidationError, match="line 1: the CSV cannot be read"):
        party_status_import_csv(actor=secretariat, data=f'"{HUGE_FIELD}"\n'.encode())


def test_exchange_rate_csv_with_an_oversized_field_on_page_and_api(
    staff: Client, secretariat: Any, token_for: Any
) -> None:
    from tact.assistance.models import ExchangeRate

    upload = SimpleUploadedFile("r.csv", _csv("currency,date,usd_rate"), "text/csv")
    response = staff.post("/en/assistance/exchange-rates/upload/", {"file": upload})
    assert response.status_code == 200
    assert b"the CSV cannot be read" in response.content
    upload = SimpleUploadedFile("r.csv", _csv("currency,date,usd_rate"), "text/csv")
    response = Client().post(
        "/api/v1/assistance/exchange-rates", {"file": upload}, **token_for(secretariat)
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "line 2: the CSV cannot be read" in body["detail"][0]
    assert ExchangeRate.objects.count() == 0


def test_a_law_whose_file_is_missing_from_storage_gives_404(staff: Client, law: Any) -> None:
    Path(law.file.path).unlink()
    response = staff.get(f"/en/legislation/laws/{law.pk}/file/")
    assert response.status_code == 404


def test_patch_with_null_for_a_required_field_is_a_400(
    law: Any, secretariat: Any, token_for: Any
) -> None:
    client = Client(raise_request_exception=False)
    for field in ("title", "text_type", "number", "source_url", "classification"):
        response = client.patch(
            f"/api/v1/legislation/laws/{law.pk}",
            {field: None},
            content_type="application/json",
            **token_for(secretariat),
        )
        assert response.status_code in {400, 422}, (field, response.content)
        assert response.json()["code"] in {"invalid", "invalid_request"}
    law.refresh_from_db()
    assert law.title == "Test Act"


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_law_dates_outside_1900_2100_are_rejected(
    law: Any, secretariat: Any, token_for: Any, day: str
) -> None:
    response = Client(raise_request_exception=False).patch(
        f"/api/v1/legislation/laws/{law.pk}",
        {"adopted_on": day},
        content_type="application/json",
        **token_for(secretariat),
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    "change",
    [
        {"year": 0},
        {"year": -5},
        {"year": 10**12},
        {"pledged_amount": "1e30"},
        {"pledged_amount": "123456789012345678901234567890"},
        {"paid_amount": "-1"},
        {"pledged_date": "1800-01-01"},
        {"paid_date": "2200-01-01"},
    ],
)
def test_contribution_values_out_of_range_are_rejected(
    secretariat: Any, token_for: Any, donor_org: Any, change: dict[str, Any]
) -> None:
    from tact.assistance.models import Contribution

    payload = {"donor_id": donor_org.pk, "year": 2024, "pledged_amount": "1000"} | change
    response = Client(raise_request_exception=False).post(
        "/api/v1/assistance/contributions",
        payload,
        content_type="application/json",
        **token_for(secretariat),
    )
    assert response.status_code in {400, 422}, response.content
    assert response.json()["code"] in {"invalid", "invalid_request"}
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize(
    "change", [{"year": "0"}, {"pledged_date": "1800-01-01"}, {"paid_amount": "1e30"}]
)
def test_out_of_range_values_on_a_page_form_are_not_a_500(
    staff: Client, donor_org: Any, change: dict[str, str]
) -> None:
    from tact.assistance.models import Contribution

    data = {
        "donor": donor_org.pk,
        "year": "2024",
        "currency": "USD",
        "pledged_amount": "1000",
        "earmarking": "unearmarked",
        "classification": "public",
    } | change
    response = staff.post("/en/assistance/contributions/new/", data)
    assert response.status_code in {200, 400}, response.status_code
    assert Contribution.objects.count() == 0
