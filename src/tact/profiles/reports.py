"""The country profile as PDF (WeasyPrint, through ``tact.core.exports.pdf_bytes``) and as an
Excel workbook, in the active language (Arabic right to left)."""

from __future__ import annotations

import io
import re
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tact.core.exports import pdf_bytes
from tact.profiles.selectors import StateProfile


def profile_pdf(profile: StateProfile, *, version_label: str) -> bytes:
    return pdf_bytes(
        "profiles/profile_pdf.html",
        {"profile": profile, "version_label": version_label, "site_url": settings.TACT_SITE_URL},
    )


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:28] or "sheet"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name.lower())
    return name


def profile_xlsx(profile: StateProfile, *, version_label: str) -> bytes:
    """One sheet for the cover and one per section: its items (with record reference and
    link) and then its tables of figures."""
    workbook = Workbook()
    rtl = get_language_bidi()
    bold = Font(bold=True)
    cover = workbook.active or workbook.create_sheet()
    used: set[str] = set()
    cover.title = _sheet_title(profile.state.display_name, used)
    cover.append([profile.state.display_name])
    cover.append([version_label])
    cover.append([_("Generated on %(date)s") % {"date": timezone.localdate().isoformat()}])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([])
    cover.append([_("Section"), _("Summary"), _("Items")])
    for cell in cover[5]:
        cell.font = bold
    for panel in profile.panels:
        cover.append([str(panel.title), str(panel.summary), panel.total or len(panel.items)])
    cover.sheet_view.rightToLeft = rtl
    for panel in profile.panels:
        sheet = workbook.create_sheet(_sheet_title(str(panel.title), used))
        sheet.sheet_view.rightToLeft = rtl
        sheet.append([str(panel.title)])
        sheet["A1"].font = Font(bold=True, size=12)
        if panel.summary:
            sheet.append([str(panel.summary)])
        if panel.items:
            sheet.append([])
            sheet.append([_("Item"), _("Detail"), _("Record"), _("Link")])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for item in panel.items:
                sheet.append([item.label, item.detail, item.ref, item.url])
        for table in panel.tables:
            sheet.append([])
            sheet.append([str(table.caption)])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            sheet.append([str(h) for h in table.headers])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in table.rows:
                sheet.append([_cell(c) for c in row])
        sheet.column_dimensions["A"].width = 60
        sheet.column_dimensions["B"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    return value if isinstance(value, int | float) else str(value)
