"""Access rules per role, through selectors, pages, the API and search.

The decisive case: a focal point of one state cannot read another state's confidential
record by any route.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core import access
from tact.core.models import Classification
from tact.directory import selectors
from tact.directory.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya_records(kenya: Any) -> dict[str, Contact]:
    return {
        level: Contact.objects.create(
            name=f"Kenya {level} zebrafinch",
            state=kenya,
            owner_state=kenya,
            classification=level,
            notes="zebrafinch",
        )
        for level in Classification.values
    }


def _visible_names(user: Any) -> set[str]:
    return set(selectors.contact_list(actor=user).values_list("classification", flat=True))


def test_anonymous_sees_only_public(kenya_records: dict[str, Contact]) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert _visible_names(AnonymousUser()) == {"public"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("secretariat", {"public", "restricted", "confidential"}),
        ("focal_kenya", {"public", "restricted", "confidential"}),
        ("focal_mexico", {"public"}),
        ("donor_nl", {"public"}),
        ("evaluator", {"public", "restricted"}),
        ("reader", {"public"}),
    ],
)
def test_each_role_sees_its_share(
    request: pytest.FixtureRequest,
    kenya_records: dict[str, Contact],
    persona: str,
    expected: set[str],
) -> None:
    user = request.getfixturevalue(persona)
    assert _visible_names(user) == expected


@pytest.mark.parametrize(
    ("persona", "may_edit"),
    [
        ("secretariat", True),
        ("focal_kenya", True),
        ("focal_mexico", False),
        ("donor_nl", False),
        ("evaluator", False),
        ("reader", False),
    ],
)
def test_who_may_edit_a_kenyan_record(
    request: pytest.FixtureRequest,
    kenya_records: dict[str, Contact],
    persona: str,
    may_edit: bool,
) -> None:
    user = request.getfixturevalue(persona)
    assert access.can_edit(user, kenya_records["restricted"]) is may_edit


def test_focal_point_of_another_state_cannot_read_confidential_page(
    client: Client, focal_mexico: Any, kenya_records: dict[str, Contact]
) -> None:
    # given
    client.force_login(focal_mexico)
    secret = kenya_records["confidential"]
    # when
    page = client.get(f"/en/directory/contacts/{secret.pk}/")
    state_page = client.get("/en/states/KEN/")
    # then
    assert page.status_code == 404
    assert "Kenya confidential" not in state_page.content.decode()
    assert "Kenya public" in state_page.content.decode()


def test_focal_point_of_another_state_cannot_read_confidential_api(
    client: Client, focal_mexico: Any, token_for: Any, kenya_records: dict[str, Contact]
) -> None:
    headers = token_for(focal_mexico)
    secret = kenya_records["confidential"]
    detail = client.get(f"/api/v1/contacts/{secret.pk}", **headers)
    listing = client.get("/api/v1/contacts?state=KEN", **headers).json()
    assert detail.status_code == 404
    assert detail.json()["code"] == "not_found"
    assert [c["classification"] for c in listing["items"]] == ["public"]


def test_focal_point_of_another_state_cannot_find_confidential_by_search(
    client: Client,
    focal_mexico: Any,
    focal_kenya: Any,
    token_for: Any,
    kenya_records: dict[str, Contact],
) -> None:
    client.force_login(focal_mexico)
    page = client.get("/en/search/?q=zebrafinch").content.decode()
    api = client.get("/api/v1/search?q=zebrafinch", **token_for(focal_mexico)).json()
    assert "Kenya confidential" not in page
    assert "Kenya public" in page
    assert sorted(hit["title"] for hit in api["other_hits"]) == ["Kenya public zebrafinch"]
    kenyan = client.get("/api/v1/search?q=zebrafinch", **token_for(focal_kenya)).json()
    assert len(kenyan["other_hits"]) == 3


def test_focal_point_cannot_edit_another_states_record_and_nothing_changes(
    client: Client, focal_mexico: Any, kenya_records: dict[str, Contact]
) -> None:
    client.force_login(focal_mexico)
    public = kenya_records["public"]
    response = client.post(f"/en/directory/contacts/{public.pk}/edit/", {"name": "hacked"})
    public.refresh_from_db()
    assert response.status_code == 403
    assert public.name == "Kenya public zebrafinch"


def test_history_of_a_confidential_record_is_hidden_from_other_states(
    client: Client, focal_mexico: Any, kenya_records: dict[str, Contact]
) -> None:
    client.force_login(focal_mexico)
    secret = kenya_records["confidential"]
    response = client.get(f"/en/history/directory/contact/{secret.pk}/")
    assert response.status_code == 404


def test_creating_for_a_state_requires_its_scope(
    kenya: Any, mexico: Any, focal_kenya: Any, donor_nl: Any, evaluator: Any
) -> None:
    assert access.can_create_for(focal_kenya, owner_state_id=kenya.pk)
    assert not access.can_create_for(focal_kenya, owner_state_id=mexico.pk)
    assert not access.can_create_for(donor_nl, owner_state_id=kenya.pk)
    assert access.can_create_for(evaluator)
    assert not access.can_create_for(evaluator, owner_state_id=kenya.pk)
