from django.http import HttpRequest
from ninja import Router, Schema

from tact.core.api import PUBLIC_AUTH, actor
from tact.search import search_all

router = Router(tags=["search"], auth=PUBLIC_AUTH)


class SearchHitOut(Schema):
    kind: str
    title: str
    url: str
    snippet: str
    classification: str


@router.get("/search", response=list[SearchHitOut])
def search(request: HttpRequest, q: str) -> list[dict[str, str]]:
    """Search everything the caller may see; the page search uses the same function."""
    return [
        {
            "kind": hit.kind,
            "title": hit.title,
            "url": hit.url,
            "snippet": hit.snippet,
            "classification": hit.classification,
        }
        for hit in search_all(actor(request), q)
    ]
