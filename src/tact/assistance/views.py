"""Pages of assistance coordination (thin: selectors read, services write)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tact.assistance import dashboards, keyset, permissions, selectors, services
from tact.assistance.forms import (
    ContributionForm,
    ExchangeRateUploadForm,
    IatiImportForm,
    ProjectLinksForm,
)
from tact.assistance.importing import read_progress
from tact.assistance.models import Channel, Contribution, ImportRun, Project
from tact.catalog.models import Theme
from tact.core import access
from tact.core.exports import xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.core.uploads import check_upload_size
from tact.directory.models import Organisation

PROJECT_FILTERS = ("q", "state", "theme", "channel", "organisation", "status", "sector")


def project_filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in PROJECT_FILTERS}


def filter_context(filters: dict[str, str]) -> dict[str, Any]:
    return {
        **filters,
        "filters": filters,
        "themes": Theme.objects.all(),
        "channels": Channel.choices,
        "statuses": Project.Status.choices,
        "states": dashboards.recipient_states(),
    }


def money_cell(value: Decimal | None) -> float | str:
    return float(value) if value is not None else ""


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    totals, by_channel = dashboards.overview(request.user)
    return TemplateResponse(
        request,
        "assistance/index.html",
        {
            "totals": totals,
            "by_channel": [(label, by_channel.get(value, 0)) for value, label in Channel.choices],
            "recent": selectors.project_visible(request.user).order_by("-updated_at")[:8],
            "can_import": permissions.can_import(request.user),
        },
    )


@login_not_required
def project_list(request: HttpRequest) -> HttpResponse:
    filters = project_filters(request)
    projects = selectors.project_list(request.user, **filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "projects.xlsx",
            [
                _("IATI identifier"),
                _("Title"),
                _("Reporting organisation"),
                _("Channel"),
                _("Status"),
                _("Start"),
                _("End"),
                _("Recipient countries"),
                _("Budget (USD)"),
                _("Commitments (USD)"),
                _("Disbursements (USD)"),
            ],
            (
                [
                    p.iati_identifier,
                    p.title,
                    p.reporting_org_name or p.reporting_org_ref,
                    p.get_channel_display(),
                    p.get_status_display(),
                    p.start,
                    p.end,
                    ", ".join(c.code for c in p.countries.all()),
                    money_cell(p.budget_usd),
                    money_cell(p.commitment_usd),
                    money_cell(p.disbursement_usd),
                ]
                for p in projects.prefetch_related("countries")
            ),
            title="projects",
        )
    # Keyset pages: the next 50 by title through the (title, id) index, never an OFFSET
    # or a full COUNT (the count stops at keyset.COUNT_CAP).
    page = keyset.keyset_page(
        # The IATI document is the widest column and the list shows none of it.
        projects.defer("iati_activity").prefetch_related("countries__state"),
        selectors.project_order(filters.get("q", "")),
        after=request.GET.get("cursor", ""),
        before=request.GET.get("before", ""),
        count_cap=selectors.project_count_cap(filters.get("q", "")),
    )
    template = htmx_template(request, "assistance/project_list.html", "rows")
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "querystring": _querystring_without_cursor(request),
            **filter_context(filters),
        },
    )


def _querystring_without_cursor(request: HttpRequest) -> str:
    params = request.GET.copy()
    for key in ("page", "cursor", "before"):
        params.pop(key, None)
    return params.urlencode()


@login_not_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_page(request.user, pk)
    return TemplateResponse(
        request,
        "assistance/project_detail.html",
        {
            "project": project,
            **selectors.project_page(request.user, project),
            "can_edit": permissions.can_edit_project(request.user, project),
        },
    )


def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = permissions.access_project(request.user, pk, for_edit=True)
    initial = {
        "provisions": project.provisions.all(),
        "themes": project.themes.all(),
        "needs": project.needs.all(),
        "channel_override": project.channel_override,
        "classification": project.classification,
    }
    form = ProjectLinksForm(
        request.POST or None, initial=initial, user=request.user, project=project
    )
    if request.method == "POST" and form.is_valid():
        services.project_update_links(
            actor=request.user,
            project=project,
            provisions=form.cleaned_data["provisions"],
            themes=form.cleaned_data["themes"],
            needs=form.cleaned_data["needs"],
            channel_override=form.cleaned_data["channel_override"],
            classification=form.cleaned_data["classification"],
        )
        messages.success(request, _("Project updated."))
        return redirect(project)
    return TemplateResponse(
        request, "assistance/project_form.html", {"project": project, "form": form}
    )


def project_export(request: HttpRequest) -> HttpResponse:
    """The visible, filtered projects as IATI 2.03 XML or CSV."""
    fmt = request.GET.get("format", "xml")
    projects = selectors.project_list(request.user, **project_filters(request))
    if fmt == "csv":
        text = io.StringIO(newline="")
        left_out = services.export_projects(projects.iterator(), text, fmt="csv")
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="tact-iati-activities.csv"'
    else:
        data = io.BytesIO()
        left_out = services.export_projects(projects.iterator(), data, fmt="xml")
        response = HttpResponse(data.getvalue(), content_type="application/xml")
        response["Content-Disposition"] = 'attachment; filename="tact-iati-activities.xml"'
    response["X-Tact-Left-Out"] = str(len(left_out))
    return response


# -- imports --------------------------------------------------------------------------------


def import_list(request: HttpRequest) -> HttpResponse:
    runs = selectors.import_runs(request.user)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "imports.xlsx",
            [
                _("File"),
                _("Status"),
                _("Started"),
                _("Imported"),
                _("Updated"),
                _("Skipped"),
                _("Rejected"),
            ],
            (
                [
                    r.file_name,
                    r.get_status_display(),
                    r.created_at,
                    r.imported,
                    r.updated,
                    r.skipped,
                    r.rejected,
                ]
                for r in runs
            ),
            title="imports",
        )
    return TemplateResponse(
        request,
        "assistance/import_list.html",
        {
            "page": paginate(request, runs),
            "querystring": querystring_without_page(request),
            "can_import": permissions.can_import(request.user),
        },
    )


def import_start(request: HttpRequest) -> HttpResponse:
    access.require_writer(request.user)
    form = IatiImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_start(
                actor=request.user,
                upload=form.cleaned_data["file"],
                strict=form.cleaned_data["strict"],
                lenient=form.cleaned_data["lenient"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("assistance:import_detail", pk=run.pk)
    limit = getattr(settings, "TACT_MAX_IATI_UPLOAD_BYTES", settings.TACT_MAX_UPLOAD_BYTES)
    return TemplateResponse(
        request,
        "assistance/import_form.html",
        {"form": form, "limit_mb": limit // (1024 * 1024)},
    )


def _run_context(request: HttpRequest, run: ImportRun) -> dict[str, Any]:
    live = read_progress(run) if not run.finished else {}
    percent = run.percent
    if live.get("total_bytes"):
        percent = min(99, int(live["processed_bytes"] * 100 / live["total_bytes"]))
    outcome = request.GET.get("outcome", "")
    rows = [r for r in run.report if not outcome or r["outcome"] == outcome]
    return {
        "run": run,
        "live": live,
        "percent": percent,
        "outcome": outcome,
        "page": paginate(request, rows, per_page=100),
        "querystring": querystring_without_page(request),
    }


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = permissions.access_import_run(request.user, pk)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"import-{run.pk}.xlsx",
            [_("Line"), _("IATI identifier"), _("Title"), _("Outcome"), _("Reason")],
            (
                [r["line"], r["identifier"], r["title"], r["outcome"], r["reason"]]
                for r in run.report
            ),
            title="import",
        )
    return TemplateResponse(request, "assistance/import_detail.html", _run_context(request, run))


def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx polling target: the progress block (and, once finished, the whole report)."""
    run = permissions.access_import_run(request.user, pk)
    response = TemplateResponse(
        request, "assistance/import_detail.html#progress", _run_context(request, run)
    )
    if run.finished:
        response["HX-Refresh"] = "true"
    return response


