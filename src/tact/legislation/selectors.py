"""Reads of the legislation domain, always through the access rules.

Gap analysis, comparison and heat map are computed from the assessments (mappings) the
viewer may see: a confidential assessment changes the figures only for those who may read it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from tact.catalog.models import (
    Provision,
    ProvisionParagraph,
)
from tact.core import access
from tact.directory.models import State
from tact.legislation.models import (
    Compliance,
    Feature,
    FeatureValue,
    LegalProvision,
    LegalText,
    ProvisionMapping,
    SuggestionDecision,
    VictimWitnessFeature,
)

# --- laws and provisions --------------------------------------------------------------------


def law_list(
    user: Any,
    *,
    q: str = "",
    state: str = "",
    text_type: str = "",
    language: str = "",
) -> QuerySet[LegalText]:
    qs = access.visible(user, LegalText.objects.select_related("state")).annotate(
        provision_count=Count("provisions")
    )
    if state:
        qs = qs.filter(state__iso3=state.upper())
    if text_type:
        qs = qs.filter(text_type=text_type)
    if language:
        qs = qs.filter(language=language)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q) | Q(work_key__icontains=q))
    return qs.order_by("state__name", "title", "language")


def law_versions(user: Any, legal_text: LegalText) -> QuerySet[LegalText]:
    """Other language and dated versions of the same law."""
    return (
        access.visible(user, LegalText.objects.filter(work_key=legal_text.work_key))
        .exclude(pk=legal_text.pk)
        .order_by("language", "-version_date")
    )


def provisions_visible(user: Any) -> QuerySet[LegalProvision]:
    return LegalProvision.objects.filter(access.visible_q(user, prefix="legal_text__"))


def state_provisions(user: Any, state: State) -> QuerySet[LegalProvision]:
    """The state's provisions in force (texts not repealed, provisions still in the text)."""
    return (
        provisions_visible(user)
        .filter(legal_text__state=state, legal_text__repealed_on__isnull=True, is_obsolete=False)
        .select_related("legal_text")
        .order_by("legal_text__title", "order")
    )


# --- mappings ----------------------------------------------------------------------------------


def cited_law_visible_q(user: Any) -> Q:
    """The national provision a record cites (if any) must be visible too: an assessment or
    a comparison feature never shows the title or article of a law the viewer may not see,
    and reclassifying the law hides it everywhere at once."""
    law_visible = access.declared_q(user, LegalProvision, prefix="legal_provision__")
    if not law_visible:  # no condition at all (the secretariat): `Q(x) | Q()` would be Q(x)
        return Q()
    return Q(legal_provision__isnull=True) | law_visible


def features_visible(user: Any) -> QuerySet[VictimWitnessFeature]:
    return access.visible(user, VictimWitnessFeature.objects.all()).filter(
        cited_law_visible_q(user)
    )


def mappings_visible(user: Any) -> QuerySet[ProvisionMapping]:
    return access.visible(
        user,
        ProvisionMapping.objects.filter(cited_law_visible_q(user)).select_related(
            "state",
            "convention_provision__instrument",
            "paragraph",
            "legal_provision__legal_text",
        ),
    )


def mapping_list(
    user: Any,
    *,
    state: State | None = None,
    legal_provision: LegalProvision | None = None,
    convention_provision: Provision | None = None,
) -> QuerySet[ProvisionMapping]:
    qs = mappings_visible(user)
    if state is not None:
        qs = qs.filter(state=state)
    if legal_provision is not None:
        qs = qs.filter(legal_provision=legal_provision)
    if convention_provision is not None:
        qs = qs.filter(convention_provision=convention_provision)
    return qs


def acceptance_rate(state: State | None = None) -> dict[str, Any]:
    """How many suggested provisions reviewers accepted (each pair counted once)."""
    qs = SuggestionDecision.objects.all()
    if state is not None:
        qs = qs.filter(state=state)
    counts = Counter(qs.values_list("decision", flat=True))
    accepted = counts.get(SuggestionDecision.Decision.ACCEPTED, 0)
    rejected = counts.get(SuggestionDecision.Decision.REJECTED, 0)
    total = accepted + rejected
    return {
        "accepted": accepted,
        "rejected": rejected,
        "decided": total,
        "rate": round(accepted / total, 3) if total else None,
    }


