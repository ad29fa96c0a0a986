"""Pages for resolutions, recommendations, follow-up, progress and meetings (thin)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.core import links
from tact.core.exports import pdf_response, xlsx_response
from tact.core.pagination import paginate, querystring_without_page
from tact.core.uploads import check_upload_size
from tact.directory import permissions as directory_permissions
from tact.resolutions import permissions, selectors, services
from tact.resolutions.akn import to_akn
from tact.resolutions.forms import (
    AgendaItemForm,
    EvidenceForm,
    FollowUpForm,
    LanguageVersionForm,
    MeetingDocumentForm,
    MeetingForm,
    PanelForm,
    PreviewForm,
    RecommendationForm,
    ResolutionUploadForm,
)
from tact.resolutions.models import FollowUp, Recommendation
from tact.resolutions.tree import load_preview, parsed_from_records, sign_preview
from tact.search import search_all, suggest_evidence


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    resolutions = selectors.resolution_list(q=q or None)
    return TemplateResponse(
        request,
        "resolutions/index.html",
        {
            "page": paginate(request, resolutions),
            "q": q,
            "querystring": querystring_without_page(request),
            "meetings": selectors.meeting_list()[:5],
            "can_import": permissions.can_import_resolution(request.user),
        },
    )


# --- import: upload -> preview (nothing saved) -> confirm ---------------------------------


def resolution_import(request: HttpRequest) -> HttpResponse:
    if not permissions.can_import_resolution(request.user):
        raise PermissionDenied
    form = ResolutionUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
            parsed = services.resolution_parse(
                upload.read(), upload.name or "", form.cleaned_data["language"] or None
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            preview = PreviewForm(
                parsed=parsed,
                initial={
                    "token": sign_preview(parsed, upload.name or ""),
                    "symbol": form.cleaned_data["symbol"],
                    "adopted_on": form.cleaned_data["adopted_on"],
                },
            )
            return _preview(request, preview, upload.name or "")
    return TemplateResponse(request, "resolutions/import.html", {"form": form})


def _preview(request: HttpRequest, form: PreviewForm, filename: str) -> HttpResponse:
    parsed = form.parsed
    return TemplateResponse(
        request,
        "resolutions/preview.html",
        {
            "form": form,
            "parsed": parsed,
            "filename": filename,
            "count": len(parsed.codes()),
        },
    )


@require_POST
def resolution_import_confirm(request: HttpRequest) -> HttpResponse:
    if not permissions.can_import_resolution(request.user):
        raise PermissionDenied
    try:
        parsed, filename = load_preview(request.POST.get("token", ""))
    except signing.BadSignature:
        messages.error(request, _("The preview has expired or was altered; upload the file again."))
        return redirect("resolutions:import")
    form = PreviewForm(request.POST, parsed=parsed)
    if not form.is_valid():
        return _preview(request, form, filename)
    resolution, created = services.resolution_import(
        actor=request.user,
        parsed=parsed,
        filename=filename,
        corrections=form.corrections(),
        adopted_on=form.cleaned_data.get("adopted_on"),
        symbol=form.cleaned_data.get("symbol") or "",
    )
    if created:
        messages.success(
            request,
            _("Imported %(n)d recommendations.") % {"n": resolution.recommendations.count()},
        )
    else:
        messages.info(request, _("This document was already imported; nothing was changed."))
    return redirect(resolution.get_absolute_url())


# --- resolutions and recommendations ------------------------------------------------------


@login_not_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = permissions.access_resolution(request.user, pk)
    if request.GET.get("format") == "xlsx":
        recs = selectors.recommendation_list(resolution=resolution)
        return xlsx_response(
            f"resolution-{pk}-recommendations.xlsx",
            [_("Code"), _("Text"), _("Verb"), _("Addressees"), _("Themes"), _("Provisions")],
            (
                [
                    r.code,
                    r.text,
                    r.verb,
                    ", ".join(r.addressee_labels()),
                    ", ".join(t.title for t in r.themes.all()),
                    ", ".join(p.key for p in r.provisions.all()),
                ]
                for r in recs
            ),
            title="recommendations",
        )
    return TemplateResponse(
        request,
        "resolutions/resolution_detail.html",
        {
            "resolution": resolution,
            "tree": selectors.recommendation_tree(resolution),
            "language_versions": selectors.language_versions(resolution),
            "version_form": (
                LanguageVersionForm(candidates=selectors.version_candidates(resolution))
                if permissions.can_import_resolution(request.user)
                else None
            ),
            "can_edit": permissions.can_correct_recommendation(request.user),
        },
    )


@login_not_required
def resolution_akn(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = permissions.access_resolution(request.user, pk)
    xml = to_akn(
        parsed_from_records(resolution),
        doc_date=resolution.adopted_on or resolution.created_at.date(),
        number=resolution.symbol or str(resolution.pk),
    )
    response = HttpResponse(xml, content_type="application/akn+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resolution-{pk}.akn.xml"'
    return response


@login_not_required
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = permissions.access_recommendation(request.user, pk)
    follow_ups = selectors.follow_up_list(request.user, recommendation=recommendation)
    return TemplateResponse(
        request,
        "resolutions/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "follow_ups": follow_ups,
            "children": recommendation.children.order_by("order"),
            "panels": recommendation.panels.select_related("meeting"),
            "adopted_at": recommendation.adopted_at.all(),
            "can_edit": permissions.can_correct_recommendation(request.user),
            "can_report": permissions.can_report_follow_up(request.user),
            "form": RecommendationForm.for_recommendation(recommendation)
            if permissions.can_correct_recommendation(request.user)
            else None,
        },
    )


@require_POST
def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = permissions.access_recommendation(request.user, pk)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        services.recommendation_update(
            actor=request.user, recommendation=recommendation, **form.cleaned_data
        )
        messages.success(request, _("Recommendation saved."))
    else:
        messages.error(request, _("The recommendation was not saved: check the fields."))
    return redirect(recommendation.get_absolute_url())


# --- follow-up ----------------------------------------------------------------------------


def followup_create(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = permissions.access_recommendation(request.user, pk)
    if not permissions.can_report_follow_up(request.user):
        raise PermissionDenied
    form = FollowUpForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = services.follow_up_create(
                actor=request.user,
                recommendation=recommendation,
                language=request.LANGUAGE_CODE,
                **form.cleaned_data,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Follow-up saved. Add evidence below."))
            return redirect(follow_up.get_absolute_url())
    return TemplateResponse(
        request,
        "resolutions/followup_form.html",
        {"form": form, "recommendation": recommendation},
    )


def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = permissions.access_follow_up(request.user, pk)
    can_edit = permissions.can_edit_follow_up(request.user, follow_up)
    evidence = [
        (item, links.resolve_ref(request.user, item.record_ref) if item.record_ref else None)
        for item in follow_up.evidence.all()
    ]
    return TemplateResponse(
        request,
        "resolutions/followup_detail.html",
        {
            "follow_up": follow_up,
            "evidence": evidence,
            "can_edit": can_edit,
            "evidence_form": EvidenceForm() if can_edit else None,
            # Records other domains propose as evidence (e.g. the state's strategies for annex.a).
            "suggestions": suggest_evidence(
                request.user,
                recommendation_code=follow_up.recommendation.code,
                state_id=follow_up.owner_state_id,
            )
            if can_edit
            else [],
            "statuses": FollowUp.Status.choices,
        },
    )


@require_POST
def followup_status(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = permissions.access_follow_up(request.user, pk, for_edit=True)
    try:
        services.follow_up_update(
            actor=request.user, follow_up=follow_up, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Status updated."))
    return redirect(follow_up.get_absolute_url())


@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = permissions.access_follow_up(request.user, pk, for_edit=True)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Evidence added."))
    else:
        messages.error(request, _("The evidence was not added: check the fields."))
    return redirect(follow_up.get_absolute_url())


def record_picker(request: HttpRequest) -> HttpResponse:
    """htmx: tact records matching a query, each a button that fills the evidence form."""
    q = request.GET.get("q", "").strip()
    hits = [hit for hit in search_all(request.user, q, limit_per_kind=5) if hit.ref]
    return TemplateResponse(request, "resolutions/_record_picker.html", {"hits": hits, "q": q})


# --- progress -----------------------------------------------------------------------------


STATUS_COLOURS = {
    "not_started": "#b23b3b",
    "in_progress": "#d9a400",
    "partial": "#6fa8dc",
    "implemented": "#2e7d32",
    "not_applicable": "#9e9e9e",
}


def _charts(progress: selectors.Progress) -> dict[str, str]:
    """ECharts options: reports by status per top-level recommendation, and overall."""
    rows = [p for p in progress.by_recommendation if p.recommendation.parent_id is None]
    by_item = {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"bottom": 0},
        "grid": {"left": 40, "right": 20, "top": 20, "bottom": 60},
        "xAxis": {"type": "category", "data": [p.recommendation.code for p in rows]},
        "yAxis": {"type": "value", "minInterval": 1, "name": str(_("Reports"))},
        "series": [
            {
                "name": str(label),
                "type": "bar",
                "stack": "reports",
                "itemStyle": {"color": STATUS_COLOURS[status]},
                "data": [_subtree_count(progress, p.recommendation, status) for p in rows],
            }
            for status, label in FollowUp.Status.choices
        ],
    }
    overall = {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "pie",
                "radius": ["45%", "70%"],
                "label": {"formatter": "{b}: {c}"},
                "data": [
                    {
                        "name": str(label),
                        "value": progress.status_counts.get(status, 0),
                        "itemStyle": {"color": STATUS_COLOURS[status]},
                    }
                    for status, label in FollowUp.Status.choices
                    if progress.status_counts.get(status, 0)
                ],
            }
        ],
    }
    return {"by_item": json.dumps(by_item), "overall": json.dumps(overall)}


def _subtree_count(progress: selectors.Progress, root: Recommendation, status: str) -> int:
    prefix = root.code + "."
    return sum(
        p.counts.get(status, 0)
        for p in progress.by_recommendation
        if p.recommendation.code == root.code or p.recommendation.code.startswith(prefix)
    )


@login_not_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = permissions.access_resolution(request.user, pk)
    data = selectors.resolution_progress(request.user, resolution)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return xlsx_response(
            f"resolution-{pk}-progress.xlsx",
            [
                _("Code"),
                _("Recommendation"),
                _("Reported by"),
                _("Status"),
                _("Reported on"),
                _("Narrative"),
            ],
            (
                [
                    p.recommendation.code,
                    p.recommendation.text,
                    r.actor_name,
                    r.get_status_display(),
                    r.reported_on,
                    r.narrative,
                ]
                for p in data.by_recommendation
                for r in (p.reports or [None])  # type: ignore[list-item]
                if r is not None
            ),
            title="progress",
        )
    context = {
        "resolution": resolution,
        "progress": data,
        "statuses": FollowUp.Status.choices,
        "charts": _charts(data),
        "matrix_rows": [
            (
                state,
                [
                    data.matrix.get(state.pk, {}).get(p.recommendation.pk, "")
                    for p in data.by_recommendation
                ],
            )
            for state in data.states
        ],
    }
    if fmt == "pdf":
        return pdf_response(
            f"resolution-{pk}-progress.pdf", "resolutions/progress_pdf.html", context, request
        )
    return TemplateResponse(request, "resolutions/progress.html", context)


@login_not_required
def state_progress(request: HttpRequest, iso3: str) -> HttpResponse:
    state = directory_permissions.access_state(request.user, iso3)
    rows = selectors.state_progress(request.user, state)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"{state.iso3}-follow-up.xlsx",
            [_("Code"), _("Recommendation"), _("Status"), _("Reported on")],
            (
                [
                    rec.code,
                    rec.text,
                    report.get_status_display() if report else _("No report"),
                    report.reported_on if report else "",
                ]
                for rec, report in rows
            ),
            title="follow-up",
        )
    return TemplateResponse(
        request, "resolutions/state_progress.html", {"state": state, "rows": rows}
    )


# --- meetings -----------------------------------------------------------------------------


@login_not_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    meetings = selectors.meeting_list(q=q or None)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "meetings.xlsx",
            [_("Date"), _("Title"), _("Body"), _("Session"), _("Place"), _("Panels")],
            (
                [m.starts_on, m.title, m.body, m.session, m.place, m.panel_count]  # type: ignore[attr-defined]
                for m in meetings
            ),
            title="meetings",
        )
    return TemplateResponse(
        request,
        "resolutions/meeting_list.html",
        {
            "page": paginate(request, meetings),
            "q": q,
            "querystring": querystring_without_page(request),
            "can_edit": permissions.can_manage_meetings(request.user),
        },
    )


@login_not_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = permissions.access_meeting(request.user, pk)
    can_edit = permissions.can_manage_meetings(request.user)
    return TemplateResponse(
        request,
        "resolutions/meeting_detail.html",
        {
            "meeting": meeting,
            "can_edit": can_edit,
            "panel_form": PanelForm() if can_edit else None,
            "agenda_form": AgendaItemForm() if can_edit else None,
            "document_form": MeetingDocumentForm() if can_edit else None,
        },
    )


def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.can_manage_meetings(request.user):
        raise PermissionDenied
    meeting = permissions.access_meeting(request.user, pk, for_edit=True) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            values = dict(form.cleaned_data)
            adopted = values.pop("adopted_recommendations")
            meeting = services.meeting_save(actor=request.user, meeting=meeting, **values)
            services.meeting_set_adopted(
                actor=request.user, meeting=meeting, recommendations=adopted
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect(meeting.get_absolute_url())
    return TemplateResponse(
        request, "resolutions/meeting_form.html", {"form": form, "meeting": meeting}
    )


def _meeting_part(request: HttpRequest, pk: int, form_class: Any, save: Any) -> HttpResponse:
    if not permissions.can_manage_meetings(request.user):
        raise PermissionDenied
    meeting = permissions.access_meeting(request.user, pk, for_edit=True)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            save(meeting, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Meeting saved."))
    else:
        messages.error(request, _("Nothing was added: check the fields."))
    return redirect(meeting.get_absolute_url())


@require_POST
def panel_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_part(
        request,
        pk,
        PanelForm,
        lambda meeting, data: services.panel_add(actor=request.user, meeting=meeting, **data),
    )


@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_part(
        request,
        pk,
        AgendaItemForm,
        lambda meeting, data: services.agenda_item_add(actor=request.user, meeting=meeting, **data),
    )


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_part(
        request,
        pk,
        MeetingDocumentForm,
        lambda meeting, data: services.meeting_document_add(
            actor=request.user, meeting=meeting, **data
        ),
    )
