"""Every model declares how it is protected; undeclared means denied on every route.

Also the two leaks found on review: the history page of a confidential evaluation's finding,
and a finding (or a user) linked as follow-up evidence by a focal point of another state.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group
from django.db import models
from django.test import Client

from tact.core import access, links
from tact.core.protection import protection_of

pytestmark = pytest.mark.django_db


def _tact_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("tact.")]


def test_every_tact_model_declares_its_protection() -> None:
    undeclared = [m._meta.label for m in _tact_models() if protection_of(m) is None]
    assert undeclared == [], f"declare `protection` on: {undeclared}"


def test_inherited_protection_names_real_parents_that_end_in_declared_records() -> None:
    def walk(model: type[models.Model], seen: list[str]) -> None:
        declared = protection_of(model)
        assert declared is not None, f"{seen} ends in the undeclared {model._meta.label}"
        assert len(seen) < 8, f"protection loops: {seen}"
        for parent in declared.parents:
            field = model._meta.get_field(parent)
            label = f"{model._meta.label}.{parent}"
            assert field.many_to_one or field.one_to_one, f"{label} is no foreign key"
            walk(field.related_model, [*seen, label])

    for model in _tact_models():
        walk(model, [])


def test_undeclared_models_are_denied_to_everyone(secretariat: Any) -> None:
    group = Group.objects.create(name="anything")
    assert protection_of(Group) is None
    assert links.resolve_ref(secretariat, f"auth.group:{group.pk}") is None
    assert not access.can_view(secretariat, group)
    assert not access.visible(secretariat, Group.objects.all()).exists()
    client = Client()
    client.force_login(secretariat)
    response = client.get(f"/en/history/auth/group/{group.pk}/")
    assert response.status_code == 404


def test_users_are_linkable_by_the_secretariat_only(
    secretariat: Any, focal_kenya: Any, reader: Any
) -> None:
    ref = f"accounts.user:{secretariat.pk}"
    assert links.resolve_ref(secretariat, ref) == secretariat
    assert links.resolve_ref(focal_kenya, ref) is None
    assert links.resolve_ref(reader, ref) is None
    assert links.resolve_ref(AnonymousUser(), ref) is None


@pytest.fixture
def mexican_confidential_finding(mexico: Any) -> Any:
    from tact.core.access import SYSTEM
    from tact.evaluation import services
    from tact.evaluation.models import RatingScale

    scale = RatingScale.objects.first()
    assert scale is not None
    evaluation = services.evaluation_create(
        actor=SYSTEM,
        title="Mexico confidential review",
        scale=scale,
        classification="confidential",
        owner_state=mexico,
    )
    return services.finding_create(
        actor=SYSTEM,
        evaluation=evaluation,
        title="Secret finding title",
        text="Secret finding text about the prosecutors' unit",
    )


def test_leak_history_of_a_confidential_evaluations_finding(
    mexican_confidential_finding: Any, reader: Any, focal_kenya: Any, secretariat: Any
) -> None:
    url = f"/en/history/evaluation/finding/{mexican_confidential_finding.pk}/"
    for user in (reader, focal_kenya):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 404
        assert b"Secret finding" not in response.content
    client = Client()
    client.force_login(secretariat)
    assert client.get(url).status_code == 200


def test_leak_finding_linked_as_evidence_by_another_state(
    mexican_confidential_finding: Any, focal_kenya: Any, focal_mexico: Any
) -> None:
    ref = f"evaluation.finding:{mexican_confidential_finding.pk}"
    assert links.resolve_ref(focal_kenya, ref) is None
    assert links.resolve_ref(focal_mexico, ref) == mexican_confidential_finding
