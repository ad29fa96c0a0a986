"""Confirmation pages that delete strategy and cooperation records. GET asks (and says what
goes with the record); POST deletes. A record the user may not see is a 404, one they see
but may not change a 403, exactly as on the edit pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tact.strategies import deletion, permissions


def _confirm(
    request: HttpRequest, record: models.Model, *, heading: str, back: str, done: str
) -> HttpResponse:
    consequences = deletion.consequences(record)
    if request.method == "POST" and not consequences.blocked_by:
        try:
            deletion.record_delete(actor=request.user, record=record)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        messages.success(request, _("Deleted."))
        return redirect(done)
    return TemplateResponse(
        request,
        "strategies/confirm_delete.html",
        {"record": record, "heading": heading, "back": back, "consequences": consequences},
        status=409 if request.method == "POST" else 200,
    )


def strategy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = permissions.access_strategy(request.user, pk, for_edit=True)
    return _confirm(
        request,
        strategy,
        heading=_("Delete this strategy?"),
        back=strategy.get_absolute_url(),
        done=reverse("strategies:index"),
    )


def objective_delete(request: HttpRequest, pk: int) -> HttpResponse:
    objective = permissions.access_objective(request.user, pk, for_edit=True)
    back = objective.strategy.get_absolute_url()
    return _confirm(request, objective, heading=_("Delete this objective?"), back=back, done=back)


def action_delete(request: HttpRequest, pk: int) -> HttpResponse:
    action = permissions.access_action(request.user, pk, for_edit=True)
    return _confirm(
        request,
        action,
        heading=_("Delete this action?"),
        back=action.get_absolute_url(),
        done=action.objective.strategy.get_absolute_url(),
    )


def task_force_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task_force = permissions.access_task_force(request.user, pk, for_edit=True)
    return _confirm(
        request,
        task_force,
        heading=_("Delete this task force?"),
        back=task_force.get_absolute_url(),
        done=reverse("strategies:task_force_list"),
    )


def agreement_delete(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permissions.access_agreement(request.user, pk, for_edit=True)
    back = f"{reverse('strategies:agreement_list')}?state={agreement.state.iso3}"
    return _confirm(
        request, agreement, heading=_("Delete this cooperation agreement?"), back=back, done=back
    )


def campaign_delete(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk, for_edit=True)
    return _confirm(
        request,
        campaign,
        heading=_("Delete this awareness campaign?"),
        back=campaign.get_absolute_url(),
        done=reverse("strategies:campaign_list"),
    )
