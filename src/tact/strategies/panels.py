"""The strategies app's sections of a state's profile: its strategies and their coverage of
the three aims of item a), and its task forces, agreements and cooperation network."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core import access
from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, PanelTable, cut, register_state_panel
from tact.strategies import selectors
from tact.strategies.models import Strategy


@register_state_panel("strategies")
def strategies_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    strategies = list(access.visible(user, Strategy.objects.filter(state=state)).order_by("-start"))
    if not strategies:
        return None
    items = [
        PanelItem(s.title, s.get_absolute_url(), str(s.get_status_display()), record_ref(s))
        for s in strategies
    ]
    shown, total = cut(items, limit)
    coverage = selectors.state_coverage(user, state)
    rows = [
        [
            str(c.aim.label),
            _("covered") if c.covered else _("not covered"),
            len(c.objectives),
        ]
        for c in coverage
    ]
    return Panel(
        order=15,
        title=gettext_lazy("National strategies"),
        items=shown,
        total=total,
        tables=[
            PanelTable(
                gettext_lazy("Coverage of the three aims of item a)"),
                [gettext_lazy("Aim"), gettext_lazy("Coverage"), gettext_lazy("Objectives")],
                rows,
            )
        ],
        more_url=reverse("strategies:state_coverage", args=[state.iso3]),
        summary=_("%(n)s strategies and action plans") % {"n": len(strategies)},
    )


@register_state_panel("cooperation")
def cooperation_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    task_forces = list(selectors.task_force_list(actor=user, state=state.iso3))
    # The panel names no party: the list without its prefetch of the visible parties.
    agreements = list(selectors.agreement_list(actor=user, state=state.iso3).prefetch_related(None))
    if not task_forces and not agreements:
        return None
    items = [
        PanelItem(
            t.name,
            t.get_absolute_url(),
            _("task force, %(n)s members") % {"n": getattr(t, "n_members", 0)},
            record_ref(t),
        )
        for t in task_forces
    ] + [PanelItem(a.title, "", str(a.get_kind_display()), record_ref(a)) for a in agreements]
    shown, total = cut(items, limit)
    network = selectors.state_network_outline(
        user, state, task_forces=task_forces, agreements=agreements
    )
    return Panel(
        order=16,
        title=gettext_lazy("Task forces and cooperation network"),
        items=shown,
        total=total,
        more_url=reverse("strategies:network", args=[state.iso3]),
        summary=_(
            "%(t)s task forces, %(a)s agreements; network of %(n)s agencies with %(e)s ties, "
            "%(i)s isolated"
        )
        % {
            "t": len(task_forces),
            "a": len(agreements),
            "n": len(network.nodes),
            "e": network.graph.number_of_edges(),
            "i": len(network.isolated),
        },
    )
