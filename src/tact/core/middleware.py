"""Pages need a login unless their view is marked `login_not_required` (public allowlist)."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponseForbidden, JsonResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse

logger = logging.getLogger("tact.request")


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


class BadInputMiddleware:
    """The last net under pages: bad input that reached a save (a value out of range, a null
    in a required field) is a 400 page naming the problem, never a 500."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponseBase | None:
        if not isinstance(exception, ValidationError | DataError | OverflowError):
            return None
        logger.warning("bad input reached a save on %s: %s", request.path, exception)
        messages = exception.messages if isinstance(exception, ValidationError) else []
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"code": "invalid", "detail": messages or ["A value is out of range."]},
                status=400,
            )
        return TemplateResponse(
            request, "400.html", {"messages_list": messages}, status=400
        ).render()


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (the client's `X-Request-ID` if well-formed, else a new
    one), echo it in the response and stamp it on each audit entry the request writes."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        from tact.core.audit import current_request_id

        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response
