"""The site-wide search page (the box on every page leads here): one search across tact."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from tact.core.htmx import htmx_template
from tact.core.pagination import querystring_without_page
from tact.search.facets import facet_groups, page_number
from tact.search.service import FACETS, DocumentFilters, other_hits, search_documents


@login_not_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    filters = DocumentFilters.from_mapping(request.GET)
    result = search_documents(request.user, query, filters=filters, page=page_number(request.GET))
    return TemplateResponse(
        request,
        htmx_template(request, "search/search.html", "results"),
        {
            "query": query,
            "result": result,
            "facet_groups": facet_groups(request.GET, result.facets, FACETS),
            "others": other_hits(request.user, query) if len(query) >= 2 else [],
            "querystring": querystring_without_page(request),
            "filters_active": bool(filters),
        },
    )
