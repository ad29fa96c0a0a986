from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from tact.core.exports import xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.core.uploads import check_upload_size
from tact.directory import permissions, selectors, services
from tact.directory.forms import ContactForm, OrganisationForm, PartyStatusImportForm
from tact.directory.models import Organisation, State


@login_not_required
def state_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    region = request.GET.get("region", "")
    states = selectors.state_list(q=q or None, region=region or None)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "states.xlsx",
            [_("ISO3"), _("M49"), _("Name"), _("Region"), _("Sub-region"), _("UN status")],
            (
                [s.iso3, s.m49, s.display_name, s.region, s.subregion, s.get_un_status_display()]
                for s in states
            ),
            title="states",
        )
    page = paginate(request, states)
    template = htmx_template(request, "directory/state_list.html", "rows")
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "q": q,
            "region": region,
            "regions": selectors.region_list(),
            "querystring": querystring_without_page(request),
            "can_import": permissions.can_import_party_status(request.user),
        },
    )


@login_not_required
def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    """The old address of a state's page: the profile (tact.profiles) now composes it."""
    try:
        state = selectors.state_get(iso3)
    except State.DoesNotExist as exc:
        raise Http404 from exc
    return redirect("profiles:state", state.iso3, permanent=True)


@login_not_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    organisations = selectors.organisation_list(q=q or None, kind=kind or None)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "organisations.xlsx",
            [_("Name"), _("Acronym"), _("Kind"), _("Agency type"), _("State"), _("IATI id")],
            (
                [
                    o.name,
                    o.acronym,
                    o.get_kind_display(),
                    o.get_agency_type_display(),
                    o.state or "",
                    o.iati_ref,
                ]
                for o in organisations
            ),
            title="organisations",
        )
    return TemplateResponse(
        request,
        "directory/organisation_list.html",
        {
            "page": paginate(request, organisations),
            "q": q,
            "kind": kind,
            "kinds": Organisation.Kind.choices,
            "querystring": querystring_without_page(request),
            "can_add": permissions.can_add_organisation(request.user),
        },
    )


@login_not_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = permissions.access_organisation(request.user, pk)
    return TemplateResponse(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": selectors.contact_list(actor=request.user, organisation_id=pk),
        },
    )


def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = permissions.access_contact(request.user, pk)
    return TemplateResponse(
        request,
        "directory/contact_detail.html",
        {"contact": contact, "can_edit": permissions.can_edit_contact(request.user, contact)},
    )


def contact_create(request: HttpRequest, iso3: str) -> HttpResponse:
    state = permissions.access_state(request.user, iso3)
    if not permissions.can_add_contact(request.user, state):
        raise PermissionDenied
    form = ContactForm(request.POST or None, state_id=state.pk)
    if request.method == "POST" and form.is_valid():
        contact = services.contact_create(actor=request.user, state=state, **form.cleaned_data)
        messages.success(request, _("Contact saved."))
        return redirect(contact.get_absolute_url())
    return TemplateResponse(
        request, "directory/contact_form.html", {"form": form, "state": state, "contact": None}
    )


def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = permissions.access_contact(request.user, pk, for_edit=True)
    form = ContactForm(request.POST or None, instance=contact, state_id=contact.state_id)
    if request.method == "POST" and form.is_valid():
        services.contact_update(actor=request.user, contact=contact, **form.cleaned_data)
        messages.success(request, _("Contact saved."))
        return redirect(contact.get_absolute_url())
    return TemplateResponse(
        request,
        "directory/contact_form.html",
        {"form": form, "state": contact.state, "contact": contact},
    )


def party_status_import(request: HttpRequest) -> HttpResponse:
    if not permissions.can_import_party_status(request.user):
        raise PermissionDenied
    form = PartyStatusImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
            report = services.party_status_import_csv(
                actor=request.user, data=upload.read(), strict=form.cleaned_data["strict"]
            )
        except ValidationError as exc:
            form.add_error("file", exc)
    return TemplateResponse(
        request, "directory/party_status_import.html", {"form": form, "report": report}
    )


def organisation_create(request: HttpRequest) -> HttpResponse:
    """The secretariat adds any organisation; a focal point adds agencies of its states."""
    if not permissions.can_add_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("state", _("You may add agencies only for your own states."))
        else:
            messages.success(request, _("Organisation saved."))
            return redirect(organisation.get_absolute_url())
    return TemplateResponse(request, "directory/organisation_form.html", {"form": form})
