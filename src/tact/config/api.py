"""The one NinjaAPI of version 1; each domain adds its router."""

import importlib
import importlib.util
import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger("tact.api")

api = NinjaAPI(
    title="tact API",
    version="1.0.0",
    description=(
        "Technical assistance under the UN Convention against Transnational Organized Crime "
        "and its Protocols. Authenticate with `Authorization: Bearer <token>` (create a token "
        "on your profile page) or a browser session. Lists are paginated: `page`, `page_size`."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _error(request: HttpRequest, status: int, code: str, detail: object) -> HttpResponse:
    return api.create_response(request, {"code": code, "detail": detail}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", str(exc) or "Not found.")


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", str(exc) or "Forbidden.")


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, 400, "invalid", exc.messages)


@api.exception_handler(NinjaValidationError)
def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _error(request, 422, "invalid_request", exc.errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthenticated", "Authentication required.")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found"}
    code = codes.get(exc.status_code, "throttled" if exc.status_code == 429 else "error")
    return _error(request, exc.status_code, code, str(exc))


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, "too_large", "The request body is too large.")


# A value the database cannot hold (a number beyond a column's precision, an integer beyond
# 64 bits) that validation let through: the client's fault, so 400 rather than a 500.
@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.warning("value out of range reached the database: %s", exc)
    return _error(request, 400, "invalid", ["A value is out of range."])


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Every other failure: logged with its traceback, answered in the documented body."""
    logger.exception("API error on %s %s", request.method, request.path)
    return _error(request, 500, "server_error", "Internal server error.")


# Each domain app with an `api.py` contributes `router`; the list is explicit so that the
# order of the OpenAPI document is stable.
DOMAIN_APIS = (
    "tact.catalog.api",
    "tact.directory.api",
    "tact.accounts.api",
    "tact.search.api",
    "tact.resolutions.api",
    "tact.legislation.api",
    "tact.assistance.api",
    "tact.evaluation.api",
    "tact.threats.api",
    "tact.strategies.api",
    "tact.training.api",
    "tact.practices.api",
    "tact.chain.api",
    "tact.profiles.api",
)
for module_name in DOMAIN_APIS:
    if importlib.util.find_spec(module_name) is not None:
        api.add_router("/", importlib.import_module(module_name).router)
