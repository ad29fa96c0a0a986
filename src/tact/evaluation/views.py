from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.catalog.models import Provision, Theme
from tact.core import access
from tact.core.exports import XLSX_TYPE, xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.evaluation import analysis, iati_results, report, selectors, services
from tact.evaluation.forms import (
    DocumentForm,
    EvaluationForm,
    FindingForm,
    FrameworkForm,
    IndicatorForm,
    NodeForm,
    PeriodForm,
    RatingForm,
    ResponseForm,
    StrategyForm,
)
from tact.evaluation.models import (
    Criterion,
    Evaluation,
    IndicatorPeriod,
    RatingScale,
    ResultNode,
)
from tact.resolutions.selectors import recommendations_by_code


def _form_error(form: Any, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _projects(user: Any) -> Any:
    return access.visible(user, analysis.project_model().objects.all()).order_by("title")


# ---------------------------------------------------------------- index, frameworks


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    frameworks = selectors.framework_list(actor=request.user, q=q or None)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "results-frameworks.xlsx",
            [_("Title"), _("Project or strategy"), _("State"), _("Classification")],
            ([f.title, f.subject or "", f.state or "", f.classification] for f in frameworks),
            title="frameworks",
        )
    return TemplateResponse(
        request,
        "evaluation/index.html",
        {
            "page": paginate(request, frameworks),
            "q": q,
            "querystring": querystring_without_page(request),
            "evaluations": selectors.evaluation_list(actor=request.user)[:5],
            "candidates": selectors.good_practice_candidates(actor=request.user)[:5],
            "can_create": services.may_create(
                request.user, owner_state_id=None, owner_organisation_id=None
            ),
        },
    )


def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(actor=request.user, pk=pk)
    tree = selectors.framework_tree(framework)
    return TemplateResponse(
        request,
        "evaluation/framework_detail.html",
        {
            "framework": framework,
            "recommendations": recommendations_by_code(framework.recommendation_codes),
            "rows": selectors.flat_nodes(tree),
            "can_edit": access.can_edit(request.user, framework),
            "node_form": NodeForm(framework=framework),
            "evaluations": access.visible(request.user, framework.evaluations.all()),
        },
    )


def framework_create(request: HttpRequest) -> HttpResponse:
    if not services.may_create(request.user, owner_state_id=None, owner_organisation_id=None):
        raise PermissionDenied
    strategies = selectors.strategy_list(actor=request.user)
    form = FrameworkForm(
        request.POST or None,
        strategies=strategies,
        projects=_projects(request.user),
        initial={"project": request.GET.get("project")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            framework = services.framework_create(
                actor=request.user,
                title=data["title"],
                project=data["project"],
                strategy=data["strategy"],
                description=data["description"],
                recommendation_codes=data["recommendation_codes"],
                classification=data["classification"],
                **({"owner_state": None} if not data["strategy"] else {}),
            )
        except (ValidationError, PermissionDenied) as exc:
            _form_error(
                form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc))
            )
        else:
            messages.success(request, _("Results framework created."))
            return redirect(framework.get_absolute_url())
    return TemplateResponse(
        request, "evaluation/form.html", {"form": form, "heading": _("New results framework")}
    )


def strategy_create(request: HttpRequest) -> HttpResponse:
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            strategy = services.strategy_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error(None, _("You may not add a strategy for this state."))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{_url('evaluation:framework_create')}?strategy={strategy.pk}")
    return TemplateResponse(
        request, "evaluation/form.html", {"form": form, "heading": _("New programme or strategy")}
    )


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


