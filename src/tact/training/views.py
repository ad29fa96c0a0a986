"""Pages for training (thin: parse, call selectors and services, render)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.core import access
from tact.core.exports import XLSX_TYPE, pdf_bytes, xlsx_response
from tact.core.pagination import paginate, querystring_without_page
from tact.core.uploads import check_upload_size
from tact.directory.models import Organisation, State
from tact.training import permissions, results_link, roster, selectors, services
from tact.training.forms import ProgrammeForm, SessionForm, UploadForm
from tact.training.models import LANGUAGES, Participant, ProgrammeIndicator, Session

PREVIEW_SALT = "tact.training.roster"


def _figures(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "").strip().upper()
    sessions = selectors.session_list(actor=request.user, state_iso3=state or None)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "training-sessions.xlsx",
            [
                _("Session"),
                _("Programme"),
                _("State"),
                _("Start"),
                _("End"),
                _("Participants"),
                _("Women"),
                _("Agency types"),
                _("Class-average gain"),
            ],
            (
                [
                    s.title,
                    s.course.programme.title,
                    s.state.iso3 if s.state else "",
                    s.start,
                    s.end,
                    s.participant_count,
                    s.female_count,
                    s.agency_type_count,
                    "" if s.class_gain is None else float(s.class_gain),
                ]
                for s in sessions
            ),
            title="sessions",
        )
    programmes = selectors.programme_list(actor=request.user, q=request.GET.get("q") or None)
    recent = list(sessions[:30])
    chart = {
        "gain": [
            {"title": s.title, "gain": _figures(s.class_gain), "band": _band(s.class_gain)}
            for s in reversed(recent)
            if s.class_gain is not None
        ],
        "mix": {
            k: {y: _figures(v) for y, v in years.items()}
            for k, years in selectors.mix_over_time(sessions).items()
        },
    }
    return TemplateResponse(
        request,
        "training/index.html",
        {
            "page": paginate(request, programmes),
            "querystring": querystring_without_page(request),
            "sessions": recent[:10],
            "mix_by_state": selectors.mix_rows(sessions, "state"),
            "mix_by_year": selectors.mix_rows(sessions, "year"),
            "totals": selectors.totals(sessions),
            "chart": chart,
            "state": state,
            "states": State.objects.filter(iso3__in=sessions.values("state__iso3")).order_by(
                "name"
            ),
            "can_create": permissions.can_create_programme(request.user),
        },
    )


def _band(value: Decimal | None) -> str:
    from tact.training.gain import band

    return band(value)


@login_not_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = permissions.access_programme(request.user, pk)
    sessions = selectors.session_list(actor=request.user, programme=programme)
    return TemplateResponse(
        request,
        "training/programme_detail.html",
        {
            "programme": programme,
            "courses": programme.courses.prefetch_related("modules"),
            "sessions": sessions,
            "needs": access.visible(request.user, programme.needs.all()),
            "project": programme.project
            if programme.project and access.can_view(request.user, programme.project)
            else None,
            "levels": selectors.kirkpatrick(sessions),
            "level4": results_link.level4_evidence(actor=request.user, programme=programme),
            "mix": selectors.mix_rows(sessions, "programme"),
            "mix_by_state": selectors.mix_rows(sessions, "state"),
            "indicators": [
                link
                for link in programme.indicators.select_related("indicator")
                if access.can_view(request.user, link.indicator)
            ],
            "can_edit": permissions.can_edit_programme(request.user, programme),
            "indicator_choices": results_link.indicator_choices(request.user, programme)[:200]
            if permissions.can_edit_programme(request.user, programme)
            else [],
            "metrics": ProgrammeIndicator.Metric.choices,
            "can_add_session": permissions.can_add_session(request.user, programme),
        },
    )


def programme_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_programme(request.user):
        raise PermissionDenied(_("Your role may not change records."))
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _messages(exc))
        else:
            messages.success(request, _("Programme created."))
            return redirect(programme.get_absolute_url())
    return TemplateResponse(
        request, "training/form.html", {"form": form, "heading": _("New training programme")}
    )


@require_POST
def programme_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link an indicator of a results framework to one of the programme's figures."""
    programme = permissions.access_programme(request.user, pk, for_edit=True)
    metric = request.POST.get("metric", "")
    indicator = (
        results_link.indicator_choices(request.user)
        .filter(pk=request.POST.get("indicator") or 0)
        .first()
    )
    if indicator is None or metric not in ProgrammeIndicator.Metric.values:
        messages.error(request, _("Choose an indicator and a figure."))
    else:
        results_link.link_indicator(
            actor=request.user, programme=programme, indicator=indicator, metric=metric
        )
        messages.success(request, _("Indicator linked."))
    return redirect(programme.get_absolute_url())


