"""The pages a person uses without code: the cell table of a likelihood x impact template is
edited on the page; template and assessment forms render; a bad report format is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.threats import methods, selectors, services
from tact.threats.models import MethodTemplate
from tact.threats.tests import factories as f

pytestmark = pytest.mark.django_db


def _login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _repost(page: Any) -> dict[str, Any]:
    """The editor's form as the browser would submit it unchanged."""
    data: dict[str, Any] = {}
    head = page.context["head"]
    for name, field in head.fields.items():
        value = head.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    for prefix in ("levels", "attributes", "bands"):
        formset = page.context[prefix]
        rows = [fm.initial for fm in formset.forms if fm.initial]
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        for index, row in enumerate(rows):
            for key, value in row.items():
                if value is True:
                    data[f"{prefix}-{index}-{key}"] = "on"
                elif value is not None and value is not False:
                    data[f"{prefix}-{index}-{key}"] = value
    for row in page.context["cells"]:
        for cell in row["cells"]:
            data[f"cell-{row['index']}-{cell['index']}"] = cell["band"]
    return data


def test_the_cell_table_is_edited_on_the_page(secretariat: Any, kenya: Any) -> None:
    template = MethodTemplate.objects.get(key="likelihood_impact")
    v1 = template.versions.get(number=1)
    old = f.assessment(kenya, title="Markets", template_version=v1)
    market = services.subject_add(actor=secretariat, assessment=old, kind="market", pseudonym="M")
    services.ratings_set(
        actor=secretariat,
        assessment=old,
        cells={(market.pk, "likelihood"): "almost_no_chance", (market.pk, "impact"): "1"},
    )
    assert selectors.compute(old).results.placements[0].band.code == "low"

    client = _login(secretariat)
    page = client.get(f"/en/threats/templates/{template.pk}/edit/")
    assert page.status_code == 200
    assert len(page.context["cells"]) == 7 and len(page.context["cells"][0]["cells"]) == 5
    data = _repost(page)
    data["cell-0-0"] = "very_high"  # an asymmetric organisation's choice
    data["note"] = "bottom-left cell"
    response = client.post(f"/en/threats/templates/{template.pk}/edit/", data)
    assert response.status_code == 302

    v2 = template.versions.get(number=2)
    assert methods.parse(v2.definition).matrix.cells[0][0] == "very_high"  # type: ignore[union-attr]
    # the old assessment still uses v1 and places its market in the v1 band
    assert selectors.compute(old).results.placements[0].band.code == "low"
    new = f.assessment(kenya, title="Markets v2", template_version=v2)
    m2 = services.subject_add(actor=secretariat, assessment=new, kind="market", pseudonym="M")
    services.ratings_set(
        actor=secretariat,
        assessment=new,
        cells={(m2.pk, "likelihood"): "almost_no_chance", (m2.pk, "impact"): "1"},
    )
    assert selectors.compute(new).results.placements[0].band.code == "very_high"


def test_resaving_an_unchanged_template_makes_no_new_version(secretariat: Any) -> None:
    template = MethodTemplate.objects.get(key="socta")
    client = _login(secretariat)
    data = _repost(client.get(f"/en/threats/templates/{template.pk}/edit/"))
    assert client.post(f"/en/threats/templates/{template.pk}/edit/", data).status_code == 302
    assert template.versions.count() == 1


def test_forms_and_pages_render(focal_kenya: Any, kenya: Any) -> None:
    client = _login(focal_kenya)
    sleipnir = MethodTemplate.objects.get(key="sleipnir")
    for url in (
        "/en/threats/",
        "/en/threats/assessments/new/",
        "/en/threats/templates/",
        f"/en/threats/templates/{sleipnir.pk}/",
        f"/en/threats/templates/{sleipnir.pk}/?version=1",
        f"/en/threats/templates/new/?from={sleipnir.pk}",
        "/ar/threats/",
        f"/zh-hans/threats/templates/{sleipnir.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    # a focal point may not edit the shipped (secretariat's) templates
    assert client.get(f"/en/threats/templates/{sleipnir.pk}/edit/").status_code == 403
    records = f.full(kenya)
    assert (
        client.get(f"/en/threats/assessments/{records['assessment'].pk}/report.doc").status_code
        == 404
    )


def test_a_new_assessment_needs_an_owner_the_actor_acts_for(focal_kenya: Any) -> None:
    client = _login(focal_kenya)
    response = client.post(
        "/en/threats/assessments/new/",
        {
            "title": "No owner",
            "period_start": "2026-01-01",
            "period_end": "2025-01-01",
            "template_version": f.sleipnir_v1().pk,
            "classification": "confidential",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert "Name the owner: a state or an organisation." in response.content.decode()
