"""The portfolio report as PDF (WeasyPrint, from an HTML template) and as Excel."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tact.core.exports import apply_number_formats, pdf_bytes
from tact.evaluation.analysis import PortfolioReport
from tact.evaluation.models import Criterion


def _num(value: Decimal | None, places: int = 2) -> Any:
    return float(round(value, places)) if value is not None else ""


def report_context(report: PortfolioReport, *, title: str = "") -> dict[str, Any]:
    from tact.catalog.models import Theme

    criteria = dict(Criterion.choices)
    themes = {t.code: t.title for t in Theme.objects.all()}
    return {
        "fragmentation_rows": [
            {"row": r, "theme": themes.get(r.theme, r.theme)} for r in report.fragmentation
        ],
        "report": report,
        "title": title or _("Portfolio analysis"),
        "generated": timezone.now(),
        "criteria": criteria,
        "rating_rows": [
            {
                "criterion": criteria.get(d.criterion, d.criterion),
                "scale": d.scale,
                "counts": sorted(d.counts.items()),
                "rated": d.rated,
                "satisfactory": d.satisfactory,
                "share": d.satisfactory_share,
            }
            for d in report.ratings
        ],
        "achievement_total": max(report.achievement.total, 1),
    }


def portfolio_pdf(report: PortfolioReport, *, title: str = "") -> bytes:
    return pdf_bytes("evaluation/report_pdf.html", report_context(report, title=title))


def portfolio_xlsx(report: PortfolioReport) -> bytes:
    workbook = Workbook()
    summary = workbook.active or workbook.create_sheet()
    summary.title = "summary"
    rows: list[list[Any]] = [
        [_("Figure"), _("Value")],
        [_("Filters"), ", ".join(f"{k}={v}" for k, v in report.filters.as_dict().items()) or "—"],
        [_("Projects"), report.projects],
        [_("Money (USD)"), _num(report.total_usd)],
        [_("Funders"), report.overall.funders],
        [_("Donor concentration (HHI)"), _num(report.overall.hhi, 4)],
        [_("Top funder"), report.overall.top_funder],
        [_("Top funder share"), _num(report.overall.top_share, 4)],
        [_("Fragmented state-theme cells"), report.fragmented_cells],
        [_("Needs (not closed)"), report.unmet.total],
        [_("Needs unmet"), report.unmet.unmet],
        [_("Unmet share"), _num(report.unmet.share, 4)],
        [
            _("Overlap candidates"),
            report.overlaps if report.overlaps is not None else _("not available"),
        ],
        [_("Indicators measured"), report.achievement.measured],
        [_("Median achievement"), _num(report.achievement.median, 4)],
        *[[_("Indicators: %(s)s") % {"s": k}, v] for k, v in report.achievement.counts.items()],
        [_("Outcome/impact indicators improved"), report.impact.improved],
        [_("Outcome/impact indicators worsened"), report.impact.worsened],
        [_("Evaluations"), report.evaluations],
    ]
    _sheet(summary, rows)
    _sheet(
        workbook.create_sheet("concentration"),
        [
            [_("State"), _("Money (USD)"), _("Funders"), "HHI", _("Top funder"), _("Top share")],
            *[
                [
                    r.group,
                    _num(r.total),
                    r.funders,
                    _num(r.hhi, 4),
                    r.top_funder,
                    _num(r.top_share, 4),
                ]
                for r in report.concentration
            ],
        ],
    )
    _sheet(
        workbook.create_sheet("fragmentation"),
        [
            [_("State"), _("Theme"), _("Funders"), _("Projects"), _("Fragmented")],
            *[
                [r.state, r.theme, r.funders, r.projects, _("yes") if r.fragmented else _("no")]
                for r in report.fragmentation
            ],
        ],
    )
    _sheet(
        workbook.create_sheet("indicators"),
        [
            [
                _("Indicator"),
                _("Framework"),
                _("Project or strategy"),
                _("Level"),
                _("Measure"),
                _("Baseline"),
                _("Target"),
                _("Actual"),
                _("Achievement"),
                _("Status"),
            ],
            *[
                [
                    row["indicator"].title,
                    row["framework"],
                    row["subject"],
                    row["indicator"].node.get_level_display(),
                    row["indicator"].get_measure_display(),
                    _num(row["progress"].baseline, 4),
                    _num(row["progress"].target, 4),
                    _num(row["progress"].actual, 4),
                    _num(row["progress"].achievement, 4),
                    row["progress"].status.value,
                ]
                for row in report.indicators
            ],
        ],
    )
    _sheet(
        workbook.create_sheet("ratings"),
        [
            [_("Criterion"), _("Scale"), _("Rating"), _("Count")],
            *[
                [d.criterion, d.scale, label, count]
                for d in report.ratings
                for label, count in sorted(d.counts.items())
            ],
        ],
    )
    for sheet in workbook.worksheets:
        apply_number_formats(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(sheet: Any, rows: list[list[Any]]) -> None:
    for row in rows:
        sheet.append([str(v) if not isinstance(v, int | float | str) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
