"""Let the pure-text tests run without Django (``pytest -p no:django``).

The project-wide autouse fixture ``_english_by_default`` activates a Django translation, which
needs configured settings.  The text layer (``tact.legislation.text``) is deliberately
Django-free, so its tests must also run with the Django plugin disabled; this override keeps the
project behaviour whenever Django settings are available and is a no-op otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _django_configured() -> bool:
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        return True
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is a project dependency
        return False
    return bool(settings.configured)


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Same as the project fixture when Django is configured; nothing otherwise."""
    if not _django_configured():
        yield
        return
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


# --- fixtures of the Django-backed tests (requested explicitly; unused by the text tests) ---

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent.parent / "data"

KEN_TXT = """Witness Protection (Test) Act

Section 1. Short title
This Act may be cited as the Witness Protection (Test) Act.

Section 2. Protection of witnesses
The Director shall provide physical protection, relocation and a change of identity to \
witnesses who give testimony in criminal proceedings and to their relatives, and may \
restrict the disclosure of their identity and whereabouts.

Section 3. Evidence by video link
A court may allow a witness to give evidence by video link or other communications \
technology that ensures the safety of the witness.

Section 4. Fees
The fees payable for licences under this Act shall be prescribed by regulation.
"""


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_docx(paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def ken_law(media: Path, kenya: Any) -> Any:
    """A public Kenyan test act with four sections."""
    from tact.core.access import SYSTEM
    from tact.legislation.services import import_law

    return import_law(
        actor=SYSTEM,
        state=kenya,
        data=KEN_TXT.encode(),
        filename="ken-wpa.txt",
        language="en",
        text_type="law",
        title="Witness Protection (Test) Act",
    ).legal_text
