"""The portfolio report: PDF and Excel from the page and from the CLI."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tact.core.access import SYSTEM
from tact.evaluation import demo

pytestmark = pytest.mark.django_db


def test_cli_writes_pdf_and_xlsx(tmp_path: Path) -> None:
    demo.load(SYSTEM)
    out = io.StringIO()
    pdf = tmp_path / "kenya.pdf"
    call_command(
        "evaluation_report", "--state", "KEN", "--format", "pdf", "-o", str(pdf), stdout=out
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "evaluations" in out.getvalue()
    xlsx = tmp_path / "kenya.xlsx"
    call_command(
        "evaluation_report", "--state", "ken", "--format", "xlsx", "-o", str(xlsx), stdout=out
    )
    book = load_workbook(xlsx)
    assert {"summary", "concentration", "fragmentation", "indicators", "ratings"} <= set(
        book.sheetnames
    )
    indicators = list(book["indicators"].iter_rows(values_only=True))
    assert len(indicators) > 5
    with pytest.raises(CommandError):
        call_command("evaluation_report", "--state", "XXX", "-o", str(tmp_path / "x.pdf"))


def test_tact_cli_maps_the_hyphenated_name(tmp_path: Path) -> None:
    from tact.cli import main

    target = tmp_path / "all.pdf"
    main(["evaluation-report", "--format", "pdf", "-o", str(target), "--public"])
    assert target.read_bytes()[:4] == b"%PDF"


def test_page_downloads(client: Any) -> None:
    demo.load(SYSTEM)
    pdf = client.get("/en/evaluation/portfolio/?state=KEN&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get("/en/evaluation/portfolio/?format=xlsx")
    assert xlsx.status_code == 200
    assert load_workbook(io.BytesIO(xlsx.content))["summary"]["A1"].value == "Figure"
