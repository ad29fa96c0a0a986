"""The legislation panel of a state's profile: laws held and the gap-analysis summary."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core.profile import Panel, PanelItem, register_state_panel
from tact.legislation import selectors


@register_state_panel("legislation")
def legislation_panel(user: Any, state: Any) -> Panel | None:
    laws = list(selectors.laws_for_state(user, state)[:10])
    items = [
        PanelItem(label=law.title, url=law.get_absolute_url(), detail=law.get_language_display())
        for law in laws
    ]
    summary = ""
    if user is not None and getattr(user, "is_authenticated", False):
        analysis = selectors.gap_analysis(user, state)
        s = analysis.summary
        summary = _(
            "Gap analysis: %(assessed)s of %(total)s paragraphs assessed, %(gaps)s gaps, "
            "%(mfull)s of %(mandatory)s mandatory paragraphs fully implemented."
        ) % {
            "assessed": s["assessed"],
            "total": s["total"],
            "gaps": s["gaps"],
            "mfull": s["mandatory_full"],
            "mandatory": s["mandatory"],
        }
        items.append(
            PanelItem(
                label=_("Gap analysis"),
                url=reverse("legislation:gap_analysis", args=[state.iso3]),
            )
        )
    return Panel(
        order=30,
        title=gettext_lazy("Legislation"),
        items=items,
        more_url=reverse("legislation:law_list") + f"?state={state.iso3}",
        summary=summary,
    )
