"""Keyset pagination of the big lists: pages follow each other without gaps or repeats, in
both directions; a bad cursor gives the first page; counts stop at the cap."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.assistance import keyset
from tact.assistance.models import Project
from tact.assistance.tests.helpers import activity_xml, load_projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(kenya: Any) -> list[str]:
    # Two share a title: the primary key breaks the tie.
    titles = ["Delta", "Alpha", "Charlie", "Bravo", "Bravo"]
    load_projects(*(activity_xml(f"XM-DAC-7-P{n}", title=t) for n, t in enumerate(titles)))
    return [p.iati_identifier for p in Project.objects.order_by("title", "pk")]


def test_api_pages_forward_and_back(client: Client, five: list[str]) -> None:
    seen: list[str] = []
    cursor = ""
    pages = []
    while True:
        body = client.get("/api/v1/assistance/projects", {"limit": 2, "cursor": cursor}).json()
        assert body["count"] == 5 and body["count_capped"] is False
        seen += [item["iati_identifier"] for item in body["items"]]
        pages.append(body)
        if not body["next"]:
            break
        cursor = body["next"]
    assert seen == five and len(pages) == 3
    back = client.get("/api/v1/assistance/projects", {"limit": 2, "before": pages[2]["previous"]})
    assert [i["iati_identifier"] for i in back.json()["items"]] == five[2:4]
    bad = client.get("/api/v1/assistance/projects", {"limit": 2, "cursor": "not-a-cursor"})
    assert (
        bad.status_code == 200 and [i["iati_identifier"] for i in bad.json()["items"]] == five[:2]
    )


def test_transactions_api_and_project_page(client: Client, five: list[str]) -> None:
    body = client.get("/api/v1/assistance/transactions", {"limit": 3}).json()
    assert len(body["items"]) == 3 and body["next"] and body["count"] == 5
    rest = client.get("/api/v1/assistance/transactions", {"cursor": body["next"]}).json()
    assert len(rest["items"]) == 2 and rest["next"] is None
    page = client.get("/en/assistance/projects/").content.decode()
    assert "5 items" in page and "cursor=" not in page  # one page only


def test_capped_count(five: list[str]) -> None:
    assert keyset.capped_count(Project.objects.all(), cap=3) == (3, True)
    assert keyset.capped_count(Project.objects.all(), cap=5) == (5, False)
