"""Whole responses of the main read pages and API lists, kept per viewer and data version.

A cached response is served only to a request with the same method, path, query string,
language, htmx and Accept headers, the same access profile (:func:`access_profile`) and the
same user (pages name the signed-in user), at the same site version. The site version is one
database row that goes up after every committed change of the data pages show: each model
save, delete or many-to-many change (signals), each bulk write (:mod:`tact.core.bulk`) and
each change of the assistance summaries. Writes that send no signal (``QuerySet.update``)
are bounded by ``TACT_PAGE_CACHE_SECONDS``.

Per-request parts stay per request: pages are rendered with a placeholder for the CSRF
token, replaced by the request's own token when served. A response is not kept when it
sets a cookie, carries a flash message, or when something asked for the real CSRF token.
Only views listed in ``TACT_PAGE_CACHE_VIEWS`` are cached (read pages without
request-time content); ``TACT_PAGE_CACHE=0`` turns the cache off (cold figures).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_backends
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from tact.core.access import access_profile
from tact.core.models import SiteVersion

CACHE = "pages"
PLACEHOLDER = "tact-csrf-placeholder-5c1e0b7d"
TYPES = ("text/html", "application/json")
KEY_HEADERS = ("HX-Request", "HX-Target", "HX-Current-URL", "Accept")


def version(using: str = DEFAULT_DB_ALIAS) -> int:
    connection = connections[using]
    table = connection.ops.quote_name(SiteVersion._meta.db_table)
    with connection.cursor() as cursor:
        # Asked on every cached request: plain SQL costs a fraction of the ORM's query.
        cursor.execute(f"SELECT number FROM {table} WHERE id = 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def request_version(request: HttpRequest) -> int:
    """The site version as this request first read it: asked once per request, by whichever
    comes first (the viewer's cache in accounts, or the page cache's key). Read before any
    row the request keeps under it, so nothing is kept under a version newer than its rows."""
    number: int | None = getattr(request, "_tact_site_version", None)
    if number is None:
        number = version()
        request._tact_site_version = number  # type: ignore[attr-defined]
    return number


def _bump(using: str) -> None:
    connection = connections[using]
    table = connection.ops.quote_name(SiteVersion._meta.db_table)
    try:
        with connection.cursor() as cursor:
            # One upsert: two writers that both find no row would otherwise both insert it.
            cursor.execute(
                f"INSERT INTO {table} (id, number) VALUES (1, 1) "  # noqa: S608  (no input)
                f"ON CONFLICT (id) DO UPDATE SET number = {table}.number + 1"
            )
    except DatabaseError:
        # Data migrations write before the version table exists (nothing is cached then).
        if SiteVersion._meta.db_table in connection.introspection.table_names():
            raise


def move_past(number: int, using: str = DEFAULT_DB_ALIAS) -> None:
    """Set the site version above *number* (a restore: the table was emptied, and pages cached
    before it - in a shared Redis - must never be served again)."""
    connection = connections[using]
    table = connection.ops.quote_name(SiteVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, number) VALUES (1, %s) "  # noqa: S608  (no input)
            "ON CONFLICT (id) DO UPDATE SET number = %s",
            [number + 1, number + 1],
        )


def changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """The data changed: a new site version once the transaction commits (one per
    transaction, however many rows it writes; nothing if it rolls back)."""
    connection = connections[using]
    pending = getattr(connection, "_tact_site_bump", None)
    # A callback of a rolled-back savepoint is dropped from the list: then register anew.
    if pending is not None and any(entry[1] is pending for entry in connection.run_on_commit):
        return

    def bump() -> None:
        _bump(using)

    connection._tact_site_bump = bump  # type: ignore[attr-defined]
    transaction.on_commit(bump, using=using)


def _on_change(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    if sender.__module__ == "__fake__":
        return  # a migration's historical model: the version table may not exist yet
    meta = sender._meta
    quiet = settings.TACT_PAGE_CACHE_QUIET
    if meta.app_label in quiet or meta.label in quiet:
        return
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= settings.TACT_PAGE_CACHE_QUIET_FIELDS.get(meta.label, set()):
        # e.g. a sign-in's ``last_login``: no page shows it, and moving the version on every
        # sign-in would empty every viewer's cached pages.
        return
    changed(using)


def connect() -> None:
    post_save.connect(_on_change, dispatch_uid="tact.pagecache.save")
    m2m_changed.connect(_on_change, dispatch_uid="tact.pagecache.m2m")
    # A delete listener makes Django fetch the rows of every QuerySet.delete() of its model
    # (no fast delete): listen only to the models whose deletes must show on pages.
    skip = settings.TACT_PAGE_CACHE_QUIET | settings.TACT_PAGE_CACHE_QUIET_DELETES
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in skip and meta.label not in skip:
            post_delete.connect(_on_change, sender=model, dispatch_uid="tact.pagecache.delete")


def csrf_placeholder(request: HttpRequest) -> dict[str, str]:
    """Context processor (after Django's own): a page being cached gets the placeholder."""
    return {"csrf_token": PLACEHOLDER} if getattr(request, "_page_cache_key", None) else {}


def _token_user(request: HttpRequest) -> Any:
    """The owner of the request's API token, as the API's own authentication finds it (a
    bad token is left to the API, which answers or counts it)."""
    header = request.headers.get("Authorization", "")
    key = header[7:] if header.startswith("Bearer ") else request.headers.get("X-API-Token")
    for backend in get_backends():
        find = getattr(backend, "authenticate_api_token", None)
        user = find(request, key) if find is not None and key else None
        if user is not None:
            return user
    return None


def _viewer(request: HttpRequest) -> Any:
    """Whose page this is, or None when it must not come from the cache."""
    tokens = "Authorization" in request.headers or "X-API-Token" in request.headers
    if tokens and request.path.startswith("/api/"):  # pages know sessions only
        return _token_user(request)
    if "messages" in request.COOKIES or request.session.get("_messages"):
        return None  # a flash message to show (and consume)
    return request.user


def _key(request: HttpRequest, viewer: Any) -> str:
    parts = [
        request.method,
        request.path,
        sorted(request.GET.lists()),
        get_language(),
        access_profile(viewer),
        viewer.pk if viewer.is_authenticated else None,
        [request.headers.get(name, "") for name in KEY_HEADERS],
        request_version(request),
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"page:{digest}"


def _fill(request: HttpRequest, content: bytes) -> bytes:
    if PLACEHOLDER.encode() not in content:
        return content
    return content.replace(PLACEHOLDER.encode(), get_token(request).encode())


def _keepable(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and response.get("Content-Type", "").startswith(TYPES)
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the real token was used
        and not getattr(getattr(request, "_messages", None), "_queued_messages", None)
        and len(response.content) <= settings.TACT_PAGE_CACHE_MAX_BYTES
    )


class _Local:
    """The pages this worker served lately, in front of a shared cache (Redis).

    Why: a hit read from Redis costs a round trip, a third of a signed-in hit (issue 19).
    Keeping a copy here is as safe as the shared cache itself: a key names the site version,
    which only goes up (a restore moves it past every number used), so a page kept under a
    key never goes stale by a signalled write; a copy expires when the shared entry does
    (``kept_at`` + ``TACT_PAGE_CACHE_SECONDS``), so writes without signals stay bounded as
    before. Bounded by ``TACT_PAGE_CACHE_LOCAL_BYTES``, least recently used first out.
    """

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[float, str, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[str, bytes] | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            if entry[0] <= time.time():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry[1], entry[2]

    def put(self, key: str, content_type: str, content: bytes, kept_at: float) -> None:
        limit = settings.TACT_PAGE_CACHE_LOCAL_BYTES
        if len(content) > limit:
            return
        with self._lock:
            self._drop(key)
            self._pages[key] = (kept_at + settings.TACT_PAGE_CACHE_SECONDS, content_type, content)
            self._bytes += len(content)
            while self._bytes > limit:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry = self._pages.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry[2])


local = _Local()


def _local_in_use() -> bool:
    return bool(settings.TACT_PAGE_CACHE_LOCAL_BYTES)


def _cached(key: str) -> tuple[str, bytes] | None:
    if _local_in_use():
        page = local.get(key)
        if page is not None:
            return page
    entry = caches[CACHE].get(key)
    if not isinstance(entry, tuple) or len(entry) != 3:
        return None  # none, or kept by an earlier release in another shape
    content_type, content, kept_at = entry
    if _local_in_use():
        local.put(key, content_type, content, kept_at)
    return content_type, content


def _keep(key: str, content_type: str, content: bytes) -> None:
    kept_at = time.time()
    caches[CACHE].set(key, (content_type, content, kept_at), settings.TACT_PAGE_CACHE_SECONDS)
    if _local_in_use():
        local.put(key, content_type, content, kept_at)


class PageCacheMiddleware:
    """Last in the middleware list: log-in redirects and locks have been decided."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is None or not isinstance(response, HttpResponse) or response.streaming:
            return response
        if _keepable(request, response):
            _keep(key, response["Content-Type"], response.content)
        response.content = _fill(request, response.content)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if not settings.TACT_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return None
        match = request.resolver_match
        if match is None or match.view_name not in settings.TACT_PAGE_CACHE_VIEWS:
            return None
        viewer = _viewer(request)
        if viewer is None:
            return None
        key = _key(request, viewer)
        cached = _cached(key)
        if cached is None:
            request._page_cache_key = key  # type: ignore[attr-defined]
            return None
        content_type, content = cached
        response = HttpResponse(_fill(request, content), content_type=content_type)
        response["X-Page-Cache"] = "hit"
        patch_vary_headers(response, ("Cookie", "Authorization", "X-API-Token"))
        return response
