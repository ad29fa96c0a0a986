"""The legislation app's section of a state's profile: the laws held and the legislative gaps
by theme (from the mappings the viewer may see)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, PanelTable, cut, register_state_panel
from tact.legislation import gaps, selectors
from tact.legislation.models import Compliance


@register_state_panel("legislation")
def legislation_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel:
    laws = list(selectors.laws_for_state(user, state))
    items = [
        PanelItem(law.title, law.get_absolute_url(), law.get_language_display(), record_ref(law))
        for law in laws
    ]
    shown, total = cut(items, limit)
    overview = gaps.gap_overview(user, state)
    s = overview.summary
    rows = [
        [
            t.theme.title,
            t.total,
            t.counts.get(Compliance.FULL, 0),
            t.counts.get(Compliance.PARTIAL, 0),
            t.counts.get(Compliance.NONE, 0),
            t.counts.get(selectors.NOT_ASSESSED, 0),
        ]
        for t in overview.themes
    ]
    return Panel(
        order=30,
        title=gettext_lazy("Legislation and gaps"),
        items=shown,
        total=total,
        tables=[
            PanelTable(
                gettext_lazy("Legislative gaps by theme"),
                [
                    gettext_lazy("Theme"),
                    gettext_lazy("Paragraphs"),
                    gettext_lazy("Full"),
                    gettext_lazy("Partial"),
                    gettext_lazy("None"),
                    gettext_lazy("Not assessed"),
                ],
                rows,
            )
        ],
        more_url=reverse("legislation:gap_analysis", args=[state.iso3]),
        summary=_(
            "Gap analysis: %(assessed)s of %(total)s paragraphs assessed, %(gaps)s gaps, "
            "%(mfull)s of %(mandatory)s mandatory paragraphs fully implemented."
        )
        % {
            "assessed": s["assessed"],
            "total": s["total"],
            "gaps": s["gaps"],
            "mfull": s["mandatory_full"],
            "mandatory": s["mandatory"],
        },
    )
