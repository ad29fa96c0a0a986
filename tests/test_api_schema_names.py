"""Schema names in the OpenAPI document are unique (issue 18, item 3).

ninja merges every operation's schema definitions into one `components.schemas` by name, so
two apps' `ThemeOut` made one operation document the other's shape. This spies on that merge
and fails when one name arrives with two different definitions.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from ninja.openapi.schema import OpenAPISchema

from tact.config.api import api


def test_no_schema_name_is_claimed_by_two_definitions(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, str] = {}
    clashes: set[str] = set()
    merge = OpenAPISchema.add_schema_definitions

    def checking(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            text = json.dumps(definition, sort_keys=True)
            if seen.setdefault(name, text) != text:
                clashes.add(name)
        merge(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", checking)
    schema = api.get_openapi_schema()
    assert sorted(clashes) == []
    assert "ThemeOut" in schema["components"]["schemas"]
    themes = schema["paths"]["/api/v1/themes"]["get"]["responses"][200]
    assert themes["content"]["application/json"]["schema"]["items"]["$ref"].endswith("/ThemeOut")
    assert "code" in schema["components"]["schemas"]["ThemeOut"]["properties"]
