"""Test-wide fixtures: personas (one per role) and loaded reference data.

Personas follow the healthchecks/Zulip habit of named people:
  secretariat       - UNODC secretariat officer, sees and edits everything
  focal_kenya       - focal point bound to Kenya
  focal_mexico      - focal point bound to Mexico (must never see Kenya's confidential records)
  donor_nl          - donor bound to the Netherlands MFA
  evaluator         - evaluator
  reader            - logged-in reader without scope
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("TACT_TESTING", "1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, skip what the SQLite suite already checks on the same machine:

    - the tests that never query the suite's database (`engine_independent`);
    - the browser tests: they check what Chromium shows and does (layout, language, scripts,
      htmx), which no engine changes. Every route they visit runs on PostgreSQL in the view,
      API and access-matrix tests. Skipping them keeps CI under its 20 minutes.

    `TACT_BROWSER_ON_POSTGRES=1` runs the browser tests on PostgreSQL too.
    """
    if not os.environ.get("TACT_DATABASE_URL", "").startswith("postgres"):
        return
    independent = pytest.mark.skip(reason="engine-independent: runs in the SQLite suite")
    interface = pytest.mark.skip(reason="browser test: runs in the SQLite suite")
    browsers = os.environ.get("TACT_BROWSER_ON_POSTGRES") == "1"
    for item in items:
        if item.get_closest_marker("engine_independent"):
            item.add_marker(independent)
        elif item.get_closest_marker("browser") and not browsers:
            item.add_marker(interface)


@pytest.fixture(scope="session")
def migrated_data_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A SQLite data directory migrated once for the whole run, to copy (never to write in).

    Tests that start `tact` in a subprocess (servers, the restore drill) need a migrated
    database of their own; migrating costs ~20 s of CPU, so the parallel workers share one:
    the first to take the lock migrates, the others wait for it and copy.
    """
    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent  # shared by every xdist worker of this run
    data = root / "migrated-data"
    with open(root / "migrated-data.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (data / "done").exists():
            shutil.rmtree(data, ignore_errors=True)
            data.mkdir()
            env = {
                **os.environ,
                "TACT_DATA_DIR": str(data),
                "DJANGO_SETTINGS_MODULE": "tact.config.settings",
            }
            env.pop("TACT_DATABASE_URL", None)
            command = [sys.executable, "-m", "tact.cli", "migrate", "-v0"]
            subprocess.run(command, env=env, check=True, timeout=600)  # noqa: S603
            (data / "done").touch()
    return data


def copy_migrated(migrated: Path, target: Path) -> Path:
    """A private copy of the shared migrated data directory."""
    shutil.copytree(migrated, target, ignore=shutil.ignore_patterns("done"))
    return target


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load the catalog and the states once per test database (reference data)."""
    from tact.catalog.services import catalog_load
    from tact.directory.services import states_load

    with django_db_blocker.unblock():
        catalog_load()
        states_load()


@pytest.fixture
def kenya(db: Any) -> Any:
    from tact.directory.models import State

    return State.objects.get(iso3="KEN")


@pytest.fixture
def mexico(db: Any) -> Any:
    from tact.directory.models import State

    return State.objects.get(iso3="MEX")


@pytest.fixture
def donor_org(db: Any) -> Any:
    from tact.directory.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        name="Ministry of Foreign Affairs of the Netherlands",
        defaults={"acronym": "NL-MFA", "kind": "donor_government", "iati_ref": "XM-DAC-7"},
    )
    return org


def _make_user(username: str, role: str, **extra: Any) -> Any:
    from tact.accounts.services import user_create

    return user_create(actor=None, username=username, password="pw-for-tests-1", role=role, **extra)


@pytest.fixture
def secretariat(db: Any) -> Any:
    return _make_user("secretariat", "secretariat")


@pytest.fixture
def focal_kenya(kenya: Any) -> Any:
    return _make_user("focal_kenya", "focal_point", state_ids=[kenya.pk])


@pytest.fixture
def focal_mexico(mexico: Any) -> Any:
    return _make_user("focal_mexico", "focal_point", state_ids=[mexico.pk])


@pytest.fixture
def donor_nl(donor_org: Any) -> Any:
    return _make_user("donor_nl", "donor", organisation_id=donor_org.pk)


@pytest.fixture
def evaluator(db: Any) -> Any:
    return _make_user("evaluator", "evaluator")


@pytest.fixture
def reader(db: Any) -> Any:
    return _make_user("reader", "reader")


@pytest.fixture
def token_for() -> Any:
    """Create an API token for a user; returns the Authorization header dict for the client."""
    from tact.accounts.services import token_create

    def make(user: Any) -> dict[str, str]:
        _token, key = token_create(actor=user, user=user, name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """Run a write as if its transaction committed, so that its on-commit callbacks run (the
    site version of tact.core.pagecache moves): the suite's transactions never commit."""
    from django.db import connection

    def run(write: Any) -> Any:
        # The bump of the test's earlier writes (fixtures) waits for a commit that never comes:
        # forget it, so that this write registers its own; and forget that one after it ran.
        connection._tact_site_bump = None
        with django_capture_on_commit_callbacks(execute=True):
            result = write()
        connection._tact_site_bump = None
        return result

    return run


@pytest.fixture
def viewer_cache_on() -> Any:
    """Signed-in users and token owners kept per site version (tact.accounts.viewers), off
    in the suite because its site version never moves unless a test commits (`committed`)."""
    from django.test import override_settings

    from tact.accounts import viewers

    viewers.clear()
    with override_settings(TACT_VIEWER_CACHE=True):
        yield
    viewers.clear()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def _chromium() -> Any:
    """One headless Chromium per test process (starting it costs more than most tests' pages);
    each test gets its own context: cookies, storage and cache start empty."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django's ORM calls in the test are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(_chromium: Any, live_server: Any, transactional_db: Any) -> Any:
    """A Playwright page in Debian's headless Chromium against the live test server.

    Skipped (with the reason printed) where /usr/bin/chromium is missing: tact never
    downloads a browser. Use `live_server.url` for addresses.
    """
    context = _chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def reference_data(transactional_db: Any) -> None:
    """Catalog and states for tests that flush the database (live server, transactions)."""
    from tact.catalog.services import catalog_load
    from tact.directory.services import states_load

    catalog_load()
    states_load()


@pytest.fixture(autouse=True)
def _english_by_default() -> Any:
    """Requests to /ru/… leave their language active in the thread; start each test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


TEST_PASSWORD = "pw-for-tests-1"


@pytest.fixture
def browser_login(live_server: Any) -> Any:
    """Log a browser page in through the real log-in form: `browser_login(page, "name")`."""

    def do(page: Any, username: str, password: str = TEST_PASSWORD) -> None:
        page.goto(f"{live_server.url}/en/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.locator("article form button[type=submit]").click()
        page.wait_for_url(lambda url: "/login/" not in url)

    return do
