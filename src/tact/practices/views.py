"""Pages of good practices: thin views over selectors, services and permissions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tact.core import access
from tact.core.exports import pdf_response, xlsx_response
from tact.core.pagination import paginate, querystring_without_page
from tact.practices import exchange, permissions, selectors, services
from tact.practices.forms import (
    CommentForm,
    EndorseForm,
    EvidenceForm,
    OwnerForm,
    PracticeForm,
    QuestionForm,
    ReplicateForm,
    SubscriptionForm,
    TranslationForm,
)
from tact.practices.models import GoodPractice, Status, Subscription
from tact.search.service import similar_records

EXPORT_LIMIT = 5000


def _errors(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@login_not_required
def practice_list(request: HttpRequest) -> HttpResponse:
    mine = request.GET.get("mine") == "1" and request.user.is_authenticated
    practices = selectors.practice_list(
        request.user,
        status=request.GET.get("status", ""),
        theme=request.GET.get("theme", ""),
        state=request.GET.get("state", ""),
        mine=mine,
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "good-practices.xlsx",
            [_("Title"), _("Status"), _("Submitted for"), _("Language"), _("Published"), _("Link")],
            (
                [
                    p.title,
                    p.get_status_display(),
                    p.owner_state.display_name if p.owner_state else "",
                    p.language,
                    p.published_at.date() if p.published_at else "",
                    request.build_absolute_uri(p.get_absolute_url()),
                ]
                for p in practices[:EXPORT_LIMIT]
            ),
            title="practices",
        )
    return TemplateResponse(
        request,
        "practices/practice_list.html",
        {
            "page": paginate(request, practices),
            "querystring": querystring_without_page(request),
            "statuses": Status.choices,
            "is_reviewer": permissions.is_reviewer(request.user),
            "can_submit": permissions.can_create_practice(request.user),
            "mine": mine,
        },
    )


def _detail_context(request: HttpRequest, practice: GoodPractice) -> dict[str, Any]:
    actor = request.user
    endorsing = permissions.endorsing_states(actor, practice)
    return {
        "practice": practice,
        "fields": [
            (_("Summary"), practice.summary),
            (_("Context"), practice.context),
            (_("Problem addressed"), practice.problem),
            (_("What was done"), practice.actions),
            (_("Results"), practice.results),
            (_("Cost and resources"), practice.cost),
            (_("Conditions for transfer"), practice.transferability),
            (_("Contacts"), practice.contacts),
        ],
        "translations": selectors.translation_pairs(practice),
        "evidence": selectors.evidence_of(actor, practice),
        "source": selectors.source_of(actor, practice),
        "threads": selectors.threads_of(practice),
        "endorsements": practice.endorsements.select_related("state"),
        "comments": practice.review_comments.select_related("author")
        if permissions.can_see_review(actor, practice)
        else [],
        "similar": similar_records(actor, practice, kinds=("practice",), limit=5)
        if practice.status == Status.PUBLISHED
        else [],
        "can_edit": permissions.can_edit_practice(actor, practice),
        "can_submit": permissions.can_submit_practice(actor, practice),
        "can_start_review": permissions.can_start_review(actor, practice),
        "can_comment": permissions.can_comment_practice(actor, practice),
        "can_decide": permissions.can_decide_practice(actor, practice),
        "can_ask": permissions.can_ask_question(actor, practice),
        "can_answer": permissions.can_answer_question(actor, practice),
        "comment_form": CommentForm(),
        "evidence_form": EvidenceForm(),
        "endorse_form": EndorseForm(state_ids=endorsing) if endorsing else None,
        "replicate_form": ReplicateForm(state_ids=endorsing) if endorsing else None,
        "question_form": QuestionForm(),
        "translation_form": TranslationForm() if access.can_edit(actor, practice) else None,
    }


@login_not_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk)
    return TemplateResponse(
        request, "practices/practice_detail.html", _detail_context(request, practice)
    )


@login_not_required
def practice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk)
    context = _detail_context(request, practice)
    return pdf_response(f"practice-{practice.pk}.pdf", "practices/practice_pdf.html", context)


def _owner_state_ids(request: HttpRequest) -> frozenset[int]:
    scope = access.scope_of(request.user)
    return frozenset() if scope.is_secretariat else scope.state_ids


def practice_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_practice(request.user):
        raise PermissionDenied(_("Your role may not change records."))
    state_ids = _owner_state_ids(request)
    form = PracticeForm(request.POST or None)
    owner = OwnerForm(request.POST or None, state_ids=state_ids)
    if request.method == "POST" and form.is_valid() and owner.is_valid():
        try:
            practice = services.practice_create(
                actor=request.user,
                values=form.cleaned_data,
                owner_state=owner.cleaned_data["owner_state"],
                states=form.cleaned_data["states"] or None,
                themes=form.cleaned_data["themes"],
                provisions=form.cleaned_data["provisions"],
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("Draft saved. Submit it when it is ready."))
            return redirect(practice)
    return TemplateResponse(
        request, "practices/practice_form.html", {"form": form, "owner_form": owner}
    )


def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk, for_edit=True)
    if not permissions.can_edit_practice(request.user, practice):
        raise PermissionDenied(_("This practice cannot be changed now."))
    form = PracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        services.practice_update(
            actor=request.user,
            practice=practice,
            values=form.cleaned_data,
            states=form.cleaned_data["states"],
            themes=form.cleaned_data["themes"],
            provisions=form.cleaned_data["provisions"],
        )
        messages.success(request, _("Saved."))
        return redirect(practice)
    if request.method != "POST":
        form.initial.update(
            states=list(practice.states.all()),
            themes=list(practice.themes.all()),
            provisions=list(practice.provisions.all()),
        )
    return TemplateResponse(
        request, "practices/practice_form.html", {"form": form, "practice": practice}
    )


_TRANSITIONS: dict[str, tuple[Callable[..., GoodPractice], Promise]] = {
    "submit": (services.practice_submit, gettext_lazy("Submitted for review.")),
    "review": (services.practice_start_review, gettext_lazy("Review started.")),
    "return": (
        services.practice_return,
        gettext_lazy("Returned to the submitter with your comments."),
    ),
    "publish": (services.practice_publish, gettext_lazy("Published.")),
}


@require_POST
def practice_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk)
    found = _TRANSITIONS.get(action)
    if found is None:
        raise PermissionDenied(_("Unknown action."))
    service, done = found
    try:
        service(actor=request.user, practice=practice)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, str(done))
    return redirect(practice)


def _post_form(
    request: HttpRequest, practice: GoodPractice, form: Any, write: Callable[[Any], Any]
) -> HttpResponse:
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect(practice)


@require_POST
def practice_comment(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk)
    return _post_form(
        request,
        practice,
        CommentForm(request.POST),
        lambda d: services.practice_comment(
            actor=request.user, practice=practice, field=d["field"], text=d["text"]
        ),
    )


@require_POST
def practice_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk, for_edit=True)
    return _post_form(
        request,
        practice,
        EvidenceForm(request.POST),
        lambda d: services.evidence_add(
            actor=request.user, practice=practice, ref=d["ref"], note=d["note"]
        ),
    )


@require_POST
def practice_translation(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk, for_edit=True)
    return _post_form(
        request,
        practice,
        TranslationForm(request.POST),
        lambda d: services.translation_save(
            actor=request.user, practice=practice, language=d["language"], values=d
        ),
    )


@require_POST
def practice_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk)
    state_ids = permissions.endorsing_states(request.user, practice)
    return _post_form(
        request,
        practice,
        EndorseForm(request.POST, state_ids=state_ids),
        lambda d: exchange.endorse(
            actor=request.user,
            practice=practice,
            state=d["state"],
            applied=d["applied"],
            result=d["result"],
        ),
    )


@require_POST
def practice_replicate(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk)
    state_ids = permissions.endorsing_states(request.user, practice)
    return _post_form(
        request,
        practice,
        ReplicateForm(request.POST, state_ids=state_ids),
        lambda d: exchange.request_replication(
            actor=request.user, practice=practice, state=d["state"], note=d["note"]
        ),
    )


@require_POST
def practice_question(request: HttpRequest, pk: int) -> HttpResponse:
    practice = permissions.access_practice(request.user, pk)

    def write(d: dict[str, Any]) -> Any:
        parent = practice.questions.filter(pk=d["parent"]).first() if d.get("parent") else None
        return exchange.ask(actor=request.user, practice=practice, text=d["text"], parent=parent)

    return _post_form(request, practice, QuestionForm(request.POST), write)


def subscriptions(request: HttpRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("remove", "").isdigit():
            exchange.unsubscribe(actor=request.user, pk=int(request.POST["remove"]))
            return redirect("practices:subscriptions")
        if form.is_valid():
            try:
                exchange.subscribe(
                    actor=request.user,
                    target=form.cleaned_data["target"],
                    value=form.cleaned_data["value"],
                )
            except ValidationError as exc:
                form.add_error(None, _errors(exc))
            else:
                return redirect("practices:subscriptions")
    return TemplateResponse(
        request,
        "practices/subscriptions.html",
        {
            "form": form,
            "subscriptions": Subscription.objects.filter(user_id=request.user.pk or 0),
        },
    )
