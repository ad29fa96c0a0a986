"""Aim ii: an objective cites a finding of a threat assessment, only ever through the
sanitised summary its owner released (`threats.SanitisedSummary`). The summary keeps its own
classification: it is shown beside the objective only to a viewer who may see it (published,
or the owner's own); anyone else reads "a record you may not see"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.strategies.models import Objective
from tact.threats.models import SanitisedSummary
from tact.threats.publication import published_summaries


@dataclass(frozen=True)
class CitedSummary:
    """What a viewer may know of the summary an objective cites."""

    summary: SanitisedSummary | None  # None: the viewer may not see it

    @property
    def visible(self) -> bool:
        return self.summary is not None

    @property
    def title(self) -> str:
        return self.summary.title if self.summary is not None else _("A record you may not see")


def cited_summary(actor: Actor, objective: Objective) -> CitedSummary | None:
    """None when the objective cites no finding."""
    if objective.threat_summary_id is None:
        return None
    summary = objective.threat_summary
    return CitedSummary(summary if summary and access.can_view(actor, summary) else None)


def summary_as_dict(actor: Actor, objective: Objective) -> dict[str, Any] | None:
    """The API's view of the citation: the hidden case has no id, title or text."""
    cited = cited_summary(actor, objective)
    if cited is None:
        return None
    summary = cited.summary
    return {
        "visible": summary is not None,
        "id": summary.pk if summary is not None else None,
        "title": cited.title,
        "summary": summary.summary if summary is not None else "",
        "published": summary.is_published if summary is not None else None,
    }


def summary_choices(actor: Actor, current_id: int | None = None) -> QuerySet[SanitisedSummary]:
    """Summaries an objective may cite: the released ones the actor sees, plus the one it
    already cites (kept when withdrawn, so saving the objective does not drop it)."""
    released = published_summaries(actor=actor)
    if current_id is None:
        return released
    return SanitisedSummary.objects.filter(
        Q(pk__in=released.values("pk")) | Q(pk=current_id)
    ).select_related("owner_state")


def check_citation(
    actor: Actor, objective: Objective | None, summary: SanitisedSummary | None
) -> None:
    """Refuse a summary the actor may not see or that is not published (an unchanged link
    stays even if it was withdrawn since)."""
    if summary is None:
        return
    if objective is not None and objective.threat_summary_id == summary.pk:
        return
    if not (access.can_view(actor, summary) and summary.is_published):
        raise ValidationError(_("No such published summary of a threat assessment."))