@require_POST
def programme_push(request: HttpRequest, pk: int) -> HttpResponse:
    programme = permissions.access_programme(request.user, pk, for_edit=True)
    try:
        year = int(request.POST.get("year", ""))
        periods = results_link.push_actuals(actor=request.user, programme=programme, year=year)
    except ValueError:
        messages.error(request, _("Give a year."))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages(exc))
    else:
        messages.success(request, _("%(n)d indicator values written.") % {"n": len(periods)})
    return redirect(programme.get_absolute_url())


def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = permissions.access_programme(request.user, pk)
    if not permissions.can_add_session(request.user, programme):
        raise PermissionDenied(_("Your role may not change records."))
    form = SessionForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            session = services.session_create(actor=request.user, **data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _messages(exc))
        else:
            session.participant_states.set([data["state"]])
            messages.success(request, _("Session created."))
            return redirect(session.get_absolute_url())
    return TemplateResponse(
        request,
        "training/form.html",
        {"form": form, "heading": _("New session"), "back": programme},
    )


def _messages(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("You may not change this record.")


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.access_session(request.user, pk)
    rows = selectors.participant_rows(actor=request.user, session=session)
    report = selectors.session_gain(session)
    chart = [
        {
            "code": r.participant.code,
            "pre": _figures(r.participant.pre_score),
            "post": _figures(r.participant.post_score),
            "gain": _figures(r.gain),
            "band": r.band,
        }
        for r in rows
    ]
    return TemplateResponse(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "report": report,
            "levels": selectors.kirkpatrick(Session.objects.filter(pk=session.pk)),
            "mix": selectors.agency_mix(session),
            "trainers": session.trainers.select_related("organisation"),
            "partners": session.partner_agencies.all(),
            "chart": {"participants": chart, "max": float(session.max_score)},
            "show_names": permissions.can_see_names(request.user, session),
            "can_edit": permissions.can_edit_session(request.user, session),
            "certificate_languages": LANGUAGES,
            "organisations": _trainer_organisations(session)
            if permissions.can_edit_session(request.user, session)
            else [],
        },
    )


def _trainer_organisations(session: Session) -> Any:
    """Organisations a trainer may come from: the host state's agencies and the
    international, UN and regional organisations (a short list, not the whole directory)."""
    return Organisation.objects.filter(
        Q(state=session.state) | Q(kind__in=["un_entity", "international", "regional"])
    ).order_by("name")[:300]


@require_POST
def trainer_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.access_session(request.user, pk, for_edit=True)
    name = request.POST.get("name", "").strip()
    org_id = request.POST.get("organisation") or None
    organisation = (
        next((o for o in _trainer_organisations(session) if str(o.pk) == org_id), None)
        if org_id
        else None
    )
    if not name:
        messages.error(request, _("Give the trainer's name."))
    else:
        services.trainer_add(
            actor=request.user,
            session=session,
            name=name[:200],
            role=request.POST.get("role", "").strip()[:120],
            organisation=organisation,
        )
        if organisation is not None and request.POST.get("partner"):
            session.partner_agencies.add(organisation)
        messages.success(request, _("Trainer added."))
    return redirect(session.get_absolute_url())


