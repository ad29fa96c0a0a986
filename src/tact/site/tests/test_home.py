"""The home of each role: each block shows that role's records and no one else's, counts with
the right plural, links to the list, and says so when there is nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from model_bakery import baker

from tact.assistance.models import (
    Contribution,
    ImportRun,
    Need,
    OverlapCandidate,
    Project,
)
from tact.catalog.models import Instrument, Theme
from tact.directory.models import PartyStatus
from tact.evaluation.models import Evaluation, Finding, ManagementResponse
from tact.practices.models import GoodPractice, Status
from tact.resolutions.models import FollowUp, Recommendation, Resolution
from tact.site.home_blocks import home_sections
from tact.site.home_parts import Block

pytestmark = pytest.mark.django_db


def blocks(actor: Any) -> dict[str, Block]:
    return {block.key: block for section in home_sections(actor) for block in section.blocks}


def titles(block: Block) -> list[str]:
    return [item.title for item in block.items]


@pytest.fixture
def world(kenya: Any, mexico: Any, donor_org: Any, secretariat: Any) -> dict[str, Any]:
    untoc = Instrument.objects.get(code="untoc")
    for state in (kenya, mexico):
        PartyStatus.objects.update_or_create(
            state=state, instrument=untoc, defaults={"status": PartyStatus.Status.PARTY}
        )
    resolution = Resolution.objects.create(title="Resolution 12/2", content_hash="h" * 64)
    to_states = Recommendation.objects.create(
        resolution=resolution, code="R.1", text="Adopt a national strategy", addressees=["states"]
    )
    FollowUp.objects.create(
        recommendation=to_states,
        actor_kind=FollowUp.ActorKind.STATE,
        status=FollowUp.Status.IN_PROGRESS,
        reported_on=dt.date(2026, 1, 10),
        owner_state=mexico,
        classification="public",
    )
    theme = Theme.objects.order_by("code").first()
    mine = baker.make(
        Project,
        title="Netherlands court project",
        classification="public",
        reporting_organisation=donor_org,
    )
    mine.themes.add(theme)
    other = baker.make(Project, title="Someone else's project", classification="public")
    kenya_need = baker.make(
        Need,
        state=kenya,
        title="Kenya confidential need",
        classification="confidential",
        owner_state=kenya,
        status=Need.Status.OPEN,
    )
    kenya_need.themes.add(theme)
    baker.make(
        Need,
        state=mexico,
        title="Mexico confidential need",
        classification="confidential",
        owner_state=mexico,
        status=Need.Status.OPEN,
    )
    public_need = baker.make(
        Need,
        state=kenya,
        title="Public need on the theme",
        classification="public",
        status=Need.Status.OPEN,
    )
    public_need.themes.add(theme)
    baker.make(
        Contribution,
        donor=donor_org,
        year=2026,
        classification="restricted",
        owner_organisation=donor_org,
    )
    baker.make(
        OverlapCandidate,
        project_a=mine,
        project_b=other,
        score=0.9,
        status=OverlapCandidate.Review.PENDING,
        active=True,
    )
    ongoing = baker.make(
        Evaluation,
        title="Ongoing evaluation of training",
        classification="restricted",
        status=Evaluation.Status.ONGOING,
    )
    done = baker.make(
        Evaluation,
        title="Completed evaluation",
        classification="restricted",
        status=Evaluation.Status.COMPLETED,
    )
    finding = baker.make(
        Finding, evaluation=done, kind=Finding.Kind.RECOMMENDATION, title="Train the trainers"
    )
    baker.make(
        ManagementResponse,
        finding=finding,
        decision=ManagementResponse.Decision.ACCEPTED,
        due_date=timezone.localdate() - dt.timedelta(days=3),
        follow_up_status=ManagementResponse.FollowUp.IN_PROGRESS,
    )
    baker.make(
        Finding, evaluation=ongoing, kind=Finding.Kind.RECOMMENDATION, title="Unanswered one"
    )
    ImportRun.objects.create(
        file_name="broken-activities.xml", status=ImportRun.Status.FAILED, created_by=secretariat
    )
    baker.make(
        GoodPractice,
        title="Practice awaiting review",
        status=Status.SUBMITTED,
        classification="public",
    )
    return {"recommendation": to_states, "mine": mine, "other": other}


def test_focal_point_sees_what_awaits_their_state(world: dict[str, Any], focal_kenya: Any) -> None:
    # when
    found = blocks(focal_kenya)

    # then
    assert set(found) == {"recommendations", "provisions", "needs", "reports"}
    assert titles(found["recommendations"])[0].startswith("R.1")
    assert found["recommendations"].phrase == (
        "1 recommendation to States has no follow-up from your state"
    )
    assert found["recommendations"].see_all.endswith(
        "/chain/checks/recommendations-without-follow-up/?state=KEN"
    )
    assert "Kenya confidential need" in titles(found["needs"])
    assert "Mexico confidential need" not in titles(found["needs"])
    # the focal point may assess, so each provision opens the workbench
    assert found["provisions"].items
    assert all("/legislation/map/KEN/" in item.url for item in found["provisions"].items)
    assert found["reports"].items == []
    assert found["reports"].phrase == "0 indicators have no actual value for their last period"


def test_kenya_sees_nothing_of_mexico(world: dict[str, Any], focal_mexico: Any) -> None:
    found = blocks(focal_mexico)
    # Mexico has reported on the recommendation: nothing awaits it there
    assert found["recommendations"].items == []
    assert "Mexico confidential need" in titles(found["needs"])
    assert "Kenya confidential need" not in titles(found["needs"])
    page = _home(focal_mexico)
    assert "Kenya confidential need" not in page
    assert "Your state has reported on every recommendation addressed to States." in page


def test_donor_sees_their_projects_contributions_and_needs_on_their_themes(
    world: dict[str, Any], donor_nl: Any
) -> None:
    found = blocks(donor_nl)
    assert titles(found["projects"]) == ["Netherlands court project"]
    assert found["projects"].phrase == "1 project you fund or report"
    assert len(found["contributions"].items) == 1
    # on the theme of its project; the confidential need of Kenya stays hidden
    assert titles(found["matching-needs"]) == ["Public need on the theme"]
    assert titles(found["overlaps"]) == ["Netherlands court project ~ Someone else's project"]
    assert "Someone else's project" not in titles(found["projects"])


def test_evaluator_sees_evaluations_in_progress_and_overdue_responses(
    world: dict[str, Any], evaluator: Any
) -> None:
    found = blocks(evaluator)
    assert titles(found["evaluations"]) == ["Ongoing evaluation of training"]
    assert titles(found["responses"]) == ["Train the trainers"]
    assert found["responses"].phrase == "1 agreed action is past its due date"
    assert titles(found["unanswered"]) == ["Ongoing evaluation of training"]


def test_secretariat_sees_imports_reviews_and_overlaps(
    world: dict[str, Any], secretariat: Any
) -> None:
    found = blocks(secretariat)
    assert titles(found["imports"]) == ["broken-activities.xml"]
    assert found["imports"].phrase == "1 import failed in the last 30 days"
    assert titles(found["practices"]) == ["Practice awaiting review"]
    assert len(found["overlaps"].items) == 1
    assert found["overlaps"].see_all.endswith("/assistance/overlaps/?status=pending")


def test_nothing_to_do_shows_the_empty_states(secretariat: Any) -> None:
    page = _home(secretariat)
    assert "No import yet." in page
    assert "No practice awaits a review." in page
    assert "0 possible overlaps to review" in page


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_readers_see_the_public_overview(world: dict[str, Any], who: str, request: Any) -> None:
    actor = None if who == "anonymous" else request.getfixturevalue("reader")
    assert home_sections(actor) == []
    page = _home(actor)
    assert "Areas of work" in page
    assert "home-block" not in page


def test_the_home_page_shows_the_blocks_in_russian(world: dict[str, Any], donor_nl: Any) -> None:
    page = _home(donor_nl, language="ru")
    assert "Netherlands court project" in page
    assert "Ваши проекты" in page


def test_counts_of_the_unscoped_are_capped(world: dict[str, Any], secretariat: Any) -> None:
    from tact.site import home_parts

    count, more = home_parts.capped_count(Project.objects.all(), cap=1)
    assert (count, more) == (1, True)
    assert home_parts.shown(1000, True) == {"count": "1,000+"}


def _home(actor: Any, language: str = "en") -> str:
    client = Client()
    if actor is not None:
        client.force_login(actor)
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return response.content.decode()
