"""Actions a page offers without a record at hand, by name, for templates shared across views.

A button or menu entry appears only for actors who may use it. Views pass their own flags
(`can_create`, `can_edit`...) from the app's `permissions.py`; where a template is shared by
many views (an app's sub-navigation) or links into another app (core and domain apps may not
import each other), it asks here instead: each app registers its actor-only checks under a
dotted name in its `AppConfig.ready`, and `{% allowed "app.action" as flag %}`
(`tact_actions`) calls them. An unregistered name is a programming error, not a hidden button.
"""

from __future__ import annotations

from collections.abc import Callable

from tact.core.access import Actor

ActionCheck = Callable[[Actor], bool]

_CHECKS: dict[str, ActionCheck] = {}


def register(name: str, check: ActionCheck) -> None:
    """Register the check of one action, e.g. ``register("assistance.import", can_import)``."""
    _CHECKS[name] = check


def allowed(actor: Actor, name: str) -> bool:
    """May `actor` take the action registered under `name`? KeyError if none is."""
    return bool(_CHECKS[name](actor))


def registered() -> list[str]:
    return sorted(_CHECKS)
