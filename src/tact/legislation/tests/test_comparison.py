"""Comparison across states (victims and witnesses preset, custom sets), heat map, exports."""

import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tact.core.access import SYSTEM
from tact.legislation import demo, selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(media: Any) -> None:
    demo.load(SYSTEM)


def test_victims_witnesses_preset(demo_data: None, reader: Any) -> None:
    keys = selectors.PRESETS["victims_witnesses"][1]
    assert "untoc/art_26/para_4" in keys
    data = selectors.comparison(reader, keys)
    iso3 = [s.iso3 for s in data.states]
    assert {"KEN", "MEX", "FRA"} <= set(iso3)
    labels = [item.key for item, _cells in data.rows]
    assert labels == list(keys)
    ken = iso3.index("KEN")
    row24 = {item.key: cells for item, cells in data.rows}["untoc/art_24"]
    assert row24[ken].status == "partial"  # paragraphs 2 and 3 full, 1 and 4 not assessed
    assert row24[ken].citations
    # the confidential Kenyan assessment of art 25(2) is not visible to a reader
    row25 = {item.key: cells for item, cells in data.rows}["untoc/art_25"]
    assert all(m.classification != "confidential" for m in row25[ken].mappings)
    features = {value: cells for value, _label, cells in data.features}
    assert features["relocation"][ken].value == "yes"


def test_custom_set_and_states(demo_data: None) -> None:
    data = selectors.comparison(SYSTEM, ["tip/art_7", "untoc/art_24/para_2"], [])
    assert [i.label for i in data.items][1].endswith("(2)")


def test_comparison_page_and_exports(client: Any, demo_data: None) -> None:
    url = reverse("legislation:comparison")
    page = client.get(url, {"set": "victims_witnesses"})
    assert page.status_code == 200
    assert b"compare-provisions" in page.content and b"compare-features" in page.content
    custom = client.get(url, {"items": "tip/art_7", "states": "MEX,KEN"})
    assert custom.status_code == 200 and b"Mexico" in custom.content
    xlsx = client.get(url, {"set": "victims_witnesses", "format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Provisions", "Protection measures"]
    header = [c.value for c in book["Provisions"][1]]
    assert "Kenya" in header
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


def test_heatmap_page_and_api(client: Any, demo_data: None) -> None:
    page = client.get(reverse("legislation:heatmap"))
    assert page.status_code == 200 and b"chart-heatmap" in page.content
    untoc = client.get(reverse("legislation:heatmap"), {"set": "untoc"})
    assert untoc.status_code == 200
    data = client.get("/api/v1/legislation/heatmap?set=victims_witnesses").json()
    assert len(data["cells"]) == len(data["states"]) and len(data["cells"][0]) == 7
    api = client.get("/api/v1/legislation/comparison?states=KEN,MEX").json()
    assert api["states"] == ["KEN", "MEX"] and len(api["rows"]) == 7


def test_status_arithmetic() -> None:
    assert selectors.aggregate_statuses(["full", "full"]) == "full"
    assert selectors.aggregate_statuses(["full", "not_assessed"]) == "partial"
    assert selectors.aggregate_statuses(["none", "not_assessed"]) == "none"
    assert selectors.aggregate_statuses(["not_applicable"]) == "not_applicable"
    assert selectors.aggregate_statuses(["not_applicable", "full"]) == "full"
    assert selectors.aggregate_statuses([]) == "not_assessed"


def test_focal_point_edits_protection_measures(
    client: Any, kenya: Any, focal_kenya: Any, focal_mexico: Any
) -> None:
    from tact.legislation.models import VictimWitnessFeature

    url = reverse("legislation:features_edit", args=["KEN"])
    client.force_login(focal_mexico)
    assert client.get(url).status_code == 403
    client.force_login(focal_kenya)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"relocation-value": "yes", "relocation-notes": "Programme since 2010"}
    )
    assert response.status_code == 302
    feature = VictimWitnessFeature.objects.get(state=kenya, feature="relocation")
    assert feature.value == "yes" and feature.notes == "Programme since 2010"
