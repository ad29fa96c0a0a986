"""A state's profile gathers what every domain holds about it, so the chain
recommendation -> gap -> need -> project -> indicator -> evaluation reads in one place.

Each domain registers a panel function; it receives the viewing user and must apply the
access rules itself (through its selectors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class PanelItem:
    label: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Panel:
    order: int
    title: str | Promise
    items: list[PanelItem] = field(default_factory=list)
    more_url: str = ""
    summary: str | Promise = ""


PanelFunction = Callable[[Any, Any], Panel | None]
_PANELS: dict[str, PanelFunction] = {}


def register_state_panel(name: str) -> Callable[[PanelFunction], PanelFunction]:
    def decorator(func: PanelFunction) -> PanelFunction:
        _PANELS[name] = func
        return func

    return decorator


def state_panels(user: Any, state: Any) -> list[Panel]:
    panels = [panel for func in _PANELS.values() if (panel := func(user, state)) is not None]
    return sorted(panels, key=lambda p: p.order)
