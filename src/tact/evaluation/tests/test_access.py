"""Restricted evaluations: hidden from the public, readers and other states, everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.evaluation import analysis, services
from tact.evaluation.tests import factories as f
from tact.search import search_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluations(kenya: Any) -> tuple[Any, Any]:
    public = f.evaluation("Open evaluation of training", classification="public")
    restricted = f.evaluation(
        "Kenya witness evaluation", classification="restricted", owner_state=kenya
    )
    for ev in (public, restricted):
        services.rating_set(
            actor=SYSTEM,
            evaluation=ev,
            criterion="relevance",
            score="S",
            justification="why",
            evidence_strength="strong",
        )
        finding = services.finding_create(
            actor=SYSTEM,
            evaluation=ev,
            title=f"Finding of {ev.title}",
            text="witness practice",
            criterion="relevance",
            evidence_strength="strong",
        )
        services.good_practice_propose(actor=SYSTEM, finding=finding)
    return public, restricted


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        (None, False),
        ("reader", False),
        ("focal_mexico", False),
        ("donor_nl", False),
        ("focal_kenya", True),
        ("evaluator", True),
        ("secretariat", True),
    ],
)
def test_restricted_evaluation_visibility(
    request: pytest.FixtureRequest, evaluations: tuple[Any, Any], persona: str | None, sees: bool
) -> None:
    public, restricted = evaluations
    user = request.getfixturevalue(persona) if persona else None
    client = _client(user)
    # detail page (anonymous is sent to login; others get 404 when hidden)
    response = client.get(f"/en/evaluation/evaluations/{restricted.pk}/")
    if user is None:
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if sees else 404)
        listing = client.get("/en/evaluation/evaluations/").content.decode()
        assert public.title in listing
        assert (restricted.title in listing) is sees
    # API list and detail
    api = client.get("/api/v1/evaluation/evaluations").json()
    titles = {item["title"] for item in api["items"]}
    assert public.title in titles and (restricted.title in titles) is sees
    assert client.get(f"/api/v1/evaluation/evaluations/{restricted.pk}").status_code == (
        200 if sees else 404
    )
    # good-practice candidates (public page) and search
    practices = client.get("/en/evaluation/good-practices/").content.decode()
    assert f"Finding of {public.title}" in practices
    assert (f"Finding of {restricted.title}" in practices) is sees
    hits = {h.title for h in search_all(user, "witness")}
    assert ("Kenya witness evaluation" in hits) is sees
    # portfolio rating counts include only what the actor sees
    report = analysis.portfolio(user, analysis.Filters())
    assert report.evaluations == (2 if sees else 1)


def test_only_the_evaluator_rates_and_the_state_responds(
    evaluator: Any, focal_kenya: Any, focal_mexico: Any, reader: Any, kenya: Any
) -> None:
    from django.core.exceptions import PermissionDenied

    ev = f.evaluation(
        "Rated by its author", actor=evaluator, classification="restricted", owner_state=kenya
    )
    assert ev.created_by == evaluator
    services.rating_set(
        actor=evaluator,
        evaluation=ev,
        criterion="impact",
        score="MS",
        justification="j",
        evidence_strength="moderate",
    )
    with pytest.raises(PermissionDenied):
        services.rating_set(
            actor=focal_kenya,
            evaluation=ev,
            criterion="impact",
            score="HS",
            justification="j",
            evidence_strength="strong",
        )
    recommendation = services.finding_create(
        actor=evaluator, evaluation=ev, title="Do X", text="t", kind="recommendation"
    )
    services.response_save(
        actor=focal_kenya, finding=recommendation, decision="accepted", response="We will."
    )
    for outsider in (focal_mexico, reader):
        with pytest.raises(PermissionDenied):
            services.response_save(
                actor=outsider, finding=recommendation, decision="rejected", response="No."
            )
    with pytest.raises(PermissionDenied):
        f.evaluation("Reader may not", actor=reader)
