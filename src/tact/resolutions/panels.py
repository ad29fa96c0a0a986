"""The resolutions app's panel on a state's profile: its follow-up reports."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.profile import Panel, PanelItem, register_state_panel
from tact.resolutions import selectors


@register_state_panel("follow_up")
def follow_up_panel(user: Any, state: Any) -> Panel | None:
    reports = list(selectors.follow_up_list(user, state=state)[:8])
    return Panel(
        order=10,
        title=_("Follow-up of recommendations"),
        items=[
            PanelItem(
                f"{f.recommendation.code}: {f.get_status_display()}",
                f.get_absolute_url(),
                f"{f.reported_on:%Y-%m-%d}",
            )
            for f in reports
        ],
        more_url=reverse("resolutions:state_progress", args=[state.iso3]),
        summary=_("No follow-up reported yet.") if not reports else "",
    )
