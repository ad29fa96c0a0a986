"""The walker: placeholders for records the viewer may not see, nothing at all where their
existence is confidential, a cap on nodes, opaque references; the page and API around it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from model_bakery import baker

from tact.assistance.models import Need, Project
from tact.chain.models import Link, Relation
from tact.chain.selectors import chain_walk
from tact.chain.services import link_create, link_delete
from tact.core.access import SYSTEM
from tact.core.links import record_ref
from tact.core.models import AuditEntry
from tact.evaluation.models import Evaluation, Finding
from tact.practices.models import GoodPractice

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(kenya: Any) -> dict[str, Any]:
    need = baker.make(
        Need,
        state=kenya,
        title="Secret need of Kenya",
        classification="restricted",
        owner_state=kenya,
    )
    project = baker.make(Project, title="Public project", classification="public")
    project.needs.add(need)
    public_eval = baker.make(Evaluation, title="Public evaluation", classification="public")
    secret_eval = baker.make(
        Evaluation,
        title="Confidential evaluation",
        classification="confidential",
        owner_state=kenya,
    )
    public_eval.interventions.add(project)
    secret_eval.interventions.add(project)
    # Downstream of the confidential evaluation: never reached by those who may not see it.
    finding = baker.make(Finding, evaluation=secret_eval, title="Hidden finding")
    practice = baker.make(GoodPractice, title="Practice beyond", classification="public")
    link_create(actor=SYSTEM, source=practice, relation=Relation.DERIVED_FROM, target=finding)
    return {
        "need": need,
        "project": project,
        "public_eval": public_eval,
        "secret_eval": secret_eval,
        "finding": finding,
        "practice": practice,
    }


def _refs(result: Any) -> set[str]:
    return {n.ref for n in result.nodes}


def test_the_secretariat_sees_every_record(chain: dict[str, Any], secretariat: Any) -> None:
    result = chain_walk(secretariat, chain["project"])
    assert _refs(result) == {record_ref(r) for r in chain.values()}
    assert all(n.visible for n in result.nodes)


def test_restricted_is_a_placeholder_and_confidential_is_absent(
    chain: dict[str, Any], reader: Any
) -> None:
    # when
    result = chain_walk(reader, chain["project"])

    # then
    assert _refs(result) == {
        "hidden-1",
        record_ref(chain["project"]),
        record_ref(chain["public_eval"]),
    }
    hidden = next(n for n in result.nodes if not n.visible)
    assert (hidden.title, hidden.url, hidden.kind) == ("", "", "need")
    # the walk does not pass through the confidential evaluation to the practice beyond it
    assert record_ref(chain["practice"]) not in _refs(result)


def test_the_owner_state_sees_its_confidential_evaluation(
    chain: dict[str, Any], focal_kenya: Any
) -> None:
    result = chain_walk(focal_kenya, chain["project"])
    assert _refs(result) == {record_ref(r) for r in chain.values()}


def test_the_walk_stops_at_the_cap(chain: dict[str, Any], secretariat: Any) -> None:
    result = chain_walk(secretariat, chain["project"], max_nodes=2)
    assert len(result.nodes) == 2
    assert result.truncated is True


def test_the_walk_stops_after_the_steps(chain: dict[str, Any], secretariat: Any) -> None:
    result = chain_walk(secretariat, chain["project"], steps=1)
    assert record_ref(chain["finding"]) not in _refs(result)
    assert record_ref(chain["secret_eval"]) in _refs(result)


def test_tree_nests_downstream_records(chain: dict[str, Any], secretariat: Any) -> None:
    tree = chain_walk(secretariat, chain["project"]).tree()
    assert [item.node.ref for item in tree] == [record_ref(chain["need"])]
    project = tree[0].children[0]
    assert project.node.ref == record_ref(chain["project"])
    assert str(project.relation) == "answers need"
    assert {c.node.ref for c in project.children} == {
        record_ref(chain["public_eval"]),
        record_ref(chain["secret_eval"]),
    }


def test_api_hides_titles_and_keys(chain: dict[str, Any], reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    response = client.get(f"/api/v1/chain/{record_ref(chain['project'])}")
    assert response.status_code == 200
    text = response.content.decode()
    for hidden in ("Secret need of Kenya", "Confidential evaluation", "Practice beyond"):
        assert hidden not in text
    assert f"assistance.need:{chain['need'].pk}" not in text


@pytest.mark.parametrize(
    "ref", ["nonsense", "assistance.need:abc", "nope.model:1", "assistance.need:", ":1"]
)
def test_a_bad_reference_is_a_json_404(ref: str, reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    response = client.get(f"/api/v1/chain/{ref}")
    assert response.status_code == 404
    assert response.json()["code"]


def test_a_record_the_viewer_may_not_see_is_a_404(chain: dict[str, Any], reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    assert client.get(f"/api/v1/chain/{record_ref(chain['secret_eval'])}").status_code == 404
    assert client.get(f"/en/chain/{record_ref(chain['secret_eval'])}/").status_code == 404


def test_the_page_draws_and_lists_the_chain(chain: dict[str, Any], reader: Any) -> None:
    client = Client()
    client.force_login(reader)
    page = client.get(f"/en/chain/{record_ref(chain['project'])}/").content.decode()
    assert "<svg" in page
    assert page.count("a record you may not see") == 2  # drawing and list
    assert "Secret need of Kenya" not in page
    assert "Confidential evaluation" not in page
    assert page.count(f'href="{chain["public_eval"].get_absolute_url()}"') == 2


def test_links_are_the_secretariats_and_audited(
    chain: dict[str, Any], focal_kenya: Any, secretariat: Any
) -> None:
    with pytest.raises(PermissionDenied):
        link_create(
            actor=focal_kenya,
            source=chain["project"],
            relation=Relation.ANSWERS_NEED,
            target=chain["need"],
        )
    link, created = link_create(
        actor=secretariat, source=chain["project"], relation="answers_need", target=chain["need"]
    )
    again, created_again = link_create(
        actor=secretariat, source=chain["project"], relation="answers_need", target=chain["need"]
    )
    assert (created, created_again, again.pk) == (True, False, link.pk)
    assert AuditEntry.objects.filter(action="chain.link.create").count() == 2  # fixture's too
    link_delete(actor=secretariat, link=link)
    assert not Link.objects.filter(pk=link.pk).exists()
