"""Global search box provider: laws and provisions by title/heading/text (access-filtered).

The legislation search page (``legislation:search``) has the real multilingual full-text
engine; this provider only feeds the site-wide search box."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.legislation import selectors
from tact.legislation.models import LegalText
from tact.search import SearchHit, register, snippet
from tact.search.documents import Document, Source, register_source


@register("legislation")
def search_legislation(user: Any, query: str, limit: int) -> list[SearchHit]:
    hits: list[SearchHit] = []
    laws = access.visible(user, LegalText.objects.select_related("state")).filter(
        Q(title__icontains=query) | Q(number__icontains=query)
    )[:limit]
    for law in laws:
        hits.append(
            SearchHit(
                kind="legislation",
                kind_label=_("Law"),
                title=f"{law.title} ({law.state.display_name})",
                url=law.get_absolute_url(),
                snippet=law.get_text_type_display(),
                classification=law.classification,
                ref=f"legislation.legaltext:{law.pk}",
            )
        )
    provisions = (
        selectors.provisions_visible(user)
        .filter(Q(heading__icontains=query) | Q(body__icontains=query))
        .select_related("legal_text__state")[:limit]
    )
    for prov in provisions:
        hits.append(
            SearchHit(
                kind="legislation",
                kind_label=_("Legal provision"),
                title=f"{prov.legal_text.title} — {prov}",
                url=prov.get_absolute_url(),
                snippet=snippet(prov.body, query),
                classification=prov.legal_text.classification,
                ref=f"legislation.legalprovision:{prov.pk}",
            )
        )
    return hits


# --- the one search across tact (tact.search documents) --------------------------------------
# Laws are documents of the site-wide index (title, number, notes); their provisions keep their
# own index and page (legislation:search), which ranks them with legal weighting and facets.


def _law_document(law: Any) -> Document:
    return Document(
        title=law.title,
        body=" ".join(part for part in (law.number, law.notes) if part),
        language=law.language or "en",
        context=law.state.display_name,
        year=law.adopted_on.year if law.adopted_on else None,
        states=(law.state.iso3,),
    )


register_source(
    Source(
        kind="law",
        label=_("Law"),
        model=LegalText,
        document=_law_document,
        queryset=lambda: LegalText.objects.select_related("state"),
    )
)
