"""The cooperation network of the demo, its centralities and gaps recomputed here by hand
(breadth-first shortest paths, no networkx) and compared with what the page and API show."""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM
from tact.directory.models import State
from tact.strategies import selectors
from tact.strategies.models import Agency, CooperationAgreement, LinkRule, TaskForce

pytestmark = pytest.mark.django_db


def _edges_from_records(state: State) -> dict[str, set[str]]:
    """Adjacency by agency acronym, straight from memberships and agreements."""
    agencies = {
        a.pk: a.short_name
        for a in Agency.objects.filter(state=state).select_related("organisation")
    }
    adjacency: dict[str, set[str]] = {name: set() for name in agencies.values()}
    groups = [
        [m.agency_id for m in tf.members.all()] for tf in TaskForce.objects.filter(state=state)
    ]
    groups += [
        [p.pk for p in ag.parties.all()] for ag in CooperationAgreement.objects.filter(state=state)
    ]
    for group in groups:
        for a, b in itertools.combinations(group, 2):
            adjacency[agencies[a]].add(agencies[b])
            adjacency[agencies[b]].add(agencies[a])
    return adjacency


def _shortest_path_counts(
    adj: dict[str, set[str]], source: str
) -> tuple[dict[str, int], dict[str, int]]:
    dist, sigma = {source: 0}, {source: 1}
    queue = deque([source])
    while queue:
        v = queue.popleft()
        for w in adj[v]:
            if w not in dist:
                dist[w] = dist[v] + 1
                sigma[w] = 0
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
    return dist, sigma


def _betweenness(adj: dict[str, set[str]]) -> dict[str, float]:
    """For every pair s<t: the share of shortest s-t paths through v (by definition)."""
    nodes = sorted(adj)
    info = {s: _shortest_path_counts(adj, s) for s in nodes}
    n = len(nodes)
    result = {}
    for v in nodes:
        total = 0.0
        for s, t in itertools.combinations([x for x in nodes if x != v], 2):
            dist_s, sigma_s = info[s]
            if t not in dist_s:
                continue
            dist_v, sigma_v = info[v]
            if v in dist_s and t in dist_v and dist_s[v] + dist_v[t] == dist_s[t]:
                total += sigma_s[v] * sigma_v[t] / sigma_s[t]
        result[v] = total / ((n - 1) * (n - 2) / 2)
    return result


def test_demo_network_figures_recomputed_independently(
    client: Client, secretariat: Any, demo: None
) -> None:
    kenya = State.objects.get(iso3="KEN")
    adj = _edges_from_records(kenya)
    n = len(adj)
    assert n == 9
    degree = {v: len(adj[v]) / (n - 1) for v in adj}
    betweenness = _betweenness(adj)
    # the demo's shape, by hand: NPS and ODPP broker between the two task forces; ODPP alone
    # reaches the FIU (MoU), so every path to the FIU passes through it
    assert {v for v in adj if not adj[v]} == {"KPS"}
    assert degree["NPS"] == 6 / 8 and degree["ODPP"] == 7 / 8 and degree["FIU"] == 1 / 8
    assert betweenness["ODPP"] > betweenness["NPS"] > 0
    assert betweenness["FIU"] == 0
    # when
    client.force_login(secretariat)
    api = client.get("/api/v1/strategies/network/KEN").json()
    # then
    nodes = {node["label"]: node for node in api["nodes"]}
    for label in adj:
        assert nodes[label]["degree"] == round(degree[label], 4), label
        assert nodes[label]["betweenness"] == round(betweenness[label], 4), label
    assert [label for label, node in nodes.items() if node["isolated"]] == ["KPS"]
    assert api["nodes"][0]["label"] == "ODPP"  # ranked by betweenness