# -- contributions and exchange rates -------------------------------------------------------


def contribution_list(request: HttpRequest) -> HttpResponse:
    donor = request.GET.get("donor", "")
    year = request.GET.get("year", "")
    earmarking = request.GET.get("earmarking", "")
    contributions = selectors.contribution_list(
        request.user, donor=donor, year=year, earmarking=earmarking
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "contributions.xlsx",
            [
                _("Donor"),
                _("Year"),
                _("Currency"),
                _("Pledged"),
                _("Pledge date"),
                _("Paid"),
                _("Payment date"),
                _("Pledged (USD)"),
                _("Paid (USD)"),
                _("Earmarking"),
                _("Earmarked to"),
            ],
            (
                [
                    str(c.donor),
                    c.year,
                    c.currency,
                    money_cell(c.pledged_amount),
                    c.pledged_date,
                    money_cell(c.paid_amount),
                    c.paid_date,
                    money_cell(c.pledged_usd),
                    money_cell(c.paid_usd),
                    c.get_earmarking_display(),
                    _earmark_label(c),
                ]
                for c in contributions
            ),
            title="contributions",
        )
    totals = contributions.aggregate(pledged=Sum("pledged_usd"), paid=Sum("paid_usd"))
    return TemplateResponse(
        request,
        "assistance/contribution_list.html",
        {
            "page": paginate(request, contributions),
            "querystring": querystring_without_page(request),
            "totals": totals,
            "donor": donor,
            "year": year,
            "earmarking": earmarking,
            "donors": Organisation.objects.filter(contributions__isnull=False).distinct(),
            "earmarkings": Contribution.Earmarking.choices,
            "can_create": permissions.can_record_contributions(request.user),
        },
    )


