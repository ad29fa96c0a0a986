"""Recommendations and follow-up in the site search; the follow-up panel of a state."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core.links import record_ref
from tact.resolutions import selectors
from tact.resolutions.models import FollowUp, Meeting, Recommendation
from tact.search import SearchHit, register, snippet
from tact.search.documents import Document, Source, register_source


@register("recommendations")
def search_recommendations(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = Recommendation.objects.select_related("resolution").filter(
        Q(text__icontains=query) | Q(code__iexact=query)
    )
    return [
        SearchHit(
            "recommendation",
            _("Recommendation"),
            f"{r.code} — {r.resolution.title[:80]}",
            r.get_absolute_url(),
            snippet(r.text, query),
            ref=record_ref(r),
        )
        for r in qs[:limit]
    ]


@register("follow_ups")
def search_follow_ups(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = selectors.follow_up_list(user, q=query)
    return [
        SearchHit(
            "follow_up",
            _("Follow-up report"),
            f"{f.recommendation.code} — {f.actor_name}",
            f.get_absolute_url(),
            snippet(f.narrative, query),
            f.classification,
            ref=record_ref(f),
        )
        for f in qs[:limit]
    ]


@register("meetings")
def search_meetings(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = Meeting.objects.filter(
        Q(title__icontains=query) | Q(body__icontains=query) | Q(panels__topic__icontains=query)
    ).distinct()
    return [
        SearchHit(
            "meeting",
            _("Meeting"),
            str(m),
            m.get_absolute_url(),
            snippet(m.summary or m.body, query),
            ref=record_ref(m),
        )
        for m in qs[:limit]
    ]


# --- the one search across tact (tact.search documents) --------------------------------------


def _recommendation_document(r: Any) -> Document:
    resolution = r.resolution
    return Document(
        title=f"{r.code} {resolution.symbol}".strip(),
        body=r.text,
        language=resolution.language or "en",
        context=resolution.title,
        year=resolution.adopted_on.year if resolution.adopted_on else None,
        themes=tuple(t.code for t in r.themes.all()),
        provisions=tuple(p.key for p in r.provisions.all()),
        recommendations=(str(r.pk),),
    )


def _followup_document(f: Any) -> Document:
    return Document(
        title=str(f),
        body=f.narrative,
        language=f.language or "en",
        context=f.recommendation.text[:300],
        year=f.reported_on.year if f.reported_on else None,
        states=(f.owner_state.iso3,) if f.owner_state_id else (),
        themes=tuple(t.code for t in f.recommendation.themes.all()),
        recommendations=(str(f.recommendation_id),),
    )


register_source(
    Source(
        kind="recommendation",
        label=_("Recommendation"),
        model=Recommendation,
        document=_recommendation_document,
        queryset=lambda: Recommendation.objects.select_related("resolution").prefetch_related(
            "themes", "provisions"
        ),
    )
)
register_source(
    Source(
        kind="follow_up",
        label=_("Follow-up report"),
        model=FollowUp,
        document=_followup_document,
        queryset=lambda: FollowUp.objects.select_related(
            "recommendation", "owner_state", "owner_organisation"
        ).prefetch_related("recommendation__themes"),
    )
)
