"""Content-Security-Policy without inline scripts or styles (issue 18, item 6)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

SRC = Path(__file__).resolve().parent.parent / "src" / "tact"
# Rendered to PDF by WeasyPrint on the server, never served to a browser.
PDF_TEMPLATES = ("/pdf/", "_pdf.html")
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\son(click|change|submit|load|input)=", re.I), "event handler attribute"),
    (re.compile(r"\|safe\s*}}\s*</script>", re.I), "|safe in a script block"),
]


def test_the_policy_header_allows_no_inline_code(client: Client) -> None:
    response = client.get("/en/accounts/login/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    # Only style attributes (data-driven widths and colours) may be inline; never code.
    assert "unsafe" not in policy.replace("style-src-attr 'unsafe-inline'", "")


def test_no_template_carries_inline_scripts_styles_or_handlers() -> None:
    found = []
    for path in sorted(SRC.rglob("templates/**/*.html")):
        if any(marker in str(path) for marker in PDF_TEMPLATES):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(SRC)}:{line}: {what}")
    assert found == []


@pytest.mark.parametrize(
    "url",
    ["/en/", "/en/evaluation/portfolio/", "/en/legislation/search/?q=witness", "/en/resolutions/"],
)
def test_rendered_pages_have_no_inline_script(secretariat: Any, url: str) -> None:
    client = Client()
    client.force_login(secretariat)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Content-Security-Policy" in response
    for pattern, what in INLINE[:4]:
        assert not pattern.search(html), (url, what)


def test_chart_data_cannot_close_its_script_block(secretariat: Any, kenya: Any) -> None:
    from tact.core.templatetags.tact_json import json_island

    html = json_island('{"title": "</script><script>alert(1)</script>"}', "chart")
    assert "</script><script>" not in html.split(">", 1)[1].rsplit("<", 1)[0]
    assert "\\u003C/script\\u003E" in html