def roster_export(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.access_session(request.user, pk)
    data = roster.roster_xlsx(
        selectors.roster_rows(actor=request.user, session=session), session.days()
    )
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="session-{pk}-roster.xlsx"'
    return response


def scores_export(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.access_session(request.user, pk)
    data = roster.scores_xlsx(selectors.roster_rows(actor=request.user, session=session))
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="session-{pk}-scores.xlsx"'
    return response


def read_roster_upload(session: Session, data: bytes) -> roster.Sheet:
    states = dict(State.objects.values_list("iso3", "pk"))
    return roster.read_roster(data, maximum=session.max_score, days=session.days(), states=states)


def roster_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload -> preview (nothing saved; bad rows listed) -> confirm."""
    session = permissions.access_session(request.user, pk, for_edit=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"session": session, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            sheet = read_roster_upload(session, upload.read())
            context["errors"] = sheet.errors
            if not sheet.errors:
                codes = [r["code"] for r in sheet.rows]
                existing = set(
                    session.participants.filter(code__in=codes).values_list("code", flat=True)
                )
                elsewhere = set(
                    access.visible(request.user, Participant.objects.filter(code__in=codes))
                    .exclude(session=session)
                    .values_list("code", flat=True)
                )
                context["rows"] = [
                    {**r, "existing": r["code"] in existing, "elsewhere": r["code"] in elsewhere}
                    for r in sheet.rows
                ]
                context["token"] = signing.dumps(
                    {"session": session.pk, "rows": sheet.rows}, salt=PREVIEW_SALT, compress=True
                )
                context["show_names"] = permissions.can_see_names(request.user, session)
    return TemplateResponse(request, "training/roster_import.html", context)


@require_POST
def roster_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.access_session(request.user, pk, for_edit=True)
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=PREVIEW_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired or was altered; upload the file again."))
        return redirect("training:roster_import", pk=pk)
    if payload.get("session") != session.pk:
        messages.error(request, _("This preview belongs to another session."))
        return redirect("training:roster_import", pk=pk)
    counts = services.roster_import(actor=request.user, session=session, rows=payload["rows"])
    messages.success(
        request,
        _("Roster saved: %(created)d participants added, %(updated)d updated.") % counts,
    )
    return redirect(session.get_absolute_url())


def scores_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter pre/post scores participant by participant, or upload a score sheet."""
    session = permissions.access_session(request.user, pk, for_edit=True)
    participants = list(session.participants.order_by("code"))
    upload = UploadForm(None)
    errors: list[str] = []
    if request.method == "POST":
        scores: dict[str, tuple[str | None, str | None]] = {}
        if request.FILES.get("file"):
            upload = UploadForm(request.POST, request.FILES)
            file = upload.cleaned_data["file"] if upload.is_valid() else None
            try:
                if file is None:
                    raise ValidationError(_("Choose an Excel file (.xlsx)."))
                check_upload_size(file.size)
            except ValidationError as exc:
                errors = exc.messages
            else:
                sheet = roster.read_scores(
                    file.read(), maximum=session.max_score, codes={p.code for p in participants}
                )
                errors = sheet.errors
                scores = {r["code"]: (r["pre"], r["post"]) for r in sheet.rows}
        else:
            for p in participants:
                pre = request.POST.get(f"pre-{p.pk}", "").strip().replace(",", ".")
                post = request.POST.get(f"post-{p.pk}", "").strip().replace(",", ".")
                for value in (pre, post):
                    try:
                        Decimal(value or "0")
                    except ArithmeticError:
                        errors.append(
                            _("%(code)s: %(value)s is not a number.")
                            % {"code": p.code, "value": value}
                        )
                scores[p.code] = (pre or None, post or None)
        if not errors:
            try:
                changed = services.scores_set(actor=request.user, session=session, scores=scores)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("%(n)d participants' scores saved.") % {"n": changed})
                return redirect(session.get_absolute_url())
    return TemplateResponse(
        request,
        "training/scores.html",
        {
            "session": session,
            "participants": participants,
            "upload": upload,
            "errors": errors,
            "posted": request.POST,
        },
    )


def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    participant = permissions.access_participant(request.user, pk, for_edit=True)
    session = participant.session
    language = request.GET.get("lang") or participant.language
    if language not in dict(LANGUAGES):
        language = participant.language
    try:
        certificate = services.certificate_issue(actor=request.user, participant=participant)
    except ValidationError as exc:
        messages.error(request, _messages(exc))
        return redirect(session.get_absolute_url())
    name = participant.name if permissions.can_see_names(request.user, session) else ""
    verify_path = "/" + language + "/training/verify/"
    with translation.override(language):
        # Django's Arabic date format carries right-to-left marks between day, month and
        # year, which scramble a date inside Arabic text in the PDF: drop them, and isolate
        # the date as left-to-right.
        start, end = (
            "\u2066"
            + formats.date_format(day, "SHORT_DATE_FORMAT").replace("\u200f", "")
            + "\u2069"
            for day in (session.start, session.end)
        )
        pdf = pdf_bytes(
            "training/certificate_pdf.html",
            {
                "participant": participant,
                "name": name or participant.code,
                "session": session,
                "course": session.course,
                "programme": session.course.programme,
                "certificate": certificate,
                "code": "-".join(certificate.code[i : i + 4] for i in range(0, 12, 4)),
                "verify_url": "\u2066" + request.build_absolute_uri(verify_path) + "\u2069",
                "start": start,
                "end": end,
                # first-strong isolates: a Latin title or place inside Arabic keeps its order
                "programme_title": "\u2068" + session.course.programme.title + "\u2069",
                "place": "\u2068" + (session.place or session.platform) + "\u2069",
                "modules": list(session.course.modules.all()),
            },
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{participant.code}-{language}.pdf"'
    )
    return response


@login_not_required
def verify(request: HttpRequest) -> HttpResponse:
    """Public: tells whether a certificate code is valid, and nothing else."""
    code = request.GET.get("code", "").strip()[:32]
    result = services.certificate_valid(code) if code else None
    return TemplateResponse(request, "training/verify.html", {"code": code, "valid": result})
