"""Pages for needs, their matching projects and offers, and unmet needs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tact.assistance import permissions
from tact.assistance.models import Need
from tact.assistance.needs import selectors, services
from tact.assistance.needs.forms import NeedForm
from tact.assistance.reasons import describe
from tact.catalog.models import Theme
from tact.core import access
from tact.core.exports import xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.directory.models import State

NEED_FILTERS = ("q", "state", "status", "priority", "source", "theme")


def _need_filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in NEED_FILTERS}


def _need_filter_context(filters: dict[str, str]) -> dict[str, Any]:
    return {
        **filters,
        "statuses": Need.Status.choices,
        "priorities": Need.Priority.choices,
        "sources": Need.Source.choices,
        "themes": Theme.objects.all(),
        "states": State.objects.filter(needs__isnull=False).distinct().order_by("name"),
    }


def need_list(request: HttpRequest) -> HttpResponse:
    filters = _need_filters(request)
    needs = selectors.need_list(request.user, **filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "needs.xlsx",
            [
                _("State"),
                _("Title"),
                _("Priority"),
                _("Status"),
                _("Source"),
                _("Provisions"),
                _("Themes"),
                _("Classification"),
                _("Description"),
            ],
            (
                [
                    n.state.display_name,
                    n.title,
                    n.get_priority_display(),
                    n.get_status_display(),
                    n.get_source_display(),
                    ", ".join(p.key for p in n.provisions.all()),
                    ", ".join(t.code for t in n.themes.all()),
                    n.get_classification_display(),
                    n.description,
                ]
                for n in needs.prefetch_related("provisions", "themes")
            ),
            title="needs",
        )
    page = paginate(request, needs.prefetch_related("provisions"))
    template = htmx_template(request, "assistance/needs/list.html", "rows")
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "querystring": querystring_without_page(request),
            "can_create": permissions.can_record_needs(request.user),
            **_need_filter_context(filters),
        },
    )


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = permissions.access_need(request.user, pk)
    ranked = selectors.need_matches(request.user, [need], limit=15).get(need.pk, [])
    matches: list[dict[str, Any]] = [
        {"project": r.project, "match": r.match, "reasons": describe(r.match.reasons)}
        for r in ranked
    ]
    return TemplateResponse(
        request,
        "assistance/needs/detail.html",
        {
            "need": need,
            "provisions": need.provisions.select_related("instrument"),
            "need_themes": need.themes.all(),
            "linked_projects": access.visible(request.user, need.projects.all()),
            "matches": matches,
            "answered": any(m["match"].answers for m in matches),
            "can_edit": permissions.can_edit_need(request.user, need),
        },
    )


def _save_need(request: HttpRequest, form: NeedForm, need: Need | None) -> Need | None:
    data = form.cleaned_data
    try:
        return services.need_save(
            actor=request.user,
            need=need,
            state=data["state"],
            title=data["title"],
            description=data["description"],
            provisions=data["provisions"],
            themes=data["themes"],
            priority=data["priority"],
            status=data["status"],
            source=data["source"],
            classification=data["classification"],
        )
    except ValidationError as error:
        form.add_error(None, error)
    except PermissionDenied as error:
        form.add_error("state", str(error))
    return None


def need_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_record_needs(request.user):
        raise PermissionDenied(_("Only focal points and the secretariat record needs."))
    initial: dict[str, Any] = {
        "classification": "restricted",
        "status": Need.Status.OPEN,
        "priority": Need.Priority.MEDIUM,
        "source": Need.Source.STATE,
    }
    scope = access.scope_of(request.user)
    if len(scope.state_ids) == 1:
        initial["state"] = next(iter(scope.state_ids))
    form = NeedForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        need = _save_need(request, form, None)
        if need is not None:
            messages.success(request, _("Need recorded."))
            return redirect("assistance:need_detail", pk=need.pk)
    return TemplateResponse(request, "assistance/needs/form.html", {"form": form, "need": None})


def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = permissions.access_need(request.user, pk, for_edit=True)
    form = NeedForm(request.POST or None, user=request.user, initial=NeedForm.initial_for(need))
    if request.method == "POST" and form.is_valid():
        saved = _save_need(request, form, need)
        if saved is not None:
            messages.success(request, _("Need saved."))
            return redirect("assistance:need_detail", pk=saved.pk)
    return TemplateResponse(request, "assistance/needs/form.html", {"form": form, "need": need})


def need_unmet(request: HttpRequest) -> HttpResponse:
    filters = _need_filters(request)
    needs = selectors.need_list(request.user, **filters)
    rows: list[dict[str, Any]] = [
        {"need": need, "best": best, "reasons": describe(best.match.reasons) if best else []}
        for need, best in selectors.unmet_needs(request.user, needs)
    ]
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "unmet-needs.xlsx",
            [_("State"), _("Title"), _("Priority"), _("Status"), _("Closest project"), _("Score")],
            (
                [
                    r["need"].state.display_name,
                    r["need"].title,
                    r["need"].get_priority_display(),
                    r["need"].get_status_display(),
                    r["best"].project.title if r["best"] else "",
                    round(r["best"].match.score, 2) if r["best"] else "",
                ]
                for r in rows
            ),
            title="unmet needs",
        )
    page = paginate(request, rows)
    return TemplateResponse(
        request,
        "assistance/needs/unmet.html",
        {
            "page": page,
            "querystring": querystring_without_page(request),
            **_need_filter_context(filters),
        },
    )
