"""The threat-assessment section of a state's profile: the assessments the viewer may see (an
outsider sees no section at all, not even a zero)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, cut, register_state_panel
from tact.threats import selectors


@register_state_panel("threats")
def threats_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    assessments = list(selectors.assessment_list(actor=user, state=state.iso3))
    if not assessments:
        return None
    items = [
        PanelItem(a.title, a.get_absolute_url(), str(a.get_status_display()), record_ref(a))
        for a in assessments
    ]
    shown, total = cut(items, limit)
    return Panel(
        order=58,
        title=gettext_lazy("Threat assessments"),
        items=shown,
        total=total,
        more_url=f"{reverse('threats:index')}?state={state.iso3}",
        summary=ngettext(
            "%(n)d assessment you may see", "%(n)d assessments you may see", len(assessments)
        )
        % {"n": len(assessments)},
    )
