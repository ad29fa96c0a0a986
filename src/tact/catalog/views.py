from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from tact.catalog import permissions, selectors
from tact.catalog.models import Obligation, Provision
from tact.core.exports import xlsx_response
from tact.core.htmx import htmx_template
from tact.core.languages import content_code, pick


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "catalog/index.html",
        {"instruments": selectors.instrument_list(), "themes": selectors.theme_list()},
    )


@login_not_required
def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    instrument = permissions.access_instrument(request.user, code)
    theme = request.GET.get("theme") or None
    obligation = request.GET.get("obligation") or None
    q = request.GET.get("q") or None
    provisions = selectors.provision_list(instrument=code, theme=theme, obligation=obligation, q=q)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"{code}-provisions.xlsx",
            ["key", "article", "title", "category", "obligation", "themes"],
            (
                [
                    p.key,
                    p.number,
                    p.title,
                    p.get_category_display(),
                    p.obligation_summary,
                    ", ".join(t.title for t in p.themes.all()),
                ]
                for p in provisions
            ),
            title=code,
        )
    context = {
        "instrument": instrument,
        "provisions": provisions,
        "themes": selectors.theme_list(),
        "obligations": Obligation.choices,
        "selected_theme": theme,
        "selected_obligation": obligation,
        "q": q or "",
    }
    template = htmx_template(request, "catalog/instrument_detail.html", "provision-rows")
    return TemplateResponse(request, template, context)


@login_not_required
def provision_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    try:
        provision = selectors.provision_get(instrument=code, number=number)
    except Provision.DoesNotExist as exc:
        raise Http404 from exc
    siblings = list(
        Provision.objects.filter(instrument=provision.instrument)
        .order_by("number")
        .values_list("number", flat=True)
    )
    index = siblings.index(provision.number)
    text_language, text = provision.text_in()
    return TemplateResponse(
        request,
        "catalog/provision_detail.html",
        {
            "provision": provision,
            "text_language": text_language,
            "text": text,
            "english_page": content_code(get_language()) == "en",
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
            "other_titles": [
                (lang, title)
                for lang, title in sorted(provision.titles.items())
                if title and title != pick(provision.titles)
            ],
        },
    )


@login_not_required
def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    theme = permissions.access_theme(request.user, code)
    return TemplateResponse(
        request,
        "catalog/theme_detail.html",
        {"theme": theme, "provisions": selectors.provision_list(theme=code)},
    )
