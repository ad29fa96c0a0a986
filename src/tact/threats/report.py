"""The assessment report: PDF (WeasyPrint through core.exports, its classification marking
on every page, nothing fetched) and Excel (rank order, matrix, gaps, trend)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tact.core.exports import apply_number_formats, pdf_bytes
from tact.threats.selectors import Computed


def _n(value: Decimal | None) -> Any:
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def marking(computed: Computed) -> str:
    return str(computed.assessment.get_classification_display()).upper()


def report_context(computed: Computed) -> dict[str, Any]:
    return {
        "c": computed,
        "assessment": computed.assessment,
        "marking": marking(computed),
        "generated": timezone.now(),
    }


def report_pdf(computed: Computed) -> bytes:
    return pdf_bytes("threats/report_pdf.html", report_context(computed))


def report_xlsx(computed: Computed) -> bytes:
    workbook = Workbook()
    first = workbook.active or workbook.create_sheet()
    first.title = "summary"
    a = computed.assessment
    _rows(
        first,
        [
            [_("Classification"), marking(computed)],
            [_("Title"), a.title],
            [_("Owner"), str(a.owner_state or a.owner_organisation or "")],
            [_("Period"), f"{a.period_start} – {a.period_end}"],
            [_("Method"), str(a.template_version)],
            [_("Status"), str(a.get_status_display())],
        ],
    )
    if computed.ranked:
        _rows(
            workbook.create_sheet("rank"),
            [
                [
                    _("Rank"),
                    _("Subject"),
                    _("Score"),
                    _("From"),
                    _("To"),
                    _("Unknown"),
                    _("Not separable from"),
                ],
                *[
                    [
                        r.rank,
                        r.subject,
                        _n(r.score.total),
                        _n(r.score.low),
                        _n(r.score.high),
                        len(r.score.unknown),
                        ", ".join(r.not_separable_from),
                    ]
                    for r in computed.results.rows
                ],
            ],
        )
    _rows(
        workbook.create_sheet("matrix"),
        [
            [_("Subject"), *[attr.name for attr in computed.attributes]],
            *[
                [row.subject.pseudonym, *[c.level.code if c.level else "" for c in row.cells]]
                for row in computed.rows
            ],
        ],
    )
    _rows(
        workbook.create_sheet("gaps"),
        [
            [_("Attribute"), _("Weight"), _("Subjects unknown"), _("Importance")],
            *[
                [g.name, _n(g.weight), ", ".join(g.subjects), _n(g.importance)]
                for g in computed.results.gaps
            ],
        ],
    )
    if computed.trend:
        _rows(
            workbook.create_sheet("trend"),
            [
                [_("Subject"), _("Previous rank"), _("Rank"), _("Change")],
                *[
                    [m.subject, m.previous_rank or "", m.rank or "", m.change]
                    for m in computed.trend
                ],
            ],
        )
    for sheet in workbook.worksheets:
        apply_number_formats(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rows(sheet: Any, rows: list[list[Any]]) -> None:
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
