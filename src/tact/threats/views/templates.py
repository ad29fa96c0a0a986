"""Method-template pages: list, show a version, create (from scratch or from another
template) and edit. Saving an edit makes a new version; no code is needed for any of it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tact.core import access
from tact.threats import forms, methods, permissions, selectors, services
from tact.threats.models import MethodTemplate, TemplateVersion


def template_list(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "threats/template_list.html",
        {
            "templates": selectors.template_list(actor=request.user),
            "can_create": permissions.can_create_template(request.user),
        },
    )


def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = permissions.access_template(request.user, pk)
    versions = list(template.versions.order_by("-number"))
    wanted = request.GET.get("version", "")
    version = next(
        (v for v in versions if str(v.number) == wanted), versions[0] if versions else None
    )
    definition = version.parsed() if version else None
    return TemplateResponse(
        request,
        "threats/template_detail.html",
        {
            "template": template,
            "versions": versions,
            "version": version,
            "definition": definition,
            "cells": forms.cell_choices(definition) if definition else [],
            # Only the assessments the viewer may see, and only how many.
            "used_by": access.visible(request.user, version.assessments.all()).count()
            if version
            else 0,
            "can_edit": permissions.can_edit_template(request.user, template),
        },
    )


def _cells(request: HttpRequest) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    for key in request.POST:
        if key.startswith("cell-"):
            try:
                _prefix, row, col = key.split("-")
                cells[(int(row), int(col))] = str(request.POST[key])
            except ValueError:
                continue
    return cells


def _editor(
    request: HttpRequest, *, template: MethodTemplate | None, start: dict[str, Any]
) -> HttpResponse:
    editing = template is not None
    data = request.POST if request.method == "POST" else None
    # Bound formsets get no initial rows: an unchanged prefilled row must still count.
    initial = forms.initial_from(start if data is None else {})
    head = forms.TemplateForm(
        data,
        editing=editing,
        initial={
            "key": "",
            "name": template.name if template else "",
            "description": template.description if template else "",
            "rule": start.get("rule", "weighted_sum"),
        },
    )
    levels = forms.LevelFormSet(data, initial=initial["levels"], prefix="levels")
    attributes = forms.AttributeFormSet(data, initial=initial["attributes"], prefix="attributes")
    bands = forms.BandFormSet(data, initial=initial["bands"], prefix="bands")
    problems: list[str] = []
    if data is not None and all(f.is_valid() for f in (head, levels, attributes, bands)):
        matrix = start.get("matrix") or {}
        definition = forms.definition_from(
            head.cleaned_data["rule"],
            levels,
            attributes,
            bands,
            _cells(request),
            (matrix.get("likelihood", "likelihood"), matrix.get("impact", "impact")),
        )
        try:
            if template is None:
                template = services.template_create(
                    actor=request.user,
                    key=head.cleaned_data["key"],
                    name=head.cleaned_data["name"],
                    description=head.cleaned_data["description"],
                    definition=definition,
                    note=head.cleaned_data["note"],
                )
            else:
                services.template_revise(
                    actor=request.user,
                    template=template,
                    definition=definition,
                    note=head.cleaned_data["note"],
                    name=head.cleaned_data["name"],
                    description=head.cleaned_data["description"],
                )
        except ValidationError as exc:
            problems = list(exc.messages)
        else:
            messages.success(request, _("Method template saved."))
            return redirect(template.get_absolute_url())
    elif data is not None:
        problems = [_("Some rows are not valid: see the marked fields.")]
    try:
        cells = forms.cell_choices(methods.parse(start)) if start.get("rule") == "lookup" else []
    except methods.DefinitionError:
        cells = []
    return TemplateResponse(
        request,
        "threats/template_form.html",
        {
            "template": template,
            "head": head,
            "levels": levels,
            "attributes": attributes,
            "bands": bands,
            "cells": cells,
            "band_codes": [b.get("code", "") for b in (start.get("matrix") or {}).get("bands", [])],
            "problems": problems,
            "heading": _("Edit method template") if editing else _("New method template"),
        },
    )


def template_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_template(request.user):
        raise PermissionDenied
    start: dict[str, Any] = {"rule": "weighted_sum", "scales": {}, "attributes": []}
    source = request.GET.get("from", "")
    if source.isdigit():
        original = permissions.access_template(request.user, int(source))
        latest = original.latest_version()
        if latest is not None:
            start = dict(latest.definition)
    return _editor(request, template=None, start=start)


def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = permissions.access_template(request.user, pk, for_edit=True)
    latest: TemplateVersion | None = template.latest_version()
    return _editor(request, template=template, start=dict(latest.definition) if latest else {})
