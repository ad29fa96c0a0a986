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


def _detail_pages(kenya: Any) -> list[tuple[str, str, str]]:
    """(page, action) on one public record of each kind: edit buttons and their forms."""
    from model_bakery import baker

    from tact.assistance.models import Need, Project
    from tact.evaluation.models import Evaluation
    from tact.resolutions.models import Meeting

    need = baker.make(Need, state=kenya, classification="public", owner_state=kenya)
    project = baker.make(Project, classification="public")
    evaluation = baker.make(Evaluation, classification="public")
    meeting = baker.make(Meeting, title="Working group")
    return [
        (need.get_absolute_url(), reverse("assistance:need_edit", args=[need.pk])),
        (project.get_absolute_url(), reverse("assistance:project_edit", args=[project.pk])),
        (
            evaluation.get_absolute_url(),
            reverse("evaluation:evaluation_edit", args=[evaluation.pk]),
        ),
        (meeting.get_absolute_url(), reverse("resolutions:meeting_edit", args=[meeting.pk])),
        (
            reverse("profiles:state", args=["KEN"]),
            reverse("directory:contact_create", args=["KEN"]),
        ),
    ]


def test_edit_buttons_on_records_follow_the_permissions(
    kenya: Any, reader: Any, secretariat: Any, focal_mexico: Any
) -> None:
    for page, action in _detail_pages(kenya):
        seen = {}
        for name, actor in (("secretariat", secretariat), ("reader", reader)):
            client = Client()
            client.force_login(actor)
            response = client.get(page)
            assert response.status_code == 200, page
            seen[name] = f'href="{action}"' in response.content.decode()
        assert seen == {"secretariat": True, "reader": False}, page
    # Kenya's need is not Mexico's focal point's to change
    client = Client()
    client.force_login(focal_mexico)
    need_page, need_edit = _detail_pages(kenya)[0]
    assert f'href="{need_edit}"' not in client.get(need_page).content.decode()
