"""Gap reports and comparison tables as Excel and PDF (same data as the pages)."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from tact.core.exports import XLSX_TYPE, apply_number_formats, pdf_bytes
from tact.legislation.gaps import GapAnalysis
from tact.legislation.selectors import STATUS_COLOURS, STATUS_LABELS, Comparison


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list[Any]]) -> Any:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(["" if v is None else v for v in row])
    apply_number_formats(sheet)
    sheet.freeze_panes = "A2"
    return sheet


def _fill(status: str) -> PatternFill:
    colour = STATUS_COLOURS.get(status, "#ffffff").lstrip("#")
    return PatternFill("solid", start_color=colour, end_color=colour)


def _save(workbook: Workbook) -> bytes:
    if "Sheet" in workbook.sheetnames and len(workbook.sheetnames) > 1:
        del workbook["Sheet"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def gap_xlsx(analysis: GapAnalysis) -> bytes:
    workbook = Workbook()
    summary = analysis.summary
    _sheet(
        workbook,
        _("Summary"),
        [_("Figure"), _("Value")],
        [
            [_("State"), analysis.state.display_name],
            [_("Date"), timezone.localdate().isoformat()],
            [_("Paragraphs analysed"), summary["total"]],
            [_("Assessed"), summary["assessed"]],
            [_("Gaps (none or partial)"), summary["gaps"]],
            [_("Mandatory paragraphs"), summary["mandatory"]],
            [_("Mandatory paragraphs fully implemented"), summary["mandatory_full"]],
            [_("Compliance score (%)"), summary["score_pct"]],
        ]
        + [[str(STATUS_LABELS[s]), n] for s, n in summary["counts"].items()],
    )
    sheet = _sheet(
        workbook,
        _("Gap analysis"),
        [
            _("Instrument"),
            _("Provision"),
            _("Paragraph"),
            _("Title"),
            _("Obligation"),
            _("Status"),
            _("National provisions"),
            _("De jure notes"),
        ],
        [
            [
                r.instrument.short_title,
                r.provision.key,
                r.key,
                r.provision.title,
                r.get_obligation_display(),
                r.get_status_display(),
                "; ".join(
                    f"{m.legal_provision.legal_text.title} — {m.legal_provision}"
                    for m in r.mappings
                    if m.legal_provision is not None
                ),
                " / ".join(m.de_jure_notes for m in r.mappings if m.de_jure_notes),
            ]
            for r in analysis.rows
        ],
    )
    for index, row in enumerate(analysis.rows, start=2):
        sheet.cell(row=index, column=6).fill = _fill(row.status)
    _sheet(
        workbook,
        _("Themes"),
        [_("Theme"), _("Paragraphs")] + [str(STATUS_LABELS[s]) for s in STATUS_LABELS],
        [
            [t.theme.title, t.total] + [t.counts.get(s, 0) for s in STATUS_LABELS]
            for t in analysis.themes
        ],
    )
    return _save(workbook)


def gap_pdf(analysis: GapAnalysis, request: Any = None) -> bytes:
    return pdf_bytes(
        "legislation/pdf/gap_report.html",
        {"analysis": analysis, "labels": STATUS_LABELS, "colours": STATUS_COLOURS},
        request,
    )


def comparison_xlsx(data: Comparison) -> bytes:
    workbook = Workbook()
    states = [s.display_name for s in data.states]
    sheet = _sheet(
        workbook,
        _("Provisions"),
        [_("Provision"), _("Title"), *states],
        [
            [item.label, item.title]
            + [
                f"{cell.get_status_display()}"
                + (": " + ", ".join(str(c) for c in cell.citations) if cell.citations else "")
                for cell in cells
            ]
            for item, cells in data.rows
        ],
    )
    for r, (_item, cells) in enumerate(data.rows, start=2):
        for c, cell in enumerate(cells, start=3):
            sheet.cell(row=r, column=c).fill = _fill(cell.status)
    if data.features:
        _sheet(
            workbook,
            _("Protection measures"),
            [_("Measure"), *states],
            [
                [label] + [f.get_value_display() if f else "" for f in values]
                for _value, label, values in data.features
            ],
        )
    return _save(workbook)


def comparison_pdf(data: Comparison, title: str, request: Any = None) -> bytes:
    return pdf_bytes(
        "legislation/pdf/comparison.html",
        {"data": data, "title": title, "colours": STATUS_COLOURS},
        request,
    )


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


__all__ = ["XLSX_TYPE", "comparison_pdf", "comparison_xlsx", "file_response", "gap_pdf", "gap_xlsx"]
