"""Linking a resolution to the same document in another language (secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.resolutions import permissions, selectors, services
from tact.resolutions.forms import LanguageVersionForm


@require_POST
def resolution_link_version(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = permissions.access_resolution(request.user, pk)
    if not permissions.can_import_resolution(request.user):
        raise PermissionDenied
    form = LanguageVersionForm(request.POST, candidates=selectors.version_candidates(resolution))
    if not form.is_valid():
        messages.error(request, _("Choose a document in another language."))
        return redirect(resolution.get_absolute_url())
    try:
        services.resolution_link_version(
            actor=request.user, resolution=resolution, original=form.cleaned_data["original"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Linked as a language version."))
    return redirect(resolution.get_absolute_url())
