"""Site search: training programmes and sessions (access-filtered; never participants)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.core.links import record_ref
from tact.search import SearchHit, register, snippet
from tact.search.documents import Document, Source, register_source
from tact.training.models import Course, Programme, Session


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


# --- the one search across tact (tact.search documents) --------------------------------------
# Programmes and sessions are documents, each under its own classification; participants
# never are (their names are the organiser's alone).


def _programme_document(p: Programme) -> Document:
    return Document(
        title=p.title,
        body=p.objectives,
        language="en",
        context=" ".join(c.title for c in p.courses.all())[:2000],
        year=p.start.year if p.start else None,
        themes=tuple(t.code for t in p.themes.all()),
        provisions=tuple(v.key for v in p.provisions.all()),
    )


def _programme_shown(p: Any) -> Document:
    return Document(title=p.title, body=p.objectives, language="en")


def _session_document(s: Session) -> Document:
    states = [s.state] if s.state_id and s.state else []
    states += list(s.participant_states.all())
    return Document(
        title=s.title,
        body=" · ".join(part for part in (s.course.title, s.place, s.platform) if part),
        language=s.language or "en",
        context=s.course.programme.title,
        year=s.start.year if s.start else None,
        states=tuple(state.iso3 for state in states),
    )


def _session_shown(s: Any) -> Document:
    return Document(
        title=s.title,
        body=" · ".join(part for part in (s.course.title, s.place, s.platform) if part),
        language=s.language or "en",
    )


register_source(
    Source(
        kind="training_programme",
        label=_("Training programme"),
        model=Programme,
        document=_programme_document,
        queryset=lambda: Programme.objects.prefetch_related("themes", "provisions", "courses"),
        follows=((Course, "courses"),),
        display=_programme_shown,
        display_queryset=lambda: Programme.objects.all(),
    )
)

register_source(
    Source(
        kind="training_session",
        label=_("Training session"),
        model=Session,
        document=_session_document,
        queryset=lambda: Session.objects.select_related(
            "state", "course__programme"
        ).prefetch_related("participant_states"),
        follows=((Course, "course"), (Programme, "course__programme")),
        display=_session_shown,
        display_queryset=lambda: Session.objects.select_related("course"),
    )
)
