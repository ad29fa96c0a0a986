"""IATI `result` / `indicator` elements to and from a results framework.

IATI results are flat (a list of results, each typed output / outcome / impact / other);
a framework is a tree. Import places every IATI result at the top of the tree (the tree can
be arranged afterwards) and replaces the nodes that came from IATI earlier, so importing the
same activity twice changes nothing. Export writes every node with its level's result type.

IndicatorMeasure codes: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative (the last
three are qualitative here: they are not added up).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from tact.assistance.iati import model as iati
from tact.assistance.models import Project
from tact.core.access import Actor
from tact.core.audit import audit_log
from tact.directory.models import State
from tact.evaluation import permissions, services
from tact.evaluation.models import (
    IATI_TO_LEVEL,
    LEVEL_TO_IATI,
    Indicator,
    IndicatorPeriod,
    Level,
    Measure,
    ResultNode,
    ResultsFramework,
)

MEASURE_FROM_IATI = {"1": Measure.UNIT, "2": Measure.PERCENTAGE}
MEASURE_TO_IATI = {Measure.UNIT: "1", Measure.PERCENTAGE: "2", Measure.QUALITATIVE: "5"}
IATI_MARK = "[IATI]"


def _text(narratives: iati.Narratives, language: str | None) -> str:
    return iati.first_text(narratives, language)


def _decimal(value: str | None) -> Decimal | None:
    if value is None or not str(value).strip():
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _dimension_rows(values: list[iati.PeriodValue], part: str) -> list[dict[str, str]]:
    rows = []
    for value in values:
        for dimension in value.dimensions:
            if dimension.name and dimension.value and value.value is not None:
                rows.append(
                    {"dimension": dimension.name, "value": dimension.value, part: str(value.value)}
                )
    return rows


def _merge_rows(
    targets: list[dict[str, str]], actuals: list[dict[str, str]]
) -> list[dict[str, str]]:
    merged: dict[tuple[str, str], dict[str, str]] = {}
    for row in [*targets, *actuals]:
        key = (row["dimension"], row["value"])
        merged.setdefault(key, {"dimension": key[0], "value": key[1]}).update(row)
    return list(merged.values())


def _overall(values: list[iati.PeriodValue]) -> iati.PeriodValue | None:
    """The value without dimensions (the total), else the first value."""
    plain = [v for v in values if not v.dimensions]
    return plain[0] if plain else None


@transaction.atomic
def import_results(
    *,
    actor: Actor,
    framework: ResultsFramework,
    results: list[iati.Result],
    language: str | None = None,
) -> dict[str, int]:
    """Replace the IATI-sourced part of `framework` with `results`. Returns counts."""
    permissions.require_edit_framework(actor, framework)
    removed = framework.nodes.filter(description__startswith=IATI_MARK).count()
    framework.nodes.filter(description__startswith=IATI_MARK).delete()
    nodes = indicators = periods = 0
    for order, result in enumerate(results):
        level = IATI_TO_LEVEL.get(result.type, Level.OUTPUT)
        description = _text(result.description, language)
        node = ResultNode.objects.create(
            framework=framework,
            level=level,
            title=(_text(result.title, language) or f"IATI result {order + 1}")[:500],
            description=f"{IATI_MARK} {description}".strip(),
            order=1000 + order,
        )
        nodes += 1
        for i_order, source in enumerate(result.indicators):
            measure = MEASURE_FROM_IATI.get(source.measure, Measure.QUALITATIVE)
            baseline = source.baseline
            indicator = Indicator.objects.create(
                node=node,
                title=(_text(source.title, language) or f"IATI indicator {i_order + 1}")[:500],
                description=_text(source.description, language),
                measure=measure,
                ascending=source.ascending,
                baseline_year=baseline.year if baseline and baseline.year else None,
                baseline_value=(
                    _decimal(baseline.value)
                    if baseline and measure != Measure.QUALITATIVE
                    else None
                ),
                baseline_comment=_text(baseline.comment, language) if baseline else "",
                dimensions=sorted(
                    {
                        d.name
                        for p in source.periods
                        for v in [*p.targets, *p.actuals]
                        for d in v.dimensions
                        if d.name
                    }
                ),
                order=i_order,
            )
            indicators += 1
            for period in source.periods:
                if period.start is None or period.end is None or period.end < period.start:
                    continue
                target = _overall(period.targets)
                actual = _overall(period.actuals)
                numeric = measure != Measure.QUALITATIVE
                narrative = ""
                if not numeric:
                    narrative = " / ".join(
                        v.value for v in [*period.targets, *period.actuals] if v.value
                    )
                IndicatorPeriod.objects.update_or_create(
                    indicator=indicator,
                    start=period.start,
                    end=period.end,
                    defaults={
                        "target_value": _decimal(target.value) if target and numeric else None,
                        "actual_value": _decimal(actual.value) if actual and numeric else None,
                        "target_comment": _text(target.comment, language) if target else "",
                        "actual_comment": _text(actual.comment, language) if actual else "",
                        "narrative": narrative,
                        "disaggregation": _merge_rows(
                            _dimension_rows(period.targets, "target"),
                            _dimension_rows(period.actuals, "actual"),
                        )
                        if numeric
                        else [],
                    },
                )
                periods += 1
    framework.iati_synced_at = timezone.now()
    framework.save(update_fields=["iati_synced_at", "updated_at"])
    counts = {"results": nodes, "indicators": indicators, "periods": periods, "replaced": removed}
    audit_log(
        actor=actor, action="evaluation.framework.iati_import", target=framework, changes=counts
    )
    return counts


def _plain_number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    normal = value.normalize()
    return format(normal, "f")


def export_results(framework: ResultsFramework, language: str = "en") -> list[iati.Result]:
    """The framework's nodes as IATI results (one per node, in tree order)."""
    results = []
    nodes = framework.nodes.prefetch_related("indicators__periods").order_by("order", "pk")
    for node in _tree_order(list(nodes)):
        indicators = []
        for indicator in node.indicators.all():
            periods = []
            for period in indicator.periods.all():
                qualitative = indicator.measure == Measure.QUALITATIVE
                targets = []
                actuals = []
                if qualitative:
                    if period.narrative:
                        actuals.append(
                            iati.PeriodValue(value=None, comment={language: period.narrative})
                        )
                else:
                    if period.target_value is not None:
                        targets.append(
                            iati.PeriodValue(
                                value=_plain_number(period.target_value),
                                comment={language: period.target_comment}
                                if period.target_comment
                                else {},
                            )
                        )
                    if period.actual_value is not None:
                        actuals.append(
                            iati.PeriodValue(
                                value=_plain_number(period.actual_value),
                                comment={language: period.actual_comment}
                                if period.actual_comment
                                else {},
                            )
                        )
                    for row in period.disaggregation:
                        dimension = [iati.Dimension(row["dimension"], row["value"])]
                        if row.get("target") is not None:
                            targets.append(
                                iati.PeriodValue(value=row["target"], dimensions=dimension)
                            )
                        if row.get("actual") is not None:
                            actuals.append(
                                iati.PeriodValue(value=row["actual"], dimensions=dimension)
                            )
                periods.append(
                    iati.Period(
                        start=period.start, end=period.end, targets=targets, actuals=actuals
                    )
                )
            baselines = []
            if indicator.baseline_value is not None or indicator.baseline_year:
                baselines.append(
                    iati.Baseline(
                        year=indicator.baseline_year,
                        value=_plain_number(indicator.baseline_value),
                        comment={language: indicator.baseline_comment}
                        if indicator.baseline_comment
                        else {},
                    )
                )
            indicators.append(
                iati.Indicator(
                    measure=MEASURE_TO_IATI[Measure(indicator.measure)],
                    ascending=indicator.ascending,
                    title={language: indicator.title},
                    description={language: indicator.description} if indicator.description else {},
                    baselines=baselines,
                    periods=periods,
                )
            )
        description = node.description.removeprefix(IATI_MARK).strip()
        results.append(
            iati.Result(
                type=LEVEL_TO_IATI[Level(node.level)],
                title={language: node.title},
                description={language: description} if description else {},
                indicators=indicators,
            )
        )
    return results