@require_POST
def node_create(request: HttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework_get(actor=request.user, pk=pk)
    form = NodeForm(request.POST, framework=framework)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.node_create(
                actor=request.user,
                framework=framework,
                level=data["level"],
                title=data["title"],
                parent=data["parent"],
                description=data["description"],
                assumptions=data["assumptions"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Result added."))
    else:
        messages.error(request, _("The result was not added: check the fields."))
    return redirect(framework.get_absolute_url())


def indicator_create(request: HttpRequest, node_pk: int) -> HttpResponse:
    node = get_object_or_404(ResultNode.objects.select_related("framework"), pk=node_pk)
    framework = selectors.framework_get(actor=request.user, pk=node.framework_id)
    access.require_edit(request.user, framework)
    form = IndicatorForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user, node=node, **form.cleaned_data
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Indicator added."))
            return redirect(indicator.get_absolute_url())
    return TemplateResponse(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "heading": _("New indicator for %(node)s") % {"node": node},
            "back": framework.get_absolute_url(),
        },
    )


def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(actor=request.user, pk=pk)
    framework = indicator.node.framework
    access.require_edit(request.user, framework)
    form = IndicatorForm(request.POST or None, instance=indicator, framework=framework)
    if request.method == "POST" and form.is_valid():
        indicator.refresh_from_db()
        try:
            services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect(indicator.get_absolute_url())
    return TemplateResponse(
        request,
        "evaluation/form.html",
        {"form": form, "heading": indicator.title, "back": indicator.get_absolute_url()},
    )


def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_get(actor=request.user, pk=pk)
    framework = indicator.node.framework
    tree = selectors.framework_tree(framework)
    view = next(
        (
            iv
            for _d, nv in selectors.flat_nodes(tree)
            for iv in nv.indicators
            if iv.indicator.pk == pk
        ),
        None,
    )
    can_edit = access.can_edit(request.user, framework)
    edit_pk = request.GET.get("period")
    instance = None
    if edit_pk:
        instance = get_object_or_404(IndicatorPeriod, pk=edit_pk, indicator=indicator)
    form = PeriodForm(request.POST or None, instance=instance, indicator=indicator)
    if request.method == "POST":
        access.require_edit(request.user, framework)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                disaggregation = form.disaggregation()
                values = {
                    k: v
                    for k, v in data.items()
                    if not k.startswith("dis_") and k not in ("start", "end")
                }
                services.period_save(
                    actor=request.user,
                    indicator=indicator,
                    start=data["start"],
                    end=data["end"],
                    period=instance,
                    disaggregation=disaggregation,
                    **values,
                )
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Values saved."))
                return redirect(indicator.get_absolute_url())
    periods = view.rolled.periods if view else ()
    chart = {
        "labels": [f"{p.end:%Y-%m}" if p.end else "" for p in periods],
        "target": [
            float(v) if (v := p.target.number(view.rolled.measure)) is not None else None
            for p in periods
        ]
        if view
        else [],
        "actual": [
            float(v) if (v := p.actual.number(view.rolled.measure)) is not None else None
            for p in periods
        ]
        if view
        else [],
        "baseline": float(view.progress.baseline)
        if view and view.progress.baseline is not None
        else None,
    }
    return TemplateResponse(
        request,
        "evaluation/indicator_detail.html",
        {
            "indicator": indicator,
            "framework": framework,
            "recommendations": recommendations_by_code(indicator.recommendation_codes),
            "view": view,
            "form": form if can_edit else None,
            "editing": instance,
            "can_edit": can_edit,
            "chart_json": chart,
            "children": indicator.child_indicators.all(),
        },
    )


@require_POST
def period_delete(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(
        IndicatorPeriod.objects.select_related("indicator__node__framework"), pk=pk
    )
    selectors.framework_get(actor=request.user, pk=period.indicator.node.framework_id)
    indicator = period.indicator
    services.period_delete(actor=request.user, period=period)
    messages.success(request, _("Period deleted."))
    return redirect(indicator.get_absolute_url())


@require_POST
def framework_iati_import(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = access.get_visible_or_404(
        request.user, analysis.project_model().objects.all(), pk=project_pk
    )
    try:
        framework, counts = iati_results.import_project_results(actor=request.user, project=project)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(project.get_absolute_url())
    messages.success(
        request,
        _(
            "Imported %(results)s results, %(indicators)s indicators and %(periods)s "
            "periods from IATI."
        )
        % counts,
    )
    return redirect(framework.get_absolute_url())


def framework_iati_export(request: HttpRequest, pk: int) -> HttpResponse:
    from tact.assistance.iati import writable_problems, write_activities

    framework = selectors.framework_get(actor=request.user, pk=pk)
    if framework.project is None:
        messages.error(request, _("Only a project's framework can be exported as IATI."))
        return redirect(framework.get_absolute_url())
    activity = iati_results.project_activity(framework.project, framework)
    problems = writable_problems(activity)
    if problems:
        messages.error(
            request, _("The project cannot be written as IATI: %(p)s") % {"p": "; ".join(problems)}
        )
        return redirect(framework.get_absolute_url())
    out = io.BytesIO()
    write_activities([activity], out, generated=timezone.now())
    response = HttpResponse(out.getvalue(), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="results-{framework.pk}.xml"'
    return response


# ---------------------------------------------------------------- evaluations


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
            "can_create": services.may_create(
                request.user, owner_state_id=None, owner_organisation_id=None
            ),
        },
    )


def evaluation_create(request: HttpRequest) -> HttpResponse:
    if not services.may_create(request.user, owner_state_id=None, owner_organisation_id=None):
        raise PermissionDenied
    if not RatingScale.objects.exists():
        services.ensure_default_scales()
    form = EvaluationForm(
        request.POST or None,
        frameworks=selectors.framework_list(actor=request.user),
        projects=_projects(request.user),
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
            _form_error(form, exc)
        else:
            messages.success(request, _("Evaluation created."))
            return redirect(evaluation.get_absolute_url())
    return TemplateResponse(
        request, "evaluation/form.html", {"form": form, "heading": _("New evaluation")}
    )


def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_get(actor=request.user, pk=pk)
    access.require_edit(request.user, evaluation)
    form = EvaluationForm(
        request.POST or None,
        instance=evaluation,
        frameworks=selectors.framework_list(actor=request.user),
        projects=_projects(request.user),
    )
    if request.method == "POST" and form.is_valid():
        evaluation.refresh_from_db()
        try:
            services.evaluation_update(
                actor=request.user, evaluation=evaluation, **form.cleaned_data
            )
        except ValidationError as exc:
            _form_error(form, exc)
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
        "can_rate": services.can_rate(request.user, evaluation),
        "can_respond": services.can_respond(request.user, evaluation),
        "can_edit": access.can_edit(request.user, evaluation),
        "finding_form": FindingForm(),
        "document_form": DocumentForm(),
        "interventions": access.visible(request.user, evaluation.interventions.all()),
        "frameworks": access.visible(request.user, evaluation.frameworks.all()),
    }


def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_get(actor=request.user, pk=pk)
    return TemplateResponse(
        request, "evaluation/evaluation_detail.html", _detail_context(request, evaluation)
    )


def rating_edit(request: HttpRequest, pk: int, criterion: str) -> HttpResponse:
    """The rating of one criterion: an htmx form in the ratings table, saved in place."""
    evaluation = selectors.evaluation_get(actor=request.user, pk=pk)
    if criterion not in Criterion.values:
        raise PermissionDenied
    if not services.can_rate(request.user, evaluation):
        raise PermissionDenied
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
            _form_error(form, exc)
        else:
            evaluation = selectors.evaluation_get(actor=request.user, pk=pk)
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
    evaluation = selectors.evaluation_get(actor=request.user, pk=pk)
    if not services.can_rate(request.user, evaluation):
        raise PermissionDenied
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
    finding = selectors.finding_get(actor=request.user, pk=pk)
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
    finding = selectors.finding_get(actor=request.user, pk=pk)
    evaluation = finding.evaluation
    if not services.can_respond(request.user, evaluation):
        raise PermissionDenied
    current = getattr(finding, "response", None) if hasattr(finding, "response") else None
    form = ResponseForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save(actor=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
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
    evaluation = selectors.evaluation_get(actor=request.user, pk=pk)
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
    from tact.core.uploads import stored_file_response
    from tact.evaluation.models import EvaluationDocument

    document = get_object_or_404(EvaluationDocument.objects.select_related("evaluation"), pk=pk)
    selectors.evaluation_get(actor=request.user, pk=document.evaluation_id)
    return stored_file_response(document.file)


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


# ---------------------------------------------------------------- good practices, portfolio


@login_not_required
def good_practices(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    theme = request.GET.get("theme", "").strip()
    findings = selectors.good_practice_candidates(
        actor=request.user, q=q or None, theme=theme or None
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "good-practice-candidates.xlsx",
            [
                _("Finding"),
                _("Text"),
                _("Criterion"),
                _("Evidence"),
                _("Evaluation"),
                _("Proposed"),
            ],
            (
                [
                    f.title,
                    f.text,
                    f.get_criterion_display(),
                    f.get_evidence_strength_display(),
                    f.evaluation.title,
                    f.proposed_at.date() if f.proposed_at else "",
                ]
                for f in findings
            ),
            title="good practices",
        )
    template = htmx_template(request, "evaluation/good_practices.html", "rows")
    return TemplateResponse(
        request,
        template,
        {
            "page": paginate(request, findings),
            "q": q,
            "theme": theme,
            "themes": Theme.objects.all(),
            "querystring": querystring_without_page(request),
        },
    )


@login_not_required
def portfolio(request: HttpRequest) -> HttpResponse:
    filters = analysis.Filters.from_mapping(request.GET)
    result = analysis.portfolio(request.user, filters)
    fmt = request.GET.get("format")
    if fmt == "pdf":
        response = HttpResponse(report.portfolio_pdf(result), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="portfolio.pdf"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(report.portfolio_xlsx(result), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="portfolio.xlsx"'
        return response
    from tact.assistance.models import Channel
    from tact.directory.models import State

    context = report.report_context(result)
    context.update(
        {
            "filters": filters,
            "chart_json": analysis.chart_data(result),
            "states": State.objects.order_by("name"),
            "themes": Theme.objects.all(),
            "provisions": Provision.objects.select_related("instrument"),
            "channels": Channel.choices,
            "funders": _funder_names(),
            "querystring": request.GET.urlencode(),
        }
    )
    return TemplateResponse(request, "evaluation/portfolio.html", context)


def _funder_names() -> list[str]:
    from django.apps import apps

    model = apps.get_model("assistance", "ParticipatingOrganisation")
    names = (
        model.objects.filter(role="1")
        .exclude(name="")
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")[:300]
    )
    return list(names)
