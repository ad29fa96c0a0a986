"""Pages of the legislation domain (thin: selectors read, services write)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.catalog import permissions as catalog_permissions
from tact.catalog.models import Instrument, Provision, ProvisionParagraph
from tact.core import access
from tact.core.exports import PDF_TYPE, XLSX_TYPE, xlsx_response
from tact.core.htmx import htmx_template
from tact.core.pagination import paginate, querystring_without_page
from tact.core.uploads import check_upload_size, stored_file_response
from tact.directory import permissions as directory_permissions
from tact.directory.models import State
from tact.legislation import gaps, permissions, reports, selectors, services, suggestions
from tact.legislation.forms import ImportLawForm, MappingEditForm, MappingForm
from tact.legislation.models import (
    Compliance,
    Feature,
    FeatureValue,
    LegalText,
    SuggestionDecision,
    TextLanguage,
    TextType,
    VictimWitnessFeature,
)


def _search_url() -> str:
    try:
        return reverse("legislation:search")
    except NoReverseMatch:
        return reverse("legislation:law_list")


def _own_states(user: Any) -> Any:
    return permissions.states_of(user)


def _state(request: HttpRequest, iso3: str) -> State:
    return directory_permissions.access_state(request.user, iso3)


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    laws = selectors.law_list(user)
    return TemplateResponse(
        request,
        "legislation/index.html",
        {
            "law_count": laws.count(),
            "recent": laws.order_by("-created_at")[:8],
            "states": selectors.states_with_legislation(user),
            "own_states": _own_states(user) if user.is_authenticated else [],
            "can_import": permissions.can_import_law(user),
            "acceptance": selectors.acceptance_rate(),
            "search_url": _search_url(),
        },
    )


# --- laws ------------------------------------------------------------------------------------


@login_not_required
def law_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    state = request.GET.get("state", "").strip()
    text_type = request.GET.get("type", "")
    language = request.GET.get("language", "")
    laws = selectors.law_list(
        request.user, q=q, state=state, text_type=text_type, language=language
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "legislation.xlsx",
            [
                _("State"),
                _("Title"),
                _("Type"),
                _("Number"),
                _("Language"),
                _("Adopted on"),
                _("In force from"),
                _("Last amended on"),
                _("Repealed on"),
                _("Provisions"),
                _("FRBR work URI"),
                _("Source link"),
            ],
            (
                [
                    law.state.display_name,
                    law.title,
                    law.get_text_type_display(),
                    law.number,
                    law.get_language_display(),
                    law.adopted_on,
                    law.in_force_on,
                    law.amended_on,
                    law.repealed_on,
                    law.provision_count,  # type: ignore[attr-defined]
                    law.frbr_work_uri,
                    law.source_url,
                ]
                for law in laws
            ),
            title="legislation",
        )
    template = htmx_template(request, "legislation/law_list.html", "rows")
    return TemplateResponse(
        request,
        template,
        {
            "page": paginate(request, laws),
            "q": q,
            "state": state,
            "type": text_type,
            "language": language,
            "type_choices": TextType.choices,
            "language_choices": TextLanguage.choices,
            "states": selectors.states_with_legislation(request.user),
            "querystring": querystring_without_page(request),
            "can_import": permissions.can_import_law(request.user),
        },
    )


@login_not_required
def law_detail(request: HttpRequest, pk: int) -> HttpResponse:
    law = permissions.access_law(request.user, pk)
    provisions = law.provisions.prefetch_related(selectors.prefetch_mappings(request.user))
    return TemplateResponse(
        request,
        "legislation/law_detail.html",
        {
            "law": law,
            "provisions": provisions,
            "versions": selectors.law_versions(request.user, law),
            "can_edit": permissions.can_edit_law(request.user, law),
        },
    )


def law_file(request: HttpRequest, pk: int) -> FileResponse:
    law = permissions.access_law(request.user, pk)
    return stored_file_response(law.file, filename=law.file_name)


def law_import(request: HttpRequest) -> HttpResponse:
    states = _own_states(request.user)
    if not permissions.can_import_law(request.user) or not states.exists():
        raise PermissionDenied
    laws = access.visible(request.user, LegalText.objects.filter(state__in=states))
    initial: dict[str, Any] = {}
    if request.GET.get("state"):
        initial["state"] = request.GET["state"].upper()
    elif states.count() == 1:
        initial["state"] = states.first()
    form = ImportLawForm(
        request.POST or None, request.FILES or None, states=states, laws=laws, initial=initial
    )
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.pop("file")
        state = data.pop("state")
        try:
            check_upload_size(upload.size)
            report = services.import_law(
                actor=request.user,
                state=state,
                data=upload.read(),
                filename=upload.name,
                **data,
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if report.created:
                messages.success(
                    request,
                    _("Imported %(title)s: %(n)s provisions.")
                    % {"title": report.legal_text.title, "n": report.provisions_created},
                )
            else:
                messages.info(
                    request,
                    _(
                        "Re-imported %(title)s: %(created)s new, %(updated)s changed, "
                        "%(unchanged)s unchanged provisions."
                    )
                    % {
                        "title": report.legal_text.title,
                        "created": report.provisions_created,
                        "updated": report.provisions_updated,
                        "unchanged": report.provisions_unchanged,
                    },
                )
            for warning in report.warnings:
                messages.warning(request, warning)
            return redirect(report.legal_text.get_absolute_url())
    return TemplateResponse(request, "legislation/law_import.html", {"form": form})


# --- provisions and mappings ----------------------------------------------------------------


def provision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provision = permissions.access_provision(request.user, pk)
    state = provision.legal_text.state
    can_map = permissions.can_assess(request.user, state)
    form = None
    if can_map:
        form = MappingForm(
            request.POST or None,
            provisions=selectors.state_provisions(request.user, state),
            initial={"legal_provision": provision.pk},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.mapping_create(actor=request.user, state=state, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Assessment saved."))
                return redirect(provision.get_absolute_url())
    return TemplateResponse(
        request,
        "legislation/provision_detail.html",
        {
            "provision": provision,
            "law": provision.legal_text,
            "mappings": selectors.mapping_list(request.user, legal_provision=provision),
            "form": form,
            "instruments": Instrument.objects.prefetch_related("provisions"),
        },
    )


def provision_targets(request: HttpRequest, pk: int) -> HttpResponse:
    provision = permissions.access_provision(request.user, pk)
    return TemplateResponse(
        request,
        "legislation/_targets.html",
        {
            "targets": suggestions.suggest_targets(request.user, provision),
            "state": provision.legal_text.state,
        },
    )


def mapping_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = permissions.access_mapping(request.user, pk)
    can_edit = permissions.can_edit_mapping(request.user, mapping)
    form = None
    if can_edit:
        form = MappingEditForm(
            request.POST or None,
            initial={
                "compliance": mapping.compliance,
                "de_jure_notes": mapping.de_jure_notes,
                "de_facto_notes": mapping.de_facto_notes,
                "evidence": mapping.evidence,
                "assessed_on": mapping.assessed_on,
                "classification": mapping.classification,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "assessed_on"}
            if form.cleaned_data.get("assessed_on"):
                data["assessed_on"] = form.cleaned_data["assessed_on"]
            try:
                services.mapping_update(request.user, mapping, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Assessment saved."))
                return redirect(mapping.get_absolute_url())
    return TemplateResponse(
        request,
        "legislation/mapping_detail.html",
        {"mapping": mapping, "form": form, "can_edit": can_edit},
    )


@require_POST
def mapping_delete(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = permissions.access_mapping(request.user, pk, for_edit=True)
    target = mapping.legal_provision
    services.mapping_delete(request.user, mapping)
    messages.success(request, _("Assessment deleted."))
    if target is not None:
        return redirect(target.get_absolute_url())
    return redirect("legislation:gap_analysis", mapping.state.iso3)


def _target(request: HttpRequest, key: str) -> tuple[Provision, ProvisionParagraph | None]:
    return catalog_permissions.access_convention_target(request.user, key)


def workbench(request: HttpRequest, iso3: str, key: str) -> HttpResponse:
    """Map one Convention article/paragraph for one state, helped by suggestions."""
    state = _state(request, iso3)
    provision, paragraph = _target(request, key)
    rows = suggestions.suggest(request.user, state, provision, paragraph, k=10)
    can_map = permissions.can_assess(request.user, state)
    mappings = selectors.mapping_list(request.user, state=state, convention_provision=provision)
    template = htmx_template(request, "legislation/workbench.html", "suggestions")
    return TemplateResponse(
        request,
        template,
        {
            "state": state,
            "provision": provision,
            "paragraph": paragraph,
            "key": key,
            "paragraphs": provision.paragraphs.all(),
            "rows": rows,
            "mappings": mappings,
            "can_map": can_map,
            "compliance_choices": [
                c for c in Compliance.choices if c[0] in {"full", "partial", "none"}
            ],
            "acceptance": selectors.acceptance_rate(state),
        },
    )


@require_POST
def suggestion_decide(request: HttpRequest, iso3: str, key: str) -> HttpResponse:
    state = _state(request, iso3)
    provision, paragraph = _target(request, key)
    legal_provision = permissions.access_provision(request.user, request.POST.get("provision", ""))
    if legal_provision.legal_text.state_id != state.pk:
        raise Http404
    decision = request.POST.get("decision", "")
    compliance = request.POST.get("compliance", Compliance.PARTIAL)
    try:
        services.suggestion_decide(
            actor=request.user,
            legal_provision=legal_provision,
            convention_provision=provision,
            paragraph=paragraph,
            decision=decision,
            rank=int(request.POST.get("rank", 0) or 0),
            score=float(request.POST.get("score", 0) or 0),
            compliance=compliance,
            classification=request.POST.get("classification", "restricted"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if decision == SuggestionDecision.Decision.ACCEPTED:
            messages.success(
                request,
                _("%(provision)s mapped to %(target)s.")
                % {"provision": legal_provision, "target": paragraph or provision},
            )
    return redirect("legislation:workbench", state.iso3, key)


# --- gap analysis ----------------------------------------------------------------------------


def gap_index(request: HttpRequest) -> HttpResponse:
    if request.GET.get("state"):
        return redirect("legislation:gap_analysis", request.GET["state"].upper())
    own = (
        list(_own_states(request.user)) if not access.scope_of(request.user).is_secretariat else []
    )
    if len(own) == 1:
        return redirect("legislation:gap_analysis", own[0].iso3)
    return TemplateResponse(
        request,
        "legislation/gap_index.html",
        {
            "states": selectors.states_with_legislation(request.user),
            "all_states": State.objects.order_by("name"),
        },
    )


def gap_analysis(request: HttpRequest, iso3: str) -> HttpResponse:
    state = _state(request, iso3)
    instrument = request.GET.get("instrument", "")
    analysis = gaps.gap_analysis(request.user, state, instrument=instrument)
    fmt = request.GET.get("format")
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        return reports.file_response(
            reports.gap_xlsx(analysis), f"gap-analysis-{state.iso3}-{stamp}.xlsx", XLSX_TYPE
        )
    if fmt == "pdf":
        return reports.file_response(
            reports.gap_pdf(analysis, request), f"gap-analysis-{state.iso3}-{stamp}.pdf", PDF_TYPE
        )
    status = request.GET.get("status", "")
    obligation = request.GET.get("obligation", "")
    rows = [
        r
        for r in analysis.rows
        if (not status or r.status == status) and (not obligation or r.obligation == obligation)
    ]
    return TemplateResponse(
        request,
        "legislation/gap_analysis.html",
        {
            "state": state,
            "analysis": analysis,
            "rows": rows,
            "status": status,
            "obligation": obligation,
            "instrument": instrument,
            "statuses": list(selectors.STATUS_LABELS.items()),
            "colours": selectors.STATUS_COLOURS,
            "chart": gaps.gap_chart(analysis),
            "scope_rule": gaps.SCOPE_RULE,
            "can_make_needs": permissions.can_assess(request.user, state),
            "laws": selectors.laws_for_state(request.user, state),
            "querystring": querystring_without_page(request),
        },
    )


@require_POST
def gap_needs(request: HttpRequest, iso3: str) -> HttpResponse:
    state = _state(request, iso3)
    report = services.gap_needs(request.user, state)
    messages.success(
        request,
        _(
            "Technical-assistance needs from the gap analysis: %(created)s created, "
            "%(updated)s updated."
        )
        % {"created": report.created, "updated": report.updated},
    )
    return redirect("legislation:gap_analysis", state.iso3)


def features_edit(request: HttpRequest, iso3: str) -> HttpResponse:
    """A state's victim and witness protection measures (the comparison's structured data)."""
    state = _state(request, iso3)
    if not permissions.can_assess(request.user, state):
        raise PermissionDenied
    current = {f.feature: f for f in VictimWitnessFeature.objects.filter(state=state)}
    if request.method == "POST":
        saved = 0
        try:
            for value, _label in Feature.choices:
                chosen = request.POST.get(f"{value}-value", "")
                if not chosen:
                    continue
                notes = request.POST.get(f"{value}-notes", "").strip()
                source = request.POST.get(f"{value}-source", "").strip()[:300]
                old = current.get(value)
                if old and (old.value, old.notes, old.source) == (chosen, notes, source):
                    continue
                services.feature_set(
                    actor=request.user,
                    state=state,
                    feature=value,
                    value=chosen,
                    notes=notes,
                    source=source,
                    classification=old.classification if old else "public",
                )
                saved += 1
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(n)s protection measures saved.") % {"n": saved})
            return redirect(f"{reverse('legislation:comparison')}?states={state.iso3}")
    rows = [(value, label, current.get(value)) for value, label in Feature.choices]
    return TemplateResponse(
        request,
        "legislation/features_edit.html",
        {"state": state, "rows": rows, "values": FeatureValue.choices},
    )


# --- comparison and heat map ---------------------------------------------------------------


def _set_from_request(request: HttpRequest) -> tuple[str, list[str], str]:
    """(preset name, keys, title) from ?set=victims_witnesses or ?items=untoc/art_5,..."""
    items = [k for k in request.GET.get("items", "").replace(" ", ",").split(",") if k.strip()]
    if items:
        return "", items, _("Chosen provisions")
    preset = request.GET.get("set", "victims_witnesses")
    if preset in selectors.PRESETS:
        title, keys = selectors.PRESETS[preset]
        return preset, list(keys), str(title)
    if Instrument.objects.filter(code=preset).exists():
        instrument = Instrument.objects.get(code=preset)
        return preset, [preset], instrument.short_title
    title, keys = selectors.PRESETS["victims_witnesses"]
    return "victims_witnesses", list(keys), str(title)


def _states_from_request(request: HttpRequest) -> list[State]:
    codes = [c.strip().upper() for c in request.GET.get("states", "").split(",") if c.strip()]
    if not codes:
        codes = [c.upper() for c in request.GET.getlist("state") if c]
    if not codes:
        return []
    found = {s.iso3: s for s in State.objects.filter(iso3__in=codes)}
    return [found[c] for c in codes if c in found]


@login_not_required
def comparison(request: HttpRequest) -> HttpResponse:
    preset, keys, title = _set_from_request(request)
    chosen = _states_from_request(request)
    data = selectors.comparison(request.user, keys, chosen or None)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return reports.file_response(reports.comparison_xlsx(data), "comparison.xlsx", XLSX_TYPE)
    if fmt == "pdf":
        return reports.file_response(
            reports.comparison_pdf(data, title, request), "comparison.pdf", PDF_TYPE
        )
    return TemplateResponse(
        request,
        "legislation/comparison.html",
        {
            "data": data,
            "title": title,
            "preset": preset,
            "items_value": request.GET.get("items", ""),
            "states_value": ",".join(s.iso3 for s in chosen),
            "presets": [(k, v[0]) for k, v in selectors.PRESETS.items()],
            "instruments": Instrument.objects.order_by("order"),
            "all_states": selectors.states_with_legislation(request.user),
            "querystring": request.GET.urlencode(),
            "colours": selectors.STATUS_COLOURS,
        },
    )


@login_not_required
def heatmap(request: HttpRequest) -> HttpResponse:
    preset, keys, title = _set_from_request(request)
    chosen = _states_from_request(request)
    data = selectors.heatmap(request.user, keys, chosen or None)
    return TemplateResponse(
        request,
        "legislation/heatmap.html",
        {
            "data": data,
            "rows": list(zip(data.states, data.cells, strict=True)),
            "chart": data.chart(),
            "title": title,
            "preset": preset,
            "presets": [(k, v[0]) for k, v in selectors.PRESETS.items()],
            "instruments": Instrument.objects.order_by("order"),
            "statuses": list(selectors.STATUS_LABELS.items()),
            "colours": selectors.STATUS_COLOURS,
        },
    )
