"""The threat-assessment panel of a state's profile: counts of the assessments the viewer
may see (an outsider sees no panel at all, not even a zero)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tact.core.profile import Panel, PanelItem, register_state_panel
from tact.threats import selectors


@register_state_panel("threats")
def threats_panel(user: Any, state: Any) -> Panel | None:
    counts = selectors.assessment_counts(actor=user, state_id=state.pk)
    if not sum(counts.values()):
        return None
    items = [
        PanelItem(a.title, a.get_absolute_url(), a.get_status_display())
        for a in selectors.assessment_list(actor=user, state=state.iso3)[:5]
    ]
    return Panel(
        order=60,
        title=_("Threat assessments"),
        items=items,
        more_url=f"{reverse('threats:index')}?state={state.iso3}",
        summary=ngettext(
            "%(n)d assessment you may see", "%(n)d assessments you may see", sum(counts.values())
        )
        % {"n": sum(counts.values())},
    )
