"""The same resolution in two languages: linked versions on the page, in the API and in the demo."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tact.core.access import SYSTEM
from tact.core.audit import history_for
from tact.resolutions import demo, services
from tact.resolutions.models import FollowUp, Meeting, Recommendation, Resolution


def _load_twice() -> tuple[Resolution, Resolution]:
    demo.load(SYSTEM)
    counts = (
        Resolution.objects.count(),
        Recommendation.objects.count(),
        Meeting.objects.count(),
        FollowUp.objects.count(),
    )
    demo.load(SYSTEM)
    assert counts == (
        Resolution.objects.count(),
        Recommendation.objects.count(),
        Meeting.objects.count(),
        FollowUp.objects.count(),
    )
    russian = Resolution.objects.get(source_filename=demo.SEED)
    english = Resolution.objects.get(source_filename=demo.SEED_EN)
    return russian, english


@pytest.mark.django_db
def test_demo_loads_both_versions_once_and_links_them() -> None:
    russian, english = _load_twice()
    assert (russian.language, english.language) == ("ru", "en")
    assert english.original == russian and russian.original is None
    assert russian.symbol == english.symbol == demo.SYMBOL
    assert english.title.startswith("Implementation of the provisions on technical assistance")
    # The same structure: every recommendation code of the original is in the English text.
    codes = set(russian.recommendations.values_list("code", flat=True))
    assert codes == set(english.recommendations.values_list("code", flat=True))
    assert [r.pk for r in russian.versions()] == [english.pk, russian.pk]
    assert len(list(history_for(english))) == 2  # the import and the link, once each


@pytest.mark.django_db
def test_page_shows_the_other_language_version(client: Client) -> None:
    russian, english = _load_twice()
    page = client.get(f"/en/resolutions/{russian.pk}/").content.decode()
    assert "Also in:" in page
    assert f'href="/en/resolutions/{english.pk}/" lang="en" hreflang="en">English</a>' in page
    other = client.get(f"/en/resolutions/{english.pk}/").content.decode()
    assert f'href="/en/resolutions/{russian.pk}/" lang="ru" hreflang="ru">Русский</a>' in other
    assert "Follow-up is recorded against the original version" in other
    assert "Follow-up is recorded against the original version" not in page
    russian_page = client.get(f"/ru/resolutions/{russian.pk}/").content.decode()
    assert "Также на:" in russian_page


@pytest.mark.django_db
def test_api_lists_language_versions(client: Client) -> None:
    russian, english = _load_twice()
    detail = client.get(f"/api/v1/resolutions/{russian.pk}").json()
    assert detail["original_id"] is None
    assert detail["language_versions"] == [
        {
            "id": english.pk,
            "language": "en",
            "language_name": "English",
            "symbol": demo.SYMBOL,
            "title": english.title,
        }
    ]
    other = client.get(f"/api/v1/resolutions/{english.pk}").json()
    assert other["original_id"] == russian.pk
    assert [v["language"] for v in other["language_versions"]] == ["ru"]


@pytest.mark.django_db
def test_link_refuses_self_and_a_second_version_in_one_language(reader: Any) -> None:
    russian, english = _load_twice()
    with pytest.raises(ValidationError):
        services.resolution_link_version(actor=SYSTEM, resolution=russian, original=russian)
    duplicate = Resolution.objects.create(title="Copy", language="en", content_hash="x" * 64)
    with pytest.raises(ValidationError):
        services.resolution_link_version(actor=SYSTEM, resolution=duplicate, original=english)
    duplicate.refresh_from_db()
    assert duplicate.original is None
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.resolution_link_version(actor=reader, resolution=duplicate, original=russian)


@pytest.mark.django_db
def test_codes_from_other_domains_name_the_original() -> None:
    russian, _english = _load_twice()
    from tact.resolutions.selectors import recommendations_by_code

    [(_code, rec)] = recommendations_by_code(["annex.a.i"])
    assert rec is not None and rec.resolution_id == russian.pk


@pytest.mark.django_db
def test_secretariat_links_a_version_from_the_page(
    client: Client, secretariat: Any, reader: Any
) -> None:
    russian, english = _load_twice()
    french = Resolution.objects.create(title="Application", language="fr", content_hash="f" * 64)
    client.force_login(reader)
    assert "version-of" not in client.get(f"/en/resolutions/{french.pk}/").content.decode()
    denied = client.post(f"/en/resolutions/{french.pk}/version-of/", {"original": english.pk})
    assert denied.status_code == 403
    client.force_login(secretariat)
    page = client.get(f"/en/resolutions/{french.pk}/").content.decode()
    assert f'action="/en/resolutions/{french.pk}/version-of/"' in page
    client.post(f"/en/resolutions/{french.pk}/version-of/", {"original": english.pk})
    french.refresh_from_db()
    assert french.original == russian and french.symbol == demo.SYMBOL  # linked to the original
    assert [v.language for v in russian.versions()] == ["en", "fr", "ru"]
    # A second French version is not offered, and refused if posted.
    other = Resolution.objects.create(title="Autre", language="fr", content_hash="g" * 64)
    response = client.post(f"/en/resolutions/{other.pk}/version-of/", {"original": russian.pk})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.original is None


@pytest.mark.django_db
def test_state_progress_lists_each_recommendation_once(client: Client) -> None:
    russian, _english = _load_twice()
    from tact.directory.models import State
    from tact.resolutions.selectors import state_progress

    rows = state_progress(SYSTEM, State.objects.get(iso3="KEN"))
    assert {rec.resolution_id for rec, _report in rows} == {russian.pk}
    codes = [rec.code for rec, _report in rows]
    assert len(codes) == len(set(codes))
