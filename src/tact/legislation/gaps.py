"""Gap analysis: every paragraph of the instruments a state is bound by, with its obligation
and the status the viewer's visible assessments give it; summary figures and progress by theme.

`gap_overview` gives the figures alone from plain values (a profile panel reads them on every
profile); `gap_analysis` gives the rows too, as records (the gap page, exports, the CLI).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
from tact.directory.models import PartyStatus, State
from tact.legislation.models import Compliance, ProvisionMapping
from tact.legislation.selectors import (
    NOT_ASSESSED,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_ORDER,
    MappingIndex,
    mappings_by_state,
    paragraph_status,
    status_index,
)


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
    codes = _codes_in_scope(scope, instrument)
    mappings = MappingIndex(mappings_by_state(user, [state.pk]).get(state.pk, []))
    paragraphs = (
        ProvisionParagraph.objects.numbered()
        .filter(provision__instrument__code__in=codes)
        .select_related("provision__instrument")
        .prefetch_related("provision__themes")
    )
    rows: list[GapRow] = []
    for paragraph in paragraphs:
        status, used = paragraph_status(paragraph, mappings)
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
    analysis.themes = _theme_progress((r.status, r.provision.themes.all()) for r in rows)
    return analysis


class GapOverview(NamedTuple):
    summary: dict[str, Any]
    themes: list[ThemeProgress]


class _Paragraph(NamedTuple):
    """What `paragraph_status` reads of a paragraph."""

    pk: int
    provision_id: int


class _Assessed(NamedTuple):
    obligation: str
    status: str


def gap_overview(user: Any, state: State) -> GapOverview:
    """The summary and progress by theme of `gap_analysis(user, state)`, read as plain values:
    the same figures without a record per paragraph (about 370 of them, on every profile)."""
    codes = _codes_in_scope(instrument_scope(state), "")
    mappings = status_index(user, state)
    paragraphs = (
        ProvisionParagraph.objects.numbered()
        .filter(provision__instrument__code__in=codes)
        .order_by()
        .values_list("pk", "provision_id", "obligation")
    )
    # Each provision's themes, with the themes themselves, in one query.
    themes_of: dict[int, list[Theme]] = {}
    for link in Provision.themes.through.objects.filter(
        provision__instrument__code__in=codes
    ).select_related("theme"):
        themes_of.setdefault(link.provision_id, []).append(link.theme)
    rows: list[_Assessed] = []
    pairs: list[tuple[str, list[Theme]]] = []
    for pk, provision_id, obligation in paragraphs:
        status, _used = paragraph_status(_Paragraph(pk, provision_id), mappings)
        rows.append(_Assessed(obligation, status))
        pairs.append((status, themes_of.get(provision_id, [])))
    return GapOverview(_summary(rows), _theme_progress(pairs))


def _codes_in_scope(scope: Sequence[ScopeRow], instrument: str) -> list[str]:
    codes = [s.instrument.code for s in scope if s.in_scope]
    return [c for c in codes if c == instrument] if instrument else codes


def _summary(rows: Sequence[GapRow | _Assessed]) -> dict[str, Any]:
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


def _theme_progress(statuses: Iterable[tuple[str, Iterable[Theme]]]) -> list[ThemeProgress]:
    """Paragraph statuses counted under each theme of their provision."""
    per_theme: dict[int, tuple[Theme, Counter[str]]] = {}
    for status, themes in statuses:
        for theme in themes:
            entry = per_theme.setdefault(theme.pk, (theme, Counter()))
            entry[1][status] += 1
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
