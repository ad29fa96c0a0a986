"""Where training meets results frameworks: the programme's figures become actuals of the
linked indicators (through evaluation's own service), and level-4 evidence is read from the
linked indicators' periods. Every import from `tact.evaluation` is in this one module."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log
from tact.evaluation import services as evaluation_services
from tact.evaluation.models import Indicator, IndicatorPeriod
from tact.training import selectors
from tact.training.models import Participant, Programme, ProgrammeIndicator, Session


def indicator_choices(actor: Actor, programme: Programme | None = None) -> Any:
    """Indicators the actor may see (to link a programme to); those of the funding project's
    framework first."""
    indicators = access.visible(actor, Indicator.objects.select_related("node__framework"))
    if programme is not None and programme.project_id:
        own = When(node__framework__project_id=programme.project_id, then=Value(0))
        indicators = indicators.annotate(
            own=Case(own, default=Value(1), output_field=IntegerField())
        ).order_by("own", "node__framework__title", "title")
        return indicators
    return indicators.order_by("node__framework__title", "title")


@transaction.atomic
def link_indicator(
    *, actor: Actor, programme: Programme, indicator: Indicator, metric: str
) -> ProgrammeIndicator:
    if not (access.can_edit(actor, programme) and access.can_view(actor, indicator)):
        raise PermissionDenied(_("You may not change this record."))
    link, _created = ProgrammeIndicator.objects.get_or_create(
        programme=programme, indicator=indicator, metric=metric
    )
    audit_log(
        actor=actor,
        action="training.indicator.link",
        target=programme,
        changes={"indicator": indicator.pk, "metric": metric},
    )
    return link


def year_figures(programme: Programme, year: int) -> dict[str, Any]:
    """Officials trained in `year` (sessions ending that year) by sex and agency type, and
    the class-average gain over them in percent."""
    sessions = Session.objects.filter(course__programme=programme, end__year=year)
    # One official who attended several sessions counts once (the same participant id).
    people: dict[str, tuple[str, str]] = {}
    for code, sex, agency_type in (
        Participant.objects.filter(session__in=sessions)
        .order_by("session__end", "pk")
        .values_list("code", "sex", "agency_type")
    ):
        people[code] = (sex, agency_type)
    by_sex = Counter(sex for sex, _type in people.values())
    by_type = Counter(agency_type for _sex, agency_type in people.values())
    report = selectors.kirkpatrick(sessions)["l2"]
    return {
        "trained": sum(by_sex.values()),
        "by_sex": dict(by_sex),
        "by_agency_type": dict(by_type),
        "gain_percent": None
        if report.class_gain is None
        else (report.class_gain * 100).quantize(Decimal("0.1")),
    }


@transaction.atomic
def push_actuals(*, actor: Actor, programme: Programme, year: int) -> list[IndicatorPeriod]:
    """Write the year's figures as actuals of the linked indicators (calendar-year periods),
    with the trained officials broken down by sex and agency type."""
    figures = year_figures(programme, year)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    periods = []
    for link in programme.indicators.select_related("indicator").exclude(
        metric=ProgrammeIndicator.Metric.RESULTS
    ):
        indicator = link.indicator
        if link.metric == ProgrammeIndicator.Metric.TRAINED:
            value: Decimal | None = Decimal(figures["trained"])
            rows = [
                {"dimension": "sex", "value": k, "actual": str(v)}
                for k, v in sorted(figures["by_sex"].items())
            ] + [
                {"dimension": "agency type", "value": k, "actual": str(v)}
                for k, v in sorted(figures["by_agency_type"].items())
            ]
            allowed = set(indicator.dimensions)
            rows = [r for r in rows if not allowed or r["dimension"] in allowed]
            comment = _("Officials trained in %(year)d (training records).") % {"year": year}
        else:
            value, rows = figures["gain_percent"], []
            comment = _("Class-average normalised learning gain in %(year)d, in percent.") % {
                "year": year
            }
        if value is None:
            continue
        existing = IndicatorPeriod.objects.filter(indicator=indicator, start=start, end=end).first()
        periods.append(
            evaluation_services.period_save(
                actor=actor,
                indicator=indicator,
                start=start,
                end=end,
                period=existing,
                actual_value=value,
                actual_comment=comment,
                disaggregation=rows,
            )
        )
    return periods


def level4_evidence(*, actor: Actor, programme: Programme) -> list[dict[str, Any]]:
    """The actuals of the indicators linked as results (level 4), those the viewer may see."""
    evidence = []
    links = programme.indicators.filter(metric=ProgrammeIndicator.Metric.RESULTS).select_related(
        "indicator"
    )
    for link in links:
        if not access.can_view(actor, link.indicator):
            continue
        for period in link.indicator.periods.exclude(actual_value__isnull=True).order_by("start"):
            evidence.append(
                {
                    "indicator": link.indicator,
                    "start": period.start,
                    "end": period.end,
                    "actual": period.actual_value,
                    "comment": period.actual_comment,
                }
            )
    return evidence


def demo_indicators(framework_title: str) -> dict[str, Indicator]:
    """For the demo: two indicators under the training activity of the evaluation demo's
    framework (created once), plus its convictions indicator as level-4 evidence."""
    from tact.core.access import SYSTEM
    from tact.evaluation.models import ResultNode

    node = (
        ResultNode.objects.filter(framework__title=framework_title, level="activity")
        .order_by("pk")
        .first()
    )
    if node is None:
        return {}
    found: dict[str, Indicator] = {}
    for metric, title, dimensions in (
        ("trained", "Officials trained by the capacity-building programme", ["sex", "agency type"]),
        ("gain", "Average normalised learning gain (percent)", []),
    ):
        indicator = Indicator.objects.filter(node=node, title=title).first()
        found[metric] = indicator or evaluation_services.indicator_create(
            actor=SYSTEM, node=node, title=title, measure="unit", dimensions=dimensions
        )
    results = Indicator.objects.filter(
        node__framework__title=framework_title, title__startswith="Convictions"
    ).first()
    if results is not None:
        found["results"] = results
    return found
