"""Excel and CSV exports of any list: users live in Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

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


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Reports are self-contained: WeasyPrint may fetch only tact's own fonts (no network)."""
    if url.startswith("file://"):
        path = Path(unquote(urlparse(url).path)).resolve()
        if path.parent == FONT_DIR and path.suffix == ".ttf":
            return {"string": path.read_bytes(), "mime_type": "font/ttf"}
    raise ValueError(f"PDF reports do not load external resources: {url}")


def pdf_bytes(template_name: str, context: dict[str, Any], request: Any = None) -> bytes:
    """Render a template (extending `pdf/base.html`) to PDF with WeasyPrint."""
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, context, request=request)
    fonts = FontConfiguration()
    stylesheet = CSS(string=_font_css(), url_fetcher=_no_fetch, font_config=fonts)
    document = HTML(string=html, url_fetcher=_no_fetch)
    return bytes(document.write_pdf(stylesheets=[stylesheet], font_config=fonts))


def pdf_response(
    filename: str, template_name: str, context: dict[str, Any], request: Any = None
) -> HttpResponse:
    response = HttpResponse(pdf_bytes(template_name, context, request), content_type=PDF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
