"""The page cache (tact.core.pagecache) on the aggregate pages and API lists (issue 19): a
cached page is served again only to a viewer of the same profile, user and language at the
same site version; any committed edit or import shows on the next request; a confidential
record read by the secretariat never reaches a public viewer through the cache."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from tact.assistance.models import ParticipatingOrganisation, Project, ProjectCountry
from tact.core import pagecache
from tact.core.bulk import insert_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_page_cache_on")]


@pytest.fixture(params=[0, 1024 * 1024], ids=["shared-only", "with-local-copies"])
def _page_cache_on(request: Any) -> Any:
    """Every test runs with the shared cache alone and with each worker's copies in front."""
    caches[pagecache.CACHE].clear()
    pagecache.local.clear()
    with override_settings(TACT_PAGE_CACHE=True, TACT_PAGE_CACHE_LOCAL_BYTES=request.param):
        yield
    caches[pagecache.CACHE].clear()
    pagecache.local.clear()


def _project(
    ident: str, state: Any, funder: str, classification: str = "public", **extra: Any
) -> Project:
    project = Project.objects.create(
        iati_identifier=ident,
        title=f"Project {ident}",
        reporting_org_ref="XM-TEST",
        reporting_org_name="Reporter",
        budget_usd=Decimal(1000),
        channel_derived="unodc",
        status="2",
        classification=classification,
        **extra,
    )
    ProjectCountry.objects.create(project=project, code=state.iso2, state=state, percentage=100)
    ParticipatingOrganisation.objects.create(
        project=project, role="1", name=funder, ref=f"REF-{funder}", order=0
    )
    return project


