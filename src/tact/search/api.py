"""``GET /api/v1/search?q=``: the one search across tact, as the search page shows it."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tact.core.api import PUBLIC_AUTH, actor
from tact.search.service import DocumentFilters, other_hits, search_documents

router = Router(tags=["search"], auth=PUBLIC_AUTH)


class SearchHitOut(Schema):
    kind: str
    title: str
    url: str
    snippet: str
    classification: str
    ref: str = ""


class SearchDocumentHitOut(Schema):
    ref: str
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str
    score: float
    language: str
    year: int | None
    classification: str


class SearchFacetOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchResultOut(Schema):
    query: str
    engine: str
    total: int
    total_exact: bool = Field(
        True,
        description="False when a search without facets stopped counting at `total`: there "
        "are more results than that (a search with facets counts them all)",
    )
    page: int
    page_size: int
    num_pages: int
    hits: list[SearchDocumentHitOut]
    facets: dict[str, list[SearchFacetOut]]
    other_hits: list[SearchHitOut]


class SearchParams(Schema):
    q: str = ""
    kind: list[str] = []
    state: list[str] = []
    theme: list[str] = []
    provision: list[str] = []
    year: list[str] = []
    language: list[str] = []
    page: int = 1
    page_size: int = 20
    facets: bool = True


@router.get("/search", response=SearchResultOut, operation_id="search")
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchResultOut:
    """Search everything the caller may see: ranked hits with highlighted snippets (matches
    in `<mark>`), stemming in the six UN languages, and facet counts by type, state, theme,
    provision, year and language.  A record the caller may not see is never a hit and never
    counted.  `other_hits` lists matching states, organisations and contacts.

    Filters repeat (`state=KEN&state=MEX`) or take commas (`state=KEN,MEX`).  With
    `facets=false` the answer comes faster and the total is counted up to the first thousand
    past the page (`total_exact` false beyond).
    """
    who = actor(request)
    filters = DocumentFilters.from_mapping(params.dict())
    result = search_documents(
        who,
        params.q,
        filters=filters,
        page=max(1, params.page),
        page_size=params.page_size,
        facets=params.facets,
    )
    others = other_hits(who, params.q) if len(params.q.strip()) >= 2 else []
    return SearchResultOut(
        query=result.query,
        engine=result.engine,
        total=result.total,
        total_exact=result.total_exact,
        page=result.page,
        page_size=result.page_size,
        num_pages=result.num_pages,
        hits=[SearchDocumentHitOut.model_validate(h, from_attributes=True) for h in result.hits],
        facets={
            name: [SearchFacetOut.model_validate(b, from_attributes=True) for b in buckets]
            for name, buckets in result.facets.items()
        },
        other_hits=[SearchHitOut.model_validate(h, from_attributes=True) for h in others],
    )
