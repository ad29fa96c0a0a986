"""The resolutions app's section of a state's profile: the follow-up of each recommendation
addressed to states (the latest report the viewer may see, or none yet)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, cut, register_state_panel
from tact.resolutions import selectors


@register_state_panel("follow_up")
def follow_up_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel:
    rows = selectors.state_progress(user, state)
    items = []
    reported = 0
    for recommendation, follow_up in rows:
        # The recommendation is always an item (public reference), its latest report the
        # viewer may see a second one: the public and full versions differ by reports only.
        items.append(
            PanelItem(
                recommendation.code,
                recommendation.get_absolute_url(),
                str(follow_up.get_status_display()) if follow_up else _("no follow-up reported"),
                record_ref(recommendation),
            )
        )
        if follow_up is not None:
            reported += 1
            items.append(
                PanelItem(
                    f"↳ {follow_up.get_status_display()}",
                    follow_up.get_absolute_url(),
                    f"{follow_up.reported_on:%Y-%m-%d}",
                    record_ref(follow_up),
                )
            )
    shown, total = cut(items, limit)
    return Panel(
        order=10,
        title=gettext_lazy("Follow-up of recommendations"),
        items=shown,
        total=total,
        more_url=reverse("resolutions:state_progress", args=[state.iso3]),
        summary=_("%(r)s of %(n)s recommendations with a follow-up report you may see")
        % {"r": reported, "n": len(rows)},
    )
