"""Help: the index of role guides (with the five-minute tour) and one guide per role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation

from tact.site.guides import GUIDE_ROLES, GUIDE_ROLES_BY_SLUG, guide


@login_not_required
def help_index(request: HttpRequest) -> HttpResponse:
    language = translation.get_language() or "en"
    user_role = getattr(request.user, "role", "") if request.user.is_authenticated else ""
    return TemplateResponse(
        request,
        "site/help_index.html",
        {
            "roles": GUIDE_ROLES,
            "user_role": user_role or ("reader" if not request.user.is_authenticated else ""),
            "tour": guide("index", language),
        },
    )


@login_not_required
def help_guide(request: HttpRequest, role: str) -> HttpResponse:
    found = guide(role, translation.get_language() or "en")
    if found is None:
        raise Http404
    return TemplateResponse(
        request,
        "site/help_guide.html",
        {"guide": found, "role": GUIDE_ROLES_BY_SLUG[role], "roles": GUIDE_ROLES},
    )
