"""The cooperation network of a state as a graph (networkx), with no Django in it.

Agencies are nodes; two agencies are linked when they sit on the same task force or are
parties to the same cooperation agreement (the edge remembers through what). Figures:
degree and betweenness centrality (both normalised by networkx's usual rule), isolated
agencies (no link at all), and the missing links: pairs of agency types that a rule of the
Convention expects to cooperate, both present in the state, with no link between any agency
of the one type and any of the other.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx


@dataclass(frozen=True)
class AgencyNode:
    id: int
    label: str
    agency_type: str
    state: str
    domestic: bool = True


@dataclass(frozen=True)
class Tie:
    """A group of agencies that cooperate through one thing (a task force, an agreement)."""

    agency_ids: frozenset[int]
    via: str


@dataclass(frozen=True)
class Rule:
    type_a: str
    type_b: str
    basis: str


@dataclass(frozen=True)
class MissingLink:
    rule: Rule
    agencies_a: tuple[AgencyNode, ...]
    agencies_b: tuple[AgencyNode, ...]


@dataclass
class Network:
    graph: nx.Graph
    nodes: dict[int, AgencyNode]
    degree: dict[int, float] = field(default_factory=dict)
    betweenness: dict[int, float] = field(default_factory=dict)
    isolated: list[AgencyNode] = field(default_factory=list)
    missing: list[MissingLink] = field(default_factory=list)

    def edges(self) -> list[tuple[AgencyNode, AgencyNode, list[str]]]:
        return sorted(
            (
                (self.nodes[a], self.nodes[b], sorted(data["via"]))
                for a, b, data in self.graph.edges(data=True)
            ),
            key=lambda e: (e[0].label, e[1].label),
        )

    def neighbours(self, node_id: int) -> list[AgencyNode]:
        return sorted((self.nodes[n] for n in self.graph[node_id]), key=lambda n: n.label)

    def ranked(self) -> list[AgencyNode]:
        """Nodes by betweenness, then degree, then name: the brokers first."""
        return sorted(
            self.nodes.values(),
            key=lambda n: (-self.betweenness.get(n.id, 0), -self.degree.get(n.id, 0), n.label),
        )


def build(nodes: Iterable[AgencyNode], ties: Iterable[Tie]) -> nx.Graph:
    graph = nx.Graph()
    known = {}
    for node in nodes:
        known[node.id] = node
        graph.add_node(node.id)
    for tie in ties:
        members = sorted(i for i in tie.agency_ids if i in known)
        for a, b in itertools.combinations(members, 2):
            if graph.has_edge(a, b):
                graph[a][b]["via"].add(tie.via)
            else:
                graph.add_edge(a, b, via={tie.via})
    return graph


def missing_links(
    graph: nx.Graph, nodes: dict[int, AgencyNode], rules: Sequence[Rule]
) -> list[MissingLink]:
    by_type: dict[str, list[AgencyNode]] = {}
    for node in nodes.values():
        if node.domestic:
            by_type.setdefault(node.agency_type, []).append(node)
    found = []
    for rule in rules:
        side_a = sorted(by_type.get(rule.type_a, []), key=lambda n: n.label)
        side_b = sorted(by_type.get(rule.type_b, []), key=lambda n: n.label)
        if not side_a or not side_b:
            continue  # the state has no such agency: nothing to link (not a gap of the network)
        linked = any(a.id != b.id and graph.has_edge(a.id, b.id) for a in side_a for b in side_b)
        if not linked:
            found.append(MissingLink(rule, tuple(side_a), tuple(side_b)))
    return found


def analyse(
    nodes: Iterable[AgencyNode], ties: Iterable[Tie], rules: Sequence[Rule] = ()
) -> Network:
    network = outline(nodes, ties)
    graph, node_map = network.graph, network.nodes
    if graph.number_of_nodes():
        network.degree = dict(nx.degree_centrality(graph))
        network.betweenness = dict(nx.betweenness_centrality(graph, normalized=True))
    network.missing = missing_links(graph, node_map, rules)
    return network


def outline(nodes: Iterable[AgencyNode], ties: Iterable[Tie]) -> Network:
    """The graph and its isolated agencies only, without the centralities and missing links
    that `analyse` adds (for a summary that counts agencies, ties and isolated ones)."""
    node_map = {node.id: node for node in nodes}
    graph = build(node_map.values(), ties)
    network = Network(graph=graph, nodes=node_map)
    network.isolated = sorted(
        (node_map[n] for n in nx.isolates(graph) if node_map[n].domestic), key=lambda n: n.label
    )
    return network


def layout(network: Network, *, radius: float = 200.0) -> dict[int, tuple[float, float]]:
    """Positions on a circle, agencies grouped by type, so the drawing is the same on every
    visit and agencies of one type sit together (no numpy needed, unlike networkx layouts)."""
    ordered = sorted(network.nodes.values(), key=lambda n: (not n.domestic, n.agency_type, n.label))
    count = len(ordered)
    positions = {}
    for index, node in enumerate(ordered):
        angle = 2 * math.pi * index / max(count, 1) - math.pi / 2
        positions[node.id] = (
            round(radius * math.cos(angle), 1),
            round(radius * math.sin(angle), 1),
        )
    return positions
