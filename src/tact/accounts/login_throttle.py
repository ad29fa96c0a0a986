"""Failed logins are slowed before they are locked (issue 18, item 5).

django-axes locks an account or an address after TACT_LOGIN_FAILURE_LIMIT failures. Before
that, from the TACT_LOGIN_SLOW_AFTER-th failure on, each further try must wait a delay that
doubles with every failure (TACT_LOGIN_SLOW_SECONDS, 2x, 4x...). A try made too early is
answered 429 with the wait in seconds, without checking the password (so it neither counts
as a failure nor tells a guesser anything), and is audited.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.db.models import Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import ngettext

from tact.core.audit import audit_log


def now() -> dt.datetime:  # a seam for tests: the clock
    return timezone.now()


def wait_seconds(username: str, address: str | None, at: dt.datetime) -> int:
    """Seconds this account or address must still wait before its next try (0: go ahead)."""
    from axes.models import AccessAttempt

    slow_after = int(getattr(settings, "TACT_LOGIN_SLOW_AFTER", 2))
    base = float(getattr(settings, "TACT_LOGIN_SLOW_SECONDS", 2))
    if base <= 0 or (not username and not address):
        return 0
    who = Q(username=username) if username else Q()
    if address:
        who = who | Q(ip_address=address) if who else Q(ip_address=address)
    # One row per (username, address, agent); the account's and the address's failures count.
    found = AccessAttempt.objects.filter(who).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    failures, last = found["failures"] or 0, found["last"]
    if failures < slow_after or last is None:
        return 0
    delay = base * 2 ** (failures - slow_after)
    remaining = (last + dt.timedelta(seconds=delay) - at).total_seconds()
    return max(0, math.ceil(remaining))


class ThrottledLoginView(LoginView):
    template_name = "accounts/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from axes.helpers import get_client_ip_address

        username = str(request.POST.get("username", ""))[:150]
        address = get_client_ip_address(request)
        wait = wait_seconds(username, address, now())
        if not wait:
            return super().post(request, *args, **kwargs)
        audit_log(
            actor=None,
            action="accounts.login_slowed",
            changes={"username": username, "address": address, "wait_seconds": wait},
        )
        form = self.get_form()
        form.errors.clear()
        message = ngettext(
            "Too many failed attempts. Wait %(seconds)d second before trying again.",
            "Too many failed attempts. Wait %(seconds)d seconds before trying again.",
            wait,
        ) % {"seconds": wait}
        response = self.render_to_response(self.get_context_data(form=form, slowed=message))
        response.status_code = 429
        response["Retry-After"] = str(wait)
        return response
