"""Search provider: strategies, task forces and awareness campaigns the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.core.links import record_ref
from tact.core.search import SearchHit, register, snippet
from tact.strategies.models import AwarenessCampaign, Strategy, TaskForce


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
