"""One date format per locale, numbers with the locale's marks, Excel cells with number formats,
and PDFs that carry tact's own fonts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from openpyxl import load_workbook

from tact.core.exports import xlsx_bytes

DAY = dt.date(2000, 11, 15)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "15 November 2000"),
        ("ru", "15 ноября 2000 г."),
        ("fr", "15 novembre 2000"),
        ("es", "15 de noviembre de 2000"),
        ("ar", "15 نوفمبر 2000"),
        ("zh-hans", "2000年11月15日"),
    ],
)
def test_one_date_format_per_locale(language: str, expected: str) -> None:
    template = Template('{{ d|date:"DATE_FORMAT" }}|{{ d }}|{{ n|floatformat:"2g" }}')
    with translation.override(language):
        shown, plain, number = template.render(Context({"d": DAY, "n": 1234567.5})).split("|")
    assert shown == expected == plain
    grouped = {"en": "1,234,567.50", "ru": "1\xa0234\xa0567,50", "fr": "1\xa0234\xa0567,50"}
    if language in grouped:
        assert number == grouped[language]
    if language in ("ar", "zh-hans"):
        assert number == "1,234,567.50"


def test_excel_cells_are_numbers_and_dates_with_formats() -> None:
    data = xlsx_bytes(["n", "amount", "day"], [[1234567, Decimal("1234.5"), DAY]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    n, amount, day = sheet[2]
    assert n.value == 1234567 and n.number_format == "#,##0"
    assert amount.value == 1234.5 and amount.number_format == "#,##0.00"
    assert day.value.date() == DAY and day.is_date


def test_pdf_fonts_come_from_the_package() -> None:
    from tact.core.exports import _fetcher, _font_css, pdf_bytes

    # the fonts are fetched from the package, and only they: nothing else may be loaded
    fetcher = _fetcher()
    for line in _font_css().splitlines()[:3]:
        url = line.split('url("')[1].split('")')[0]
        assert len(fetcher(url).read()) > 50_000
    with pytest.raises(ValueError):
        fetcher("file:///etc/passwd")
    with translation.override("ar"):
        pdf = pdf_bytes("pdf/base.html", {})
    assert pdf.startswith(b"%PDF")


def test_hand_built_sheets_get_the_same_formats() -> None:
    from openpyxl import Workbook

    from tact.core.exports import apply_number_formats

    sheet = Workbook().active
    assert sheet is not None
    sheet.append(["header", "x"])
    sheet.append([12345, 0.25])
    apply_number_formats(sheet)
    assert sheet["A1"].number_format == "General"
    assert (sheet["A2"].number_format, sheet["B2"].number_format) == ("#,##0", "#,##0.00")
