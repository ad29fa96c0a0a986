"""Pages of the chain: the chain of one record, and the integrity checks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from tact.chain import permissions
from tact.chain.drawing import draw
from tact.chain.integrity import CHECKS_BY_NAME, integrity_findings
from tact.chain.selectors import chain_walk
from tact.core.links import record_url
from tact.core.pagination import paginate, querystring_without_page
from tact.directory.models import State


def chain_view(request: HttpRequest, ref: str) -> HttpResponse:
    record = permissions.access_chain_start(request.user, ref)
    chain = chain_walk(request.user, record)
    return TemplateResponse(
        request,
        "chain/chain.html",
        {
            "record": record,
            "record_url": record_url(record),
            "chain": chain,
            "drawing": draw(chain, rtl=get_language_bidi()),
            "tree": chain.tree(),
        },
    )


def _state(request: HttpRequest) -> State | None:
    iso3 = request.GET.get("state", "").strip().upper()
    if not iso3:
        return None
    state = State.objects.filter(iso3=iso3[:3]).first()
    if state is None:
        raise Http404(_("No such state."))
    return state


def checks(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    return TemplateResponse(
        request,
        "chain/checks.html",
        {
            "state": state,
            "findings": integrity_findings(request.user, state),
            "states": State.objects.filter(party_statuses__isnull=False)
            .distinct()
            .order_by("name"),
            "querystring": querystring_without_page(request),
        },
    )


def check_detail(request: HttpRequest, name: str) -> HttpResponse:
    check = CHECKS_BY_NAME.get(name)
    if check is None:
        raise Http404(_("No such check."))
    state = _state(request)
    page = paginate(request, check.records(request.user, state))
    return TemplateResponse(
        request,
        "chain/check_detail.html",
        {
            "check": check,
            "state": state,
            "page": page,
            "querystring": querystring_without_page(request),
        },
    )
