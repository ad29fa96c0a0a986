from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.catalog.models import Provision, Theme
from tact.core.links import record_ref
from tact.search import SearchHit, register, snippet
from tact.search.documents import Document, Source, register_source
from tact.search.service import register_facet_labels


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


# --- the one search across tact (tact.search documents) --------------------------------------


def _provision_document(p: Any) -> Document:
    return Document(
        title=f"{p} — {p.title}",
        body=p.text,
        language="en",
        context=p.instrument.short_title,
        themes=tuple(t.code for t in p.themes.all()),
        provisions=(p.key,),
    )


register_source(
    Source(
        kind="provision",
        label=_("Convention provision"),
        model=Provision,
        document=_provision_document,
        queryset=lambda: Provision.objects.select_related("instrument").prefetch_related("themes"),
    )
)
register_facet_labels("theme", lambda: {t.code: str(t.title) for t in Theme.objects.all()})
register_facet_labels(
    "provision",
    lambda: {p.key: str(p) for p in Provision.objects.select_related("instrument")},
)
