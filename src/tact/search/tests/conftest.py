"""Records the search tests find: strategies of Kenya's, indexed as they are saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def kenya_strategy(kenya: Any) -> Callable[..., Any]:
    """`kenya_strategy(title, description="", classification="public")`: a new strategy."""
    from tact.strategies.models import Strategy

    def make(title: str, description: str = "", classification: str = "public") -> Any:
        return Strategy.objects.create(
            title=title,
            description=description,
            state=kenya,
            owner_state=kenya,
            classification=classification,
            start=dt.date(2024, 1, 1),
        )

    return make
