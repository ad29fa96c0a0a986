"""Pages of results frameworks: the index, a framework's tree, its results, indicators and
their periods, and the IATI results import and export."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.assistance.iati import writable_problems, write_activities
from tact.core.access import Actor
from tact.core.exports import xlsx_response
from tact.core.pagination import paginate, querystring_without_page
from tact.evaluation import iati_results, permissions, selectors, services
from tact.evaluation.forms import FrameworkForm, IndicatorForm, NodeForm, PeriodForm, StrategyForm
from tact.evaluation.models import ResultsFramework
from tact.evaluation.views._common import form_error, visible_projects
from tact.resolutions.selectors import recommendations_by_code


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    frameworks = selectors.framework_list(actor=request.user, q=q or None)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "results-frameworks.xlsx",
            [_("Title"), _("Project or strategy"), _("State"), _("Classification")],
            (
                [
                    f.title,
                    permissions.subject_title(request.user, f),
                    f.state or "",
                    f.classification,
                ]
                for f in frameworks
            ),
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
            "can_create": permissions.can_create(request.user),
        },
    )


def _subject(actor: Actor, framework: ResultsFramework) -> dict[str, Any] | None:
    """The project or strategy of the framework as the page shows it: named and linked only
    when the viewer may see it."""
    subject = framework.subject
    if subject is None:
        return None
    visible = permissions.can_view_subject(actor, framework)
    if framework.project is not None:
        label = _("Project")
    elif visible and framework.strategy is not None:
        label = framework.strategy.get_kind_display()
    else:
        label = _("Programme or strategy")
    return {
        "label": label,
        "title": permissions.subject_title(actor, framework),
        "url": subject.get_absolute_url()
        if visible and hasattr(subject, "get_absolute_url")
        else "",
        "hidden": not visible,
    }


def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = permissions.access_framework(request.user, pk)
    tree = selectors.framework_tree(framework)
    return TemplateResponse(
        request,
        "evaluation/framework_detail.html",
        {
            "framework": framework,
            "subject": _subject(request.user, framework),
            "can_export_iati": framework.project is not None
            and permissions.can_view_subject(request.user, framework),
            "recommendations": recommendations_by_code(framework.recommendation_codes),
            "rows": selectors.flat_nodes(tree),
            "can_edit": permissions.can_edit_framework(request.user, framework),
            "node_form": NodeForm(framework=framework),
            "evaluations": selectors.framework_evaluations(actor=request.user, framework=framework),
        },
    )


def framework_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create(request.user):
        raise PermissionDenied
    strategies = selectors.strategy_list(actor=request.user)
    form = FrameworkForm(
        request.POST or None,
        strategies=strategies,
        projects=visible_projects(request.user),
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
            form_error(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
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
            form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('evaluation:framework_create')}?strategy={strategy.pk}")
    return TemplateResponse(
        request, "evaluation/form.html", {"form": form, "heading": _("New programme or strategy")}
    )


@require_POST
def node_create(request: HttpRequest, pk: int) -> HttpResponse:
    framework = permissions.access_framework(request.user, pk)
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
    node = permissions.access_node(request.user, node_pk, for_edit=True)
    framework = node.framework
    form = IndicatorForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user, node=node, **form.cleaned_data
            )
        except ValidationError as exc:
            form_error(form, exc)
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
    indicator = permissions.access_indicator(request.user, pk, for_edit=True)
    framework = indicator.node.framework
    form = IndicatorForm(request.POST or None, instance=indicator, framework=framework)
    if request.method == "POST" and form.is_valid():
        indicator.refresh_from_db()
        try:
            services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect(indicator.get_absolute_url())
    return TemplateResponse(
        request,
        "evaluation/form.html",
        {"form": form, "heading": indicator.title, "back": indicator.get_absolute_url()},
    )


def _chart(view: selectors.IndicatorView | None) -> dict[str, Any]:
    if view is None:
        return {"labels": [], "target": [], "actual": [], "baseline": None}
    periods = view.rolled.periods
    measure = view.rolled.measure

    def numbers(part: str) -> list[float | None]:
        values = (getattr(p, part).number(measure) for p in periods)
        return [float(v) if v is not None else None for v in values]

    return {
        "labels": [f"{p.end:%Y-%m}" if p.end else "" for p in periods],
        "target": numbers("target"),
        "actual": numbers("actual"),
        "baseline": float(view.progress.baseline) if view.progress.baseline is not None else None,
    }


def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = permissions.access_indicator(request.user, pk)
    framework = indicator.node.framework
    tree = selectors.framework_tree(framework)
    view = next(
        (
            iv
            for _d, nv in selectors.flat_nodes(tree)
            for iv in nv.indicators
            if iv.indicator.pk == indicator.pk
        ),
        None,
    )
    can_edit = permissions.can_edit_framework(request.user, framework)
    instance = None
    edit_pk = request.GET.get("period", "")
    if edit_pk:
        instance = permissions.access_period(request.user, edit_pk if edit_pk.isdigit() else 0)
        if instance.indicator_id != indicator.pk:
            raise Http404(_("No such period for this indicator."))
    form = PeriodForm(request.POST or None, instance=instance, indicator=indicator)
    if request.method == "POST":
        permissions.require_edit_framework(request.user, framework)
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
                form_error(form, exc)
            else:
                messages.success(request, _("Values saved."))
                return redirect(indicator.get_absolute_url())
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
            "chart_json": _chart(view),
            "children": indicator.child_indicators.all(),
        },
    )


@require_POST
def period_delete(request: HttpRequest, pk: int) -> HttpResponse:
    period = permissions.access_period(request.user, pk)
    indicator = period.indicator
    services.period_delete(actor=request.user, period=period)
    messages.success(request, _("Period deleted."))
    return redirect(indicator.get_absolute_url())


@require_POST
def framework_iati_import(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = permissions.access_project(request.user, project_pk)
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
    framework = permissions.access_framework(request.user, pk)
    # The IATI file describes the project itself: only for those who may see the project.
    if framework.project is None or not permissions.can_view_subject(request.user, framework):
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
