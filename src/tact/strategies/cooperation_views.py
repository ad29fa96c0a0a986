"""Pages of inter-agency cooperation: agencies, task forces, agreements, awareness campaigns
and the rule table of expected links."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.catalog.models import Theme
from tact.core import access
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.strategies import figures, permissions, selectors, services
from tact.strategies.forms import (
    AgencyEditForm,
    AgencyForm,
    AgreementForm,
    CampaignForm,
    LinkRuleForm,
    MeetingForm,
    MemberForm,
    OutputForm,
    TaskForceForm,
)
from tact.strategies.models import AgencyType, CooperationAgreement, LinkRule
from tact.strategies.views import form_error, form_page


def _filters(request: HttpRequest, *keys: str) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in keys}


def agency_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, "state", "agency_type")
    agencies = selectors.agency_list(
        actor=request.user,
        state=filters["state"] or None,
        agency_type=filters["agency_type"] or None,
    )
    form = AgencyForm(request.POST or None, user=request.user)
    if request.method == "POST":
        access.require_writer(request.user)
        if form.is_valid():
            try:
                services.agency_create(actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Agency added."))
                return redirect(
                    f"{reverse('strategies:agency_list')}?state={form.cleaned_data['state'].iso3}"
                )
    page = paginate(request, agencies)
    return TemplateResponse(
        request,
        "strategies/agency_list.html",
        {
            "page": page,
            "rows": [(a, permissions.can_edit_agency(request.user, a)) for a in page],
            "filters": filters,
            "querystring": querystring_without_page(request),
            "types": AgencyType.choices,
            "form": form if form.fields["state"].queryset.exists() else None,  # type: ignore[attr-defined]
        },
    )


def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = permissions.access_agency(request.user, pk, for_edit=True)
    form = AgencyEditForm(request.POST or None, instance=agency)
    back = f"{reverse('strategies:agency_list')}?state={agency.state.iso3}#agency-{agency.pk}"

    def save(data: dict[str, Any]) -> Any:
        services.agency_update(actor=request.user, agency=agency, **data)
        return _Redirect(back)

    return form_page(
        request,
        form,
        save,
        heading=_("Edit agency %(name)s") % {"name": agency},
        back=back,
    )


def _require_create(request: HttpRequest) -> None:
    """Refuse the form before it is filled to whoever may not record for any state."""
    if not permissions.can_create_strategies(request.user):
        raise PermissionDenied(_("Only the secretariat and focal points record these."))


def task_force_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, "state", "theme")
    task_forces = selectors.task_force_list(
        actor=request.user, state=filters["state"] or None, theme=filters["theme"] or None
    )
    return TemplateResponse(
        request,
        htmx_template(request, "strategies/task_force_list.html", "rows"),
        {
            "page": paginate(request, task_forces),
            "filters": filters,
            "themes": Theme.objects.all(),
            "querystring": querystring_without_page(request),
            "can_create": permissions.can_create_strategies(request.user),
        },
    )


def task_force_create(request: HttpRequest) -> HttpResponse:
    _require_create(request)
    form = TaskForceForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        lambda data: services.task_force_create(actor=request.user, **data),
        heading=_("New task force"),
        back=reverse("strategies:task_force_list"),
    )


def task_force_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task_force = permissions.access_task_force(request.user, pk, for_edit=True)
    form = TaskForceForm(request.POST or None, instance=task_force, user=request.user)
    return form_page(
        request,
        form,
        lambda data: services.task_force_update(actor=request.user, task_force=task_force, **data),
        heading=_("Edit task force"),
        back=task_force.get_absolute_url(),
    )


def task_force_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task_force = permissions.access_task_force(request.user, pk)
    can_edit = access.can_edit(request.user, task_force)
    forms: dict[str, Any] = {
        "member": MemberForm(user=request.user),
        "meeting": MeetingForm(),
        "output": OutputForm(),
    }
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        part = request.POST.get("part", "")
        if part in forms:
            form: Any
            if part == "member":
                form = MemberForm(request.POST, user=request.user)
            elif part == "meeting":
                form = MeetingForm(request.POST)
            else:
                form = OutputForm(request.POST)
            saves: dict[str, Any] = {
                "member": services.member_set,
                "meeting": services.meeting_add,
                "output": services.output_add,
            }
            if form.is_valid():
                try:
                    saves[part](actor=request.user, task_force=task_force, **form.cleaned_data)
                except ValidationError as exc:
                    form_error(form, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect(task_force.get_absolute_url())
            forms[part] = form
    members = [
        (m, access.can_view(request.user, m.agency))
        for m in task_force.members.select_related("agency__organisation", "agency__state")
    ]
    return TemplateResponse(
        request,
        "strategies/task_force_detail.html",
        {
            "task_force": task_force,
            "members": members,
            "meetings": task_force.meetings.all(),
            "outputs": task_force.outputs.all(),
            "can_edit": can_edit,
            "forms": forms if can_edit else None,
        },
    )


@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = permissions.access_member(request.user, pk, for_edit=True)
    task_force = member.task_force
    services.member_remove(actor=request.user, member=member)
    messages.success(request, _("Removed."))
    return redirect(task_force.get_absolute_url())


def agreement_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, "state", "kind")
    agreements = selectors.agreement_list(
        actor=request.user, state=filters["state"] or None, kind=filters["kind"] or None
    )
    page = paginate(request, agreements)
    rows = [(a, access.can_edit(request.user, a)) for a in page]
    for agreement, _editable in rows:
        agreement.hidden_parties = (agreement.party_count or 0) - len(agreement.visible_parties)
    return TemplateResponse(
        request,
        "strategies/agreement_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "kinds": CooperationAgreement.Kind.choices,
            "querystring": querystring_without_page(request),
            "can_create": permissions.can_create_strategies(request.user),
        },
    )


def agreement_create(request: HttpRequest) -> HttpResponse:
    _require_create(request)
    form = AgreementForm(request.POST or None, user=request.user)

    def save(data: dict[str, Any]) -> Any:
        services.agreement_create(actor=request.user, **data)
        return _Redirect(f"{reverse('strategies:agreement_list')}?state={data['state'].iso3}")

    return form_page(
        request,
        form,
        save,
        heading=_("New cooperation agreement"),
        back=reverse("strategies:agreement_list"),
    )


def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permissions.access_agreement(request.user, pk, for_edit=True)
    form = AgreementForm(request.POST or None, instance=agreement, user=request.user)
    back = f"{reverse('strategies:agreement_list')}?state={agreement.state.iso3}"

    def save(data: dict[str, Any]) -> Any:
        services.agreement_update(actor=request.user, agreement=agreement, **data)
        return _Redirect(back)

    return form_page(request, form, save, heading=_("Edit cooperation agreement"), back=back)


class _Redirect:
    """A saved record whose page is a list (agreements have no page of their own)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def get_absolute_url(self) -> str:
        return self.url


