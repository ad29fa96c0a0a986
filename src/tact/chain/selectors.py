"""Reads of the chain: the records up- and downstream of one record, under the viewer's access.

`chain_walk` follows the steps of `tact.chain.edges` (foreign keys) and `Link` rows a few steps
each way from a record, level by level with one query per kind of step, and stops at a cap of
nodes. Each record reached is shown with its title if the viewer may see it, as "a record you
may not see" if not, and not at all when even its existence is confidential (a confidential
record, a threat assessment, victim and witness material); the walk does not pass through
those.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
from django.contrib.contenttypes.models import ContentType
from django.db import models

from tact.chain.edges import FK_STEPS, SECRET_MODELS, rank_of
from tact.chain.models import Link, Relation
from tact.core import access
from tact.core.links import record_url
from tact.core.models import Classification
from tact.legislation.models import ProvisionMapping

STEPS = 6
MAX_NODES = 80

Key = tuple[str, int]
ModelsByLabel = dict[str, type[models.Model]]
Direction = Literal["up", "down"]


@dataclass(frozen=True)
class Node:
    # A record the viewer may not see is named by an opaque reference ("hidden-3"): neither
    # its title nor its key reaches them.
    ref: str
    label: str
    pk: int
    rank: int
    kind: str
    visible: bool
    title: str = ""
    url: str = ""
    start: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str

    @property
    def relation_label(self) -> str:
        return str(Relation(self.relation).label)


@dataclass
class TreeItem:
    node: Node
    relation: str = ""
    repeat: bool = False
    children: list[TreeItem] = field(default_factory=list)


@dataclass
class Chain:
    start: Node
    graph: nx.DiGraph
    truncated: bool = False

    @property
    def nodes(self) -> list[Node]:
        found = [data["node"] for _key, data in self.graph.nodes(data=True)]
        return sorted(found, key=lambda n: (n.rank, n.label, n.pk))

    @property
    def edges(self) -> list[Edge]:
        found = [
            Edge(self.graph.nodes[a]["node"].ref, self.graph.nodes[b]["node"].ref, rel)
            for a, b, rel in self.graph.edges(data="relation")
        ]
        return sorted(found, key=lambda e: (e.source, e.target))

    def tree(self) -> list[TreeItem]:
        """The chain as nested lists from its left-most records (for screen readers)."""
        seen: set[Key] = set()

        def item(key: Key, relation: str) -> TreeItem:
            node = self.graph.nodes[key]["node"]
            if key in seen:
                return TreeItem(node, relation, repeat=True)
            seen.add(key)
            children = sorted(self.graph.successors(key), key=lambda k: (rank_of(k[0]), k))
            return TreeItem(
                node,
                relation,
                children=[
                    item(c, str(Relation(self.graph.edges[key, c]["relation"]).label))
                    for c in children
                ],
            )

        roots = sorted(
            (k for k in self.graph.nodes if self.graph.in_degree(k) == 0),
            key=lambda k: (rank_of(k[0]), k),
        )
        return [item(root, "") for root in roots]


def _neighbours(
    model: type[models.Model],
    pks: list[int],
    direction: Direction,
    classes: ModelsByLabel,
    limit: int,
) -> tuple[list[tuple[int, Key, str]], bool]:
    """(pk of the record walked from, the record reached, relation) one step away, at most
    `limit` per kind of step, and whether a limit cut them; the model classes met are noted in
    `classes`. The limit keeps a record with thousands of neighbours to a bounded read."""
    cut = False
    label = model._meta.label_lower
    found: list[tuple[int, Key, str]] = []
    for step in FK_STEPS:
        manager = step.downstream._default_manager
        if direction == "down" and step.up_label == label:
            rows = list(
                manager.filter(**{f"{step.path}__in": pks})
                .order_by("pk")
                .values_list(step.path, "pk")[:limit]
            )
            cut |= len(rows) == limit
            classes[step.down_label] = step.downstream
            found += [(a, (step.down_label, b), step.relation) for a, b in rows]
        if direction == "up" and step.down_label == label:
            rows = list(
                manager.filter(pk__in=pks, **{f"{step.path}__isnull": False})
                .order_by("pk")
                .values_list("pk", step.path)[:limit]
            )
            cut |= len(rows) == limit
            classes[step.up_label] = step.upstream
            found += [(a, (step.up_label, b), step.relation) for a, b in rows]
    content_type = ContentType.objects.get_for_model(model)
    rank = rank_of(label)
    links = list(
        Link.objects.filter(
            models.Q(source_type=content_type, source_id__in=pks)
            | models.Q(target_type=content_type, target_id__in=pks)
        )
        .select_related("source_type", "target_type")
        .order_by("pk")[:limit]
    )
    cut |= len(links) == limit
    for link in links:
        if link.source_type_id == content_type.pk and link.source_id in pks:
            here, other_type, other_id = link.source_id, link.target_type, link.target_id
            # A link's target is upstream of its source unless the ranks say otherwise.
            other_is_up = rank_of(_label(other_type)) <= rank
        else:
            here, other_type, other_id = link.target_id, link.source_type, link.source_id
            other_is_up = rank_of(_label(other_type)) < rank
        other = (_label(other_type), other_id)
        other_model = other_type.model_class()
        if other_model is None:  # a link to a model since removed
            continue
        classes[other[0]] = other_model
        if other_is_up == (direction == "up"):
            found.append((here, other, link.relation))
    return found, cut


def _label(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def _is_secret(label: str, record: Any) -> bool:
    if label in SECRET_MODELS:
        return True
    ancestors = access.protected_ancestors(record) or []
    return any(getattr(a, "classification", None) == Classification.CONFIDENTIAL for a in ancestors)


def _title(record: Any) -> str:
    if isinstance(record, ProvisionMapping):
        # A gap is named by its state and the provision it falls short of.
        target = record.paragraph or record.convention_provision
        return f"{record.state}: {target} — {record.get_compliance_display()}"
    return str(record)


def _node(
    actor: Any, label: str, record: Any, *, start: bool = False, hidden: int = 0
) -> Node | None:
    """The node the actor sees for `record`; None when they may not learn it exists."""
    kind = str(record._meta.verbose_name)
    if access.can_view(actor, record):
        return Node(
            f"{label}:{record.pk}",
            label,
            record.pk,
            rank_of(label),
            kind,
            True,
            title=_title(record)[:300],
            url=record_url(record),
            start=start,
        )
    if _is_secret(label, record):
        return None
    return Node(f"hidden-{hidden}", label, record.pk, rank_of(label), kind, False)


def _load(keys: Iterable[Key], classes: ModelsByLabel) -> dict[Key, Any]:
    by_label: dict[str, set[int]] = defaultdict(set)
    for label, pk in keys:
        by_label[label].add(pk)
    records: dict[Key, Any] = {}
    for label, pks in by_label.items():
        model = classes[label]
        for record in model._default_manager.filter(pk__in=pks):
            records[(label, record.pk)] = record
    return records


def chain_walk(
    actor: Any, record: models.Model, *, steps: int = STEPS, max_nodes: int = MAX_NODES
) -> Chain:
    """The records up to `steps` steps up- and downstream of `record` (which the caller has
    checked the actor may see), at most `max_nodes` of them."""
    label = record._meta.label_lower
    start = _node(actor, label, record, start=True)
    if start is None:
        # Callers check access first (permissions.access_chain_start); should the two rules
        # ever disagree, the start stays untitled rather than failing.
        start = Node("hidden-0", label, record.pk, rank_of(label), "", False, start=True)
    graph = nx.DiGraph()
    graph.add_node((label, record.pk), node=start)
    chain = Chain(start=start, graph=graph)
    dropped: set[Key] = set()
    classes: ModelsByLabel = {label: type(record)}
    for direction in ("up", "down"):
        frontier: list[Key] = [(label, record.pk)]
        for _step in range(steps):
            if not frontier:
                break
            by_label: dict[str, list[int]] = defaultdict(list)
            for key in frontier:
                by_label[key[0]].append(key[1])
            found: list[tuple[Key, Key, str]] = []
            limit = 2 * max_nodes
            for here_label, pks in by_label.items():
                rows, cut = _neighbours(classes[here_label], pks, direction, classes, limit)
                chain.truncated |= cut
                found += [((here_label, here), other, relation) for here, other, relation in rows]
            new = sorted({other for _h, other, _r in found} - set(graph.nodes) - dropped)
            if len(new) > limit:
                new, chain.truncated = new[:limit], True
            records = _load(new, classes)
            frontier = []
            for key in new:
                if key not in records:
                    dropped.add(key)
                    continue
                if graph.number_of_nodes() >= max_nodes:
                    chain.truncated = True
                    break
                hidden = sum(1 for _k, d in graph.nodes(data="node") if not d.visible)
                node = _node(actor, key[0], records[key], hidden=hidden + 1)
                if node is None:
                    dropped.add(key)
                    continue
                graph.add_node(key, node=node)
                frontier.append(key)
            for here, other, relation in found:
                if other in graph and here in graph:
                    a, b = (other, here) if direction == "up" else (here, other)
                    if not graph.has_edge(a, b):
                        graph.add_edge(a, b, relation=str(relation))
    return chain


def integrity_findings(
    actor: Any, state: Any = None, *, limit: int = 10, names: Collection[str] | None = None
) -> list[Any]:
    """The integrity checks for `state` (or all states): name, label, count and the first
    `limit` records the actor may see; for the state profile and a focal point's home
    (`names` keeps only those checks)."""
    from tact.chain import integrity

    return list(integrity.integrity_findings(actor, state, limit=limit, names=names))


def integrity_records(actor: Any, name: str, state: Any = None) -> models.QuerySet[Any]:
    """The records one integrity check finds (those the actor may see), uncounted: for pages
    that count them under a cap rather than over every state."""
    from tact.chain import integrity

    return integrity.CHECKS_BY_NAME[name].records(actor, state)
