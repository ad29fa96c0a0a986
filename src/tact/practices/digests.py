"""Digests for subscriptions: new and changed public records about what a user follows.

``tact send-digests`` (run by a scheduler) mails each subscriber the public records indexed
by tact.search since their last digest whose facets match a subscription (theme, provision,
state, recommendation).  Only public records: a digest is an e-mail, outside access control.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tact.core.models import Classification
from tact.practices.models import Subscription
from tact.search.documents import sources
from tact.search.models import SearchDocument

MAX_ITEMS = 50


@dataclass(frozen=True)
class DigestReport:
    users: int
    mails: int
    items: int


def _titles(rows: list[SearchDocument]) -> list[str]:
    """'Title - URL' of each row's record (public records, read as their source reads them)."""
    registry = sources()
    lines: list[str] = []
    base = getattr(settings, "TACT_SITE_URL", "").rstrip("/")
    for row in rows:
        source = registry.get(row.kind)
        if source is None:
            continue
        _label, _sep, pk = row.ref.partition(":")
        obj = source.records().filter(pk=pk).first()
        document = source.document(obj) if obj is not None else None
        if document is None:
            continue
        url = getattr(obj, "get_absolute_url", lambda: "")()
        lines.append(f"- [{source.label}] {document.title}\n  {base}{url}")
    return lines


def send_digests(*, now: datetime | None = None) -> DigestReport:
    """Mail every subscriber what changed since their last digest; returns what was sent."""
    now = now or timezone.now()
    by_user: dict[int, list[Subscription]] = defaultdict(list)
    for subscription in Subscription.objects.select_related("user").order_by("user_id", "pk"):
        by_user[subscription.user_id].append(subscription)
    mails = items = 0
    for subscriptions in by_user.values():
        user = subscriptions[0].user
        since = min((s.last_sent_at or s.created_at for s in subscriptions), default=now)
        follows = Q()
        for s in subscriptions:
            follows |= Q(facets__facet=s.target, facets__value=s.value)
        rows = list(
            SearchDocument.objects.filter(
                follows,
                classification=Classification.PUBLIC,
                updated_at__gt=since,
                updated_at__lte=now,
            )
            .distinct()
            .order_by("-updated_at")[:MAX_ITEMS]
        )
        lines = _titles(rows)
        if lines and user.email:
            with translation.override(user.preferred_language or "en"):
                send_mail(
                    _("tact: what changed in what you follow"),
                    "\n".join(lines),
                    None,
                    [user.email],
                )
            mails += 1
            items += len(lines)
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(last_sent_at=now)
    return DigestReport(users=len(by_user), mails=mails, items=items)
