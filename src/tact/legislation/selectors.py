"""Reads of the legislation domain, always through the access rules.

Gap analysis, comparison and heat map are computed from the assessments (mappings) the
viewer may see: a confidential assessment changes the figures only for those who may read it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tact.catalog.models import (
    OBLIGATION_RANK,
    Instrument,
    Obligation,
    Provision,
    ProvisionParagraph,
    Theme,
)
from tact.core import access
from tact.directory.models import PartyStatus, State
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


def _paragraph_status(
    paragraph: ProvisionParagraph, mappings: Sequence[ProvisionMapping]
) -> tuple[str, list[ProvisionMapping]]:
    own = [m for m in mappings if m.paragraph_id == paragraph.pk]
    used = own or [
        m
        for m in mappings
        if m.paragraph_id is None and m.convention_provision_id == paragraph.provision_id
    ]
    return combine_mappings(used), used


def _mappings_by_state(user: Any, state_ids: Iterable[int]) -> dict[int, list[ProvisionMapping]]:
    out: dict[int, list[ProvisionMapping]] = {}
    for mapping in mappings_visible(user).filter(state_id__in=list(state_ids)):
        out.setdefault(mapping.state_id, []).append(mapping)
    return out


# --- gap analysis ---------------------------------------------------------------------------


@dataclass
class ScopeRow:
    instrument: Instrument
    status: str
    in_scope: bool
    reason: str


@dataclass
class GapRow:
    instrument: Instrument
    provision: Provision
    paragraph: ProvisionParagraph | None
    obligation: str
    status: str
    mappings: list[ProvisionMapping]

    def get_obligation_display(self) -> str:
        return str(Obligation(self.obligation).label)

    def get_status_display(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def key(self) -> str:
        return self.paragraph.key if self.paragraph else self.provision.key

    @property
    def label(self) -> str:
        if self.paragraph is not None:
            return f"{self.provision}({self.paragraph.number})"
        return str(self.provision)


@dataclass
class ThemeProgress:
    theme: Theme
    total: int
    counts: dict[str, int]

    def share(self, status: str) -> int:
        assessable = self.total - self.counts.get(Compliance.NOT_APPLICABLE, 0)
        return round(100 * self.counts.get(status, 0) / assessable) if assessable else 0

    @property
    def full_pct(self) -> int:
        return self.share(Compliance.FULL)

    @property
    def partial_pct(self) -> int:
        return self.share(Compliance.PARTIAL)

    @property
    def none_pct(self) -> int:
        return self.share(Compliance.NONE)


@dataclass
class GapAnalysis:
    state: State
    scope: list[ScopeRow]
    rows: list[GapRow]
    summary: dict[str, Any] = field(default_factory=dict)
    themes: list[ThemeProgress] = field(default_factory=list)

    @property
    def gaps(self) -> list[GapRow]:
        return [r for r in self.rows if r.status in {Compliance.NONE, Compliance.PARTIAL}]


SCOPE_RULE = gettext_lazy(
    "An instrument is in scope when the state is a party to it, or when tact holds no verified "
    "status for it (unknown); then it is analysed as if the state were a party. Signatories "
    "and non-parties are left out."
)


def instrument_scope(state: State) -> list[ScopeRow]:
    statuses = {ps.instrument_id: ps for ps in PartyStatus.objects.filter(state=state)}
    rows: list[ScopeRow] = []
    for instrument in Instrument.objects.order_by("order"):
        ps = statuses.get(instrument.pk)
        status = ps.status if ps else PartyStatus.Status.UNKNOWN
        if status == PartyStatus.Status.PARTY:
            reason = _("Party (demo data)") if ps and ps.is_demo else _("Party")
            rows.append(ScopeRow(instrument, status, True, reason))
        elif status == PartyStatus.Status.UNKNOWN:
            rows.append(
                ScopeRow(instrument, status, True, _("Status unknown: analysed as if a party"))
            )
        else:
            label = PartyStatus.Status(status).label
            rows.append(ScopeRow(instrument, status, False, str(label)))
    return rows


def gap_analysis(user: Any, state: State, *, instrument: str = "") -> GapAnalysis:
    """Every paragraph of every instrument in scope with its obligation and status, mandatory
    first (then must-consider, optional, none), with summary figures and progress by theme."""
    scope = instrument_scope(state)
    codes = [s.instrument.code for s in scope if s.in_scope]
    if instrument:
        codes = [c for c in codes if c == instrument]
    mappings = _mappings_by_state(user, [state.pk]).get(state.pk, [])
    paragraphs = (
        ProvisionParagraph.objects.numbered()
        .filter(provision__instrument__code__in=codes)
        .select_related("provision__instrument")
        .prefetch_related("provision__themes")
    )
    rows: list[GapRow] = []
    for paragraph in paragraphs:
        status, used = _paragraph_status(paragraph, mappings)
        rows.append(
            GapRow(
                instrument=paragraph.provision.instrument,
                provision=paragraph.provision,
                paragraph=paragraph,
                obligation=paragraph.obligation,
                status=status,
                mappings=used,
            )
        )
    rows.sort(
        key=lambda r: (
            OBLIGATION_RANK[Obligation(r.obligation)],
            r.instrument.order,
            r.provision.number,
            r.paragraph.order if r.paragraph else 0,
        )
    )
    analysis = GapAnalysis(state=state, scope=scope, rows=rows)
    analysis.summary = _summary(rows)
    analysis.themes = _theme_progress(rows)
    return analysis


def _summary(rows: Sequence[GapRow]) -> dict[str, Any]:
    counts = Counter(r.status for r in rows)
    by_obligation: dict[str, dict[str, int]] = {}
    for row in rows:
        by_obligation.setdefault(row.obligation, Counter())[row.status] += 1
    assessable = len(rows) - counts.get(Compliance.NOT_APPLICABLE, 0)
    mandatory = [r for r in rows if r.obligation == Obligation.MANDATORY]
    mandatory_full = sum(1 for r in mandatory if r.status == Compliance.FULL)
    score = (
        (counts.get(Compliance.FULL, 0) + 0.5 * counts.get(Compliance.PARTIAL, 0)) / assessable
        if assessable
        else 0.0
    )
    return {
        "total": len(rows),
        "counts": {s: counts.get(s, 0) for s in STATUS_ORDER},
        "assessed": len(rows) - counts.get(NOT_ASSESSED, 0),
        "gaps": counts.get(Compliance.NONE, 0) + counts.get(Compliance.PARTIAL, 0),
        "mandatory": len(mandatory),
        "mandatory_full": mandatory_full,
        "mandatory_gaps": sum(
            1 for r in mandatory if r.status in {Compliance.NONE, Compliance.PARTIAL}
        ),
        "score_pct": round(100 * score),
        "by_obligation": {k: dict(v) for k, v in by_obligation.items()},
    }


def _theme_progress(rows: Sequence[GapRow]) -> list[ThemeProgress]:
    per_theme: dict[int, tuple[Theme, Counter[str]]] = {}
    for row in rows:
        for theme in row.provision.themes.all():
            entry = per_theme.setdefault(theme.pk, (theme, Counter()))
            entry[1][row.status] += 1
    out = [
        ThemeProgress(theme=theme, total=sum(counts.values()), counts=dict(counts))
        for theme, counts in per_theme.values()
    ]
    return sorted(out, key=lambda t: (t.theme.order, t.theme.code))


def gap_chart(analysis: GapAnalysis) -> str:
    """ECharts option: stacked bars of paragraph status per theme."""
    themes = analysis.themes
    series = [
        {
            "name": str(STATUS_LABELS[status]),
            "type": "bar",
            "stack": "s",
            "itemStyle": {"color": STATUS_COLOURS[status]},
            "data": [t.counts.get(status, 0) for t in themes],
        }
        for status in STATUS_ORDER
    ]
    option = {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 16, "bottom": 8, "top": 36, "containLabel": True},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "inverse": True, "data": [t.theme.title for t in themes]},
        "series": series,
    }
    return json.dumps(option, ensure_ascii=False)


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
        status, these = _paragraph_status(paragraph, mappings)
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
    by_state = _mappings_by_state(user, [s.pk for s in chosen])
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
