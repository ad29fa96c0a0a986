"""API of legislation search: ``GET /api/v1/legislation/search``.

The same function as the page (:func:`tact.legislation.search_service.search_provisions`), so
the API returns exactly the hits, order and facet counts the page shows to the same actor.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from tact.core.api import actor
from tact.legislation.search_service import SearchFilters, SearchResult, search_provisions


class ArticleRefOut(Schema):
    key: str
    label: str
    url: str


class LegislationSearchHitOut(Schema):
    id: int
    url: str
    label: str
    heading: str
    snippet: str
    score: float
    language: str
    language_name: str
    text_id: int
    text_title: str
    text_url: str
    state: str
    state_name: str
    year: int | None
    classification: str
    articles: list[ArticleRefOut]


class FacetBucketOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    query: str
    language: str
    engine: str
    terms: list[str]
    total: int
    page: int
    page_size: int
    num_pages: int
    hits: list[LegislationSearchHitOut]
    facets: dict[str, list[FacetBucketOut]]


class LegislationSearchParams(Schema):
    q: str = ""
    language: str = ""
    state: list[str] = []
    instrument: list[str] = []
    article: list[str] = []
    theme: list[str] = []
    year: list[str] = []
    page: int = 1
    page_size: int = 20
    facets: bool = True


def _out(result: SearchResult) -> SearchOut:
    return SearchOut(
        query=result.query,
        language=result.language,
        engine=result.engine,
        terms=list(result.terms),
        total=result.total,
        page=result.page,
        page_size=result.page_size,
        num_pages=result.num_pages,
        hits=[LegislationSearchHitOut.model_validate(h, from_attributes=True) for h in result.hits],
        facets={
            name: [FacetBucketOut.model_validate(b, from_attributes=True) for b in buckets]
            for name, buckets in result.facets.items()
        },
    )


def register(router: Router) -> None:
    """Add the search endpoint to the legislation router."""

    @router.get("/legislation/search", response=SearchOut, operation_id="legislation_search")
    def legislation_search(
        request: HttpRequest, params: Query[LegislationSearchParams]
    ) -> SearchOut:
        """Full-text search of national legal provisions the caller may see, with stemming
        (en, fr, es, ru, ar; Chinese by characters), ranked, with facet counts by state,
        Convention instrument, article, theme, year of adoption and language.

        Filters repeat (`state=KEN&state=MEX`) or take commas (`state=KEN,MEX`).
        """
        filters = SearchFilters.from_mapping(
            {
                "state": params.state,
                "instrument": params.instrument,
                "article": params.article,
                "theme": params.theme,
                "year": params.year,
            }
        )
        result = search_provisions(
            actor(request),
            params.q,
            language=params.language,
            filters=filters,
            page=max(1, params.page),
            page_size=params.page_size,
            facets=params.facets,
        )
        return _out(result)