def _earmark_label(c: Contribution) -> str:
    if c.earmark_target == Contribution.EarmarkTarget.PROGRAMME:
        return c.earmark_programme
    if c.earmark_target == Contribution.EarmarkTarget.THEME and c.earmark_theme:
        return c.earmark_theme.title
    if c.earmark_target == Contribution.EarmarkTarget.STATE and c.earmark_state:
        return c.earmark_state.display_name
    return ""


def contribution_create(request: HttpRequest) -> HttpResponse:
    access.require_writer(request.user)
    form = ContributionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contribution = services.contribution_save(actor=request.user, values=form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error("donor", str(error))
        else:
            messages.success(request, _("Contribution recorded."))
            return redirect(contribution)
    return TemplateResponse(request, "assistance/contribution_form.html", {"form": form})


def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = permissions.access_contribution(request.user, pk)
    return TemplateResponse(
        request,
        "assistance/contribution_detail.html",
        {"contribution": contribution, "earmark": _earmark_label(contribution)},
    )


def exchange_rate_list(request: HttpRequest) -> HttpResponse:
    currency = request.GET.get("currency", "").strip()
    rates = selectors.exchange_rate_list(currency=currency)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "exchange-rates.xlsx",
            [_("Currency"), _("Date"), _("USD per unit"), _("Source")],
            ([r.currency, r.date, float(r.usd_rate), r.source] for r in rates),
            title="rates",
        )
    return TemplateResponse(
        request,
        "assistance/exchange_rate_list.html",
        {
            "page": paginate(request, rates),
            "querystring": querystring_without_page(request),
            "currency": currency,
            "form": ExchangeRateUploadForm(),
            "can_load": permissions.can_load_exchange_rates(request.user),
        },
    )


def exchange_rate_upload(request: HttpRequest) -> HttpResponse:
    if not permissions.can_load_exchange_rates(request.user):
        raise PermissionDenied(_("Only the secretariat and donors load exchange rates."))
    form = ExchangeRateUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
            report = services.exchange_rates_import_csv(
                actor=request.user, data=upload.read(), strict=form.cleaned_data["strict"]
            )
        except ValidationError as error:
            form.add_error("file", error)
    return TemplateResponse(
        request, "assistance/exchange_rate_upload.html", {"form": form, "report": report}
    )
