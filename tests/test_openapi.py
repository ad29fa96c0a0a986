"""The committed OpenAPI schema (docs/openapi.json) is current: regenerate with `make openapi`."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def test_committed_openapi_schema_is_current() -> None:
    out = io.StringIO()
    call_command("export_openapi_schema", api="tact.config.api.api", sorted=True, stdout=out)
    current = json.loads(out.getvalue())
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == current, "docs/openapi.json is stale: run `make openapi`"
