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
