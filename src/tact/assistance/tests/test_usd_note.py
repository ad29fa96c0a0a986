"""Converted totals say how they were converted (issue 11 item 10): the matrix and both
dashboards carry a note with one line per currency behind their USD figures: the rate
source, the value dates, and how many amounts had no rate and are left out."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tact.assistance.conversion import conversion_note
from tact.assistance.models import ExchangeRate, Project
from tact.assistance.tests.helpers import activity_xml, load_projects
from tact.core.access import SYSTEM
from tact.directory.models import Organisation

pytestmark = pytest.mark.django_db


def _in(currency: str, xml: str) -> str:
    return xml.replace('default-currency="EUR"', f'default-currency="{currency}"').replace(
        'currency="EUR"', f'currency="{currency}"'
    )


@pytest.fixture
def mixed(kenya: Any, mexico: Any, donor_nl: Any) -> None:
    # given: a EUR activity (rate from the loaded table), a GBP one (no loaded rate: ECB
    # reference rate shipped with the application) and a KES one (no rate anywhere).
    ExchangeRate.objects.create(
        currency="EUR", date="2020-01-01", usd_rate="1.10", source="UN operational rates"
    )
    load_projects(
        activity_xml("XM-DAC-7-EUR", title="Prosecutors in Kenya"),
        _in("GBP", activity_xml("XM-DAC-7-GBP", title="Judges in Kenya")),
        _in("KES", activity_xml("XM-DAC-7-KES", title="Police in Kenya")),
    )


def _row(body: str, currency: str) -> str:
    found = re.search(rf'<tr data-currency="{currency}">(.*?)</tr>', body, re.S)
    assert found, f"no line for {currency}"
    return found.group(1)


def test_note_lists_each_currency_with_its_rate_source(mixed: None) -> None:
    lines = {line.currency: line for line in conversion_note(Project.objects.all())}
    assert set(lines) == {"EUR", "GBP", "KES"}
    # one budget and one transaction per activity
    assert lines["EUR"].amounts == 2 and lines["EUR"].sources == ["UN operational rates"]
    assert lines["GBP"].sources == ["ECB reference rate"] and lines["GBP"].unconverted == 0
    assert lines["KES"].sources == [] and lines["KES"].unconverted == 2
    assert str(lines["EUR"].first) == "2023-01-01" and str(lines["EUR"].last) == "2023-02-01"


@pytest.mark.parametrize(
    "url", ["/en/assistance/matrix/", "/en/assistance/recipients/KEN/", "donor"]
)
def test_pages_with_converted_totals_carry_the_note(
    client: Client, reader: Any, mixed: None, url: str
) -> None:
    client.force_login(reader)
    if url == "donor":
        url = f"/en/assistance/donors/{Organisation.objects.get(iati_ref='XM-DAC-7').pk}/"
        assert client.get(url).status_code == 200
    body = client.get(url).content.decode()
    assert "data-usd-note" in body, url
    assert "UN operational rates" in _row(body, "EUR")
    assert "ECB reference rate" in _row(body, "GBP")
    kes = _row(body, "KES")
    assert "no exchange rate" in kes and re.search(r'class="num">2</td>\s*$', kes)


def test_no_note_without_amounts(client: Client, reader: Any) -> None:
    client.force_login(reader)
    assert "data-usd-note" not in client.get("/en/assistance/matrix/").content.decode()
    assert conversion_note(Project.objects.none()) == []
    assert SYSTEM  # the note reads no access-checked records itself: callers pass visible sets
