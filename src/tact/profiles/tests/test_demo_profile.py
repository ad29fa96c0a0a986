"""On the demo data: the public and full versions of a profile differ exactly by the
restricted records; the PDF in English, Russian, Arabic and Chinese carries the translated
headings; the Excel workbook carries the same records; the API gives the same sections."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from tact.catalog.services import catalog_load
from tact.core.access import SYSTEM
from tact.core.links import resolve_ref
from tact.directory.models import State
from tact.directory.services import states_load
from tact.profiles import selectors, services
from tact.site.management.commands.demo_data import demo_loaders

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[4] / "var" / "screenshots"
HEADINGS = [
    "Country profile",
    "Party status",
    "Follow-up of recommendations",
    "National strategies",
    "Task forces and cooperation network",
    "Legislation and gaps",
    "Legislative gaps by theme",
    "Needs and who answers them",
    "Assistance received",
    "By channel (USD)",
    "By donor (USD)",
    "Trainings and learning gain",
    "Results and evaluation",
    "Good practices",
]
FULL_ONLY_HEADINGS = ["Threat assessments"]
REF = re.compile(r"[a-z_]+\.[a-z_]+:\d+")


def _load_demo() -> None:
    catalog_load(actor=SYSTEM)
    states_load(actor=SYSTEM)
    for _label, load in demo_loaders():
        load(SYSTEM)


def _flat(text: str) -> str:
    # Arabic comes out of the PDF in presentation forms and visual order (brackets mirrored):
    # compare the normalised letters and digits only, in either direction.
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


def _pdf_has(text: str, heading: str, *, rtl: bool = False) -> bool:
    flat, wanted = _flat(text), _flat(heading)
    if wanted in flat or wanted[::-1] in flat:
        return True
    # Right to left, a bracketed run comes out before the words around it: every word then.
    return rtl and all(_flat(word) in flat for word in heading.split())


def test_public_and_full_versions_differ_exactly_by_restricted_records(
    secretariat: Any, client: Client
) -> None:
    # given the demo data and Kenya's profile as the secretariat and as an anonymous reader
    _load_demo()
    kenya = State.objects.get(iso3="KEN")
    full = selectors.state_profile(secretariat, kenya)
    public = selectors.state_profile(AnonymousUser(), kenya)
    full_refs, public_refs = full.refs(), public.refs()

    # then the public version names only what anyone may read, all of it also in the full one
    assert public_refs <= full_refs
    assert all(resolve_ref(AnonymousUser(), ref) is not None for ref in public_refs)
    # and the full version adds exactly the records an anonymous reader may not see
    restricted = {ref for ref in full_refs if resolve_ref(AnonymousUser(), ref) is None}
    assert full_refs - public_refs == restricted
    assert {r.split(":")[0] for r in restricted} >= {
        "assistance.need",
        "strategies.strategy",
        "strategies.taskforce",
        "threats.assessment",
        "training.session",
        "directory.contact",
    }
    # the threat assessment section is there only for a viewer who may see one
    assert "threats" in {p.name for p in full.panels}
    assert "threats" not in {p.name for p in public.panels}

    # the rendered files: each version's workbook holds exactly its records
    for version, refs in (("public", public_refs), ("full", full_refs)):
        files = services.render(actor=secretariat, state=kenya, language="en", version=version)
        book = load_workbook(io.BytesIO(files.xlsx), read_only=True)
        cells = {
            str(c)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for c in row
            if c and REF.fullmatch(str(c))
        }
        assert cells == refs, version

    # the API answers the same sections, access-filtered
    api_public = client.get("/api/v1/states/ken/profile").json()
    api_refs = {i["ref"] for s in api_public["sections"] for i in s["items"] if i["ref"]}
    assert api_refs == public_refs
    client.force_login(secretariat)
    api_full = client.get("/api/v1/states/KEN/profile").json()
    assert {i["ref"] for s in api_full["sections"] for i in s["items"] if i["ref"]} == full_refs

    # the PDF in English, Russian, Arabic and Chinese carries the translated headings
    SHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("en", "ru", "ar", "zh-hans"):
        files = services.render(actor=secretariat, state=kenya, language=language, version="full")
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files.pdf)).pages)
        with translation.override(language):
            expected = [_(h) for h in HEADINGS + FULL_ONLY_HEADINGS] + [kenya.display_name]
        missing = [h for h in expected if not _pdf_has(text, h, rtl=language == "ar")]
        assert missing == [], (language, missing)
        if language != "en":
            assert not _pdf_has(text, "Needs and who answers them"), language
        pdf = SHOTS / f"profile-KEN-{language}.pdf"
        pdf.write_bytes(files.pdf)
        # pages as PNG to look at (where poppler is installed)
        if language in {"ar", "zh-hans"} and shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "2", str(pdf), str(pdf)[:-4]],
                check=True,
            )
    # and the public PDF never names a restricted record's title
    public_pdf = services.render(actor=secretariat, state=kenya, language="en", version="public")
    text = _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(public_pdf.pdf)).pages))
    for ref in restricted:
        record = resolve_ref(secretariat, ref)
        title = getattr(record, "title", "") or getattr(record, "name", "")
        assert len(title) < 12 or _flat(title) not in text, ref
