"""Excel and CSV exports of any list: users live in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.styles.numbers import BUILTIN_FORMATS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Excel has no time zones: tact stores UTC and the sheet says so in its headers.
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, str | int | float | dt.date):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


# Excel shows these codes in the reader's own locale: "," is "the grouping mark" and "." "the
# decimal mark" (1 234,5 in Russian Excel), and format 14 is the system's short date.
_INTEGER_FORMAT = "#,##0"
_DECIMAL_FORMAT = "#,##0.00"
_DATE_FORMAT = BUILTIN_FORMATS[14]


def _number_format(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float | dt.date):
        return None
    if isinstance(value, dt.date):
        return _DATE_FORMAT
    if isinstance(value, float) and not value.is_integer():
        return _DECIMAL_FORMAT
    return _INTEGER_FORMAT


def apply_number_formats(sheet: Any, *, first_row: int = 2) -> None:
    """Give every number and date cell of a sheet its format code (for sheets built by hand)."""
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if fmt := _number_format(cell.value):
                cell.number_format = fmt


def xlsx_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "tact"
) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active or workbook.create_sheet()
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = [_cell(v) for v in row]
        sheet.append(values)
        for cell, value in zip(sheet[sheet.max_row], values, strict=False):
            if fmt := _number_format(value):
                cell.number_format = fmt
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "tact"
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(headers, rows, title=title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return response


PDF_TYPE = "application/pdf"


# The fonts tact ships (see NOTICE): PDFs render the same on a server without system fonts.
FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "fonts"
_ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF"


def _font_css() -> str:
    faces = [
        ("tact Arabic", "NotoSansArabic-Regular.ttf", 400, _ARABIC_RANGE),
        ("tact Arabic", "NotoSansArabic-Bold.ttf", 700, _ARABIC_RANGE),
        ("tact Sans", "WenQuanYiMicroHei-subset.ttf", 400, None),
    ]
    rules = [
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'src: url("{(FONT_DIR / name).as_uri()}");'
        + (f" unicode-range: {urange};" if urange else "")
        + " }"
        for family, name, weight, urange in faces
    ]
    # Arabic glyphs from Noto Sans Arabic, everything else (Latin, Cyrillic, Chinese) from the
    # Chinese font's subset; the system's sans-serif only for characters neither carries.
    rules.append('html, body { font-family: "tact Arabic", "tact Sans", sans-serif; }')
    return "\n".join(rules)


def _fetcher() -> Any:
    """Reports are self-contained: WeasyPrint may fetch only tact's own fonts (no network)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ReportFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if path.parent == FONT_DIR and path.suffix == ".ttf":
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/ttf"})
            raise ValueError(f"PDF reports do not load external resources: {url}")

    return ReportFetcher()


def pdf_bytes(template_name: str, context: dict[str, Any], request: Any = None) -> bytes:
    """Render a template (extending `pdf/base.html`) to PDF with WeasyPrint."""
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, context, request=request)
    fonts = FontConfiguration()
    fetcher = _fetcher()
    stylesheet = CSS(string=_font_css(), url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, url_fetcher=fetcher)
    return bytes(document.write_pdf(stylesheets=[stylesheet], font_config=fonts))


def pdf_response(
    filename: str, template_name: str, context: dict[str, Any], request: Any = None
) -> HttpResponse:
    response = HttpResponse(pdf_bytes(template_name, context, request), content_type=PDF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
