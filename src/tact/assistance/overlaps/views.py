"""Pages for overlap review: the list of possible overlaps, one pair, the verdict, and
starting detection (a background task)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.assistance import permissions
from tact.assistance.models import OverlapCandidate
from tact.assistance.overlaps import selectors, services
from tact.assistance.overlaps.forms import OverlapReviewForm
from tact.assistance.overlaps.scoring import DEFAULT_THRESHOLD
from tact.assistance.reasons import describe
from tact.core import access
from tact.core.exports import xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page

OVERLAP_FILTERS = ("q", "status", "kind", "mine")


def overlap_list(request: HttpRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "").strip() for key in OVERLAP_FILTERS}
    candidates = selectors.overlap_list(
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
        (value, label, selectors.overlap_list(request.user, status=value).count())
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
            "can_detect": permissions.can_detect_overlaps(request.user),
            "detection": selectors.latest_detection(),
            "threshold": DEFAULT_THRESHOLD,
        },
    )


def _overlap_context(
    request: HttpRequest, candidate: OverlapCandidate, form: Any = None
) -> dict[str, Any]:
    can_review = permissions.can_review_overlap(request.user, candidate)
    return {
        "candidate": candidate,
        "a": candidate.project_a,
        "b": candidate.project_b,
        "reasons": describe(candidate.reasons),
        "can_review": can_review,
        "form": form
        or OverlapReviewForm(initial={"status": candidate.status, "note": candidate.review_note}),
        "cluster": selectors.overlap_cluster(request.user, candidate),
    }


def overlap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.overlap_get(request.user, pk)
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
    candidate = selectors.overlap_get(request.user, pk)
    form = OverlapReviewForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            candidate = services.overlap_review(
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
    """Queue detection as a background task; the list page shows its progress."""
    run = services.overlaps_start(actor=request.user)
    if run.status == run.Status.DONE:
        messages.success(
            request,
            _("Overlap detection: %(projects)s projects, %(created)s new pairs.")
            % {"projects": run.activities_seen, "created": run.imported},
        )
    else:
        messages.info(request, _("Overlap detection started; this page shows its progress."))
    return redirect("assistance:overlap_list")
