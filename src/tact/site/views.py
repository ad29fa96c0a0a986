"""Home, area pages, record history and health: thin views over selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from tact.catalog.selectors import instrument_list, provision_list, theme_list
from tact.core import access
from tact.core.audit import history_for
from tact.directory.models import Organisation, State
from tact.site.areas import AREAS, AREAS_BY_SLUG


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "site/home.html",
        {
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
        {"record": record, "entries": history_for(record)[:500]},
    )


@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
