"""The evaluation app's section of a state's profile: its results frameworks (indicators on
track) and the evaluations of its assistance (access-filtered)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core import access
from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, cut, register_state_panel
from tact.evaluation import selectors
from tact.evaluation.models import Evaluation, ResultsFramework


@register_state_panel("evaluation")
def evaluation_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    frameworks = list(access.visible(user, ResultsFramework.objects.filter(state=state)))
    evaluations = list(
        access.visible(user, Evaluation.objects.filter(Q(states=state) | Q(owner_state=state)))
        .distinct()
        .prefetch_related("ratings")
    )
    if not frameworks and not evaluations:
        return None
    items = []
    progress_by_framework = selectors.indicator_progress_by_framework([f.pk for f in frameworks])
    for framework in frameworks:
        progress = progress_by_framework[framework.pk]
        on_track = sum(1 for p in progress if p.status == "on_track")
        items.append(
            PanelItem(
                framework.title,
                framework.get_absolute_url(),
                _("%(on)s of %(n)s indicators on track") % {"on": on_track, "n": len(progress)},
                record_ref(framework),
            )
        )
    for evaluation in evaluations:
        ratings = ", ".join(
            f"{r.get_criterion_display()} {r.score}" for r in evaluation.ratings.all()
        )
        items.append(
            PanelItem(
                evaluation.title,
                evaluation.get_absolute_url(),
                ratings or _("not rated"),
                record_ref(evaluation),
            )
        )
    shown, total = cut(items, limit)
    return Panel(
        order=60,
        title=gettext_lazy("Results and evaluation"),
        items=shown,
        total=total,
        more_url=f"{reverse('evaluation:portfolio')}?state={state.iso3}",
        summary=_("%(f)s results frameworks, %(e)s evaluations")
        % {"f": len(frameworks), "e": len(evaluations)},
    )
