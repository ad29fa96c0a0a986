"""Done means: on the demo data, recommendation annex.b.v of the seed is followed through
Nigeria's gap on article 34, the need derived from it, the project answering it, that
project's framework, indicator and evaluation, the lesson and the practice drawn from it; the
chain page and the API return exactly that chain, and a reader sees only its public part."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tact.accounts.services import user_create
from tact.assistance.models import Need, Project
from tact.chain.demo import CODE, PROJECT_ID
from tact.core.links import record_ref
from tact.evaluation.models import Indicator
from tact.legislation.models import ProvisionMapping
from tact.practices.models import GoodPractice
from tact.resolutions.demo import resolution as seed_resolution
from tact.resolutions.models import FollowUp

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once for the module's tests (each test still runs in its own savepoint
    inside this transaction), and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded: None, db: Any) -> dict[str, Any]:
    resolution = seed_resolution()
    assert resolution is not None
    recommendation = resolution.recommendations.get(code=CODE)
    project = Project.objects.get(iati_identifier=PROJECT_ID)
    framework = project.results_frameworks.get()
    evaluation = project.evaluations.get()
    finding = evaluation.findings.get()
    return {
        "recommendation": recommendation,
        "follow_up": FollowUp.objects.get(recommendation=recommendation, owner_state__iso3="NGA"),
        "gap": ProvisionMapping.objects.get(
            state__iso3="NGA", paragraph__key="untoc/art_34/para_1"
        ),
        "need": Need.objects.get(state__iso3="NGA", source_ref="gap:NGA:untoc/art_34"),
        "project": project,
        "framework": framework,
        "indicator": Indicator.objects.get(node__framework=framework),
        "evaluation": evaluation,
        "finding": finding,
        "practice": GoodPractice.objects.get(source_ref=record_ref(finding)),
    }


def _expected_edges(r: dict[str, Any]) -> set[tuple[str, str, str]]:
    ref = record_ref
    return {
        (ref(r["recommendation"]), ref(r["follow_up"]), "implements_recommendation"),
        (ref(r["follow_up"]), ref(r["gap"]), "evidence_for"),
        (ref(r["gap"]), ref(r["need"]), "derived_from"),
        (ref(r["need"]), ref(r["project"]), "answers_need"),
        (ref(r["project"]), ref(r["framework"]), "measures"),
        (ref(r["project"]), ref(r["evaluation"]), "evaluates"),
        (ref(r["framework"]), ref(r["indicator"]), "part_of"),
        (ref(r["framework"]), ref(r["evaluation"]), "evaluates"),
        (ref(r["evaluation"]), ref(r["finding"]), "part_of"),
        (ref(r["finding"]), ref(r["practice"]), "derived_from"),
    }


def test_demo_records_are_linked_by_relations(demo: dict[str, Any]) -> None:
    # the codes on the framework and the indicator became relations to annex.b.v of the seed
    assert list(demo["framework"].recommendations.all()) == [demo["recommendation"]]
    assert list(demo["indicator"].recommendations.all()) == [demo["recommendation"]]
    assert demo["need"] in demo["project"].needs.all()


def test_api_and_page_return_exactly_the_chain(demo: dict[str, Any]) -> None:
    # given
    officer = user_create(
        actor=None, username="chain_officer", password="pw-1-chain", role="secretariat"
    )
    client = Client()
    client.force_login(officer)
    expected_nodes = {record_ref(record) for record in demo.values()}

    # when the chain of the gap is asked for
    body = client.get(f"/api/v1/chain/{record_ref(demo['gap'])}").json()

    # then
    assert body["start"] == record_ref(demo["gap"])
    assert body["truncated"] is False
    assert {n["ref"] for n in body["nodes"]} == expected_nodes
    assert all(n["visible"] for n in body["nodes"])
    assert [n["column"] for n in body["nodes"]] == list(range(10))
    assert {(e["source"], e["target"], e["relation"]) for e in body["edges"]} == (
        _expected_edges(demo)
    )
    # from the recommendation: the same chain plus the recommendation's other follow-ups
    body = client.get(f"/api/v1/chain/{record_ref(demo['recommendation'])}").json()
    others = {
        record_ref(f)
        for f in FollowUp.objects.filter(recommendation=demo["recommendation"]).exclude(
            pk=demo["follow_up"].pk
        )
    }
    assert others
    assert {n["ref"] for n in body["nodes"]} == expected_nodes | others

    # the page draws and lists every record with a link to it
    page = client.get(f"/en/chain/{record_ref(demo['gap'])}/").content.decode()
    for record in demo.values():
        assert page.count(f'href="{record.get_absolute_url()}"') >= 2, record


def test_a_reader_sees_only_the_public_part(demo: dict[str, Any]) -> None:
    # given: the need is restricted (gap needs are), everything else public
    reader = user_create(actor=None, username="chain_reader", password="pw-1-chain", role="reader")
    client = Client()
    client.force_login(reader)
    public = {record_ref(r) for key, r in demo.items() if key != "need"}
    assert demo["need"].classification == "restricted"

    # when
    response = client.get(f"/api/v1/chain/{record_ref(demo['gap'])}")
    body = response.json()

    # then: the need is "a record you may not see": no title, no key, no address
    visible = {n["ref"] for n in body["nodes"] if n["visible"]}
    hidden = [n for n in body["nodes"] if not n["visible"]]
    assert visible == public
    assert hidden == [
        {"ref": "hidden-1", "kind": "need", "column": 3, "visible": False, "title": "", "url": ""}
    ]
    assert demo["need"].title not in response.content.decode()
    assert f"assistance.need:{demo['need'].pk}" not in response.content.decode()
    page = client.get(f"/en/chain/{record_ref(demo['gap'])}/").content.decode()
    assert demo["need"].title not in page
    assert "a record you may not see" in page
    assert demo["need"].get_absolute_url() not in page
    # the need's own chain is a 404 for the reader, as for a missing record
    assert client.get(f"/api/v1/chain/{record_ref(demo['need'])}").status_code == 404


def test_every_record_page_on_the_chain_links_to_its_chain(demo: dict[str, Any]) -> None:
    officer = user_create(
        actor=None, username="chain_pages", password="pw-1-chain", role="secretariat"
    )
    client = Client()
    client.force_login(officer)
    for key, record in demo.items():
        if key == "finding":  # a finding is shown on its evaluation's page
            continue
        page = client.get(record.get_absolute_url())
        assert page.status_code == 200, key
        assert f'href="/en/chain/{record_ref(record)}/"' in page.content.decode(), key


def test_the_profile_opens_with_the_integrity_findings_of_the_state(
    demo: dict[str, Any],
) -> None:
    from tact.chain.integrity import CHECKS
    from tact.directory.models import State

    officer = user_create(
        actor=None, username="chain_profile", password="pw-1-chain", role="secretariat"
    )
    nigeria = State.objects.get(iso3="NGA")
    counts = {c.name: c.records(officer, nigeria).count() for c in CHECKS}
    assert sum(counts.values()) > 0
    client = Client()
    client.force_login(officer)

    body = client.get("/api/v1/states/NGA/profile").json()

    top = body["sections"][0]
    assert (top["name"], top["slot"]) == ("integrity", "top")
    table = {row[0]: row[1] for row in top["tables"][0]["rows"]}
    labels = {str(c.label): counts[c.name] for c in CHECKS if counts[c.name]}
    assert table == labels
    # every named record is one the checks found, and links to it
    for item in top["items"]:
        assert item["url"]
    page = client.get("/en/states/NGA/").content.decode()
    top_html = page.split('id="profile-top"', 1)[1].split("</section>", 1)[0]
    assert "/en/chain/checks/?state=NGA" in top_html
