from __future__ import annotations

import pytest
from django.test import Client

from tact.catalog.models import Instrument, Provision, ProvisionParagraph
from tact.catalog.services import catalog_load

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing() -> None:
    before = (Provision.objects.count(), ProvisionParagraph.objects.count())
    report = catalog_load()
    assert (report.created, report.updated) == (0, 0)
    assert (Provision.objects.count(), ProvisionParagraph.objects.count()) == before


def test_api_lists_four_instruments_with_their_article_counts(client: Client) -> None:
    data = client.get("/api/v1/instruments").json()
    assert {i["code"]: i["provision_count"] for i in data} == {
        "untoc": 41,
        "tip": 20,
        "som": 25,
        "fp": 21,
    }


@pytest.mark.parametrize(("code", "count"), [("untoc", 41), ("tip", 20), ("som", 25), ("fp", 21)])
def test_api_provisions_per_instrument(client: Client, code: str, count: int) -> None:
    data = client.get(f"/api/v1/provisions?instrument={code}&page_size=100").json()
    assert data["count"] == count


def test_api_filters_by_theme_and_obligation(client: Client) -> None:
    data = client.get(
        "/api/v1/provisions?instrument=untoc&theme=protection_of_victims_and_witnesses"
        "&obligation=must_consider"
    ).json()
    numbers = sorted(item["number"] for item in data["items"])
    assert 24 in numbers
    assert 25 not in numbers  # article 25 is mandatory throughout


def test_api_provision_detail_has_paragraph_ids_and_obligations(client: Client) -> None:
    data = client.get("/api/v1/provisions/untoc/24").json()
    assert [(p["key"], p["obligation"]) for p in data["paragraphs"]] == [
        ("untoc/art_24/para_1", "mandatory"),
        ("untoc/art_24/para_2", "optional"),
        ("untoc/art_24/para_2/item_a", "optional"),
        ("untoc/art_24/para_2/item_b", "optional"),
        ("untoc/art_24/para_3", "must_consider"),
        ("untoc/art_24/para_4", "mandatory"),
    ]
    assert data["title"] == "Protection of witnesses"


def test_unknown_provision_is_a_404_with_an_error_body(client: Client) -> None:
    response = client.get("/api/v1/provisions/untoc/99")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_article_page_in_english_and_russian(client: Client) -> None:
    en = client.get("/en/catalog/untoc/articles/24/")
    ru = client.get("/ru/catalog/untoc/articles/24/")
    assert en.status_code == ru.status_code == 200
    assert "untoc/art_24/para_3" in en.content.decode()
    assert 'lang="ru"' in ru.content.decode()
    assert "Конвенция" in ru.content.decode()  # instrument title in Russian


def test_instrument_page_filters_with_htmx_partial(client: Client) -> None:
    response = client.get(
        "/en/catalog/untoc/?theme=protection_of_victims_and_witnesses", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "/en/catalog/untoc/articles/24/" in body
    assert "/en/catalog/untoc/articles/5/" not in body


def test_instrument_excel_export(client: Client) -> None:
    import io

    from openpyxl import load_workbook

    response = client.get("/en/catalog/tip/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.max_row == 21  # header + 20 articles


def test_instrument_russian_title_is_loaded() -> None:
    untoc = Instrument.objects.get(code="untoc")
    assert untoc.titles["ru"].startswith("Конвенция Организации Объединенных Наций")
