"""Pages need a login unless their view is marked `login_not_required` (public allowlist)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseForbidden
from django.http.response import HttpResponseBase


class LoginRequiredUnlessPublicMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, with two tact twists.

    * The API under /api/ authenticates itself (tokens or session) per operation.
    * An htmx request never gets a login redirect (it would swap a login page into a
      fragment); it gets 403 and the page shows "session expired".
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Any,
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(  # type: ignore[override]
        self, request: HttpRequest, view_func: Any
    ) -> HttpResponseBase:
        if request.headers.get("HX-Request"):
            return HttpResponseForbidden("session expired")
        return super().handle_no_permission(request, view_func)