def campaign_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, "state")
    campaigns = selectors.campaign_list(actor=request.user, state=filters["state"] or None)
    page = paginate(request, campaigns)
    rows = [
        (c, figures.survey_change(c.before_aware, c.before_sample, c.after_aware, c.after_sample))
        for c in page
    ]
    return TemplateResponse(
        request,
        "strategies/campaign_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "querystring": querystring_without_page(request),
            "can_create": permissions.can_create_strategies(request.user),
        },
    )


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk)
    objective = campaign.objective
    return TemplateResponse(
        request,
        "strategies/campaign_detail.html",
        {
            "campaign": campaign,
            "change": figures.survey_change(
                campaign.before_aware,
                campaign.before_sample,
                campaign.after_aware,
                campaign.after_sample,
            ),
            "objective": objective
            if objective and access.can_view(request.user, objective)
            else None,
            "can_edit": access.can_edit(request.user, campaign),
        },
    )


def campaign_create(request: HttpRequest) -> HttpResponse:
    _require_create(request)
    form = CampaignForm(
        request.POST or None, user=request.user, initial={"objective": request.GET.get("objective")}
    )
    return form_page(
        request,
        form,
        lambda data: services.campaign_create(actor=request.user, **data),
        heading=_("New awareness campaign"),
        back=reverse("strategies:campaign_list"),
    )


def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = permissions.access_campaign(request.user, pk, for_edit=True)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    return form_page(
        request,
        form,
        lambda data: services.campaign_update(actor=request.user, campaign=campaign, **data),
        heading=_("Edit awareness campaign"),
        back=campaign.get_absolute_url(),
    )


def link_rules(request: HttpRequest) -> HttpResponse:
    may_edit = permissions.can_edit_link_rules(request.user)
    rule = None
    if request.GET.get("edit"):
        try:
            rule = permissions.access_link_rule(request.user, int(request.GET["edit"]))
        except ValueError as exc:
            raise Http404 from exc
    form = LinkRuleForm(request.POST or None, instance=rule) if may_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.link_rule_save(actor=request.user, rule=rule, **form.cleaned_data)
            except ValidationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("strategies:link_rules")
    return TemplateResponse(
        request,
        "strategies/link_rules.html",
        {"rules": LinkRule.objects.all(), "form": form, "editing": rule},
    )
