"""The state profile panel: the state's results frameworks and evaluations (access-filtered)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core import access
from tact.core.access import Actor
from tact.core.profile import Panel, PanelItem, register_state_panel
from tact.directory.models import State
from tact.evaluation import selectors
from tact.evaluation.models import Evaluation, ResultsFramework


@register_state_panel("evaluation")
def evaluation_panel(user: Actor, state: State) -> Panel | None:
    frameworks = access.visible(user, ResultsFramework.objects.filter(state=state))
    evaluations = access.visible(
        user, Evaluation.objects.filter(Q(states=state) | Q(owner_state=state))
    ).distinct()
    if not frameworks.exists() and not evaluations.exists():
        return None
    items = []
    for framework in frameworks[:5]:
        tree = selectors.framework_tree(framework)
        progress = [iv.progress for _d, nv in selectors.flat_nodes(tree) for iv in nv.indicators]
        on_track = sum(1 for p in progress if p.status == "on_track")
        items.append(
            PanelItem(
                framework.title,
                framework.get_absolute_url(),
                _("%(on)s of %(n)s indicators on track") % {"on": on_track, "n": len(progress)},
            )
        )
    for evaluation in evaluations[:5]:
        ratings = ", ".join(
            f"{r.get_criterion_display()} {r.score}" for r in evaluation.ratings.all()
        )
        items.append(
            PanelItem(evaluation.title, evaluation.get_absolute_url(), ratings or _("not rated"))
        )
    return Panel(
        order=60,
        title=gettext_lazy("Results and evaluation"),
        items=items,
        more_url=f"{reverse('evaluation:portfolio')}?state={state.iso3}",
        summary=_("%(f)s results frameworks, %(e)s evaluations")
        % {"f": frameworks.count(), "e": evaluations.count()},
    )
