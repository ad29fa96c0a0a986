"""The practices app's section of a state's profile: the published good practices of or about
the state that the viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.core import access
from tact.core.links import record_ref
from tact.core.profile import Panel, PanelItem, cut, register_state_panel
from tact.practices.models import GoodPractice, Status


@register_state_panel("practices")
def practices_panel(user: Any, state: Any, *, limit: int | None = None) -> Panel | None:
    # Published practices only: drafts under review are the reviewers' queue, not the profile.
    qs = access.visible(
        user, GoodPractice.objects.filter(Q(states=state) | Q(owner_state=state))
    ).filter(status=Status.PUBLISHED)
    practices = list(qs.distinct().order_by("-published_at", "title", "pk"))
    if not practices:
        return None
    items = [
        PanelItem(p.title, p.get_absolute_url(), str(p.get_status_display()), record_ref(p))
        for p in practices
    ]
    shown, total = cut(items, limit)
    return Panel(
        order=65,
        title=gettext_lazy("Good practices"),
        items=shown,
        total=total,
        more_url=f"{reverse('practices:list')}?state={state.iso3}",
        summary=_("%(n)s good practices") % {"n": len(practices)},
    )
