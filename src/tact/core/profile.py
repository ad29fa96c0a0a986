"""A state's profile gathers what every domain holds about it, so the chain
recommendation -> gap -> need -> project -> indicator -> evaluation reads in one place.

Each domain registers a panel function in its ``panels.py``; it receives the viewing actor,
the state and an item limit, and must apply the access rules itself (through its selectors):
a panel never names a record the actor may not see. The profile app (``tact.profiles``) only
composes the panels; the page, the PDF, the Excel workbook and the API all read them.

Panels go into a *slot*: ``BODY`` (the sections, by ``order``) or ``TOP`` (shown above every
section: the integrity findings of the chain checks plug in there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

BODY = "body"
TOP = "top"
"""The slot above the sections. Reserved for the integrity findings of the chain checks: the
app that computes them registers ``@register_state_panel("integrity", slot=TOP)``."""


@dataclass(frozen=True)
class PanelItem:
    label: str
    url: str = ""
    detail: str = ""
    ref: str = ""
    """The record reference (``tact.core.links.record_ref``) of the record the item shows;
    empty for items that are no record (a summary line, a link to an analysis page)."""


@dataclass(frozen=True)
class PanelTable:
    """A small table of figures (amounts by year, statuses by theme); cells are plain values."""

    caption: str | Promise
    headers: list[str | Promise]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Panel:
    order: int
    title: str | Promise
    items: list[PanelItem] = field(default_factory=list)
    more_url: str = ""
    summary: str | Promise = ""
    tables: list[PanelTable] = field(default_factory=list)
    total: int | None = None
    """How many items there are in all when ``items`` was cut to a limit (None: all shown)."""
    name: str = ""
    slot: str = BODY

    @property
    def hidden_count(self) -> int:
        return max(0, (self.total or 0) - len(self.items))


PanelFunction = Callable[..., Panel | None]


@dataclass(frozen=True)
class _Registered:
    func: PanelFunction
    slot: str


_PANELS: dict[str, _Registered] = {}


def register_state_panel(
    name: str, *, slot: str = BODY
) -> Callable[[PanelFunction], PanelFunction]:
    """Register ``func(actor, state, *, limit=None) -> Panel | None`` under ``name``."""

    def decorator(func: PanelFunction) -> PanelFunction:
        _PANELS[name] = _Registered(func, slot)
        return func

    return decorator


def panel_names() -> list[str]:
    return list(_PANELS)


def iter_state_panels(user: Any, state: Any, *, limit: int | None = None) -> Iterator[Panel | None]:
    """Each registered panel in turn (None where a panel has nothing to show the actor), so
    that a background export can report its progress panel by panel."""
    for name, registered in _PANELS.items():
        panel = registered.func(user, state, limit=limit)
        if panel is not None:
            panel = _named(panel, name, registered.slot)
        yield panel


def _named(panel: Panel, name: str, slot: str) -> Panel:
    from dataclasses import replace

    return replace(panel, name=panel.name or name, slot=slot)


def state_panels(user: Any, state: Any, *, limit: int | None = None) -> list[Panel]:
    panels = [p for p in iter_state_panels(user, state, limit=limit) if p is not None]
    return sorted(panels, key=lambda p: p.order)


def cut(items: list[PanelItem], limit: int | None) -> tuple[list[PanelItem], int | None]:
    """The items to show and the total (None when nothing was cut)."""
    if limit is None or len(items) <= limit:
        return items, None
    return items[:limit], len(items)
