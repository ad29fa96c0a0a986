"""Fixtures for training tests: the demo records (directory + training) and Excel builders."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook


@pytest.fixture
def demo(db: Any, focal_kenya: Any, focal_mexico: Any) -> dict[str, Any]:
    """The training demo (without the other domains' demos, which only add organisations and
    links); the Kenyan sessions are organised by the focal_kenya persona, the Mexican one by
    focal_mexico."""
    from tact.core.access import SYSTEM
    from tact.training import demo as training_demo
    from tact.training.models import Programme, Session

    training_demo.load(SYSTEM)
    sessions = {s.title.split(":")[0].lower().replace(" ", "_"): s for s in Session.objects.all()}
    for key in ("nairobi", "mombasa"):
        sessions[key].organiser = focal_kenya
        sessions[key].save(update_fields=["organiser"])
    sessions["mexico_city"].organiser = focal_mexico
    sessions["mexico_city"].save(update_fields=["organiser"])
    return {"programme": Programme.objects.get(), **sessions}


def xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
