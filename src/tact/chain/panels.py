"""The chain's contribution to a state's profile: the integrity findings for the state, shown
above every section (slot ``TOP``). Each finding names the records the viewer may see, each
linking to its record, and the count of all of them links to the check's page for the state."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy, ngettext

from tact.chain.integrity import integrity_findings
from tact.core.links import record_ref, record_url
from tact.core.profile import TOP, Panel, PanelItem, PanelTable, register_state_panel

PER_CHECK = 3
"""Records named per check on the profile; the check's own page lists them all."""


@register_state_panel("integrity", slot=TOP)
def integrity_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    findings = [f for f in integrity_findings(user, state, limit=limit or PER_CHECK) if f.count]
    if not findings:
        return None
    items = [
        PanelItem(str(record), record_url(record), finding.label, record_ref(record))
        for finding in findings
        for record in finding.items
    ]
    total = sum(f.count for f in findings)
    checks_url = reverse("chain:checks")
    return Panel(
        order=0,
        title=gettext_lazy("What is missing along the chain"),
        summary=ngettext(
            "%(n)s gap along the chain from recommendation to result.",
            "%(n)s gaps along the chain from recommendation to result.",
            total,
        )
        % {"n": number_format(total)},
        items=items,
        total=total if total > len(items) else None,
        more_url=f"{checks_url}?state={state.iso3}",
        tables=[
            PanelTable(
                gettext_lazy("Integrity checks"),
                [gettext_lazy("Check"), gettext_lazy("Records")],
                [[f.label, f.count] for f in findings],
            )
        ],
    )
