"""Site search over threat assessments: only what the actor may see (a group's pseudonym
finds its assessment only for those who may see that assessment)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.core.links import record_ref
from tact.search import SearchHit, register, snippet
from tact.threats.models import Assessment, Subject


@register("threat_assessments")
def search_assessments(user: Any, query: str, limit: int) -> list[SearchHit]:
    visible = access.visible(user, Assessment.objects.all())
    matching_subjects = Subject.objects.filter(pseudonym__icontains=query).values("assessment_id")
    qs = visible.filter(
        Q(title__icontains=query) | Q(scope_note__icontains=query) | Q(pk__in=matching_subjects)
    ).order_by("-period_end")
    return [
        SearchHit(
            "threat_assessment",
            _("Threat assessment"),
            a.title,
            a.get_absolute_url(),
            snippet(a.scope_note, query),
            a.classification,
            ref=record_ref(a),
        )
        for a in qs[:limit]
    ]
