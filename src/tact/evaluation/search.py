from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.core.access import Actor
from tact.core.links import record_ref
from tact.evaluation.models import Evaluation, Finding, ResultsFramework
from tact.search import SearchHit, register, snippet
from tact.search.documents import Document, Source, register_source


@register("evaluations")
def search_evaluations(user: Actor, query: str, limit: int) -> list[SearchHit]:
    qs = access.visible(user, Evaluation.objects.all()).filter(
        Q(title__icontains=query) | Q(summary__icontains=query) | Q(evaluators__icontains=query)
    )
    return [
        SearchHit(
            "evaluation",
            _("Evaluation"),
            e.title,
            e.get_absolute_url(),
            snippet(e.summary, query),
            e.classification,
            ref=record_ref(e),
        )
        for e in qs[:limit]
    ]


@register("findings")
def search_findings(user: Actor, query: str, limit: int) -> list[SearchHit]:
    qs = (
        access.visible(user, Finding.objects.all())
        .filter(Q(title__icontains=query) | Q(text__icontains=query))
        .select_related("evaluation")
    )
    return [
        SearchHit(
            "finding",
            _("Good-practice candidate") if f.good_practice_candidate else _("Evaluation finding"),
            f.title,
            f.get_absolute_url(),
            snippet(f.text, query),
            f.evaluation.classification,
            ref=record_ref(f),
        )
        for f in qs[:limit]
    ]


@register("results_frameworks")
def search_frameworks(user: Actor, query: str, limit: int) -> list[SearchHit]:
    qs = (
        access.visible(user, ResultsFramework.objects.all())
        .filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(nodes__title__icontains=query)
            | Q(nodes__indicators__title__icontains=query)
        )
        .distinct()
    )
    return [
        SearchHit(
            "results_framework",
            _("Results framework"),
            f.title,
            f.get_absolute_url(),
            snippet(f.description, query),
            f.classification,
            ref=record_ref(f),
        )
        for f in qs[:limit]
    ]


# --- the one search across tact (tact.search documents) --------------------------------------


def _evaluation_document(e: Evaluation) -> Document:
    return Document(
        title=e.title,
        body=e.summary,
        language="en",
        context=" ".join(f.title for f in e.findings.all())[:2000],
        year=e.report_date.year if e.report_date else None,
        states=tuple(s.iso3 for s in e.states.all()),
        themes=tuple(t.code for t in e.themes.all()),
        provisions=tuple(p.key for p in e.provisions.all()),
    )


register_source(
    Source(
        kind="evaluation",
        label=_("Evaluation"),
        model=Evaluation,
        document=_evaluation_document,
        queryset=lambda: Evaluation.objects.prefetch_related(
            "states", "themes", "provisions", "findings"
        ),
        follows=((Finding, "findings"),),
    )
)
