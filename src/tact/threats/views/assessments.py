"""Assessment pages: list, create and edit, the matrix and its results, ratings, evidence,
findings, reports and chart data. Every record is fetched through `permissions.access_*`
(404 for what the viewer may not see)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tact.core import access
from tact.core.exports import PDF_TYPE, XLSX_TYPE, xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.directory.models import Organisation, State
from tact.threats import grading, permissions, report, selectors, services
from tact.threats.forms import (
    AssessmentForm,
    EvidenceForm,
    FindingForm,
    NeedForm,
    PublishForm,
    SubjectForm,
)
from tact.threats.models import Assessment, TemplateVersion, scope_labels


def _errors(form: Any, exc: ValidationError | PermissionDenied) -> None:
    for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
        form.add_error(None, message)


def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    state = request.GET.get("state", "").strip()
    status = request.GET.get("status", "").strip()
    assessments = selectors.assessment_list(actor=request.user, q=q, state=state, status=status)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "threat-assessments.xlsx",
            [_("Title"), _("Owner"), _("Period"), _("Status"), _("Classification")],
            (
                [
                    a.title,
                    str(a.owner_state or a.owner_organisation or ""),
                    f"{a.period_start} – {a.period_end}",
                    a.get_status_display(),
                    a.get_classification_display(),
                ]
                for a in assessments
            ),
            title="assessments",
        )
    return TemplateResponse(
        request,
        htmx_template(request, "threats/index.html", "rows"),
        {
            "page": paginate(request, assessments),
            "filters": {"q": q, "state": state, "status": status},
            "statuses": Assessment.Status.choices,
            "querystring": querystring_without_page(request),
            "counts": selectors.assessment_counts(actor=request.user),
            "can_create": permissions.can_start_assessment(request.user),
        },
    )


def _form(
    request: HttpRequest, assessment: Assessment | None = None, data: Any = None
) -> AssessmentForm:
    scope = access.scope_of(request.user)
    states = (
        State.objects.all()
        if scope.is_secretariat
        else State.objects.filter(pk__in=scope.state_ids)
    )
    organisations = (
        Organisation.objects.all()
        if scope.is_secretariat
        else Organisation.objects.filter(pk__in=scope.organisation_ids)
    )
    versions = TemplateVersion.objects.filter(
        template__in=selectors.template_list(actor=request.user)
    ).select_related("template")
    initial: dict[str, Any] = {}
    if assessment is not None:
        initial = {f: getattr(assessment, f) for f in services.ASSESSMENT_FIELDS}
    elif states.count() == 1:
        initial["owner_state"] = states.first()
    return AssessmentForm(
        data,
        initial=initial,
        states=states,
        organisations=organisations,
        versions=versions,
        previous=selectors.previous_candidates(
            actor=request.user, exclude=assessment.pk if assessment else None
        ),
        editing=assessment is not None,
    )


def assessment_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_start_assessment(request.user):
        raise PermissionDenied
    form = _form(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            assessment = services.assessment_create(actor=request.user, **data)
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Assessment created."))
            return redirect(assessment.get_absolute_url())
    return TemplateResponse(
        request, "threats/form.html", {"form": form, "heading": _("New threat assessment")}
    )


def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = permissions.access_assessment(request.user, pk, for_edit=True)
    form = _form(request, assessment, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(assessment.get_absolute_url())
    return TemplateResponse(
        request,
        "threats/form.html",
        {
            "form": form,
            "heading": _("Edit %(title)s") % {"title": assessment.title},
            "assessment": assessment,
        },
    )


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = permissions.access_assessment(request.user, pk)
    computed = selectors.compute(assessment, actor=request.user)
    can_edit = permissions.can_edit_assessment(request.user, assessment)
    findings = list(assessment.findings.select_related("need", "release"))
    return TemplateResponse(
        request,
        "threats/assessment_detail.html",
        {
            "assessment": assessment,
            "c": computed,
            "scope": scope_labels(assessment.scope),
            "can_edit": can_edit,
            "subject_form": SubjectForm(),
            "finding_form": FindingForm(),
            "need_form": NeedForm(),
            "publish_form": PublishForm(),
            "findings": [
                (
                    f,
                    f.need if f.need and access.can_view(request.user, f.need) else None,
                    permissions.can_create_need(request.user, f),
                    getattr(f, "release", None),
                    permissions.can_publish_summary(request.user, f),
                )
                for f in findings
            ],
            "previous_visible": assessment.previous is not None
            and access.can_view(request.user, assessment.previous),
        },
    )


def ratings_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix as a form: one select per subject and attribute; saved whole or not at all."""
    assessment = permissions.access_assessment(request.user, pk, for_edit=True)
    computed = selectors.compute(assessment, with_trend=False, actor=request.user)
    if request.method == "POST":
        cells: dict[tuple[int, str], str] = {}
        for row in computed.rows:
            for cell in row.cells:
                name = f"cell-{row.subject.pk}-{cell.attribute.code}"
                if name in request.POST:
                    cells[(row.subject.pk, cell.attribute.code)] = request.POST[name].strip()
        try:
            changed = services.ratings_set(actor=request.user, assessment=assessment, cells=cells)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                ngettext("%(n)d rating changed.", "%(n)d ratings changed.", changed)
                % {"n": changed},
            )
            return redirect(assessment.get_absolute_url())
    return TemplateResponse(
        request, "threats/ratings_edit.html", {"assessment": assessment, "c": computed}
    )


