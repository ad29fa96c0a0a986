"""The legislation search page (public: anonymous visitors see public texts only).

Thin: parses the request, calls :func:`tact.legislation.search_service.search_provisions` (the
API calls the same function) and renders the page or, for htmx, its results partial.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tact.core.exports import xlsx_response
from tact.core.pagination import querystring_without_page
from tact.legislation.models import TextLanguage
from tact.legislation.search_service import (
    FACETS,
    FacetBucket,
    SearchFilters,
    SearchResult,
    search_provisions,
)

EXPORT_LIMIT = 1000


@dataclass(frozen=True)
class FacetLink:
    bucket: FacetBucket
    url: str


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    links: list[FacetLink]


def _toggle(params: QueryDict, name: str, value: str) -> str:
    """The query string with *value* of facet *name* switched on or off (back to page 1)."""
    qd = params.copy()
    qd.pop("page", None)
    qd.pop("format", None)
    if name == "language":
        if qd.get("language") == value:
            qd.pop("language", None)
        else:
            qd["language"] = value
        return "?" + qd.urlencode()
    current = [v for v in qd.getlist(name) if v]
    if value in current:
        current.remove(value)
    else:
        current.append(value)
    qd.setlist(name, current)
    return "?" + qd.urlencode()


def _facet_groups(request: HttpRequest, result: SearchResult) -> list[FacetGroup]:
    groups = []
    for name, label in FACETS:
        buckets = result.facets.get(name, [])
        if not buckets:
            continue
        links = [FacetLink(b, _toggle(request.GET, name, b.value)) for b in buckets]
        groups.append(FacetGroup(name, str(label), links))
    return groups


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


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
        request.user, query, language=language, filters=filters, page=_page_number(request)
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
            "facet_groups": _facet_groups(request, result),
            "querystring": querystring_without_page(request),
            "filters_active": bool(filters) or bool(result.language),
        },
    )
