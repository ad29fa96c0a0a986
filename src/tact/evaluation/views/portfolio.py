"""Pages open to everyone: good-practice candidates and the portfolio analysis (page, PDF
and Excel)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tact.assistance.figures import derived
from tact.assistance.models import Channel
from tact.catalog.models import Provision, Theme
from tact.core.exports import XLSX_TYPE, xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.directory.models import State
from tact.evaluation import analysis, portfolio_money, report, selectors


@login_not_required
def good_practices(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    theme = request.GET.get("theme", "").strip()
    findings = selectors.good_practice_candidates(
        actor=request.user, q=q or None, theme=theme or None
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "good-practice-candidates.xlsx",
            [
                _("Finding"),
                _("Text"),
                _("Criterion"),
                _("Evidence"),
                _("Evaluation"),
                _("Proposed"),
            ],
            (
                [
                    f.title,
                    f.text,
                    f.get_criterion_display(),
                    f.get_evidence_strength_display(),
                    f.evaluation.title,
                    f.proposed_at.date() if f.proposed_at else "",
                ]
                for f in findings
            ),
            title="good practices",
        )
    template = htmx_template(request, "evaluation/good_practices.html", "rows")
    return TemplateResponse(
        request,
        template,
        {
            "page": paginate(request, findings),
            "q": q,
            "theme": theme,
            "themes": Theme.objects.all(),
            "querystring": querystring_without_page(request),
        },
    )


@login_not_required
def portfolio(request: HttpRequest) -> HttpResponse:
    filters = analysis.Filters.from_mapping(request.GET)
    fmt = request.GET.get("format")
    result = analysis.portfolio(request.user, filters, every_cell=fmt in {"pdf", "xlsx"})
    if fmt == "pdf":
        response = HttpResponse(report.portfolio_pdf(result), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="portfolio.pdf"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(report.portfolio_xlsx(result), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="portfolio.xlsx"'
        return response
    context = report.report_context(result)
    # The page lists the cells with the most funders (the exports list every cell).
    context["fragmentation_rows"] = sorted(
        context["fragmentation_rows"],
        key=lambda item: (-item["row"].funders, item["row"].state, item["row"].theme),
    )[: portfolio_money.FRAGMENTATION_SHOWN]
    context.update(
        {
            "filters": filters,
            "chart_json": analysis.chart_data(result),
            "states": State.objects.order_by("name"),
            "themes": Theme.objects.all(),
            "provisions": Provision.objects.select_related("instrument"),
            "channels": Channel.choices,
            # Funders of the projects the viewer may see, not of every project.
            "funders": derived(
                "funder-names", request.user, {}, lambda: analysis.funder_names(request.user)
            ),
            "querystring": request.GET.urlencode(),
        }
    )
    return TemplateResponse(request, "evaluation/portfolio.html", context)
