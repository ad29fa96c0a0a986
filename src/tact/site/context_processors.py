from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tact.core.access import scope_of
from tact.site.areas import AREAS


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {
        "nav_areas": [(area, area.url()) for area in AREAS],
        "actor_scope": scope_of(getattr(request, "user", None)),
    }
