"""The site-wide search page (the box on every page leads here): one search across tact.

The page answers with its hits at the cost of the engine's own ranking (the total counted up
to a cap), and its facets - which count every match - come in a second request
(:func:`search_facets`, loaded by htmx as soon as the page shows, or by following the
"Refine" link without JavaScript), with the exact total.
"""

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
    # ?facets=1: the page with its facets at once (the "Refine" link without JavaScript)
    inline = request.GET.get("facets") == "1"
    result = search_documents(
        request.user, query, filters=filters, page=page_number(request.GET), facets=inline
    )
    return TemplateResponse(
        request,
        htmx_template(request, "search/search.html", "results"),
        {
            "query": query,
            "result": result,
            "facets_inline": inline,
            "facet_groups": facet_groups(request.GET, result.facets, FACETS),
            "others": other_hits(request.user, query) if len(query) >= 2 else [],
            "querystring": querystring_without_page(request),
            "filters_active": bool(filters),
        },
    )


@login_not_required
def search_facets(request: HttpRequest) -> HttpResponse:
    """The facets of the search page and its exact total (an htmx fragment)."""
    query = request.GET.get("q", "").strip()
    filters = DocumentFilters.from_mapping(request.GET)
    result = search_documents(request.user, query, filters=filters, hits=False)
    return TemplateResponse(
        request,
        "search/search.html#facets",
        {
            "query": query,
            "result": result,
            "facet_groups": facet_groups(request.GET, result.facets, FACETS),
            "filters_active": bool(filters),
            "oob": True,
        },
    )
