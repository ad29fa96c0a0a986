"""Pages of evaluations: the list, an evaluation with its ratings, findings, management
responses and documents, and the follow-up of responses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.catalog.models import Theme
from tact.core.exports import xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.evaluation import permissions, selectors, services
from tact.evaluation.forms import (
    DocumentForm,
    EvaluationForm,
    FindingForm,
    RatingForm,
    ResponseForm,
)
from tact.evaluation.models import Criterion, Evaluation, RatingScale
from tact.evaluation.views._common import form_error, visible_projects


def evaluation_list(request: HttpRequest) -> HttpResponse:
    filters = {k: request.GET.get(k, "").strip() for k in ("q", "state", "kind", "status", "theme")}
    evaluations = selectors.evaluation_list(
        actor=request.user, **{k: v or None for k, v in filters.items()}
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "evaluations.xlsx",
            [
                _("Title"),
                _("Type"),
                _("Status"),
                _("Evaluators"),
                _("Period from"),
                _("Period to"),
                _("Classification"),
            ]
            + [str(label) for _c, label in Criterion.choices],
            (
                [
                    e.title,
                    e.get_kind_display(),
                    e.get_status_display(),
                    e.evaluators,
                    e.period_start,
                    e.period_end,
                    e.classification,
                ]
                + [
                    next((r.score for r in e.ratings.all() if r.criterion == c), "")
                    for c in Criterion.values
                ]
                for e in evaluations.prefetch_related("ratings")
            ),
            title="evaluations",
        )
    template = htmx_template(request, "evaluation/evaluation_list.html", "rows")
    return TemplateResponse(
        request,
        template,
        {
            "page": paginate(request, evaluations),
            "filters": filters,
            "kinds": Evaluation.Kind.choices,
            "statuses": Evaluation.Status.choices,
            "themes": Theme.objects.all(),
            "querystring": querystring_without_page(request),
            "can_create": permissions.can_create(request.user),
        },
    )


def evaluation_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create(request.user):
        raise PermissionDenied
    if not RatingScale.objects.exists():
        services.ensure_default_scales()
    form = EvaluationForm(
        request.POST or None,
        frameworks=selectors.framework_list(actor=request.user),
        projects=visible_projects(request.user),
        initial={"scale": RatingScale.objects.filter(code="ieg-6").first()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        title, scale = data.pop("title"), data.pop("scale")
        try:
            evaluation = services.evaluation_create(
                actor=request.user, title=title, scale=scale, **data
            )
        except PermissionDenied:
            form.add_error("owner_state", _("You may not create evaluations for this state."))
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Evaluation created."))
            return redirect(evaluation.get_absolute_url())
    return TemplateResponse(
        request, "evaluation/form.html", {"form": form, "heading": _("New evaluation")}
    )


def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = permissions.access_evaluation(request.user, pk, for_edit=True)
    form = EvaluationForm(
        request.POST or None,
        instance=evaluation,
        frameworks=selectors.framework_list(actor=request.user),
        projects=visible_projects(request.user),
    )
    if request.method == "POST" and form.is_valid():
        evaluation.refresh_from_db()
        try:
            services.evaluation_update(
                actor=request.user, evaluation=evaluation, **form.cleaned_data
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Evaluation saved."))
            return redirect(evaluation.get_absolute_url())
    return TemplateResponse(
        request,
        "evaluation/form.html",
        {"form": form, "heading": evaluation.title, "back": evaluation.get_absolute_url()},
    )


def _detail_context(request: HttpRequest, evaluation: Evaluation) -> dict[str, Any]:
    findings = list(evaluation.findings.all().select_related("response"))
    today = timezone.localdate()
    return {
        "evaluation": evaluation,
        "ratings": selectors.ratings_table(evaluation),
        "findings": [
            {
                "finding": f,
                "problems": services.good_practice_problems(f),
                "response": getattr(f, "response", None),
                "overdue": bool(getattr(f, "response", None) and f.response.is_overdue(today)),
            }
            for f in findings
        ],
        "can_rate": permissions.can_rate(request.user, evaluation),
        "can_respond": permissions.can_respond(request.user, evaluation),
        "can_edit": permissions.can_edit_evaluation(request.user, evaluation),
        "finding_form": FindingForm(),
        "document_form": DocumentForm(),
        "interventions": selectors.evaluation_interventions(
            actor=request.user, evaluation=evaluation
        ),
        "frameworks": selectors.evaluation_frameworks(actor=request.user, evaluation=evaluation),
    }


def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = permissions.access_evaluation(request.user, pk)
    return TemplateResponse(
        request, "evaluation/evaluation_detail.html", _detail_context(request, evaluation)
    )


def rating_edit(request: HttpRequest, pk: int, criterion: str) -> HttpResponse:
    """The rating of one criterion: an htmx form in the ratings table, saved in place."""
    evaluation = permissions.access_evaluation_to_rate(request.user, pk)
    if criterion not in Criterion.values:
        raise Http404(_("Unknown criterion."))
    current = evaluation.ratings.filter(criterion=criterion).first()
    initial = (
        {
            "score": current.score,
            "justification": current.justification,
            "evidence_strength": current.evidence_strength,
        }
        if current
        else {}
    )
    form = RatingForm(request.POST or None, scale=evaluation.scale, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_set(
                actor=request.user, evaluation=evaluation, criterion=criterion, **form.cleaned_data
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            evaluation = permissions.access_evaluation(request.user, pk)
            row = next(
                r for r in selectors.ratings_table(evaluation) if r["criterion"] == criterion
            )
            if request.headers.get("HX-Request"):
                return TemplateResponse(
                    request,
                    "evaluation/evaluation_detail.html#rating_row",
                    {"row": row, "evaluation": evaluation, "can_rate": True},
                )
            messages.success(request, _("Rating saved."))
            return redirect(evaluation.get_absolute_url())
    template = htmx_template(request, "evaluation/rating_form.html", "rating_form")
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "evaluation": evaluation,
            "criterion": criterion,
            "criterion_label": Criterion(criterion).label,
        },
    )


@require_POST
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = permissions.access_evaluation_to_rate(request.user, pk)
    form = FindingForm(request.POST)
    if form.is_valid():
        try:
            services.finding_create(actor=request.user, evaluation=evaluation, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Finding recorded."))
            return redirect(evaluation.get_absolute_url() + "#findings")
    context = _detail_context(request, evaluation)
    context["finding_form"] = form
    return TemplateResponse(request, "evaluation/evaluation_detail.html", context, status=400)


@require_POST
def good_practice_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    finding = permissions.access_finding(request.user, pk, for_edit=True)
    try:
        if finding.good_practice_candidate:
            services.good_practice_withdraw(actor=request.user, finding=finding)
            messages.success(request, _("No longer proposed as a good practice."))
        else:
            services.good_practice_propose(actor=request.user, finding=finding)
            messages.success(request, _("Proposed as a good practice."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(finding.get_absolute_url())


def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = permissions.access_finding_to_respond(request.user, pk)
    evaluation = finding.evaluation
    current = getattr(finding, "response", None) if hasattr(finding, "response") else None
    form = ResponseForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save(actor=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Management response saved."))
            return redirect(finding.get_absolute_url())
    return TemplateResponse(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "heading": _("Management response"),
            "intro": finding.text,
            "intro_title": finding.title,
            "back": evaluation.get_absolute_url(),
        },
    )


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = permissions.access_evaluation(request.user, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(actor=request.user, evaluation=evaluation, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Document added."))
    else:
        messages.error(request, _("The document was not added: check the fields."))
    return redirect(evaluation.get_absolute_url() + "#documents")


def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An uploaded evaluation document, served only to those who may see the evaluation."""
    document = permissions.access_document(request.user, pk)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:  # the record outlived its file: missing, not an error
        raise Http404(_("The file of this document is missing.")) from exc
    return FileResponse(handle, as_attachment=True)


def responses(request: HttpRequest) -> HttpResponse:
    rows = selectors.responses_to_follow(actor=request.user)
    today = timezone.localdate()
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "management-responses.xlsx",
            [
                _("Evaluation"),
                _("Recommendation"),
                _("Decision"),
                _("Responsible"),
                _("Due date"),
                _("Follow-up status"),
            ],
            (
                [
                    f.evaluation.title,
                    f.title,
                    f.response.get_decision_display() if hasattr(f, "response") else "",
                    f.response.responsible if hasattr(f, "response") else "",
                    f.response.due_date if hasattr(f, "response") else "",
                    f.response.get_follow_up_status_display()
                    if hasattr(f, "response")
                    else _("No response yet"),
                ]
                for f in rows
            ),
            title="responses",
        )
    items: list[dict[str, Any]] = [
        {"finding": f, "response": getattr(f, "response", None) if hasattr(f, "response") else None}
        for f in rows
    ]
    for item in items:
        item["overdue"] = bool(item["response"] and item["response"].is_overdue(today))
    return TemplateResponse(
        request,
        "evaluation/responses.html",
        {"page": paginate(request, items), "querystring": querystring_without_page(request)},
    )
