"""Recommendation codes on frameworks and indicators resolved to recommendation records (the
data migration and the services share `resolve_codes`)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from model_bakery import baker

from tact.core.access import SYSTEM
from tact.evaluation import services
from tact.evaluation.models import ResultsFramework
from tact.evaluation.services.recommendations import resolve_codes
from tact.resolutions.models import Recommendation, Resolution

pytestmark = pytest.mark.django_db

migration = importlib.import_module("tact.evaluation.migrations.0007_recommendation_links")


@pytest.fixture
def recs(kenya: Any) -> dict[str, Recommendation]:
    general = baker.make(Resolution, title="General")
    other = baker.make(Resolution, title="Other")
    to_kenya = baker.make(Resolution, title="Report to Kenya", addressee_state=kenya)
    return {
        "only": baker.make(Recommendation, resolution=general, code="annex.b.v"),
        "twice-a": baker.make(Recommendation, resolution=general, code="annex.a"),
        "twice-b": baker.make(Recommendation, resolution=other, code="annex.a"),
        "kenya": baker.make(Recommendation, resolution=to_kenya, code="annex.a"),
    }


def test_resolve_codes(recs: dict[str, Recommendation], kenya: Any, mexico: Any) -> None:
    for_kenya = resolve_codes(
        ["annex.b.v", "annex.a", "nope"], state_id=kenya.pk, recommendation_model=Recommendation
    )
    assert for_kenya.linked == [recs["only"].pk, recs["kenya"].pk]
    assert for_kenya.missing == ["nope"]
    assert for_kenya.ambiguous == []
    elsewhere = resolve_codes(["annex.a"], state_id=mexico.pk, recommendation_model=Recommendation)
    assert (elsewhere.linked, elsewhere.ambiguous) == ([], ["annex.a"])


def test_services_link_and_relink(recs: dict[str, Recommendation], kenya: Any) -> None:
    project = baker.make("assistance.Project")
    framework = services.framework_create(
        actor=SYSTEM,
        title="F",
        project=project,
        state=kenya,
        recommendation_codes=["annex.a", "annex.b.v"],
    )
    assert set(framework.recommendations.all()) == {recs["kenya"], recs["only"]}
    services.framework_update(actor=SYSTEM, framework=framework, recommendation_codes=["annex.b.v"])
    assert list(framework.recommendations.all()) == [recs["only"]]


def test_migration_forward_and_back(
    recs: dict[str, Recommendation], kenya: Any, capsys: Any
) -> None:
    # given: frameworks holding codes only, as before the migration
    plain = baker.make(ResultsFramework, recommendation_codes=["annex.b.v", "annex.a"])
    kenyan = baker.make(ResultsFramework, state=kenya, recommendation_codes=["annex.a"])

    # when
    migration.codes_to_links(apps, None)

    # then: resolved where one record fits, the ambiguous one reported and left unlinked
    assert list(plain.recommendations.all()) == [recs["only"]]
    assert list(kenyan.recommendations.all()) == [recs["kenya"]]
    assert f"ResultsFramework {plain.pk}: annex.a (ambiguous)" in capsys.readouterr().out

    # and back: codes of the linked records join the stored codes, none lost
    ResultsFramework.objects.filter(pk=kenyan.pk).update(recommendation_codes=[])
    migration.links_to_codes(apps, None)
    kenyan.refresh_from_db()
    plain.refresh_from_db()
    assert kenyan.recommendation_codes == ["annex.a"]
    assert plain.recommendation_codes == ["annex.b.v", "annex.a"]