# --- status arithmetic ------------------------------------------------------------------------

NOT_ASSESSED = "not_assessed"
STATUS_LABELS: dict[str, Promise] = {
    Compliance.FULL: gettext_lazy("Full"),
    Compliance.PARTIAL: gettext_lazy("Partial"),
    Compliance.NONE: gettext_lazy("None"),
    Compliance.NOT_APPLICABLE: gettext_lazy("Not applicable"),
    NOT_ASSESSED: gettext_lazy("Not assessed"),
}
STATUS_ORDER = [
    Compliance.FULL,
    Compliance.PARTIAL,
    Compliance.NONE,
    NOT_ASSESSED,
    Compliance.NOT_APPLICABLE,
]
STATUS_COLOURS = {
    Compliance.FULL: "#2e7d32",
    Compliance.PARTIAL: "#f0b429",
    Compliance.NONE: "#c62828",
    NOT_ASSESSED: "#cfd8dc",
    Compliance.NOT_APPLICABLE: "#90a4ae",
}
_BEST = [Compliance.FULL, Compliance.PARTIAL, Compliance.NONE]


def combine_mappings(mappings: Sequence[ProvisionMapping]) -> str:
    """Status of one paragraph from its assessments: the best compliance recorded (several
    national provisions may together implement it)."""
    levels = {m.compliance for m in mappings}
    for level in _BEST:
        if level in levels:
            return str(level)
    if Compliance.NOT_APPLICABLE in levels:
        return str(Compliance.NOT_APPLICABLE)
    return NOT_ASSESSED


def aggregate_statuses(statuses: Iterable[str]) -> str:
    """Status of an article (or a group of paragraphs) from its paragraphs' statuses."""
    items = list(statuses)
    relevant = [s for s in items if s != Compliance.NOT_APPLICABLE]
    if not relevant:
        return str(Compliance.NOT_APPLICABLE) if items else NOT_ASSESSED
    kinds = set(relevant)
    if kinds == {Compliance.FULL}:
        return str(Compliance.FULL)
    if kinds == {NOT_ASSESSED}:
        return NOT_ASSESSED
    if kinds <= {Compliance.NONE, NOT_ASSESSED}:
        return str(Compliance.NONE)
    return str(Compliance.PARTIAL)


class ParagraphKey(Protocol):
    """A paragraph as `paragraph_status` reads it: a record or its plain values."""

    @property
    def pk(self) -> Any: ...

    @property
    def provision_id(self) -> int: ...


class MappingIndex:
    """A state's mappings by the paragraph they assess, and those that assess a whole article
    by its provision (each in the order given): the status of each of ~370 paragraphs without
    a scan of every mapping per paragraph."""

    def __init__(self, mappings: Iterable[ProvisionMapping]) -> None:
        self.by_paragraph: dict[int, list[ProvisionMapping]] = {}
        self.by_provision: dict[int, list[ProvisionMapping]] = {}
        for m in mappings:
            if m.paragraph_id is not None:
                self.by_paragraph.setdefault(m.paragraph_id, []).append(m)
            else:
                self.by_provision.setdefault(m.convention_provision_id, []).append(m)

    def used_for(self, paragraph: ParagraphKey) -> list[ProvisionMapping]:
        """The mappings of the paragraph itself, else those of its whole article."""
        return list(
            self.by_paragraph.get(paragraph.pk) or self.by_provision.get(paragraph.provision_id, [])
        )


def paragraph_status(
    paragraph: ParagraphKey, mappings: Sequence[ProvisionMapping] | MappingIndex
) -> tuple[str, list[ProvisionMapping]]:
    index = mappings if isinstance(mappings, MappingIndex) else MappingIndex(mappings)
    used = index.used_for(paragraph)
    return combine_mappings(used), used


