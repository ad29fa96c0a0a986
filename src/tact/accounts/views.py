from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tact.accounts import permissions, selectors, services
from tact.accounts.forms import TokenCreateForm
from tact.accounts.models import User


def _user(request: HttpRequest) -> User:
    """The logged-in user (the middleware guarantees one on these pages)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    new_key = request.session.pop("new_token_key", None)
    return TemplateResponse(
        request,
        "accounts/profile.html",
        {
            "tokens": selectors.token_list(user=user),
            "form": TokenCreateForm(),
            "new_key": new_key,
            "states": [m.state for m in user.state_memberships.select_related("state")],
        },
    )


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        _token, key = services.token_create(actor=user, user=user, name=form.cleaned_data["name"])
        request.session["new_token_key"] = key
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = permissions.access_own_token(request.user, token_id)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


def unlock(request: HttpRequest) -> HttpResponse:
    """The secretariat sees failed log-in records and unlocks an account and its address."""
    from axes.models import AccessAttempt
    from axes.utils import reset

    from tact.core import access
    from tact.core.audit import audit_log

    access.require_secretariat(request.user)
    if request.method == "POST":
        attempt = permissions.access_lockout(request.user, request.POST.get("attempt", ""))
        reset(username=attempt.username)
        reset(ip=attempt.ip_address)
        audit_log(
            actor=request.user,
            action="accounts.unlocked",
            changes={"username": attempt.username, "address": attempt.ip_address},
        )
        messages.success(request, _("Unlocked."))
        return redirect("accounts:unlock")
    return TemplateResponse(
        request,
        "accounts/unlock.html",
        {"attempts": AccessAttempt.objects.order_by("-attempt_time")[:200]},
    )
