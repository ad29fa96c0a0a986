"""The legislation search page (public: anonymous visitors see public texts only).

Thin: parses the request, calls :func:`tact.legislation.search_service.search_provisions` (the
API calls the same function) and renders the page or, for htmx, its results partial.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tact.core.exports import xlsx_response
from tact.core.pagination import querystring_without_page
from tact.legislation.models import TextLanguage
from tact.legislation.search_service import FACETS, SearchFilters, search_provisions
from tact.search.facets import facet_groups, page_number

EXPORT_LIMIT = 1000


def _export(request: HttpRequest, query: str, language: str, filters: SearchFilters) -> Any:
    result = search_provisions(
        request.user,
        query,
        language=language,
        filters=filters,
        page_size=EXPORT_LIMIT,
        facets=False,
    )
    return xlsx_response(
        "legislation-search.xlsx",
        [_("State"), _("Legal text"), _("Provision"), _("Heading"), _("Year"), _("Language")],
        (
            [h.state_name, h.text_title, h.label, h.heading, h.year or "", h.language]
            for h in result.hits
        ),
        title="search",
    )


@login_not_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    language = request.GET.get("language", "")
    filters = SearchFilters.from_mapping(request.GET)
    if request.GET.get("format") == "xlsx":
        return _export(request, query, language, filters)
    result = search_provisions(
        request.user, query, language=language, filters=filters, page=page_number(request.GET)
    )
    template = "legislation/search.html"
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        template += "#results"
    return TemplateResponse(
        request,
        template,
        {
            "result": result,
            "query": query,
            "language": result.language,
            "text_languages": [(v, label) for v, label in TextLanguage.choices if v != "other"],
            "facet_groups": facet_groups(request.GET, result.facets, FACETS, single=("language",)),
            "querystring": querystring_without_page(request),
            "filters_active": bool(filters) or bool(result.language),
        },
    )
