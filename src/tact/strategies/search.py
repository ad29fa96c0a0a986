"""Search provider: strategies, task forces and awareness campaigns the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.core.links import record_ref
from tact.search import SearchHit, register, register_suggestions, snippet
from tact.search.documents import Document, Source, register_source
from tact.strategies.models import AwarenessCampaign, Objective, Strategy, TaskForce


@register("strategies")
def search_strategies(user: Any, query: str, limit: int) -> list[SearchHit]:
    hits = []
    strategies = access.visible(
        user,
        Strategy.objects.filter(Q(title__icontains=query) | Q(description__icontains=query)),
    ).select_related("state")[:limit]
    for s in strategies:
        hits.append(
            SearchHit(
                "strategy",
                _("Strategy"),
                s.title,
                s.get_absolute_url(),
                snippet(s.description, query),
                s.classification,
                record_ref(s),
            )
        )
    task_forces = access.visible(
        user, TaskForce.objects.filter(Q(name__icontains=query) | Q(mandate__icontains=query))
    )[:limit]
    for t in task_forces:
        hits.append(
            SearchHit(
                "task_force",
                _("Task force"),
                t.name,
                t.get_absolute_url(),
                snippet(t.mandate, query),
                t.classification,
                record_ref(t),
            )
        )
    campaigns = access.visible(
        user,
        AwarenessCampaign.objects.filter(Q(title__icontains=query) | Q(audience__icontains=query)),
    )[:limit]
    for c in campaigns:
        hits.append(
            SearchHit(
                "campaign",
                _("Awareness campaign"),
                c.title,
                c.get_absolute_url(),
                snippet(c.audience, query),
                c.classification,
                record_ref(c),
            )
        )
    return hits


# annex.a asks for strategies; its items i-iii name one aim each.
AIM_OF_ITEM = {
    "annex.a.i": "aim_cooperation",
    "annex.a.ii": "aim_response",
    "annex.a.iii": "aim_awareness",
}


@register_suggestions("strategies")
def propose_strategies(user: Any, code: str, state_id: int | None) -> list[SearchHit]:
    """A follow-up by a state on annex.a (or one of its items) proposes that state's
    strategies (those serving the item's aim), newest first."""
    if state_id is None or not (code == "annex.a" or code.startswith("annex.a.")):
        return []
    strategies = access.visible(user, Strategy.objects.filter(state_id=state_id))
    aim_field = AIM_OF_ITEM.get(code)
    if aim_field:
        strategies = strategies.filter(
            pk__in=Objective.objects.filter(**{aim_field: True}).values("strategy")
        )
    return [
        SearchHit(
            "strategy",
            _("Strategy"),
            s.title,
            s.get_absolute_url(),
            "",
            s.classification,
            record_ref(s),
        )
        for s in strategies.order_by("-start", "title")[:5]
    ]


# --- the one search across tact (tact.search documents) --------------------------------------
# A strategy is one document: its objectives' titles are its context and lend it their themes
# and provisions; its access is its own (restricted by default, seen by its state's side).


def _strategy_document(s: Strategy) -> Document:
    objectives = list(s.objectives.all())
    date = s.adopted_on or s.start
    return Document(
        title=s.title,
        body="\n".join(
            part for part in (s.description, s.adopting_authority, s.adopting_instrument) if part
        ),
        language=s.language or "en",
        context=" ".join(o.title for o in objectives)[:2000],
        year=date.year if date else None,
        states=(s.state.iso3,) if s.state_id and s.state else (),
        themes=tuple(t.code for o in objectives for t in o.themes.all()),
        provisions=tuple(p.key for o in objectives for p in o.provisions.all()),
    )


def _strategy_shown(s: Any) -> Document:
    """Title and text of a hit: the strategy's own columns, no joins."""
    return Document(title=s.title, body=s.description, language=s.language or "en")


register_source(
    Source(
        kind="strategy",
        label=_("Strategy"),
        model=Strategy,
        document=_strategy_document,
        queryset=lambda: Strategy.objects.select_related("state").prefetch_related(
            "objectives__themes", "objectives__provisions"
        ),
        follows=((Objective, "objectives"),),
        display=_strategy_shown,
        display_queryset=lambda: Strategy.objects.all(),
    )
)
