"""Rating-sheet import with a preview: the uploaded sheet is checked and shown; only a
sheet without bad rows can be confirmed. The preview's cells travel in a signed field so
the confirm step saves exactly what was shown (and nothing if anything was wrong)."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tact.core.uploads import check_upload_size
from tact.threats import importing, permissions, services
from tact.threats.forms import ImportForm

SALT = "tact.threats.rating-sheet"


def rating_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = permissions.access_assessment(request.user, pk)
    from tact.core.exports import XLSX_TYPE

    response = HttpResponse(importing.sheet_bytes(assessment), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="rating-sheet-{assessment.pk}.xlsx"'
    return response


def rating_import(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = permissions.access_assessment(request.user, pk, for_edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    payload = ""
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            signed = signing.loads(request.POST["confirm"], salt=SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("The preview expired: upload the sheet again."))
            return redirect("threats:rating_import", pk=assessment.pk)
        if signed.get("assessment") != assessment.pk:
            messages.error(request, _("The preview expired: upload the sheet again."))
            return redirect("threats:rating_import", pk=assessment.pk)
        cells = {(int(s), str(a)): str(lv) for s, a, lv in signed["cells"]}
        try:
            changed = services.ratings_set(actor=request.user, assessment=assessment, cells=cells)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("threats:rating_import", pk=assessment.pk)
        messages.success(
            request,
            ngettext("%(n)d rating changed.", "%(n)d ratings changed.", changed) % {"n": changed},
        )
        return redirect(assessment.get_absolute_url())
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            check_upload_size(upload.size)
        except ValidationError as exc:
            form.add_error("sheet", exc)
        else:
            preview = importing.parse_sheet(assessment, upload.read())
            if preview.ok:
                payload = signing.dumps(
                    {"assessment": assessment.pk, "cells": importing.as_payload(preview)}, salt=SALT
                )
    return TemplateResponse(
        request,
        "threats/import.html",
        {"assessment": assessment, "form": form, "preview": preview, "payload": payload},
    )