def test_missing_links_recomputed_from_the_rule_table(demo: None) -> None:
    kenya = State.objects.get(iso3="KEN")
    adj = _edges_from_records(kenya)
    types = {
        a.short_name: a.agency_type
        for a in Agency.objects.filter(state=kenya).select_related("organisation")
    }
    expected = []
    for rule in LinkRule.objects.filter(active=True).order_by("type_a", "type_b"):
        side_a = [v for v, t in types.items() if t == rule.type_a]
        side_b = [v for v, t in types.items() if t == rule.type_b]
        if side_a and side_b and not any(b in adj[a] for a in side_a for b in side_b):
            expected.append((rule.type_a, rule.type_b))
    assert expected == [("fiu", "police")]
    network = selectors.state_network(SYSTEM, kenya)
    assert [(m.rule.type_a, m.rule.type_b) for m in network.missing] == expected
    assert [n.label for n in network.missing[0].agencies_a] == ["FIU"]
    assert [n.label for n in network.missing[0].agencies_b] == ["NPS"]


def test_a_new_rule_shows_a_new_gap_and_an_agreement_closes_one(
    secretariat: Any, demo: None
) -> None:
    from tact.strategies import services

    kenya = State.objects.get(iso3="KEN")
    services.link_rule_save(
        actor=secretariat, type_a="police", type_b="corrections", basis="UNTOC art. 29"
    )
    assert ("corrections", "police") in [
        (m.rule.type_a, m.rule.type_b) for m in selectors.state_network(SYSTEM, kenya).missing
    ]
    agencies = {
        a.short_name: a for a in Agency.objects.filter(state=kenya).select_related("organisation")
    }
    services.agreement_create(
        actor=secretariat,
        state=kenya,
        title="Police-FIU platform",
        kind="platform",
        parties=[agencies["NPS"], agencies["FIU"]],
    )
    missing = [
        (m.rule.type_a, m.rule.type_b) for m in selectors.state_network(SYSTEM, kenya).missing
    ]
    assert ("fiu", "police") not in missing


def test_the_network_page_shows_the_gap_and_a_list_beside_the_graph(
    client: Client, focal_kenya: Any, demo: None
) -> None:
    client.force_login(focal_kenya)
    page = client.get("/en/strategies/network/KEN/").content.decode()
    assert "Missing link" in page and "Financial intelligence unit — Police" in page
    assert "Isolated agency" in page and "KPS" in page
    assert 'class="network-list"' in page and 'data-chart="network-data"' in page


def test_another_states_focal_point_sees_no_restricted_task_force(
    client: Client, focal_mexico: Any, demo: None
) -> None:
    client.force_login(focal_mexico)
    api = client.get("/api/v1/strategies/network/KEN").json()
    # Kenya's agencies are public, its task forces and agreements restricted: no links at all
    assert api["edges"] == []
    assert all(node["isolated"] for node in api["nodes"])


def test_the_profile_outline_counts_what_the_network_shows(
    secretariat: Any, focal_kenya: Any, reader: Any, demo: None
) -> None:
    """The state profile counts the network from the task forces and agreements it lists:
    the same agencies, ties and isolated agencies as the network page, for every viewer,
    an agreement no longer in force left out of both."""
    from tact.strategies import services

    kenya = State.objects.get(iso3="KEN")
    agencies = list(Agency.objects.filter(state=kenya).select_related("organisation")[:2])
    services.agreement_create(
        actor=secretariat,
        state=kenya,
        title="An ended platform",
        kind="platform",
        parties=agencies,
        status=CooperationAgreement.Status.EXPIRED,
        classification="confidential",
    )
    for actor in (SYSTEM, secretariat, focal_kenya, reader, None):
        full = selectors.state_network(actor, kenya)
        outline = selectors.state_network_outline(
            actor,
            kenya,
            task_forces=selectors.task_force_list(actor=actor, state="KEN"),
            agreements=selectors.agreement_list(actor=actor, state="KEN"),
        )
        assert set(outline.nodes) == set(full.nodes)
        assert outline.edges() == full.edges()
        assert outline.isolated == full.isolated
