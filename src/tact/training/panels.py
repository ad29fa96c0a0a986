"""The training app's section of a state's profile: sessions held in the state with their
learning gain, and the programmes that answer the state's needs (access-filtered)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core import access
from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, PanelTable, cut, register_state_panel
from tact.training import selectors
from tact.training.models import Programme


@register_state_panel("training")
def training_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    sessions = list(selectors.session_list(actor=user, state_iso3=state.iso3))
    programmes = list(access.visible(user, Programme.objects.filter(needs__state=state)).distinct())
    if not sessions and not programmes:
        return None
    items = []
    rows = []
    gains = selectors.session_gains(sessions)
    for session in sessions:
        report = gains[session.pk]
        gain = number_format(report.class_gain, 2) if report.class_gain is not None else "—"
        items.append(
            PanelItem(
                session.title,
                session.get_absolute_url(),
                _("%(n)s participants, learning gain %(g)s")
                % {"n": session.participant_count, "g": gain},
                record_ref(session),
            )
        )
        rows.append([session.title, f"{session.start:%Y-%m-%d}", session.participant_count, gain])
    items.extend(
        PanelItem(p.title, p.get_absolute_url(), _("programme answering a need"), record_ref(p))
        for p in programmes
    )
    shown, total = cut(items, limit)
    return Panel(
        order=55,
        title=gettext_lazy("Trainings and learning gain"),
        items=shown,
        total=total,
        tables=[
            PanelTable(
                gettext_lazy("Learning gain per session"),
                [
                    gettext_lazy("Session"),
                    gettext_lazy("Start"),
                    gettext_lazy("Participants"),
                    gettext_lazy("Class gain <g>"),
                ],
                rows,
            )
        ],
        more_url=f"{reverse('training:index')}?state={state.iso3}",
        summary=_("%(n)s training sessions, %(p)s participants")
        % {"n": len(sessions), "p": sum(s.participant_count for s in sessions)},
    )