def _tree_order(nodes: list[ResultNode]) -> list[ResultNode]:
    children: dict[int | None, list[ResultNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[ResultNode] = []

    def walk(parent: int | None) -> None:
        for node in children.get(parent, []):
            ordered.append(node)
            walk(node.pk)

    walk(None)
    return ordered


# ---------------------------------------------------------------- projects


def _date(value: Any) -> Any:
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def project_results(project: Project) -> list[iati.Result]:
    """The IATI results stored with a project (assistance ProjectResult / ResultIndicator)."""
    language = getattr(project, "language", "") or "en"
    results = []
    for result in project.results.all().prefetch_related("indicators").order_by("order", "pk"):
        indicators = []
        for source in result.indicators.all().order_by("order", "pk"):
            periods = []
            for row in source.periods or []:
                targets = (
                    [
                        iati.PeriodValue(
                            value=row.get("target"),
                            comment={language: row["target_comment"]}
                            if row.get("target_comment")
                            else {},
                        )
                    ]
                    if row.get("target") not in (None, "")
                    else []
                )
                actuals = (
                    [
                        iati.PeriodValue(
                            value=row.get("actual"),
                            comment={language: row["actual_comment"]}
                            if row.get("actual_comment")
                            else {},
                        )
                    ]
                    if row.get("actual") not in (None, "")
                    else []
                )
                periods.append(
                    iati.Period(
                        start=_date(row.get("start")),
                        end=_date(row.get("end")),
                        targets=targets,
                        actuals=actuals,
                    )
                )
            baselines = []
            if source.baseline_value or source.baseline_year:
                baselines.append(
                    iati.Baseline(year=source.baseline_year, value=source.baseline_value or None)
                )
            indicators.append(
                iati.Indicator(
                    measure=source.measure,
                    ascending=source.ascending,
                    title={language: source.title} if source.title else {},
                    description={language: source.description} if source.description else {},
                    baselines=baselines,
                    periods=periods,
                )
            )
        results.append(
            iati.Result(
                type=result.type,
                title={language: result.title} if result.title else {},
                description={language: result.description} if result.description else {},
                indicators=indicators,
            )
        )
    return results


@transaction.atomic
def import_project_results(
    *, actor: Actor, project: Project
) -> tuple[ResultsFramework, dict[str, int]]:
    """Build (or refresh) the results framework of a project from its stored IATI results."""
    framework = ResultsFramework.objects.filter(project=project).first()
    if framework is None:
        framework = services.framework_create(
            actor=actor,
            title=project.title[:300],
            project=project,
            classification=project.classification,
            owner_state=None,
            owner_organisation=project.owner_organisation,
            state=_main_state(project),
        )
    counts = import_results(
        actor=actor,
        framework=framework,
        results=project_results(project),
        language=project.language,
    )
    return framework, counts


def _main_state(project: Project) -> State | None:
    country = (
        project.countries.select_related("state")
        .filter(state__isnull=False)
        .order_by("-percentage")
        .first()
    )
    return country.state if country else None


def project_activity(project: Project, framework: ResultsFramework) -> iati.Activity:
    """A 2.03 activity of the project whose results are the framework's (for export)."""
    language = project.language or "en"
    dates = {}
    for code, value in (
        ("1", project.planned_start),
        ("2", project.actual_start),
        ("3", project.planned_end),
        ("4", project.actual_end),
    ):
        if value:
            dates[code] = value
    return iati.Activity(
        identifier=project.iati_identifier,
        reporting_org=iati.Org(
            ref=project.reporting_org_ref or None,
            type=project.reporting_org_type or None,
            names={language: project.reporting_org_name} if project.reporting_org_name else {},
        ),
        default_language=language,
        title={language: project.title},
        description={language: project.description or project.title},
        participating_orgs=[
            iati.ParticipatingOrg(
                role=p.role,
                ref=p.ref or None,
                type=p.type or None,
                names={language: p.name} if p.name else {},
            )
            for p in project.participating_organisations.all()
        ],
        status_code=project.status or None,
        dates=dates,
        recipient_countries=[
            iati.RecipientCountry(c.code, c.percentage) for c in project.countries.all()
        ],
        results=export_results(framework, language),
    )
