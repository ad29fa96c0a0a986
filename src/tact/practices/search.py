"""Published practices in the one search across tact (tact.search documents)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tact.practices.models import GoodPractice, Status
from tact.search.documents import Document, Source, register_source


def _records() -> QuerySet[GoodPractice]:
    return GoodPractice.objects.prefetch_related("states", "themes", "provisions", "translations")


def practice_document(practice: GoodPractice) -> Document | None:
    if practice.status != Status.PUBLISHED:
        return None  # drafts and practices in review are found on the practices pages only
    translations = " ".join(f"{t.title} {t.summary}" for t in practice.translations.all())
    body = "\n".join(
        part
        for part in (
            practice.summary,
            practice.context,
            practice.problem,
            practice.actions,
            practice.results,
            practice.transferability,
        )
        if part
    )
    date = practice.published_at or practice.updated_at
    return Document(
        title=practice.title,
        body=body,
        language=practice.language,
        context=translations,
        year=date.year if date else None,
        states=tuple(s.iso3 for s in practice.states.all()),
        themes=tuple(t.code for t in practice.themes.all()),
        provisions=tuple(p.key for p in practice.provisions.all()),
    )


def _document(obj: Any) -> Document | None:
    return practice_document(obj)


def _display(practice: Any) -> Document | None:
    """Title and text of a hit: the practice's own columns, no joins."""
    if practice.status != Status.PUBLISHED:
        return None
    return Document(
        title=practice.title,
        body="\n".join(p for p in (practice.summary, practice.actions, practice.results) if p),
        language=practice.language,
    )


PRACTICES = register_source(
    Source(
        kind="practice",
        label=_("Good practice"),
        model=GoodPractice,
        document=_document,
        queryset=_records,
        display=_display,
        display_queryset=lambda: GoodPractice.objects.only(
            "pk",
            "title",
            "summary",
            "actions",
            "results",
            "language",
            "status",
            "classification",
            "owner_state_id",
            "owner_organisation_id",
            "created_by_id",
        ),
    )
)
