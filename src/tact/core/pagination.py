"""Page-number pagination for pages and for the API, with bounded page numbers.

`?page=10000000000000000000` must give a clean answer, not a database overflow: pages clamp
to the last page (Django's `get_page`), the API answers 422 above `MAX_PAGE` (an OFFSET that
large would not fit the database's 64-bit integer).
"""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

PAGE_SIZE = 50
# Far beyond any list tact holds (10^6 pages of 500), far below 2^63 / page size.
MAX_PAGE = 1_000_000


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page[Any]:
    paginator = Paginator(items, per_page)
    raw = request.GET.get("page", "")
    # Django clamps out-of-range numbers to the last page; a number too long to be a page
    # (a hostile `?page=1e9999…`) is treated as page 1 before int() spends time on it.
    return paginator.get_page(raw if len(raw) <= 12 else None)


def querystring_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class PageNumberPagination(NinjaPageNumberPagination):
    """ninja's page-number pagination with `page` and `page_size` bounded (422 beyond)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=ninja_settings.PAGINATION_MAX_PER_PAGE_SIZE)
