"""Sanitised summaries released by the owners of assessments: the list and page of a summary
(by its own classification), and the owner's publish and withdraw buttons on a finding."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.core import access
from tact.core.pagination import paginate, querystring_without_page
from tact.threats import permissions, publication
from tact.threats.forms import PublishForm


def summary_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "").strip()
    summaries = publication.published_summaries(actor=request.user, state=state)
    return TemplateResponse(
        request,
        "threats/summary_list.html",
        {
            "page": paginate(request, summaries),
            "state": state,
            "querystring": querystring_without_page(request),
        },
    )


def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    summary = permissions.access_summary(request.user, pk)
    finding = summary.finding
    return TemplateResponse(
        request,
        "threats/summary_detail.html",
        {
            "summary": summary,
            # The finding (and so its assessment) is named only to those who may see it.
            "finding": finding if access.can_view(request.user, finding) else None,
            "can_publish": permissions.can_publish_summary(request.user, finding),
            "objectives": access.visible(request.user, summary.strategy_objectives.all()),
        },
    )


@require_POST
def finding_publish(request: HttpRequest, pk: int) -> HttpResponse:
    finding = permissions.access_finding(request.user, pk, for_edit=True)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may read the published summary."))
    else:
        try:
            publication.summary_publish(
                actor=request.user,
                finding=finding,
                classification=form.cleaned_data["classification"],
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(
                request, _("The sanitised summary is published; strategy objectives may cite it.")
            )
    return redirect(f"{finding.assessment.get_absolute_url()}#finding-{finding.pk}")


@require_POST
def summary_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    summary = permissions.access_summary(request.user, pk, for_edit=True)
    try:
        publication.summary_withdraw(actor=request.user, summary=summary)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The summary is withdrawn: only the owner sees it now."))
    return redirect(summary.get_absolute_url())
