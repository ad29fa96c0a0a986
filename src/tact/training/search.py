"""Site search: training programmes and sessions (access-filtered; never participants)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.core.links import record_ref
from tact.search import SearchHit, register, snippet
from tact.training.models import Programme, Session


@register("training")
def search_training(user: Any, query: str, limit: int) -> list[SearchHit]:
    programmes = access.visible(user, Programme.objects.all()).filter(
        Q(title__icontains=query) | Q(objectives__icontains=query)
    )
    sessions = access.visible(user, Session.objects.select_related("course")).filter(
        Q(title__icontains=query) | Q(place__icontains=query) | Q(course__title__icontains=query)
    )
    hits = [
        SearchHit(
            "training_programme",
            _("Training programme"),
            p.title,
            p.get_absolute_url(),
            snippet(p.objectives, query),
            p.classification,
            ref=record_ref(p),
        )
        for p in programmes[:limit]
    ]
    hits += [
        SearchHit(
            "training_session",
            _("Training session"),
            s.title,
            s.get_absolute_url(),
            snippet(f"{s.course.title} · {s.place or s.platform}", query),
            s.classification,
            ref=record_ref(s),
        )
        for s in sessions[:limit]
    ]
    return hits[:limit]
