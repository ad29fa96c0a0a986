"""`{{ value|json_island:"element-id" }}`: chart data as a safe JSON data block.

Several views hand templates a JSON *string* (json.dumps); printing it with `|safe` inside a
`<script>` lets a `</script>` in a record's title end the block (stored XSS). This filter
parses such a string back and emits it through Django's `json_script`, which escapes `<`, `>`
and `&`. Objects are passed straight through.
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def json_island(value: Any, element_id: str) -> SafeString:
    if isinstance(value, str | bytes):
        value = json.loads(value)
    return json_script(value, element_id)
