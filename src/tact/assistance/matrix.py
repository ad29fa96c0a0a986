"""Who does what where: state x theme, each cell listing its funders (or implementers).

The matrix is computed from the maintained summaries (per state, theme and organisation,
without years: see :mod:`tact.assistance.summaries`) and folded: each cell keeps its
:data:`TOP_ORGANISATIONS` largest organisations and sums the rest as "N others"; the page
shows the :data:`TOP_STATES` largest states and one row for the others; the API pages
through the states. The folded result is stored per access profile and summary version
(:mod:`tact.assistance.figures`) in parts (a head, then the states in chunks of
:data:`CHUNK`), so a page reads a few small rows whatever the number of projects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tact.assistance.figures import derived_parts
from tact.assistance.summary_models import SummaryLevel
from tact.assistance.summary_rows import ROLE_CODES, amount, rows
from tact.catalog.models import Theme
from tact.core.access import Actor
from tact.directory.models import State

TOP_STATES = 20
"""Matrix rows per page; the states after them fold into "other states"."""
TOP_ORGANISATIONS = 3
"""Organisations listed per cell before the rest fold into "others"."""
CHUNK = 20
"""States per stored part of the matrix."""
MATRIX_GROUP = ("level", "state_id", "theme_id", "role", "organisation")
"""What the matrix reads: grouping by channel too would return every cell up to five times."""


@dataclass
class Cell:
    count: int = 0
    amount: Decimal = Decimal(0)
    organisations: list[tuple[str, Decimal]] = field(default_factory=list)
    """The largest organisations, largest first (all of them unless folded)."""
    rest: int = 0
    """How many organisations are folded into :attr:`rest_amount`."""
    rest_amount: Decimal = Decimal(0)

    def organisation_list(self) -> list[tuple[str, Decimal]]:
        if not self.rest:
            return list(self.organisations)
        others = _("%(n)s others") % {"n": self.rest}
        return [*self.organisations, (others, self.rest_amount)]

    @property
    def top_organisations(self) -> list[tuple[str, Decimal]]:
        return self.organisation_list()


@dataclass
class Matrix:
    role: str
    states: list[State]
    themes: list[Theme | None]
    cells: dict[tuple[int, int | None], Cell]
    state_totals: dict[int, Cell]
    theme_totals: dict[int | None, Cell]
    without_country: int = 0
    folded: list[State] = field(default_factory=list)
    """States beyond the shown ones, summed in :attr:`others`."""
    others: tuple[list[Cell], Cell] | None = None
    """One row summing the folded states (amounts; counts add up per state)."""

    def cell(self, state: State, theme: Theme | None) -> Cell | None:
        return self.cells.get((state.pk, theme.pk if theme else None))

    offset: int = 0
    """How many states (by amount) come before the shown ones."""
    more: bool = False
    """Whether states follow the shown ones (the next page)."""

    @property
    def rows(self) -> list[tuple[State, list[tuple[Theme | None, Cell | None]], Cell]]:
        """(state, [(theme, cell) per theme column], total) per shown state: the template
        needs no lookup per cell."""
        return [
            (s, [(t, self.cell(s, t)) for t in self.themes], self.state_totals[s.pk])
            for s in self.states
        ]

    def html_rows(self, projects_url: str) -> list[tuple[State, list[SafeString], Cell]]:
        """:attr:`rows` with each cell's content rendered here: a page has hundreds of cells
        and the template language took most of its time."""
        usd = _usd_formatter()
        out = []
        for state, cells, total in self.rows:
            rendered = []
            for theme, cell in cells:
                if cell is None:
                    rendered.append(SafeString(""))
                    continue
                link = f"{projects_url}?state={state.iso3}" + (
                    f"&theme={theme.code}" if theme else ""
                )
                items = format_html_join(
                    "",
                    '<li>{} <small class="muted">{}</small></li>',
                    ((name, usd(money)) for name, money in cell.organisation_list()),
                )
                rendered.append(
                    format_html(
                        '<a href="{}"><strong>{}</strong></a> <small class="muted">({})</small>'
                        '<ul class="orgs">{}</ul>',
                        link,
                        usd(cell.amount),
                        cell.count,
                        items,
                    )
                )
            out.append((state, rendered, total))
        return out

    @property
    def next_offset(self) -> int | None:
        return self.offset + len(self.states) if self.more else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - TOP_STATES) if self.offset else None

    def long_rows(self) -> list[list[Any]]:
        """One row per shown state, theme and organisation (folded ones as "N others")."""
        out: list[list[Any]] = []
        for state in self.states:
            for theme in self.themes:
                cell = self.cell(state, theme)
                if cell is None:
                    continue
                for name, money in cell.organisation_list():
                    out.append(
                        [
                            state.iso3,
                            state.display_name,
                            theme.title if theme else "",
                            name,
                            cell.count,
                            float(round(money, 2)),
                        ]
                    )
        return out


def _usd_formatter() -> Callable[[Decimal], str]:
    """The ``usd`` filter's format with the locale's separator read once: a page formats
    a few thousand amounts and reading the format settings was most of that."""
    separator = str(get_format("THOUSAND_SEPARATOR"))

    def usd(value: Decimal) -> str:
        return f"{int(value.quantize(Decimal(1))):,}".replace(",", separator)

    return usd


# -- computing (from the summaries) -----------------------------------------------------------


def _fold(organisations: dict[str, Decimal]) -> tuple[list[list[str]], int, str]:
    ordered = sorted(organisations.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ordered) <= TOP_ORGANISATIONS + 1:
        return [[n, str(a)] for n, a in ordered], 0, "0"
    rest = sum((a for _n, a in ordered[TOP_ORGANISATIONS:]), Decimal(0))
    top = [[n, str(a)] for n, a in ordered[:TOP_ORGANISATIONS]]
    return top, len(ordered) - TOP_ORGANISATIONS, str(rest)


def _compute(user: Actor, role: str, filters: dict[str, str]) -> dict[str, Any]:
    """Every part of the folded matrix (JSON: amounts as decimal strings)."""
    code = ROLE_CODES.get(role, "1")
    levels = [SummaryLevel.CELL, SummaryLevel.ORGANISATION, SummaryLevel.STATE, SummaryLevel.THEME]
    cells: dict[tuple[int, int | None], Cell] = {}
    organisations: dict[tuple[int, int | None], dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    state_totals: dict[int, Cell] = defaultdict(Cell)
    theme_totals: dict[int | None, Cell] = defaultdict(Cell)
    without_country = 0
    for row in rows(user, levels, MATRIX_GROUP, role=code, **filters):
        level, state_id, theme_id = row["level"], row["state_id"], row["theme_id"]
        if level == SummaryLevel.CELL:
            cell = cells.setdefault((state_id, theme_id), Cell())
            cell.count += row["projects"]
            cell.amount += amount(row)
        elif level == SummaryLevel.ORGANISATION and row["role"] == code:
            cells.setdefault((state_id, theme_id), Cell())
            organisations[(state_id, theme_id)][row["organisation"]] += amount(row)
        elif level == SummaryLevel.STATE and state_id is None:
            without_country += row["projects"]
        elif level == SummaryLevel.STATE and not filters.get("theme"):
            state_totals[state_id].count += row["projects"]
            state_totals[state_id].amount += amount(row)
        elif level == SummaryLevel.THEME and not filters.get("state"):
            theme_totals[theme_id].count += row["projects"]
            theme_totals[theme_id].amount += amount(row)
    if filters.get("theme") or filters.get("state"):
        # One theme (or one state): the totals are the sums of its cells, counted once.
        for (state_id, theme_id), cell in cells.items():
            if filters.get("theme"):
                state_totals[state_id].count += cell.count
                state_totals[state_id].amount += cell.amount
            if filters.get("state"):
                theme_totals[theme_id].count += cell.count
                theme_totals[theme_id].amount += cell.amount
    names = dict(State.objects.filter(pk__in={s for s, _t in cells}).values_list("pk", "name"))
    ordered = sorted(names, key=lambda s: (-state_totals[s].amount, names[s]))
    theme_ids = {t for _s, t in cells}
    themes = Theme.objects.in_bulk([t for t in theme_ids if t is not None])
    theme_order = sorted(
        (t for t in theme_ids if t is None or t in themes),
        key=lambda t: (t is None, themes[t].order if t else 0, themes[t].code if t else ""),
    )
    columns: dict[int | None, Cell] = defaultdict(Cell)
    for (state_id, theme_id), cell in cells.items():
        if state_id in names:
            columns[theme_id].count += cell.count
            columns[theme_id].amount += cell.amount
    head = {
        "states": [[s, state_totals[s].count, str(state_totals[s].amount)] for s in ordered],
        "themes": theme_order,
        "theme_totals": [[t, c.count, str(c.amount)] for t, c in theme_totals.items()],
        "columns": [[t, c.count, str(c.amount)] for t, c in columns.items()],
        "without_country": without_country,
    }
    parts: dict[str, Any] = {"head": head}
    for start in range(0, len(ordered), CHUNK):
        chunk = []
        for state_id in ordered[start : start + CHUNK]:
            for theme_id in theme_order:
                found = cells.get((state_id, theme_id))
                if found is None:
                    continue
                top, rest, rest_amount = _fold(organisations.get((state_id, theme_id), {}))
                chunk.append(
                    [state_id, theme_id, found.count, str(found.amount), top, rest, rest_amount]
                )
        parts[f"c{start // CHUNK}"] = chunk
    return parts


# -- reading ------------------------------------------------------------------------------------


def _cell(count: int, money: str) -> Cell:
    return Cell(count=count, amount=Decimal(money))


def who_does_what_where(
    user: Actor,
    *,
    role: str = "funder",
    top: int | None = TOP_STATES,
    offset: int = 0,
    **filters: str,
) -> Matrix:
    """State x theme, each cell listing the funders (or implementers) with USD amounts.

    A project's amount (budget, else commitments, in USD) is shared among its recipient
    countries by their percentages (equally when none are given), then equally among its
    themes and among its organisations of the chosen role; multi-country projects therefore
    add up to their amount once. Projects without a recipient country are counted apart.
    States are ordered by amount: ``top`` of them from ``offset`` get a row each (all with
    ``top=None``); the states after them fold into one row.
    """
    role = role if role in ROLE_CODES else "funder"
    filters = {k: v for k, v in filters.items() if v}
    params = {"role": role, "fold": TOP_ORGANISATIONS, **filters}
    parts = derived_parts("matrix", user, params, ["head"], lambda: _compute(user, role, filters))
    head = parts["head"]
    ordered = [row[0] for row in head["states"]]
    offset = max(0, offset)
    end = len(ordered) if top is None else min(len(ordered), offset + max(0, top))
    chunks = [f"c{n}" for n in range(offset // CHUNK, (end - 1) // CHUNK + 1)]
    if end <= offset:
        chunks = []
    loaded = derived_parts(
        "matrix", user, params, chunks, lambda: _compute(user, role, filters)
    ) if chunks else {}  # fmt: skip
    shown_ids = ordered[offset:end]
    folded_ids = ordered[end:]
    states = State.objects.in_bulk([*shown_ids, *folded_ids])
    theme_objects = Theme.objects.in_bulk([t for t in head["themes"] if t is not None])
    themes: list[Theme | None] = [theme_objects.get(t) if t is not None else None
                                  for t in head["themes"]]  # fmt: skip
    shown = set(shown_ids)
    cells: dict[tuple[int, int | None], Cell] = {}
    for part in loaded.values():
        for state_id, theme_id, count, money, top_orgs, rest, rest_amount in part or []:
            if state_id in shown:
                cells[(state_id, theme_id)] = Cell(
                    count=count,
                    amount=Decimal(money),
                    organisations=[(n, Decimal(a)) for n, a in top_orgs],
                    rest=rest,
                    rest_amount=Decimal(rest_amount),
                )
    state_totals = {s: _cell(n, a) for s, n, a in head["states"]}
    others = None
    if folded_ids and offset == 0:  # the states after the first page, summed
        columns = {t: _cell(n, a) for t, n, a in head["columns"]}
        row: list[Cell] = []
        for theme_id in head["themes"]:
            column = columns.get(theme_id, Cell())
            for state_id in shown_ids:
                cell = cells.get((state_id, theme_id))
                if cell is not None:
                    column = Cell(count=column.count - cell.count,
                                  amount=column.amount - cell.amount)  # fmt: skip
            row.append(column)
        total = Cell()
        for state_id in folded_ids:
            total.count += state_totals[state_id].count
            total.amount += state_totals[state_id].amount
        others = (row, total)
    return Matrix(
        role=role,
        states=sorted((states[s] for s in shown_ids if s in states), key=lambda s: s.display_name),
        themes=themes,
        cells=cells,
        state_totals=state_totals,
        theme_totals={t: _cell(n, a) for t, n, a in head["theme_totals"]},
        without_country=head["without_country"],
        folded=sorted((states[s] for s in folded_ids if s in states), key=lambda s: s.display_name),
        others=others,
        offset=offset,
        more=end < len(ordered),
    )
