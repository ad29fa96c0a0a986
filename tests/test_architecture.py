"""Rules of docs/architecture.md that a linter cannot see: fetch-and-check goes through each
app's permissions module, and no app reaches another through `apps.get_model` strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "tact"
DOMAIN_APPS = sorted(
    p.parent.name
    for p in SRC.glob("*/models.py")
    if p.parent.name not in {"core", "site", "search"}
)


def _modules(app: str, names: tuple[str, ...]) -> list[Path]:
    root = SRC / app
    found = []
    for name in names:
        found += [root / f"{name}.py"] if (root / f"{name}.py").exists() else []
        found += sorted((root / name).glob("*.py")) if (root / name).is_dir() else []
    return found


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_every_domain_app_has_a_permissions_module(app: str) -> None:
    assert (SRC / app / "permissions.py").exists() or (SRC / app / "permissions").is_dir()


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_views_and_api_fetch_records_through_permissions(app: str) -> None:
    """`get_object_or_404` and `get_visible_or_404` skip the app's declared access rules
    (or repeat them by hand); pages and API call `permissions.access_<entity>` instead."""
    offenders = []
    for module in _modules(app, ("views", "api")):
        for number, line in enumerate(module.read_text().splitlines(), 1):
            if re.search(r"\bget_(object|visible)_or_404\(", line):
                offenders.append(f"{module.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_app_looks_up_models_by_string() -> None:
    offenders = []
    for module in SRC.rglob("*.py"):
        if "migrations" in module.parts or "tests" in module.parts:
            continue
        if module.relative_to(SRC).as_posix() == "core/links.py":  # resolves `app.model:pk`
            continue
        for number, line in enumerate(module.read_text().splitlines(), 1):
            if "apps.get_model(" in line:
                offenders.append(f"{module.relative_to(SRC)}:{number}")
    assert offenders == []
