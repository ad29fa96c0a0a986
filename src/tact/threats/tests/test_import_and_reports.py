"""Rating-sheet import (preview, one message per bad row, nothing saved), the PDF report's
marking on every page, the Excel report, the CLI, and the demo's story."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from tact.core.access import SYSTEM
from tact.threats import demo, report, selectors, services
from tact.threats.models import Assessment, Rating
from tact.threats.tests import factories as f

pytestmark = pytest.mark.django_db


def _sheet(rows: list[list[Any]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "ratings.xlsx"
    return buffer


@pytest.fixture
def owner(focal_kenya: Any) -> Client:
    client = Client()
    client.force_login(focal_kenya)
    return client


def test_a_sheet_with_bad_rows_names_each_and_saves_nothing(kenya: Any, owner: Client) -> None:
    records = f.full(kenya)
    a = records["assessment"]
    before = sorted(
        Rating.objects.filter(assessment=a).values_list("subject_id", "attribute", "level")
    )
    sheet = _sheet(
        [
            ["Subject", "corruption", "Violence", "monopoly"],
            [f.PSEUDONYM, "M", "High", "N"],
            ["OCG-NOBODY", "H", "", ""],
            ["OCG-OTHER", "X", "L", ""],
            ["MKT-SAND", "H", "", ""],
        ]
    )
    response = owner.post(f"/en/threats/assessments/{a.pk}/import/", {"sheet": sheet})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 3:" in page and "no subject called &#x27;OCG-NOBODY&#x27;" in page
    assert (
        "Line 4:" in page and "Corruption: &#x27;X&#x27; is not a level (use H, M, L, N, U)" in page
    )
    assert "Line 5:" in page and "Corruption does not apply to a Crime market" in page
    assert "Line 2:" not in page
    assert 'name="confirm"' not in page
    assert (
        sorted(Rating.objects.filter(assessment=a).values_list("subject_id", "attribute", "level"))
        == before
    )


def test_a_good_sheet_is_previewed_then_saved(kenya: Any, owner: Client) -> None:
    records = f.full(kenya)
    a = records["assessment"]
    sheet = _sheet(
        [
            ["Subject", "Corruption", "violence"],
            [f.PSEUDONYM, "Medium", "h"],
            ["OCG-OTHER", "", "U"],
        ]
    )
    response = owner.post(f"/en/threats/assessments/{a.pk}/import/", {"sheet": sheet})
    payload = response.context["payload"]
    assert payload
    assert (
        Rating.objects.get(subject=records["subject"], attribute="corruption").level == "H"
    )  # not yet
    response = owner.post(f"/en/threats/assessments/{a.pk}/import/", {"confirm": payload})
    assert response.status_code == 302
    levels = dict(
        Rating.objects.filter(assessment=a)
        .values_list("attribute", "level")
        .filter(subject=records["subject"])
    )
    assert levels == {"corruption": "M", "violence": "H"}
    assert Rating.objects.get(subject__pseudonym="OCG-OTHER", attribute="violence").level == "U"
    # a tampered confirmation is refused
    response = owner.post(f"/en/threats/assessments/{a.pk}/import/", {"confirm": payload + "x"})
    assert response.status_code == 302


def test_not_a_workbook_is_a_clear_message(kenya: Any, owner: Client) -> None:
    a = f.assessment(kenya)
    upload = io.BytesIO(b"subject,corruption\n")
    upload.name = "ratings.xlsx"
    page = owner.post(f"/en/threats/assessments/{a.pk}/import/", {"sheet": upload}).content.decode()
    assert "This file is not an Excel workbook (.xlsx)." in page


def test_the_rating_sheet_round_trips(kenya: Any, owner: Client) -> None:
    records = f.full(kenya)
    a = records["assessment"]
    body = owner.get(f"/en/threats/assessments/{a.pk}/sheet.xlsx").content
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:3] == ("Subject", "corruption", "violence")
    by_subject = {r[0]: r for r in rows[1:]}
    assert by_subject[f.PSEUDONYM][1:3] == ("H", "U")


def _page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_carries_its_classification_on_every_page(kenya: Any) -> None:
    a = f.assessment(kenya, title="Long assessment")
    for index in range(45):  # enough groups for several pages
        services.subject_add(actor=SYSTEM, assessment=a, kind="group", pseudonym=f"OCG-{index:03d}")
    pdf = report.report_pdf(selectors.compute(a))
    pages = _page_texts(pdf)
    assert len(pages) >= 3
    for text in pages:
        assert text.count("CONFIDENTIAL") >= 2  # top and bottom of each page
    restricted = f.assessment(kenya, title="Restricted one", classification="restricted")
    assert all(
        "RESTRICTED" in t for t in _page_texts(report.report_pdf(selectors.compute(restricted)))
    )


def test_the_cli_writes_pdf_and_xlsx(kenya: Any, tmp_path: Path) -> None:
    records = f.full(kenya)
    a = records["assessment"]
    target = tmp_path / "t.pdf"
    out = io.StringIO()
    call_command("threat_report", str(a.pk), "--format", "pdf", "-o", str(target), stdout=out)
    assert target.read_bytes().startswith(b"%PDF")
    assert "CONFIDENTIAL" in out.getvalue()
    xlsx = tmp_path / "t.xlsx"
    call_command("threat_report", str(a.pk), "--format", "xlsx", "-o", str(xlsx), stdout=out)
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames[:3] == ["summary", "rank", "matrix"]
    rank = list(workbook["rank"].iter_rows(values_only=True))
    # OCG-QUILLFEATHER: corruption H (76) + violence U (36, 0..72), 17 unrated (2 x 153 = 306)
    assert rank[1][:5] == (1, f.PSEUDONYM, 418, 76, 760 - 0)
    with pytest.raises(CommandError):
        call_command("threat_report", "999999", "-o", str(tmp_path / "x.pdf"))


def test_demo_shows_a_rank_change_an_unseparable_pair_and_gaps(kenya: Any) -> None:
    assert demo.load(SYSTEM).startswith("3 assessments")
    assert demo.load(SYSTEM) == "already loaded"
    second = Assessment.objects.get(title="Kenya demo: organized crime threat assessment 2026")
    computed = selectors.compute(second, actor=SYSTEM)
    assert [(r.rank, r.subject) for r in computed.results.rows] == [
        (1, "OCG-BIRCH"),
        (2, "OCG-ALDER"),
        (3, "OCG-CEDAR"),
        (4, "OCG-EMBER"),
        (5, "OCG-DRIFT"),
    ]
    moves = {m.subject: m.change for m in computed.trend}
    assert moves == {
        "OCG-BIRCH": "up",
        "OCG-ALDER": "down",
        "OCG-CEDAR": "down",
        "OCG-EMBER": "same",
        "OCG-DRIFT": "same",
    }
    assert computed.pairs == [("OCG-ALDER", "OCG-CEDAR"), ("OCG-CEDAR", "OCG-EMBER")]
    assert [(g.name, g.importance) for g in computed.results.gaps][:2] == [
        ("Expertise", 32),
        ("Subversion", 14),
    ]
    assert {s.pseudonym for s in second.subjects.filter(kind="market")} == {
        "MKT-COAST-HEROIN",
        "MKT-WILDLIFE",
    }
    markets = Assessment.objects.get(title="Kenya demo: crime markets outlook 2026")
    heat = selectors.compute(markets).heat
    placed = {s for row in heat for cell in row["cells"] for s in cell["subjects"]}
    assert placed == {"MKT-COAST-HEROIN", "MKT-WILDLIFE"}
