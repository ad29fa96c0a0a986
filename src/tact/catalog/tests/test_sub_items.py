"""Lettered sub-items of articles are catalog paragraphs with stable ids that labels,
suggestions and mappings can target (Trafficking Protocol art. 3(a)-(d), UNTOC art. 2(a)-(j))."""

from __future__ import annotations

import pytest

from tact.catalog.models import ProvisionParagraph
from tact.catalog.services import catalog_load, lettered_items
from tact.core.access import SYSTEM

pytestmark = pytest.mark.django_db


def test_untoc_article_2_has_items_a_to_j() -> None:
    items = ProvisionParagraph.objects.filter(key__startswith="untoc/art_2/para_1/item_")
    assert [p.key.rsplit("_", 1)[1] for p in items.order_by("order")] == list("abcdefghij")
    a = items.get(key="untoc/art_2/para_1/item_a")
    assert a.text.startswith("“Organized criminal group” shall mean a structured group")
    assert str(a) == "UNTOC art. 2(a)"
    assert a.is_item


def test_trafficking_protocol_article_3_items() -> None:
    a = ProvisionParagraph.objects.get(key="tip/art_3/para_1/item_a")
    assert "recruitment, transportation, transfer" in a.text
    c = ProvisionParagraph.objects.get(key="tip/art_3/para_1/item_c")
    assert "child" in c.text.lower()
    assert a.provision.number == 3


def test_items_of_a_numbered_paragraph_cite_both_numbers() -> None:
    item = ProvisionParagraph.objects.get(key="untoc/art_24/para_2/item_a")
    assert item.number == "2(a)" and str(item).endswith("art. 24(2)(a)")
    assert "Establishing procedures" in item.text


def test_reloading_keeps_ids_and_changes_nothing() -> None:
    before = list(ProvisionParagraph.objects.order_by("key").values_list("key", "pk"))
    report = catalog_load(actor=SYSTEM)
    assert report.created == 0 and report.updated == 0
    assert list(ProvisionParagraph.objects.order_by("key").values_list("key", "pk")) == before


def test_nested_lines_stay_in_their_item() -> None:
    text = "Chapeau:\na) First:\n(i) nested;\na. deeper;\nb) Second."
    assert lettered_items(text) == [("a", "First:\n(i) nested;\na. deeper;"), ("b", "Second.")]
    assert lettered_items("No list here.") == []