@require_POST
def subject_add(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = permissions.access_assessment(request.user, pk, for_edit=True)
    form = SubjectForm(request.POST)
    if form.is_valid():
        try:
            services.subject_add(actor=request.user, assessment=assessment, **form.values())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Subject added."))
    else:
        messages.error(request, _("The subject was not added: check the fields."))
    return redirect(assessment.get_absolute_url())


@require_POST
def subject_delete(request: HttpRequest, pk: int) -> HttpResponse:
    subject = permissions.access_subject(request.user, pk, for_edit=True)
    services.subject_delete(actor=request.user, subject=subject)
    messages.success(request, _("Subject removed."))
    return redirect(subject.assessment.get_absolute_url())


def rating_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rating = permissions.access_rating(request.user, pk)
    can_edit = permissions.can_edit_assessment(request.user, rating.assessment)
    form = EvidenceForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.evidence_add(actor=request.user, rating=rating, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("Evidence added."))
                return redirect(rating.get_absolute_url())
    definition = rating.assessment.template_version.parsed()
    attribute = definition.attribute(rating.attribute)
    evidence = list(rating.evidence.all())
    return TemplateResponse(
        request,
        "threats/rating_detail.html",
        {
            "rating": rating,
            "assessment": rating.assessment,
            "attribute": attribute,
            "level": definition.level(attribute, rating.level) if attribute else None,
            "evidence": [
                (
                    e,
                    grading.grade_label(
                        e.scheme, e.source_grade, e.information_grade, e.handling_code
                    ),
                )
                for e in evidence
            ],
            "confidence": grading.CONFIDENCE_LABELS[
                grading.confidence(
                    (e.scheme, e.source_grade, e.information_grade) for e in evidence
                )
            ],
            "schemes": grading.SCHEMES.values(),
            "form": form,
            "can_edit": can_edit,
        },
    )


@require_POST
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = permissions.access_assessment(request.user, pk, for_edit=True)
    form = FindingForm(request.POST)
    if form.is_valid():
        services.finding_create(actor=request.user, assessment=assessment, **form.cleaned_data)
        messages.success(request, _("Finding added."))
    else:
        messages.error(request, _("The finding was not added: check the fields."))
    return redirect(f"{assessment.get_absolute_url()}#findings")


@require_POST
def finding_need(request: HttpRequest, pk: int) -> HttpResponse:
    finding = permissions.access_finding(request.user, pk, for_edit=True)
    form = NeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a priority and a classification."))
    else:
        services.finding_to_need(actor=request.user, finding=finding, **form.cleaned_data)
        messages.success(request, _("The sanitised summary is now an assistance need."))
    return redirect(f"{finding.assessment.get_absolute_url()}#findings")


def assessment_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    assessment = permissions.access_assessment(request.user, pk)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    computed = selectors.compute(assessment, actor=request.user)
    if fmt == "pdf":
        body, kind = report.report_pdf(computed), PDF_TYPE
    else:
        body, kind = report.report_xlsx(computed), XLSX_TYPE
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="threat-assessment-{assessment.pk}.{fmt}"'
    )
    return response


def assessment_chart(request: HttpRequest, pk: int) -> JsonResponse:
    assessment = permissions.access_assessment(request.user, pk)
    return JsonResponse(selectors.chart_data(selectors.compute(assessment, with_trend=False)))
