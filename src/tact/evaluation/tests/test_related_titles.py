"""A related record's title follows that record's access, not the page's (issue 18, item 1).

A public results framework may belong to a restricted project or strategy: the framework
shows, but the project's title is shown only to those who may see the project, on every page
and export that names it. Reclassifying the project hides or shows it everywhere at once.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tact.core.access import SYSTEM
from tact.evaluation import services
from tact.evaluation.models import ResultsFramework, Strategy
from tact.evaluation.tests import factories as f

pytestmark = pytest.mark.django_db

SECRET_PROJECT = "Witness relocation corridor Kenya"
SECRET_STRATEGY = "Covert informant programme Kenya"
HIDDEN = "A record you may not see"


def _measured(framework: ResultsFramework, title: str) -> None:
    f.unit_indicator(framework, "outcome", "0", [(2024, "10", "4")], title=f"{title} indicator")


@pytest.fixture
def linked(kenya: Any) -> dict[str, Any]:
    """A restricted Kenyan project and a restricted Kenyan strategy, each with a public
    framework whose title says nothing secret."""
    project = f.project(
        "XM-SECRET-1",
        states=[("KEN", None)],
        funders=["NL"],
        themes=[],
        budget=Decimal(100),
        classification="restricted",
        owner_state=kenya,
    )
    project.title = SECRET_PROJECT
    project.save()
    project_framework = services.framework_create(
        actor=SYSTEM,
        title="Public results of a project",
        project=project,
        classification="public",
        owner_state=None,
    )
    _measured(project_framework, "Project result")
    strategy = Strategy.objects.create(
        title=SECRET_STRATEGY, state=kenya, owner_state=kenya, classification="restricted"
    )
    strategy_framework = services.framework_create(
        actor=SYSTEM,
        title="Public results of a strategy",
        strategy=strategy,
        classification="public",
    )
    _measured(strategy_framework, "Strategy result")
    return {
        "project": project,
        "strategy": strategy,
        "project_framework": project_framework,
        "strategy_framework": strategy_framework,
    }


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


def _pdf_text(content: bytes) -> str:
    # Extracted text may break lines anywhere; compare without whitespace.
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return "".join(text.split())


def _squash(text: str) -> str:
    return "".join(text.split())


OUTSIDERS = ["reader", "focal_mexico"]
INSIDERS = ["focal_kenya", "secretariat"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_see_the_framework_but_not_its_project(
    request: pytest.FixtureRequest, linked: dict[str, Any], persona: str
) -> None:
    client = _client(request.getfixturevalue(persona))
    for key in ("project_framework", "strategy_framework"):
        page = client.get(linked[key].get_absolute_url())
        assert page.status_code == 200
        body = page.content.decode()
        assert linked[key].title in body
        assert SECRET_PROJECT not in body and SECRET_STRATEGY not in body
        assert HIDDEN in body
    # the project's page stays hidden, and no link to it is offered
    assert (
        f'href="{linked["project"].get_absolute_url()}"'
        not in client.get(linked["project_framework"].get_absolute_url()).content.decode()
    )

    index = client.get("/en/evaluation/").content.decode()
    assert "Public results of a project" in index
    assert SECRET_PROJECT not in index and SECRET_STRATEGY not in index
    assert HIDDEN in index

    sheet = _xlsx_text(client.get("/en/evaluation/?format=xlsx").content)
    assert "Public results of a project" in sheet
    assert SECRET_PROJECT not in sheet and SECRET_STRATEGY not in sheet
    assert HIDDEN in sheet


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_do_not_get_the_project_in_portfolio_exports(
    request: pytest.FixtureRequest, linked: dict[str, Any], persona: str
) -> None:
    client = _client(request.getfixturevalue(persona))
    page = client.get("/en/evaluation/portfolio/").content.decode()
    workbook = _xlsx_text(client.get("/en/evaluation/portfolio/?format=xlsx").content)
    pdf = _pdf_text(client.get("/en/evaluation/portfolio/?format=pdf").content)
    # the strategy's framework is public and counted; its strategy is named for no outsider
    assert "Strategy result indicator" in page and "Strategy result indicator" in workbook
    assert _squash("Strategy result indicator") in pdf
    for text in (page, workbook):
        assert SECRET_PROJECT not in text and SECRET_STRATEGY not in text
        assert HIDDEN in text
    assert _squash(SECRET_PROJECT) not in pdf and _squash(SECRET_STRATEGY) not in pdf
    assert _squash(HIDDEN) in pdf


@pytest.mark.parametrize("persona", INSIDERS)
def test_insiders_see_the_project_everywhere(
    request: pytest.FixtureRequest, linked: dict[str, Any], persona: str
) -> None:
    client = _client(request.getfixturevalue(persona))
    page = client.get(linked["project_framework"].get_absolute_url()).content.decode()
    assert SECRET_PROJECT in page
    assert f'href="{linked["project"].get_absolute_url()}"' in page
    assert (
        SECRET_STRATEGY
        in client.get(linked["strategy_framework"].get_absolute_url()).content.decode()
    )
    index = client.get("/en/evaluation/").content.decode()
    assert SECRET_PROJECT in index and SECRET_STRATEGY in index
    sheet = _xlsx_text(client.get("/en/evaluation/?format=xlsx").content)
    assert SECRET_PROJECT in sheet and SECRET_STRATEGY in sheet
    pdf = _pdf_text(client.get("/en/evaluation/portfolio/?format=pdf").content)
    assert _squash(SECRET_STRATEGY) in pdf


def test_reclassifying_the_project_hides_it_everywhere_at_once(
    reader: Any, linked: dict[str, Any]
) -> None:
    client = _client(reader)
    project = linked["project"]
    project.classification = "public"
    project.save()
    assert SECRET_PROJECT in client.get("/en/evaluation/").content.decode()
    assert SECRET_PROJECT in _xlsx_text(client.get("/en/evaluation/?format=xlsx").content)
    project.classification = "confidential"
    project.save()
    framework_page = client.get(linked["project_framework"].get_absolute_url()).content.decode()
    assert SECRET_PROJECT not in framework_page
    assert SECRET_PROJECT not in client.get("/en/evaluation/").content.decode()
    assert SECRET_PROJECT not in _xlsx_text(client.get("/en/evaluation/?format=xlsx").content)


def test_iati_export_of_a_hidden_project_is_refused(
    focal_mexico: Any, linked: dict[str, Any]
) -> None:
    """The IATI file describes the project itself (title, description, organisations)."""
    client = _client(focal_mexico)
    framework = linked["project_framework"]
    page = client.get(framework.get_absolute_url()).content.decode()
    assert "iati.xml" not in page
    response = client.get(f"/en/evaluation/frameworks/{framework.pk}/iati.xml")
    assert response.status_code == 302
    assert SECRET_PROJECT.encode() not in response.content


def test_evaluation_page_names_only_visible_interventions(
    focal_mexico: Any, linked: dict[str, Any]
) -> None:
    evaluation = f.evaluation("Open review of corridors", classification="public")
    evaluation.interventions.set([linked["project"]])
    body = _client(focal_mexico).get(evaluation.get_absolute_url()).content.decode()
    assert "Open review of corridors" in body
    assert SECRET_PROJECT not in body


def test_editing_an_evaluation_keeps_links_the_editor_cannot_see(
    focal_mexico: Any, mexico: Any, linked: dict[str, Any]
) -> None:
    evaluation = f.evaluation("Mexican review", classification="public", owner_state=mexico)
    evaluation.interventions.set([linked["project"]])
    services.evaluation_update(actor=focal_mexico, evaluation=evaluation, interventions=[])
    assert list(evaluation.interventions.all()) == [linked["project"]]
