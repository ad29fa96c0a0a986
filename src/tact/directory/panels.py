"""The directory's sections of a state's profile: party status per instrument, agencies and
organisations, and the contacts the viewer may see."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, PanelTable, cut, register_state_panel
from tact.directory import selectors
from tact.directory.models import State


@register_state_panel("party_status")
def party_status_panel(user: Any, state: State, *, limit: int | None = None) -> Panel:
    rows = selectors.party_status_rows(state)
    items = []
    table_rows = []
    for row in rows:
        instrument, status = row["instrument"], row["status"]
        label = status.get_status_display() if status else _("Unknown")
        consent = f"{status.consent_date:%Y-%m-%d}" if status and status.consent_date else ""
        if status is None:
            note = _("tact holds no verified status")
        elif status.is_demo:
            note = _("demo data")
        else:
            note = ""
        items.append(
            PanelItem(
                str(instrument.short_title),
                instrument.get_absolute_url(),
                " · ".join(x for x in (str(label), consent, str(note)) if x),
                record_ref(status) if status else record_ref(instrument),
            )
        )
        table_rows.append([str(instrument.short_title), str(label), consent])
    return Panel(
        order=5,
        title=gettext_lazy("Party status"),
        items=items,
        tables=[
            PanelTable(
                gettext_lazy("Party status per instrument"),
                [gettext_lazy("Instrument"), gettext_lazy("Status"), gettext_lazy("Consent")],
                table_rows,
            )
        ],
    )


@register_state_panel("organisations")
def organisations_panel(user: Any, state: State, *, limit: int | None = None) -> Panel | None:
    organisations = list(selectors.organisation_list(state=state.iso3))
    contacts = list(selectors.contact_list(actor=user, state=state.iso3))
    if not organisations and not contacts:
        return None
    items = [
        PanelItem(
            str(o),
            o.get_absolute_url(),
            str(o.get_agency_type_display() or o.get_kind_display()),
            record_ref(o),
        )
        for o in organisations
    ] + [
        PanelItem(
            c.name,
            c.get_absolute_url(),
            " · ".join(x for x in (c.position, str(c.organisation or "")) if x),
            record_ref(c),
        )
        for c in contacts
    ]
    shown, total = cut(items, limit)
    return Panel(
        order=90,
        title=gettext_lazy("Agencies, organisations and contacts"),
        items=shown,
        total=total,
        summary=_("%(o)s organisations, %(c)s contacts you may see")
        % {"o": len(organisations), "c": len(contacts)},
    )
