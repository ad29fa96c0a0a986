"""The assistance app's sections of a state's profile: the needs and who answers them, and
the assistance received by channel and by donor per year (from the maintained summaries)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.assistance import dashboards, selectors
from tact.assistance.dashboards import YearTable
from tact.assistance.models import Project
from tact.assistance.needs import selectors as need_selectors
from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, PanelTable, cut, register_state_panel


def _usd(amount: Decimal) -> str:
    return number_format(amount.quantize(Decimal(1)), 0, force_grouping=True)


def _table(caption: Any, first: Any, table: YearTable) -> PanelTable:
    headers: list[Any] = [first, *[str(y) if y else _("no year") for y in table.years]]
    headers.append(_("Total (USD)"))
    rows = [
        [label, *[_usd(a) for a in amounts], _usd(total)] for label, amounts, total in table.rows
    ]
    return PanelTable(caption, headers, rows)


@register_state_panel("assistance")
def assistance_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    projects = list(selectors.project_list(user, state=state.iso3).order_by("-updated_at", "pk"))
    by_channel, by_donor = dashboards.recipient_by_year(user, state)
    if not projects and not by_channel.rows:
        return None
    items = [
        PanelItem(
            p.title,
            p.get_absolute_url(),
            " · ".join(x for x in (p.reporting_org_name, p.get_channel_display()) if x),
            record_ref(p),
        )
        for p in projects
    ]
    shown, total = cut(items, limit)
    usd = sum((t for _label, _a, t in by_channel.rows), Decimal(0))
    return Panel(
        order=50,
        title=gettext_lazy("Assistance received"),
        items=shown,
        total=total,
        tables=[
            _table(gettext_lazy("By channel (USD)"), gettext_lazy("Channel"), by_channel),
            _table(gettext_lazy("By donor (USD)"), gettext_lazy("Donor"), by_donor),
        ],
        more_url=reverse("assistance:recipient_dashboard", args=[state.iso3]),
        summary=_("%(n)s projects, about %(usd)s USD") % {"n": len(projects), "usd": _usd(usd)},
    )


@register_state_panel("needs")
def needs_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    answering = Prefetch(
        "projects", queryset=selectors.project_visible(user).order_by("title"), to_attr="answers"
    )
    needs = list(need_selectors.need_list(user, state=state.iso3).prefetch_related(answering))
    if not needs:
        return None
    items = []
    answered = 0
    for need in needs:
        answers: list[Project] = getattr(need, "answers", [])
        answered += bool(answers)
        detail = (
            _("answered by: %(p)s") % {"p": "; ".join(p.title for p in answers)}
            if answers
            else _("no project answers it yet")
        )
        items.append(
            PanelItem(
                need.title,
                need.get_absolute_url(),
                f"{need.get_priority_display()} · {need.get_status_display()} · {detail}",
                record_ref(need),
            )
        )
        items.extend(
            PanelItem(f"↳ {p.title}", p.get_absolute_url(), "", record_ref(p)) for p in answers
        )
    shown, total = cut(items, limit)
    return Panel(
        order=45,
        title=gettext_lazy("Needs and who answers them"),
        items=shown,
        total=total,
        more_url=reverse("assistance:need_list") + f"?state={state.iso3}",
        summary=_("%(n)s needs, %(a)s answered by a project you may see")
        % {"n": len(needs), "a": answered},
    )