def status_index(user: Any, state: State) -> MappingIndex:
    """The mappings of `state` the user may see, with only what a paragraph's status reads
    (no related records): for the figures of a gap analysis, not its rows."""
    mappings = (
        mappings_visible(user)
        .filter(state=state)
        .select_related(None)
        .only("paragraph", "convention_provision", "compliance")
        .order_by()  # a status is the best compliance, whatever the order
    )
    return MappingIndex(mappings)


def mappings_by_state(user: Any, state_ids: Iterable[int]) -> dict[int, list[ProvisionMapping]]:
    out: dict[int, list[ProvisionMapping]] = {}
    for mapping in mappings_visible(user).filter(state_id__in=list(state_ids)):
        out.setdefault(mapping.state_id, []).append(mapping)
    return out


# --- provision sets, comparison and heat map ------------------------------------------------

VICTIMS_WITNESSES = (
    "untoc/art_24",
    "untoc/art_25",
    "untoc/art_26/para_4",
    "tip/art_6",
    "tip/art_7",
    "tip/art_8",
    "som/art_16",
)
PRESETS: dict[str, tuple[Promise, tuple[str, ...]]] = {
    "victims_witnesses": (gettext_lazy("Victims and witnesses"), VICTIMS_WITNESSES),
}


@dataclass
class SetItem:
    key: str
    provision: Provision
    paragraph: ProvisionParagraph | None
    paragraphs: list[ProvisionParagraph]

    @property
    def label(self) -> str:
        if self.paragraph is not None:
            return f"{self.provision}({self.paragraph.number})"
        return str(self.provision)

    @property
    def title(self) -> str:
        return self.provision.title

    @property
    def short_label(self) -> str:
        code = self.provision.instrument.code.upper()
        para = f"({self.paragraph.number})" if self.paragraph is not None else ""
        return f"{code} {self.provision.number}{para}"


def resolve_items(keys: Iterable[str]) -> list[SetItem]:
    """Catalog articles/paragraphs by key (``untoc/art_24``, ``untoc/art_26/para_4``);
    unknown keys are ignored; an instrument code stands for all its articles."""
    items: list[SetItem] = []
    for raw in keys:
        key = raw.strip().lower()
        if not key:
            continue
        if "/" not in key:
            for provision in Provision.objects.filter(instrument__code=key).prefetch_related(
                "paragraphs"
            ):
                items.append(SetItem(provision.key, provision, None, _numbered(provision)))
            continue
        if "/para_" in key:
            para = (
                ProvisionParagraph.objects.select_related("provision__instrument")
                .filter(key=key)
                .first()
            )
            if para is not None:
                items.append(SetItem(key, para.provision, para, [para]))
            continue
        article = (
            Provision.objects.select_related("instrument")
            .prefetch_related("paragraphs")
            .filter(key=key)
            .first()
        )
        if article is not None:
            items.append(SetItem(key, article, None, _numbered(article)))
    return items


def _numbered(provision: Provision) -> list[ProvisionParagraph]:
    """An article's numbered paragraphs (prefetched), without lettered sub-items."""
    return [p for p in provision.paragraphs.all() if "/item_" not in p.key]


@dataclass
class Cell:
    status: str
    citations: list[LegalProvision]
    mappings: list[ProvisionMapping]

    def get_status_display(self) -> str:
        return str(STATUS_LABELS[self.status])


def _cell(item: SetItem, mappings: Sequence[ProvisionMapping]) -> Cell:
    statuses: list[str] = []
    used: dict[int, ProvisionMapping] = {}
    for paragraph in item.paragraphs:
        status, these = paragraph_status(paragraph, mappings)
        statuses.append(status)
        for m in these:
            used[m.pk] = m
    if not item.paragraphs:  # an article without numbered paragraphs
        these = [m for m in mappings if m.convention_provision_id == item.provision.pk]
        statuses.append(combine_mappings(these))
        used = {m.pk: m for m in these}
    citations: dict[int, LegalProvision] = {}
    for m in used.values():
        if m.legal_provision is not None:
            citations[m.legal_provision.pk] = m.legal_provision
    return Cell(aggregate_statuses(statuses), list(citations.values()), list(used.values()))


