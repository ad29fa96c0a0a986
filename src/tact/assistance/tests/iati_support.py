"""Shared paths and helpers for the IATI tests (deliberately not a conftest).

Why no conftest: these tests must run without Django (``-p no:django``).  The project-wide
``conftest.py`` has an autouse fixture that activates a Django translation, which needs
settings; each IATI test module imports :func:`_english_by_default` from here, which
overrides that fixture by name with a no-op for the module.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tact.assistance.iati import ActivityResult, IatiFileError, iter_activities

SHARED = Path(os.environ.get("TACT_IATI_TESTDATA", "/work/shared/data/iati"))
CONFORMANCE = SHARED / "conformance" / "activity-tests"
SHOULD_FAIL = CONFORMANCE / "should-fail"
SHOULD_PASS = CONFORMANCE / "should-pass"
REAL = SHARED / "real"
SAMPLES = SHARED / "samples"
OFFICIAL_203 = REAL / "iati-2.03-official-activity-standard-example-annotated.xml"
SPAIN_201 = REAL / "real-spain-maec-iati-2.01-indonesia-activities.xml"
NETHERLANDS_203 = (
    REAL / "semi-real-netherlands-mfa-iati-2.03-justice-15220-with-example-results.xml"
)

needs_shared_data = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"IATI test data not found at {SHARED} (set TACT_IATI_TESTDATA)"
)


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """No-op override of the project conftest's Django translation fixture."""
    yield


def xml_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.xml")) if folder.is_dir() else []


def file_id(path: Path) -> str:
    return str(path.relative_to(SHARED)) if path.is_relative_to(SHARED) else path.name


def read_all(
    source: Path | bytes | str, **options: bool
) -> tuple[list[ActivityResult], IatiFileError | None]:
    """All results of a file, or the file error (with the results yielded before it)."""
    import io

    results: list[ActivityResult] = []
    target = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        for result in iter_activities(target, **options):
            results.append(result)
    except IatiFileError as error:
        return results, error
    return results, None


def with_version(path: Path, version: str) -> bytes:
    """The file's bytes with the conformance suite's placeholder ``version="xx"`` replaced."""
    data = path.read_bytes()
    return data.replace(
        b'<iati-activities version="xx"', f'<iati-activities version="{version}"'.encode(), 1
    )
