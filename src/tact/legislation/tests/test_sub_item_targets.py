"""Mappings and suggestions can target a lettered sub-item of a Convention article."""

from __future__ import annotations

from typing import Any

import pytest

from tact.catalog.models import ProvisionParagraph
from tact.core.access import SYSTEM
from tact.legislation.services import mapping_create
from tact.legislation.suggestions import query_for, suggest

pytestmark = pytest.mark.django_db


def test_mapping_and_suggestions_target_a_sub_item(ken_law: Any, kenya: Any) -> None:
    item = ProvisionParagraph.objects.select_related("provision").get(
        key="untoc/art_2/para_1/item_a"
    )
    query = query_for(item.provision, item)
    assert query.text == item.text
    mapping = mapping_create(
        actor=SYSTEM,
        state=kenya,
        convention_provision=item.provision,
        paragraph=item,
        legal_provision=ken_law.provisions.first(),
        compliance="partial",
    )
    assert mapping.paragraph is not None and mapping.paragraph.key == "untoc/art_2/para_1/item_a"
    rows = suggest(SYSTEM, kenya, item.provision, item, k=3)
    assert isinstance(rows, list)
