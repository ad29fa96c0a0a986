"""Pages for needs (with matching projects), unmet needs, and overlap review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.assistance import selectors_review, services_review
from tact.assistance.forms_review import NeedForm, OverlapReviewForm
from tact.assistance.models import Need, OverlapCandidate
from tact.assistance.overlaps import DEFAULT_THRESHOLD
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


def _can_record_needs(user: Any) -> bool:
    scope = access.scope_of(user)
    return scope.is_secretariat or (scope.role == access.Role.FOCAL_POINT and bool(scope.state_ids))


def need_list(request: HttpRequest) -> HttpResponse:
    filters = _need_filters(request)
    needs = selectors_review.need_list(request.user, **filters)
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
            "can_create": _can_record_needs(request.user),
            **_need_filter_context(filters),
        },
    )


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors_review.need_get(request.user, pk)
    ranked = selectors_review.need_matches(request.user, [need], limit=15).get(need.pk, [])
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
            "can_edit": access.can_edit(request.user, need),
        },
    )


def _save_need(request: HttpRequest, form: NeedForm, need: Need | None) -> Need | None:
    data = form.cleaned_data
    try:
        return services_review.need_save(
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
    if not _can_record_needs(request.user):
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
    need = selectors_review.need_get(request.user, pk)
    access.require_edit(request.user, need)
    form = NeedForm(request.POST or None, user=request.user, initial=NeedForm.initial_for(need))
    if request.method == "POST" and form.is_valid():
        saved = _save_need(request, form, need)
        if saved is not None:
            messages.success(request, _("Need saved."))
            return redirect("assistance:need_detail", pk=saved.pk)
    return TemplateResponse(request, "assistance/needs/form.html", {"form": form, "need": need})


def need_unmet(request: HttpRequest) -> HttpResponse:
    filters = _need_filters(request)
    needs = selectors_review.need_list(request.user, **filters)
    rows: list[dict[str, Any]] = [
        {"need": need, "best": best, "reasons": describe(best.match.reasons) if best else []}
        for need, best in selectors_review.unmet_needs(request.user, needs)
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


# --- overlaps ------------------------------------------------------------------------------

OVERLAP_FILTERS = ("q", "status", "kind", "mine")


def overlap_list(request: HttpRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "").strip() for key in OVERLAP_FILTERS}
    candidates = selectors_review.overlap_list(
        request.user,
        q=filters["q"],
        status=filters["status"],
        kind=filters["kind"],
        mine=filters["mine"] == "1",
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "overlaps.xlsx",
            [
                _("Score"),
                _("Project"),
                _("IATI identifier"),
                _("Other project"),
                _("IATI identifier"),
                _("Kind"),
                _("Reasons"),
                _("Review"),
                _("Cluster"),
            ],
            (
                [
                    round(c.score, 3),
                    c.project_a.title,
                    c.project_a.iati_identifier,
                    c.project_b.title,
                    c.project_b.iati_identifier,
                    c.get_kind_display(),
                    "; ".join(
                        f"{r['label']} {r.get('detail', '')}".strip() for r in describe(c.reasons)
                    ),
                    c.get_status_display(),
                    c.cluster_key,
                ]
                for c in candidates
            ),
            title="overlaps",
        )
    page = paginate(request, candidates)
    for candidate in page.object_list:
        candidate.described = describe(candidate.reasons)
    template = htmx_template(request, "assistance/overlaps/list.html", "rows")
    counts = [
        (value, label, selectors_review.overlap_list(request.user, status=value).count())
        for value, label in OverlapCandidate.Review.choices
    ]
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "querystring": querystring_without_page(request),
            "filters": filters,
            "reviews": OverlapCandidate.Review.choices,
            "kinds": OverlapCandidate.Kind.choices,
            "counts": counts,
            "is_donor": access.scope_of(request.user).role == access.Role.DONOR,
            "can_detect": access.scope_of(request.user).is_secretariat,
            "threshold": DEFAULT_THRESHOLD,
        },
    )


def _overlap_context(
    request: HttpRequest, candidate: OverlapCandidate, form: Any = None
) -> dict[str, Any]:
    can_review = services_review.can_review(request.user, candidate)
    return {
        "candidate": candidate,
        "a": candidate.project_a,
        "b": candidate.project_b,
        "reasons": describe(candidate.reasons),
        "can_review": can_review,
        "form": form
        or OverlapReviewForm(initial={"status": candidate.status, "note": candidate.review_note}),
        "cluster": selectors_review.overlap_cluster(request.user, candidate),
    }


def overlap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors_review.overlap_get(request.user, pk)
    context = _overlap_context(request, candidate)
    context["sides"] = [
        {
            "project": project,
            "countries": ", ".join(c.code for c in project.countries.all()),
            "sectors": ", ".join(s.code for s in project.sectors.all()),
            "funders": ", ".join(
                o.name or o.ref for o in project.participating_organisations.filter(role="1")
            ),
            "implementers": ", ".join(
                o.name or o.ref for o in project.participating_organisations.filter(role="4")
            ),
        }
        for project in (candidate.project_a, candidate.project_b)
    ]
    return TemplateResponse(request, "assistance/overlaps/detail.html", context)


@require_POST
def overlap_review(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors_review.overlap_get(request.user, pk)
    form = OverlapReviewForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            candidate = services_review.overlap_review(
                actor=request.user,
                candidate=candidate,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.headers.get("HX-Request"):
                messages.success(request, _("Review saved."))
                return redirect(candidate)
            saved = True
    status = 200 if saved else 422
    context = _overlap_context(request, candidate, None if saved else form)
    context["saved"] = saved
    if request.headers.get("HX-Request"):
        return TemplateResponse(
            request, "assistance/overlaps/detail.html#review", context, status=status
        )
    return TemplateResponse(request, "assistance/overlaps/detail.html", context, status=status)


@require_POST
def overlap_detect(request: HttpRequest) -> HttpResponse:
    access.require_secretariat(request.user)
    summary = services_review.overlaps_detect(actor=request.user)
    messages.success(
        request,
        _("Overlap detection: %(projects)s projects, %(pairs)s pairs (%(created)s new).")
        % {"projects": summary.projects, "pairs": summary.pairs, "created": summary.created},
    )
    return redirect("assistance:overlap_list")
