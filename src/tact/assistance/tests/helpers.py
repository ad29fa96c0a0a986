"""Small builders shared by the assistance tests."""

from __future__ import annotations

import io
from typing import Any

from tact.assistance.importing import import_iati
from tact.assistance.tests.test_import_db import activity_xml, iati_file
from tact.core.access import SYSTEM


def load_projects(*activities: str, actor: Any = SYSTEM) -> Any:
    return import_iati(io.BytesIO(iati_file(*activities)), actor=actor)


__all__ = ["activity_xml", "iati_file", "load_projects"]
