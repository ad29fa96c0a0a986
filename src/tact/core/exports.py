"""Excel and CSV exports of any list: users live in Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return value
    return str(value)


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
        sheet.append([_cell(v) for v in row])
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


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Reports are self-contained: WeasyPrint may not fetch anything (no network, no files)."""
    raise ValueError(f"PDF reports do not load external resources: {url}")


def pdf_bytes(template_name: str, context: dict[str, Any], request: Any = None) -> bytes:
    """Render a template (extending `pdf/base.html`) to PDF with WeasyPrint."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    return bytes(HTML(string=html, url_fetcher=_no_fetch).write_pdf())


def pdf_response(
    filename: str, template_name: str, context: dict[str, Any], request: Any = None
) -> HttpResponse:
    response = HttpResponse(pdf_bytes(template_name, context, request), content_type=PDF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
