"""Pages of the aggregate views: who does what where, the map, the donor and recipient
dashboards (they read the maintained summaries through :mod:`tact.assistance.dashboards`)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tact.assistance import dashboards, selectors
from tact.assistance.conversion import stored_note
from tact.assistance.views import filter_context, money_cell, project_filters
from tact.core.exports import XLSX_TYPE, xlsx_response
from tact.core.pagination import querystring_without_page
from tact.directory import permissions as directory_permissions
from tact.directory.models import State


@login_not_required
def matrix(request: HttpRequest) -> HttpResponse:
    filters = project_filters(request)
    role = request.GET.get("role", "funder")
    if role not in dashboards.ROLE_CODES:
        role = "funder"
    result = dashboards.who_does_what_where(
        request.user,
        role=role,
        top=None if request.GET.get("format") == "xlsx" else dashboards.TOP_STATES,
        offset=_offset(request) if request.GET.get("format") != "xlsx" else 0,
        **filters,
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "who-does-what-where.xlsx",
            [
                _("ISO3"),
                _("State"),
                _("Theme"),
                _("Funder") if role == "funder" else _("Implementer"),
                _("Projects"),
                _("Amount (USD)"),
            ],
            result.long_rows(),
            title="who does what where",
        )
    return TemplateResponse(
        request,
        "assistance/matrix.html",
        {
            "matrix": result,
            "rows": result.html_rows(reverse("assistance:project_list")),
            "role": role,
            "usd_note": stored_note(request.user, filters),
            "querystring": _without(request, "page", "offset"),
            **filter_context(filters),
        },
    )


def _without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _offset(request: HttpRequest) -> int:
    """The matrix page's first state (by amount); bad input is the first page."""
    text = request.GET.get("offset", "")
    return min(int(text), 10_000) if text.isdigit() else 0


@login_not_required
def map_view(request: HttpRequest) -> HttpResponse:
    filters = project_filters(request)
    return TemplateResponse(
        request,
        "assistance/map.html",
        {"querystring": querystring_without_page(request), **filter_context(filters)},
    )


@login_not_required
def map_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(dashboards.map_data(request.user, **project_filters(request)))


def donor_list(request: HttpRequest) -> HttpResponse:
    rows = dashboards.donors(request.user)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "donors.xlsx",
            [_("Donor"), _("IATI id"), _("Projects funded")],
            ([str(r["organisation"]), r["organisation"].iati_ref, r["projects"]] for r in rows),
            title="donors",
        )
    return TemplateResponse(request, "assistance/donor_list.html", {"rows": rows})


def donor_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = directory_permissions.access_organisation(request.user, pk)
    summary = dashboards.donor_summary(request.user, organisation)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"donor-{pk}.xlsx",
            [_("IATI identifier"), _("Title"), _("Channel"), _("Amount (USD)")],
            (
                [p.iati_identifier, p.title, p.get_channel_display(), money_cell(p.amount_usd)]
                for p in dashboards.donor_projects(request.user, organisation).iterator()
            ),
            title="donor",
        )
    chart = {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "xAxis": {"type": "category", "data": [str(r["year"]) for r in summary["by_year"]]},
        "yAxis": {"type": "value", "name": "USD"},
        "series": [
            {
                "name": _("Pledged (USD)"),
                "type": "bar",
                "data": [float(r["pledged"] or 0) for r in summary["by_year"]],
            },
            {
                "name": _("Paid (USD)"),
                "type": "bar",
                "data": [float(r["paid"] or 0) for r in summary["by_year"]],
            },
        ],
    }
    return TemplateResponse(
        request,
        "assistance/donor_dashboard.html",
        {
            "organisation": organisation,
            **summary,
            "chart": json.dumps(chart),
            "usd_note": stored_note(
                request.user,
                {"donor": organisation.pk},
                dashboards.donor_projects(request.user, organisation),
                summary["contributions"],
            ),
        },
    )


def recipient_dashboard(request: HttpRequest, iso3: str) -> HttpResponse:
    state = State.objects.filter(iso3=iso3.upper()).first()
    if state is None:
        raise Http404
    summary = dashboards.recipient_summary(request.user, state)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"recipient-{state.iso3}.xlsx",
            [_("IATI identifier"), _("Title"), _("Reporting organisation"), _("Amount (USD)")],
            (
                [p.iati_identifier, p.title, p.reporting_org_name, money_cell(p.amount_usd)]
                for p in selectors.project_list(request.user, state=state.iso3).iterator()
            ),
            title="recipient",
        )
    chart = {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "data": [{"name": k, "value": float(round(v, 2))} for k, v in summary["by_funder"]],
            }
        ],
    }
    return TemplateResponse(
        request,
        "assistance/recipient_dashboard.html",
        {
            "state": state,
            **summary,
            "chart": json.dumps(chart),
            "xlsx_type": XLSX_TYPE,
            "usd_note": stored_note(request.user, {"state": state.iso3}),
        },
    )
