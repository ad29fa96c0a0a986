"""Practices in given states of the workflow, through the services (as users create them)."""

from __future__ import annotations

from typing import Any

from tact.catalog.models import Provision, Theme
from tact.core.access import SYSTEM
from tact.practices import services
from tact.practices.models import GoodPractice


def practice(
    owner_state: Any,
    *,
    title: str = "Witness protection units in every region",
    summary: str = "Specialised units protect witnesses before and during trials.",
    language: str = "en",
    status: str = "published",
    restricted: bool = False,
    themes: tuple[str, ...] = (),
    provisions: tuple[str, ...] = (),
    actor: Any = SYSTEM,
) -> GoodPractice:
    created = services.practice_create(
        actor=actor,
        values={
            "title": title,
            "summary": summary,
            "language": language,
            "restrict_when_published": restricted,
        },
        owner_state=owner_state,
        themes=Theme.objects.filter(code__in=themes),
        provisions=Provision.objects.filter(key__in=provisions),
    )
    steps = ["submitted", "in_review", "published"]
    if status == "draft":
        return created
    services.practice_submit(actor=SYSTEM, practice=created)
    if status == "submitted":
        return created
    services.practice_start_review(actor=SYSTEM, practice=created)
    if status == "in_review" or status not in steps:
        return created
    services.practice_publish(actor=SYSTEM, practice=created)
    created.refresh_from_db()
    return created
