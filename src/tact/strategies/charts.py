"""Charts of the strategy pages: ECharts options for the browser (rendered by tact.js from
JSON) and a small server-side SVG for the PDF (WeasyPrint runs no JavaScript)."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _

from tact.strategies import network
from tact.strategies.selectors import StrategyProgress

TYPE_COLOURS = {
    "police": "#1f5fa8",
    "prosecution": "#7b3fa0",
    "judiciary": "#4a4a4a",
    "fiu": "#c27c0e",
    "customs": "#0f8a6b",
    "border": "#2c9fc9",
    "corrections": "#8a5a2b",
    "labour_inspection": "#a8326e",
    "social_services": "#d1495b",
    "ministry": "#5b6b2f",
    "other": "#888888",
}


def _objective_rows(progress: StrategyProgress) -> list[tuple[str, float]]:
    return [
        (view.objective.code or view.objective.title[:30], view.progress.mean_percent or 0.0)
        for view in progress.objectives
    ]


def objectives_chart(progress: StrategyProgress) -> dict[str, Any]:
    rows = _objective_rows(progress)
    return {
        "aria": {"enabled": True},
        "grid": {"left": 80, "right": 30, "top": 20, "bottom": 30},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "value", "min": 0, "max": 100, "name": "%"},
        "yAxis": {"type": "category", "data": [r[0] for r in rows], "inverse": True},
        "series": [
            {
                "type": "bar",
                "name": _("Mean % complete of its actions"),
                "data": [r[1] for r in rows],
                "itemStyle": {"color": "#1f5fa8"},
                "label": {"show": True, "position": "right", "formatter": "{c}%"},
            }
        ],
    }


def objectives_svg(progress: StrategyProgress, width: int = 520) -> str:
    """Horizontal bars, one per objective: the mean % complete of its actions."""
    rows = _objective_rows(progress)
    bar_left, bar_width, row_height = 120, width - 170, 22
    height = row_height * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
    ]
    for index, (label, percent) in enumerate(rows):
        y = 5 + index * row_height
        length = round(bar_width * percent / 100, 1)
        parts.append(
            f'<text x="{bar_left - 6}" y="{y + 14}" font-size="11" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{bar_left}" y="{y + 3}" width="{bar_width}" height="14" fill="#e6ecf3"/>'
            f'<rect x="{bar_left}" y="{y + 3}" width="{length}" height="14" fill="#1f5fa8"/>'
            f'<text x="{bar_left + bar_width + 6}" y="{y + 14}" font-size="11">{percent:g}%</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def network_chart(graph: network.Network, type_labels: dict[str, Any]) -> dict[str, Any]:
    """An ECharts graph: nodes sized by betweenness, coloured by agency type, edges labelled
    with what links them; positions fixed (`network.layout`) so the drawing is stable."""
    positions = network.layout(graph)
    categories = sorted({n.agency_type for n in graph.nodes.values()})
    return {
        "aria": {"enabled": True},
        "tooltip": {},
        "legend": [{"data": [str(type_labels.get(c, c)) for c in categories], "bottom": 0}],
        "series": [
            {
                "type": "graph",
                "layout": "none",
                "roam": True,
                "draggable": True,
                "label": {"show": True, "position": "right"},
                "categories": [
                    {
                        "name": str(type_labels.get(c, c)),
                        "itemStyle": {"color": TYPE_COLOURS.get(c, "#888")},
                    }
                    for c in categories
                ],
                "data": [
                    {
                        "id": str(node.id),
                        "name": node.label if node.domestic else f"{node.label} ({node.state})",
                        "x": positions[node.id][0],
                        "y": positions[node.id][1],
                        "symbolSize": 14 + round(60 * graph.betweenness.get(node.id, 0.0)),
                        "category": categories.index(node.agency_type),
                        "symbol": "circle" if node.domestic else "diamond",
                    }
                    for node in graph.nodes.values()
                ],
                "links": [
                    {
                        "source": str(a.id),
                        "target": str(b.id),
                        "value": ", ".join(via),
                        "lineStyle": {"width": 1 + len(via)},
                    }
                    for a, b, via in graph.edges()
                ]
                + [
                    # the links the rule table expects but the state lacks, dashed in red
                    {
                        "source": str(a.id),
                        "target": str(b.id),
                        "value": _("missing link (%(basis)s)") % {"basis": m.rule.basis},
                        "lineStyle": {"type": "dashed", "color": "#b3261e", "width": 2},
                    }
                    for m in graph.missing
                    for a in m.agencies_a
                    for b in m.agencies_b
                    if a.id != b.id
                ],
                "edgeLabel": {"show": False},
                "emphasis": {"focus": "adjacency"},
            }
        ],
    }