def test_a_cached_page_changes_after_an_edit(kenya: Any, committed: Any) -> None:
    committed(lambda: _project("K1", kenya, "Funder A"))
    client = Client()
    first = client.get("/en/assistance/projects/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    again = client.get("/en/assistance/projects/")
    assert again["X-Page-Cache"] == "hit"
    assert b"Project K1" in again.content

    def edit() -> None:
        project = Project.objects.get(iati_identifier="K1")
        project.title = "Renamed project"
        project.save()

    committed(edit)
    after = client.get("/en/assistance/projects/")
    assert "X-Page-Cache" not in after
    assert b"Renamed project" in after.content and b"Project K1" not in after.content


def test_a_bulk_import_without_signals_moves_the_version(kenya: Any, committed: Any) -> None:
    before = pagecache.version()
    committed(
        lambda: insert_rows("core_siteversion", ["id", "number"], []),
    )
    assert pagecache.version() > before


def test_a_rolled_back_write_leaves_the_version_and_the_next_one_moves_it(
    kenya: Any, committed: Any
) -> None:
    from django.db import transaction

    def rolled_back() -> None:
        try:
            with transaction.atomic():
                _project("K1", kenya, "Funder A")
                raise RuntimeError
        except RuntimeError:
            pass

    before = pagecache.version()
    committed(rolled_back)
    assert pagecache.version() == before
    committed(lambda: _project("K2", kenya, "Funder B"))
    assert pagecache.version() > before


def test_a_confidential_record_never_reaches_a_public_viewer_from_the_cache(
    kenya: Any, secretariat: Any, committed: Any
) -> None:
    def make() -> None:
        _project("K1", kenya, "Open funder")
        _project("K2", kenya, "Secret funder", classification="confidential")

    committed(make)
    staff = Client()
    staff.force_login(secretariat)
    for url in ["/en/assistance/projects/", "/en/assistance/matrix/", "/en/assistance/map/data/"]:
        for _ in range(2):
            seen = staff.get(url)
        assert seen["X-Page-Cache"] == "hit"
        public = Client().get(url)
        assert "X-Page-Cache" not in public
        assert b"Secret funder" not in public.content and b"Project K2" not in public.content
        public_again = Client().get(url)
        assert public_again["X-Page-Cache"] == "hit"
        assert b"Secret funder" not in public_again.content
    assert b"Project K2" in staff.get("/en/assistance/projects/").content


def test_api_lists_are_kept_per_token_owner(
    kenya: Any, secretariat: Any, token_for: Any, committed: Any
) -> None:
    committed(
        lambda: _project("K2", kenya, "Secret funder", classification="confidential"),
    )
    headers = token_for(secretariat)
    client = Client()
    for _ in range(2):
        staff = client.get("/api/v1/assistance/projects", **headers)
    assert staff["X-Page-Cache"] == "hit" and b"K2" in staff.content
    public = client.get("/api/v1/assistance/projects")
    assert "X-Page-Cache" not in public and b"K2" not in public.content
    bad = client.get("/api/v1/assistance/projects", HTTP_AUTHORIZATION="Bearer tact_wrong")
    assert "X-Page-Cache" not in bad and b"K2" not in bad.content


@pytest.mark.usefixtures("viewer_cache_on")
def test_a_focal_point_who_loses_its_state_loses_its_pages_on_the_next_request(
    kenya: Any, focal_kenya: Any, committed: Any
) -> None:
    """With the viewer kept per site version too: a cached page and a kept viewer both go
    when a state membership is taken away."""
    from tact.accounts.models import StateMembership

    committed(lambda: _project("K3", kenya, "F", classification="confidential", owner_state=kenya))
    client = Client()
    client.force_login(focal_kenya)
    for _ in range(2):
        page = client.get("/en/assistance/projects/")
    assert page["X-Page-Cache"] == "hit" and b"Project K3" in page.content
    committed(lambda: StateMembership.objects.filter(user=focal_kenya).delete())
    assert b"Project K3" not in client.get("/en/assistance/projects/").content


def test_keys_differ_per_profile_user_and_language(
    secretariat: Any, focal_kenya: Any, focal_mexico: Any
) -> None:
    factory = RequestFactory()

    def key(user: Any, language: str, path: str = "/en/assistance/matrix/") -> str:
        request = factory.get(path)
        with translation.override(language):
            return pagecache._key(request, user)

    keys = {
        key(AnonymousUser(), "en"),
        key(AnonymousUser(), "fr"),
        key(secretariat, "en"),
        key(focal_kenya, "en"),
        key(focal_mexico, "en"),
    }
    assert len(keys) == 5
    assert key(AnonymousUser(), "en") == key(AnonymousUser(), "en")
    assert key(AnonymousUser(), "en") != key(AnonymousUser(), "en", "/en/assistance/?a=1")


def test_the_csrf_token_is_the_requests_own(secretariat: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    client.get("/en/assistance/projects/")
    hit = client.get("/en/assistance/projects/")
    assert hit["X-Page-Cache"] == "hit"
    assert pagecache.PLACEHOLDER.encode() not in hit.content
    assert b'name="csrfmiddlewaretoken" value="' in hit.content
    # The token on the cached page logs this user out (a valid token for its session).
    token = hit.content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0]
    out = client.post("/en/accounts/logout/", {"csrfmiddlewaretoken": token.decode()})
    assert out.status_code == 302


def test_an_audited_change_written_without_signals_moves_the_version(
    kenya: Any, committed: Any
) -> None:
    """Services that write with QuerySet.update (no signal) still audit the change: the
    audit trail moves the site version, so no cached page outlives it."""
    from tact.core.audit import audit_log

    project = committed(lambda: _project("U1", kenya, "F"))
    before = pagecache.version()

    def reclassify() -> None:
        Project.objects.filter(pk=project.pk).update(classification="confidential")
        audit_log(
            actor=None,
            action="assistance.project.updated",
            target=project,
            changes={"classification": ("public", "confidential")},
        )

    committed(reclassify)
    assert pagecache.version() == before + 1


def test_the_facets_of_a_search_are_kept_for_every_page_of_its_results(
    kenya: Any, committed: Any
) -> None:
    """The search page asks for its facets apart, without the page number: paging through
    the results finds them in the cache; a change of the data asks for them again."""
    committed(lambda: _project("S1", kenya, "Funder S"))
    client = Client()
    url = "/en/search/facets/?q=project"
    assert "X-Page-Cache" not in client.get(url, HTTP_HX_REQUEST="true")
    assert client.get(url, HTTP_HX_REQUEST="true")["X-Page-Cache"] == "hit"
    committed(lambda: _project("S2", kenya, "Funder S"))
    assert "X-Page-Cache" not in client.get(url, HTTP_HX_REQUEST="true")


def test_a_sign_in_keeps_the_cached_pages_but_a_role_change_drops_them(
    secretariat: Any, committed: Any
) -> None:
    """Signing in writes only ``last_login``: no page shows it, so every viewer's cached
    pages stay; any other change to a user moves the site version."""
    from django.contrib.auth.models import update_last_login

    before = pagecache.version()
    committed(lambda: update_last_login(None, secretariat))
    assert pagecache.version() == before
    client = Client()
    client.force_login(secretariat)  # a sign-in through the session machinery too
    assert pagecache.version() == before

    def change_role() -> None:
        secretariat.role = "reader"
        secretariat.save(update_fields=["role", "last_login"])

    committed(change_role)
    assert pagecache.version() > before


class _CountingCache(LocMemCache):
    """The shared cache, counting its reads."""

    reads = 0

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        _CountingCache.reads += 1
        return super().get(key, default, version)


def test_a_worker_answers_from_its_own_copy_and_another_worker_from_the_shared_cache(
    kenya: Any, committed: Any, settings: Any
) -> None:
    settings.CACHES = {
        **settings.CACHES,
        pagecache.CACHE: {"BACKEND": f"{__name__}._CountingCache", "LOCATION": "counting"},
    }
    settings.TACT_PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    caches[pagecache.CACHE].clear()  # the suite's rolled-back versions repeat: start empty
    pagecache.local.clear()
    committed(lambda: _project("K1", kenya, "Funder A"))
    client = Client()
    _CountingCache.reads = 0
    assert "X-Page-Cache" not in client.get("/en/assistance/projects/")  # kept in both
    assert client.get("/en/assistance/projects/")["X-Page-Cache"] == "hit"
    assert _CountingCache.reads == 1  # the miss only: the hit came from this worker's copy
    pagecache.local.clear()  # as a worker that never served the page
    again = client.get("/en/assistance/projects/")
    assert again["X-Page-Cache"] == "hit" and b"Project K1" in again.content
    assert _CountingCache.reads == 2
    assert client.get("/en/assistance/projects/")["X-Page-Cache"] == "hit"
    assert _CountingCache.reads == 2  # now copied here too


def test_local_copies_expire_with_the_shared_entry_and_stay_within_their_bytes(
    settings: Any,
) -> None:
    settings.TACT_PAGE_CACHE_LOCAL_BYTES = 10
    settings.TACT_PAGE_CACHE_SECONDS = 120
    kept = pagecache._Local()
    now = time.time()
    kept.put("old", "text/html", b"x", kept_at=now - 121)  # its shared entry has expired
    assert kept.get("old") is None
    kept.put("a", "text/html", b"123456", kept_at=now)
    kept.put("b", "text/html", b"123456", kept_at=now)  # 12 bytes > 10: "a" goes
    assert kept.get("a") is None and kept.get("b") == ("text/html", b"123456")
    kept.put("big", "text/html", b"12345678901", kept_at=now)  # larger than the bound
    assert kept.get("big") is None and kept.get("b") is not None
    kept.put("c", "text/html", b"1234", kept_at=now)  # 10 bytes: both stay
    assert kept.get("b") is not None and kept.get("c") is not None