def states_with_legislation(user: Any) -> QuerySet[State]:
    """States for which the viewer can see laws, assessments or comparison features."""
    ids = set(access.visible(user, LegalText.objects.all()).values_list("state_id", flat=True))
    ids |= set(mappings_visible(user).values_list("state_id", flat=True))
    ids |= set(features_visible(user).values_list("state_id", flat=True))
    return State.objects.filter(pk__in=ids).order_by("name")


@dataclass
class Comparison:
    items: list[SetItem]
    states: list[State]
    rows: list[tuple[SetItem, list[Cell]]]
    features: list[tuple[str, str, list[VictimWitnessFeature | None]]]


def comparison(
    user: Any,
    keys: Sequence[str],
    states: Sequence[State] | None = None,
    *,
    with_features: bool = True,
) -> Comparison:
    items = resolve_items(keys)
    chosen = list(states) if states else list(states_with_legislation(user))
    by_state = mappings_by_state(user, [s.pk for s in chosen])
    rows = [(item, [_cell(item, by_state.get(s.pk, [])) for s in chosen]) for item in items]
    features: list[tuple[str, str, list[VictimWitnessFeature | None]]] = []
    if with_features:
        found = {
            (f.state_id, f.feature): f
            for f in features_visible(user)
            .filter(state__in=chosen)
            .select_related("legal_provision__legal_text")
        }
        features = [
            (value, str(label), [found.get((s.pk, value)) for s in chosen])
            for value, label in Feature.choices
        ]
    return Comparison(items=items, states=chosen, rows=rows, features=features)


@dataclass
class HeatMap:
    items: list[SetItem]
    states: list[State]
    cells: list[list[str]]

    def chart(self) -> str:
        values = {s: i for i, s in enumerate(STATUS_ORDER)}
        data = [
            [x, y, values[status]]
            for y, row in enumerate(self.cells)
            for x, status in enumerate(row)
        ]
        pieces = [
            {"value": values[s], "label": str(STATUS_LABELS[s]), "color": STATUS_COLOURS[s]}
            for s in STATUS_ORDER
        ]
        option = {
            "tooltip": {"position": "top"},
            "grid": {"left": 8, "right": 8, "top": 8, "bottom": 64, "containLabel": True},
            "xAxis": {
                "type": "category",
                "data": [item.short_label for item in self.items],
                "axisLabel": {"rotate": 45 if len(self.items) > 12 else 0, "interval": 0},
                "splitArea": {"show": True},
            },
            "yAxis": {
                "type": "category",
                "data": [s.display_name for s in self.states],
                "splitArea": {"show": True},
            },
            "visualMap": {
                "type": "piecewise",
                "pieces": pieces,
                "orient": "horizontal",
                "left": "center",
                "bottom": 0,
                "dimension": 2,
            },
            "series": [
                {
                    "type": "heatmap",
                    "data": data,
                    "itemStyle": {"borderColor": "#fff", "borderWidth": 1},
                }
            ],
        }
        return json.dumps(option, ensure_ascii=False)


def heatmap(user: Any, keys: Sequence[str], states: Sequence[State] | None = None) -> HeatMap:
    data = comparison(user, keys, states, with_features=False)
    cells = [[row[1][i].status for row in data.rows] for i in range(len(data.states))]
    return HeatMap(items=data.items, states=data.states, cells=cells)


def feature_choices() -> list[tuple[str, str]]:
    return [(v, str(label)) for v, label in FeatureValue.choices]


def laws_for_state(user: Any, state: State) -> QuerySet[LegalText]:
    return access.visible(user, LegalText.objects.filter(state=state)).order_by("title")


def prefetch_mappings(user: Any) -> Prefetch[Any]:
    return Prefetch("mappings", queryset=mappings_visible(user), to_attr="visible_mappings")
