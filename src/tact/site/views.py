"""Home, area pages, record history and health: thin views over selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views import defaults
from django.views.i18n import set_language as django_set_language

from tact.catalog.selectors import instrument_list, provision_list, theme_list
from tact.core import access
from tact.core.audit import history_for
from tact.directory.models import Organisation, State
from tact.site.areas import AREAS, AREAS_BY_SLUG
from tact.site.history import readable_history
from tact.site.home_blocks import home_sections


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    """What awaits the actor's role (see `home_blocks`) above the public overview."""
    return TemplateResponse(
        request,
        "site/home.html",
        {
            "sections": home_sections(request.user),
            "areas": [(area, area.url()) for area in AREAS],
            "instruments": instrument_list(),
            "state_count": State.objects.count(),
            "organisation_count": Organisation.objects.count(),
        },
    )


@login_not_required
def area(request: HttpRequest, slug: str) -> HttpResponse:
    found = AREAS_BY_SLUG.get(slug)
    if found is None:
        raise Http404
    themes = theme_list().filter(code__in=found.themes)
    provisions = provision_list().filter(themes__code__in=found.themes).distinct()
    return TemplateResponse(
        request,
        "site/area.html",
        {"area": found, "themes": themes, "provisions": provisions},
    )


def history(request: HttpRequest, app_label: str, model: str, pk: str) -> HttpResponse:
    """The audit trail of one record, shown only to those who may see the record."""
    try:
        content_type = ContentType.objects.get(app_label=app_label, model=model)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    model_class = content_type.model_class()
    if model_class is None:
        raise Http404
    record = access.get_visible_or_404(request.user, model_class._default_manager.all(), pk=pk)
    return TemplateResponse(
        request,
        "site/history.html",
        {
            "record": record,
            "rows": readable_history(request.user, record, list(history_for(record)[:500])),
        },
    )


@login_not_required
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`, resolving `next` in the language of its own prefix.

    `translate_url` resolves the path under the active language, which for this view (outside
    the language prefixes) comes from the cookie; a visitor on /zh-hans/... whose cookie says
    English would otherwise stay where they were.
    """
    language = translation.get_language_from_path(request.POST.get("next", ""))
    if language:
        translation.activate(language)
    return django_set_language(request)


@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _api_error(status: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse({"code": code, "detail": detail}, status=status)


@login_not_required
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 for an unknown address: the API's JSON body under /api/, the 404 page elsewhere."""
    if request.path.startswith("/api/"):
        return _api_error(404, "not_found", "Not found.")
    return defaults.page_not_found(request, exception or Http404())


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    """500 outside ninja's handlers (middleware, URL resolution): JSON under /api/ too."""
    if request.path.startswith("/api/"):
        return _api_error(500, "server_error", "Internal server error.")
    return defaults.server_error(request)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error(400, "invalid", "Bad request.")
    return defaults.bad_request(request, exception or Exception())


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error(403, "forbidden", "Forbidden.")
    return defaults.permission_denied(request, exception or Exception())
