"""Pages of national strategies: lists with filters, details, forms (htmx where a part of a
page changes), the coverage of the three aims, the cooperation network, exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.core import access
from tact.core.exports import XLSX_TYPE, pdf_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.strategies import action_table, charts, permissions, selectors, services
from tact.strategies.forms import (
    ActionForm,
    DocumentForm,
    ImportForm,
    ObjectiveForm,
    ProgressForm,
    StrategyForm,
)
from tact.strategies.models import AgencyType, Aim, AwarenessCampaign, Strategy


def form_error(form: Any, exc: ValidationError | PermissionDenied) -> None:
    messages_ = (
        exc.messages
        if isinstance(exc, ValidationError)
        else [str(exc) or _("You may not do this.")]
    )
    for message in messages_:
        form.add_error(None, message)


def form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    heading: str,
    back: str = "",
    success: str = "",
) -> HttpResponse:
    """The one pattern of every create/edit page: validate, call the service, redirect."""
    if request.method == "POST" and form.is_valid():
        try:
            record = save(form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_error(form, exc)
        else:
            messages.success(request, success or _("Saved."))
            return redirect(record.get_absolute_url())
    return TemplateResponse(
        request, "strategies/form.html", {"form": form, "heading": heading, "back": back}
    )


# ---------------------------------------------------------------- strategies


def index(request: HttpRequest) -> HttpResponse:
    filters = {
        key: request.GET.get(key, "").strip() for key in ("state", "status", "kind", "aim", "q")
    }
    strategies = selectors.strategy_list(
        actor=request.user, **{k: v or None for k, v in filters.items()}
    )
    return TemplateResponse(
        request,
        htmx_template(request, "strategies/index.html", "rows"),
        {
            "page": paginate(request, strategies),
            "filters": filters,
            "querystring": querystring_without_page(request),
            "statuses": Strategy.Status.choices,
            "kinds": Strategy.Kind.choices,
            "aims": Aim.choices,
            "can_create": permissions.can_create_strategies(request.user),
        },
    )


def strategy_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_strategies(request.user):
        raise PermissionDenied(_("Only the secretariat and focal points record strategies."))
    form = StrategyForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        lambda data: services.strategy_create(actor=request.user, **data),
        heading=_("New strategy or action plan"),
        back=reverse("strategies:index"),
        success=_("Strategy saved. Add its objectives below."),
    )


def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk, for_edit=True)
    form = StrategyForm(request.POST or None, instance=strategy, user=request.user)
    return form_page(
        request,
        form,
        lambda data: services.strategy_update(actor=request.user, strategy=strategy, **data),
        heading=_("Edit strategy"),
        back=strategy.get_absolute_url(),
    )


def _strategy_context(request: HttpRequest, strategy: Strategy) -> dict[str, Any]:
    progress = selectors.strategy_progress(request.user, strategy)
    can_edit = permissions.can_edit_strategy(request.user, strategy)
    return {
        "strategy": strategy,
        "progress": progress,
        "can_edit": can_edit,
        "objective_form": ObjectiveForm(user=request.user) if can_edit else None,
        "action_form": ActionForm(user=request.user, strategy=strategy) if can_edit else None,
        "document_form": DocumentForm() if can_edit else None,
        "import_form": ImportForm() if can_edit else None,
        "documents": strategy.documents.all(),
        "campaigns": access.visible(
            request.user, AwarenessCampaign.objects.filter(objective__strategy=strategy)
        ),
        "chart": charts.objectives_chart(progress),
    }


def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk)
    return TemplateResponse(
        request,
        htmx_template(request, "strategies/strategy_detail.html", "objectives"),
        _strategy_context(request, strategy),
    )


@require_POST
def objective_create(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk, for_edit=True)
    form = ObjectiveForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.objective_create(
                actor=request.user, strategy=strategy, **form.service_values()
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Objective added."))
    context = _strategy_context(request, strategy)
    if form.errors:
        context["objective_form"] = form
    return TemplateResponse(
        request, htmx_template(request, "strategies/strategy_detail.html", "objectives"), context
    )


def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    objective = permissions.access_objective(request.user, pk, for_edit=True)
    form = ObjectiveForm(request.POST or None, instance=objective, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_update(
                actor=request.user, objective=objective, **form.service_values()
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(objective.strategy.get_absolute_url())
    return TemplateResponse(
        request,
        "strategies/form.html",
        {
            "form": form,
            "heading": _("Edit objective"),
            "back": objective.strategy.get_absolute_url(),
        },
    )


@require_POST
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk, for_edit=True)
    form = ActionForm(request.POST, user=request.user, strategy=strategy)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.action_create(actor=request.user, objective=data.pop("objective"), **data)
        except (ValidationError, PermissionDenied) as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Action added."))
    context = _strategy_context(request, strategy)
    if form.errors:
        context["action_form"] = form
    return TemplateResponse(
        request, htmx_template(request, "strategies/strategy_detail.html", "objectives"), context
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = permissions.access_action(request.user, pk)
    can_edit = access.can_edit(request.user, action)
    form = None
    if can_edit:
        form = ProgressForm(
            request.POST or None,
            initial={
                "date": timezone.localdate(),
                "status": action.status,
                "percent_complete": action.percent_complete,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.progress_add(actor=request.user, action=action, **form.cleaned_data)
            except ValidationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Progress recorded."))
                action.refresh_from_db()
                form = ProgressForm(
                    initial={
                        "date": timezone.localdate(),
                        "status": action.status,
                        "percent_complete": action.percent_complete,
                    }
                )
    elif request.method == "POST":
        raise PermissionDenied
    return TemplateResponse(
        request,
        htmx_template(request, "strategies/action_detail.html", "progress"),
        {
            "action": action,
            "strategy": action.objective.strategy,
            "can_edit": can_edit,
            "form": form,
            "updates": action.updates.all(),
            "partners": [
                p for p in action.partner_agencies.all() if access.can_view(request.user, p)
            ],
            "project_visible": action.project is not None
            and access.can_view(request.user, action.project),
        },
    )


def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = permissions.access_action(request.user, pk, for_edit=True)
    strategy = action.objective.strategy
    form = ActionForm(request.POST or None, instance=action, user=request.user, strategy=strategy)
    return form_page(
        request,
        form,
        lambda data: services.action_update(actor=request.user, action=action, **data),
        heading=_("Edit action"),
        back=action.get_absolute_url(),
    )


def actions_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk)
    response = HttpResponse(action_table.export_xlsx(strategy), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="strategy-{strategy.pk}-actions.xlsx"'
    return response


@require_POST
def actions_import(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk, for_edit=True)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose an Excel file."))
        return redirect(strategy.get_absolute_url())
    try:
        report = action_table.import_xlsx(
            actor=request.user, strategy=strategy, data=form.cleaned_data["file"].read()
        )
    except action_table.ActionImportError as exc:
        messages.error(request, _("Nothing was saved.") + " " + " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(c)d actions added, %(u)d updated, %(n)d unchanged.")
            % {"c": len(report.created), "u": len(report.updated), "n": report.unchanged},
        )
    return redirect(strategy.get_absolute_url())


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk, for_edit=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(actor=request.user, strategy=strategy, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Document added."))
    else:
        messages.error(request, _("The document was not added: check the fields."))
    return redirect(strategy.get_absolute_url())


def strategy_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk)
    progress = selectors.strategy_progress(request.user, strategy)
    return pdf_response(
        f"strategy-{strategy.pk}.pdf",
        "strategies/strategy_pdf.html",
        {
            "strategy": strategy,
            "progress": progress,
            "chart_svg": charts.objectives_svg(progress),
            "generated": timezone.now(),
        },
        request,
    )


# ---------------------------------------------------------------- coverage and network


def coverage(request: HttpRequest) -> HttpResponse:
    states = selectors.coverage_overview(request.user)
    return TemplateResponse(
        request,
        "strategies/coverage.html",
        {"page": paginate(request, states), "querystring": querystring_without_page(request)},
    )


def state_coverage(request: HttpRequest, iso3: str) -> HttpResponse:
    state = permissions.access_state(request.user, iso3)
    return TemplateResponse(
        request,
        "strategies/state_coverage.html",
        {"state": state, "coverage": selectors.state_coverage(request.user, state)},
    )


def state_network(request: HttpRequest, iso3: str) -> HttpResponse:
    state = permissions.access_state(request.user, iso3)
    graph = selectors.state_network(request.user, state)
    type_labels = dict(AgencyType.choices)
    return TemplateResponse(
        request,
        "strategies/network.html",
        {
            "state": state,
            "network": graph,
            "ranked": [
                (
                    node,
                    graph.degree.get(node.id, 0.0),
                    graph.betweenness.get(node.id, 0.0),
                    graph.neighbours(node.id),
                )
                for node in graph.ranked()
            ],
            "type_labels": type_labels,
            "chart": charts.network_chart(graph, type_labels),
        },
    )
