"""Buttons, menu entries and forms appear only for actors who may use them (each app's
`permissions.py`): on the same page a reader sees none of the create/import buttons the
secretariat sees, and a role refused by an action does not see its button either."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tact.core import actions

pytestmark = pytest.mark.django_db

# (app, page, the address of the action it offers)
PAGES = [
    ("resolutions", "resolutions:index", "resolutions:import"),
    ("resolutions", "resolutions:meeting_list", "resolutions:meeting_create"),
    ("legislation", "legislation:law_list", "legislation:law_import"),
    ("assistance", "assistance:index", "assistance:import_start"),
    ("assistance", "assistance:import_list", "assistance:import_start"),
    ("assistance", "assistance:contribution_list", "assistance:contribution_create"),
    ("assistance", "assistance:need_list", "assistance:need_create"),
    ("assistance", "assistance:exchange_rate_list", "assistance:exchange_rate_upload"),
    ("evaluation", "evaluation:index", "evaluation:framework_create"),
    ("evaluation", "evaluation:index", "strategies:strategy_create"),
    ("evaluation", "evaluation:evaluation_list", "evaluation:evaluation_create"),
    ("threats", "threats:index", "threats:assessment_create"),
    ("strategies", "strategies:index", "strategies:strategy_create"),
    ("strategies", "strategies:agreement_list", "strategies:agreement_create"),
    ("strategies", "strategies:campaign_list", "strategies:campaign_create"),
    ("strategies", "strategies:task_force_list", "strategies:task_force_create"),
    ("training", "training:index", "training:programme_create"),
    ("practices", "practices:list", "practices:create"),
    ("directory", "directory:organisation_list", "directory:organisation_create"),
    ("directory", "directory:state_list", "directory:party_status_import"),
]


def _page(actor: Any, page: str) -> str:
    client = Client()
    if actor is not None:
        client.force_login(actor)
    response = client.get(reverse(page))
    assert response.status_code == 200, page
    return response.content.decode()


def _offers(html: str, action: str) -> bool:
    return f'href="{reverse(action)}"' in html


@pytest.mark.parametrize(("app", "page", "action"), PAGES, ids=[f"{p}>{a}" for _, p, a in PAGES])
def test_reader_does_not_see_what_the_secretariat_sees(
    app: str, page: str, action: str, reader: Any, secretariat: Any
) -> None:
    assert _offers(_page(secretariat, page), action)
    assert not _offers(_page(reader, page), action)


def test_anonymous_sees_no_create_button(secretariat: Any) -> None:
    for _app, page, action in PAGES:
        client = Client()
        response = client.get(reverse(page))
        if response.status_code == 200:  # some lists ask to log in first
            assert not _offers(response.content.decode(), action), page


def test_a_donor_is_not_offered_the_focal_points_forms(donor_nl: Any) -> None:
    # strategies and their agreements belong to a state: a donor may not start one
    assert not _offers(_page(donor_nl, "strategies:agreement_list"), "strategies:agreement_create")
    assert not _offers(_page(donor_nl, "evaluation:index"), "strategies:strategy_create")
    assert Client().get(reverse("strategies:agreement_create")).status_code in (302, 403)
    client = Client()
    client.force_login(donor_nl)
    assert client.get(reverse("strategies:agreement_create")).status_code == 403
    # but loads exchange rates
    assert _offers(
        _page(donor_nl, "assistance:exchange_rate_list"), "assistance:exchange_rate_upload"
    )


def test_a_focal_point_is_offered_its_forms_but_not_exchange_rates(focal_kenya: Any) -> None:
    assert _offers(_page(focal_kenya, "strategies:agreement_list"), "strategies:agreement_create")
    assert _offers(_page(focal_kenya, "assistance:need_list"), "assistance:need_create")
    html = _page(focal_kenya, "assistance:exchange_rate_list")
    assert not _offers(html, "assistance:exchange_rate_upload")
    client = Client()
    client.force_login(focal_kenya)
    assert client.get(reverse("assistance:exchange_rate_upload")).status_code == 403


def test_the_menu_entry_follows_the_registered_permission(reader: Any, evaluator: Any) -> None:
    # the assistance sub-menu offers IATI imports to those who may import
    assert not _offers(_page(reader, "assistance:project_list"), "assistance:import_list")
    assert _offers(_page(evaluator, "assistance:project_list"), "assistance:import_list")
    assert {"assistance.import", "strategies.create"} <= set(actions.registered())
    with pytest.raises(KeyError):
        actions.allowed(reader, "no.such.action")
