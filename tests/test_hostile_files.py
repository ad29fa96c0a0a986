"""Every import route x hostile files: a clean 4xx or a handled report, never a 500
(issue 18, item 2). Prints the figure "files x routes tried / clean answers"."""

from __future__ import annotations

import base64
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.slow


def _zip_bomb_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + "A" * 20_000_000 + "</w:document>")
    return buffer.getvalue()


HOSTILE: dict[str, tuple[str, bytes]] = {
    "empty": ("empty.csv", b""),
    "nul-bytes": ("nul.csv", b"state,instrument,status\n\x00\x00\x00,untoc,party\n"),
    "not-utf8": ("latin.csv", "état,instrument\n\xe9\xe8".encode("latin-1")),
    "bom-only": ("bom.csv", b"\xef\xbb\xbf"),
    "oversized-field": ("big.csv", b'state,instrument,status\n"' + b"x" * 200_000 + b'",untoc,x\n'),
    "oversized-header": ("bighead.csv", b'"' + b"h" * 200_000 + b'"\n1\n'),
    "unterminated-quote": ("quote.csv", b'currency,date,usd_rate\n"EUR,2024-01-01,1\n'),
    "binary": ("random.bin", bytes(range(256)) * 64),
    "xxe": (
        "xxe.xml",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<iati-activities><r>&x;</r></iati-activities>",
    ),
    "billion-laughs": (
        "lol.xml",
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><iati-activities>&d;</iati-activities>',
    ),
    "deep-xml": ("deep.xml", b"<a>" * 50_000 + b"</a>" * 50_000),
    "truncated-xml": ("cut.xml", b'<?xml version="1.0"?><iati-activities><iati-activity>'),
    "fake-docx": ("fake.docx", b"PK\x03\x04 not really a zip"),
    "zip-bomb-docx": ("bomb.docx", _zip_bomb_docx()),
    "one-long-line": ("line.txt", b"Section 1. " + b"word " * 400_000),
    "control-chars": ("ctl.txt", b"Section 1.\x1b[31m\x07\x08 Title\r\r\r\n" * 100),
    "formula-injection": ("f.csv", b"currency,date,usd_rate\n=cmd|' /C calc'!A0,2024-01-01,1\n"),
}


def _routes(kenya: Any) -> dict[str, Any]:
    def page(url: str, **extra: str) -> Any:
        def post(client: Client, name: str, blob: bytes) -> Any:
            return client.post(url, {"file": SimpleUploadedFile(name, blob), **extra})

        return post

    def api_file(url: str, **extra: str) -> Any:
        def post(client: Client, name: str, blob: bytes) -> Any:
            return client.post(url, {"file": SimpleUploadedFile(name, blob), **extra})

        return post

    def api_law(client: Client, name: str, blob: bytes) -> Any:
        payload = {
            "state": "KEN",
            "filename": name,
            "content_base64": base64.b64encode(blob).decode(),
            "text_type": "law",
            "language": "en",
            "title": "Hostile",
        }
        return client.post("/api/v1/legislation/laws", payload, content_type="application/json")

    return {
        "page party-status": page("/en/directory/states/party-status/import/"),
        "page exchange rates": page("/en/assistance/exchange-rates/upload/"),
        "page IATI import": page("/en/assistance/imports/new/"),
        "page law import": page(
            "/en/legislation/laws/import/", state="KEN", text_type="law", language="en"
        ),
        "page resolution import": page("/en/resolutions/import/", language="en"),
        "API exchange rates": api_file("/api/v1/assistance/exchange-rates"),
        "API IATI import": api_file("/api/v1/assistance/imports"),
        "API resolution import": api_file("/api/v1/resolutions/import", dry_run="true"),
        "API law import": api_law,
    }


def test_hostile_files_on_every_import_route(
    secretariat: Any, kenya: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = Client(raise_request_exception=False)
    client.force_login(secretariat)
    routes = _routes(kenya)
    tried = 0
    failures = []
    for route, post in routes.items():
        for label, (name, blob) in HOSTILE.items():
            tried += 1
            response = post(client, name, blob)
            api = route.startswith("API")
            if response.status_code >= 500 or (
                api
                and response.status_code >= 400
                and response["Content-Type"] != "application/json; charset=utf-8"
            ):
                failures.append(f"{route} x {label}: {response.status_code}")
    print(
        f"hostile files: {len(HOSTILE)} files x {len(routes)} routes = {tried} tried, "
        f"{tried - len(failures)} clean answers"
    )
    assert failures == []
