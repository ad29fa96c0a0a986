"""The state profile panel: training sessions held in the state (access-filtered)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core.profile import Panel, PanelItem, register_state_panel
from tact.training import selectors


@register_state_panel("training")
def training_panel(user: Any, state: Any) -> Panel | None:
    sessions = selectors.session_list(actor=user, state_iso3=state.iso3)
    if not sessions.exists():
        return None
    items = [
        PanelItem(
            session.title,
            session.get_absolute_url(),
            _("%(n)s participants, %(t)s agency types")
            % {"n": session.participant_count, "t": session.agency_type_count},
        )
        for session in sessions[:5]
    ]
    return Panel(
        order=55,
        title=gettext_lazy("Capacity building"),
        items=items,
        more_url=f"{reverse('training:index')}?state={state.iso3}",
        summary=_("%(n)s training sessions") % {"n": sessions.count()},
    )
