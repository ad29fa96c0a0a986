"""The state profile page, the country-profile reports (inline for small states, a background
build with a progress page for large ones) and their download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.core.exports import PDF_TYPE, XLSX_TYPE
from tact.core.profile import TOP
from tact.directory import permissions as directory_permissions
from tact.profiles import permissions, selectors, services
from tact.profiles.models import ProfileExport, Version

CONTENT_TYPES = {"pdf": PDF_TYPE, "xlsx": XLSX_TYPE}


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _language() -> str:
    language = get_language() or "en"
    return language if language in services.LANGUAGES else "en"


@login_not_required
def state_profile(request: HttpRequest, iso3: str) -> HttpResponse:
    state = directory_permissions.access_state(request.user, iso3)
    profile = selectors.state_profile(request.user, state, limit=selectors.PAGE_LIMIT)
    return TemplateResponse(
        request,
        "profiles/state_profile.html",
        {
            "state": state,
            "profile": profile,
            "top_slot": TOP,
            "versions": Version.choices,
            "inline": profile.size <= selectors.INLINE_MAX_ITEMS,
            "can_request": permissions.can_request_export(request.user),
            "can_add_contact": directory_permissions.can_add_contact(request.user, state),
        },
    )


@login_not_required
@require_POST
def export(request: HttpRequest, iso3: str) -> HttpResponse:
    """A small profile comes back at once; a large one is queued (signed-in users only)."""
    state = directory_permissions.access_state(request.user, iso3)
    version = request.POST.get("version", Version.PUBLIC)
    fmt = request.POST.get("format", "pdf")
    if version not in Version.values or fmt not in services.FORMATS:
        return HttpResponse(_("Unknown version or format."), status=400)
    if version == Version.FULL and not permissions.can_request_export(request.user):
        raise PermissionDenied
    language = _language()
    size = selectors.state_profile(request.user, state, limit=selectors.PAGE_LIMIT).size
    if size <= selectors.INLINE_MAX_ITEMS:
        content = services.render_one(
            actor=request.user, state=state, language=language, version=version, fmt=fmt
        )
        stamp = timezone.localdate().isoformat()
        return _file(content, fmt, f"profile-{state.iso3}-{version}-{language}-{stamp}")
    try:
        job = services.export_start(
            actor=request.user, state=state, language=language, version=version
        )
    except PermissionDenied:
        messages.info(request, _("This profile is large: sign in to have it built."))
        return redirect("profiles:state", state.iso3)
    except ValidationError as exc:
        return HttpResponse("; ".join(exc.messages), status=400)
    messages.info(request, _("The profile is being built; this page shows its progress."))
    return redirect(job.get_absolute_url())


def export_list(request: HttpRequest) -> HttpResponse:
    """The builds the signed-in person asked for (the page needs a login)."""
    exports = (
        ProfileExport.objects.select_related("state")
        .defer("pdf", "xlsx")
        .filter(requested_by_id=request.user.pk)[:50]
    )
    return TemplateResponse(request, "profiles/export_list.html", {"exports": exports})


def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = permissions.access_export(request.user, pk)
    template = "profiles/export_detail.html"
    if request.headers.get("HX-Request"):
        template += "#progress"
    response = TemplateResponse(request, template, {"job": job})
    if request.headers.get("HX-Request") and job.status in {
        ProfileExport.Status.DONE,
        ProfileExport.Status.FAILED,
    }:
        response["HX-Refresh"] = "true"
    return response


def export_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    job = permissions.access_export(request.user, pk)
    content = bytes(getattr(job, fmt, b"") or b"") if fmt in services.FORMATS else b""
    if job.status != ProfileExport.Status.DONE or not content:
        raise Http404
    stamp = f"{job.finished_at:%Y-%m-%d}" if job.finished_at else ""
    return _file(content, fmt, f"profile-{job.state.iso3}-{job.version}-{job.language}-{stamp}")
