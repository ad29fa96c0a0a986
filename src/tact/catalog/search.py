from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.catalog.models import Provision
from tact.core.links import record_ref
from tact.search import SearchHit, register, snippet


@register("provisions")
def search_provisions(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = Provision.objects.select_related("instrument").filter(
        Q(text__icontains=query) | Q(titles__icontains=query)
    )
    return [
        SearchHit(
            "provision",
            _("Convention provision"),
            f"{p} — {p.title}",
            p.get_absolute_url(),
            snippet(p.text, query),
            ref=record_ref(p),
        )
        for p in qs[:limit]
    ]
