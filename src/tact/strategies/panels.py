"""The state profile panel: the state's strategies and the coverage of the three aims."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core import access
from tact.core.profile import Panel, PanelItem, register_state_panel
from tact.strategies import selectors
from tact.strategies.models import Strategy


@register_state_panel("strategies")
def strategies_panel(user: Any, state: Any) -> Panel | None:
    strategies = access.visible(user, Strategy.objects.filter(state=state))
    if not strategies.exists():
        return None
    items = [
        PanelItem(s.title, s.get_absolute_url(), str(s.get_status_display()))
        for s in strategies.order_by("-start")[:5]
    ]
    coverage = selectors.state_coverage(user, state)
    covered = [str(c.aim.label) for c in coverage if c.covered]
    missing = [str(c.aim.label) for c in coverage if not c.covered]
    items.append(
        PanelItem(
            _("Coverage of the three aims of item a)"),
            reverse("strategies:state_coverage", args=[state.iso3]),
            _("covered: %(c)s; not covered: %(m)s")
            % {"c": "; ".join(covered) or "—", "m": "; ".join(missing) or "—"},
        )
    )
    return Panel(
        order=15,
        title=gettext_lazy("National strategies"),
        items=items,
        more_url=f"{reverse('strategies:index')}?state={state.iso3}",
        summary=_("%(n)s strategies and action plans") % {"n": strategies.count()},
    )
