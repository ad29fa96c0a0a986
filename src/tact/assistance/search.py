"""Search provider of assistance coordination."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy

from tact.assistance import selectors
from tact.assistance.models import Project
from tact.core.links import record_ref
from tact.core.prefetched import related
from tact.search import SearchHit, register, snippet
from tact.search.documents import Document, Source, register_source


@register("projects")
def search_projects(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = selectors.project_visible(user).filter(
        Q(title__icontains=query)
        | Q(iati_identifier__icontains=query)
        | Q(description__icontains=query)
        | Q(reporting_org_name__icontains=query)
    )
    return [
        SearchHit(
            "project",
            gettext_lazy("Project"),
            p.title,
            p.get_absolute_url(),
            snippet(f"{p.iati_identifier} {p.reporting_org_name} {p.description}", query),
            p.classification,
            ref=record_ref(p),
        )
        for p in qs.order_by("title")[:limit]
    ]


# --- the one search across tact (tact.search documents) --------------------------------------


def _project_document(p: Any) -> Document:
    start = p.actual_start or p.planned_start
    return Document(
        title=p.title,
        body=p.description,
        language=p.language or "en",
        context=p.reporting_org_name,
        year=start.year if start else None,
        states=tuple(c.state.iso3 for c in related(p, "countries") if c.state_id),
    )


register_source(
    Source(
        kind="project",
        label=gettext_lazy("Project"),
        model=Project,
        document=_project_document,
        queryset=lambda: Project.objects.prefetch_related("countries__state"),
    )
)
