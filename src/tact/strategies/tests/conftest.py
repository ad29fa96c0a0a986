from __future__ import annotations

from typing import Any

import pytest

from tact.core.access import SYSTEM


@pytest.fixture
def demo(db: Any) -> None:
    from tact.strategies import demo as strategies_demo

    strategies_demo.load(SYSTEM)


@pytest.fixture
def kenya_strategy(demo: None) -> Any:
    from tact.strategies.demo import KENYA_STRATEGY
    from tact.strategies.models import Strategy

    return Strategy.objects.get(title=KENYA_STRATEGY)
