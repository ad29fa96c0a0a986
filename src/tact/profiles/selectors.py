"""The state profile, composed from the sections the domain apps contribute: this module runs
no query of its own on their records (each panel applies the access rules through its app's
selectors), so the page, the API and the reports show the same thing to the same actor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser

from tact.core import profile as registry
from tact.core.access import Actor
from tact.core.profile import Panel
from tact.directory.models import State
from tact.profiles.models import Version

PAGE_LIMIT = 8
"""Items shown per section on the page before "show all" (the reports show every item)."""
INLINE_MAX_ITEMS = 150
"""A profile with at most this many items is rendered in the request; a bigger one is built
by a background task with progress."""


@dataclass
class StateProfile:
    state: State
    top: list[Panel] = field(default_factory=list)
    """The slot above the sections (``tact.core.profile.TOP``): the integrity findings."""
    sections: list[Panel] = field(default_factory=list)

    @property
    def panels(self) -> list[Panel]:
        return [*self.top, *self.sections]

    @property
    def size(self) -> int:
        return sum(p.total or len(p.items) for p in self.panels)

    def refs(self) -> set[str]:
        """The references of every record the profile names."""
        return {item.ref for panel in self.panels for item in panel.items if item.ref}


def steps() -> int:
    return len(registry.panel_names())


def state_profile(
    actor: Actor,
    state: State,
    *,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> StateProfile:
    """Every section the actor may see; ``progress(done, total)`` after each panel."""
    total = steps()
    panels = []
    for done, panel in enumerate(registry.iter_state_panels(actor, state, limit=limit), 1):
        if panel is not None:
            panels.append(panel)
        if progress is not None:
            progress(done, total)
    panels.sort(key=lambda p: p.order)
    return StateProfile(
        state=state,
        top=[p for p in panels if p.slot == registry.TOP],
        sections=[p for p in panels if p.slot != registry.TOP],
    )


def actor_for(version: str, requester: Any) -> Any:
    """The public version is what an anonymous reader sees; the full one, the requester's."""
    return requester if version == Version.FULL and requester is not None else AnonymousUser()


def as_dict(profile: StateProfile) -> dict[str, Any]:
    """The profile as plain data (the API's answer and the reports' source)."""
    return {
        "state": profile.state.iso3,
        "name": profile.state.display_name,
        "sections": [_panel(p) for p in profile.panels],
    }


def _panel(panel: Panel) -> dict[str, Any]:
    return {
        "name": panel.name,
        "slot": panel.slot,
        "title": str(panel.title),
        "summary": str(panel.summary),
        "more_url": panel.more_url,
        "total": panel.total if panel.total is not None else len(panel.items),
        "items": [
            {"label": i.label, "url": i.url, "detail": i.detail, "ref": i.ref} for i in panel.items
        ],
        "tables": [
            {
                "caption": str(t.caption),
                "headers": [str(h) for h in t.headers],
                "rows": [[c if isinstance(c, int | float) else str(c) for c in r] for r in t.rows],
            }
            for t in panel.tables
        ],
    }
