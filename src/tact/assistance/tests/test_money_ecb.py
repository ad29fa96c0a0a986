"""USD out of the box: ECB reference rates ship with the app; sources and dates are shown."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tact.assistance.importing import import_iati
from tact.assistance.models import ExchangeRate, Project
from tact.assistance.money import ECB_SOURCE, RateBook, ecb_quote
from tact.assistance.tests.test_import_db import activity_xml, iati_file
from tact.core.access import SYSTEM

pytestmark = pytest.mark.django_db


def test_ecb_rates_cover_eur_and_gbp_offline() -> None:
    eur = ecb_quote("EUR", dt.date(2023, 2, 1))
    gbp = ecb_quote("GBP", dt.date(2023, 2, 1))
    assert eur is not None and gbp is not None
    assert Decimal("1.0") < eur.rate < Decimal("1.2")  # EUR/USD was about 1.09 then
    assert Decimal("1.1") < gbp.rate < Decimal("1.3")
    assert eur.source == ECB_SOURCE and eur.date == dt.date(2023, 2, 1)
    assert ecb_quote("XOF", dt.date(2023, 2, 1)) is None  # not published by the ECB
    early = ecb_quote("EUR", dt.date(1990, 1, 1))
    assert early is not None and early.date == dt.date(1999, 1, 4)


def test_loaded_table_wins_over_ecb() -> None:
    ExchangeRate.objects.create(currency="EUR", date="2023-01-01", usd_rate="1.50", source="UN")
    quote = RateBook().quote("EUR", dt.date(2023, 6, 1))
    assert quote is not None and quote.rate == Decimal("1.50") and quote.source == "UN"


def test_imported_eur_activity_has_usd_without_loading_rates() -> None:
    assert ExchangeRate.objects.count() == 0
    report = import_iati(io.BytesIO(iati_file(activity_xml("XM-DAC-7-E1"))), actor=SYSTEM)
    assert report.imported == 1
    project = Project.objects.get()
    assert project.budget_usd is not None and 100000 < project.budget_usd < 120000
    assert project.commitment_usd is not None and project.commitment_usd > 80000


def test_project_page_shows_rate_source_or_reason(client: Client, secretariat: Any) -> None:
    xof = activity_xml("XM-DAC-7-X1").replace('currency="EUR"', 'currency="XOF"')
    xof = xof.replace('default-currency="EUR"', 'default-currency="XOF"')
    import_iati(io.BytesIO(iati_file(activity_xml("XM-DAC-7-E1"), xof)), actor=SYSTEM)
    client.force_login(secretariat)
    eur_page = client.get(Project.objects.get(iati_identifier="XM-DAC-7-E1").get_absolute_url())
    body = eur_page.content.decode()
    assert "ECB reference rate 2023-01-01" in body and "ECB reference rate 2023-02-01" in body
    xof_page = client.get(Project.objects.get(iati_identifier="XM-DAC-7-X1").get_absolute_url())
    body = xof_page.content.decode()
    assert "no exchange rate for XOF" in body
    assert "amounts could not be converted to USD" in body
    assert ">0<" not in body
