"""The move of evaluation.Strategy into this app: rows copied with their ids, results frameworks
still pointing at them, and back again when the migrations are reversed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("evaluation", "0002_default_scales"), ("strategies", "0002_default_link_rules")]
AFTER = [("evaluation", "0006_delete_strategy")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def back_to_latest() -> Any:
    """Whatever happens, later tests find the schema at the latest migration of every app."""
    yield
    _migrate_to_latest()


def test_strategies_move_with_their_ids_and_come_back(
    reference_data: None, back_to_latest: None
) -> None:
    old_apps = _migrate(BEFORE)
    old_strategy = old_apps.get_model("evaluation", "Strategy")
    framework = old_apps.get_model("evaluation", "ResultsFramework")
    kenya = old_apps.get_model("directory", "State").objects.get(iso3="KEN")
    programme = old_strategy.objects.create(
        pk=41, title="Regional programme", kind="programme", classification="public"
    )
    national = old_strategy.objects.create(
        pk=42,
        title="Kenya strategy",
        kind="strategy",
        state=kenya,
        owner_state=kenya,
        classification="restricted",
        start=dt.date(2020, 1, 1),
        end=dt.date(2021, 12, 31),
    )
    framework.objects.create(title="FW programme", strategy=programme, classification="public")
    framework.objects.create(title="FW Kenya", strategy=national, classification="restricted")

    new_apps = _migrate(AFTER)
    new_strategy = new_apps.get_model("strategies", "Strategy")
    moved = {
        s.pk: (s.title, s.kind, s.status, s.state_id, s.classification)
        for s in new_strategy.objects.all()
    }
    assert moved == {
        41: ("Regional programme", "programme", "adopted", None, "public"),
        42: ("Kenya strategy", "national_strategy", "expired", kenya.pk, "restricted"),
    }
    frameworks = new_apps.get_model("evaluation", "ResultsFramework").objects.order_by("title")
    assert [(f.title, f.strategy_id) for f in frameworks] == [
        ("FW Kenya", 42),
        ("FW programme", 41),
    ]
    # new strategies get ids after the moved ones (the sequence moved past them)
    assert new_strategy.objects.create(title="Next", classification="public").pk > 42

    back_apps = _migrate(BEFORE)
    restored = back_apps.get_model("evaluation", "Strategy").objects.order_by("pk")
    assert [(s.pk, s.title, s.kind) for s in restored] == [
        (41, "Regional programme", "programme"),
        (42, "Kenya strategy", "strategy"),
    ]
