"""Writes for indicators and their periods (targets and actual values)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tact.core.access import Actor
from tact.core.audit import audit_log, snapshot
from tact.evaluation import permissions
from tact.evaluation.models import (
    Indicator,
    IndicatorPeriod,
    Measure,
    ResultNode,
)
from tact.evaluation.services._common import audit_change, set_fields, validate
from tact.evaluation.services.recommendations import link_recommendations

# ---------------------------------------------------------------- indicators and periods


def _check_indicator(indicator: Indicator) -> None:
    parent = indicator.parent_indicator
    if parent is not None:
        if parent.measure != indicator.measure:
            raise ValidationError(
                _("An indicator can roll up only into a parent of the same measure.")
            )
        seen = {indicator.pk}
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError(_("Indicators cannot roll up into themselves."))
            seen.add(parent.pk)
            parent = parent.parent_indicator
    if indicator.measure == Measure.QUALITATIVE and (
        indicator.baseline_value is not None or indicator.baseline_numerator is not None
    ):
        raise ValidationError(_("A qualitative indicator has no numeric baseline."))
    _check_parts(indicator.baseline_numerator, indicator.baseline_denominator, _("baseline"))
    if (
        indicator.measure == Measure.PERCENTAGE
        and indicator.baseline_numerator is not None
        and indicator.baseline_denominator
    ):
        indicator.baseline_value = _percent(
            indicator.baseline_numerator, indicator.baseline_denominator
        )
    if not isinstance(indicator.dimensions, list) or not all(
        isinstance(d, str) and d.strip() for d in indicator.dimensions
    ):
        raise ValidationError(_("Disaggregation dimensions must be a list of names."))


def _percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (Decimal(numerator) / Decimal(denominator) * 100).quantize(Decimal("0.0001"))


def _check_parts(numerator: Decimal | None, denominator: Decimal | None, what: Any) -> None:
    if (numerator is None) != (denominator is None):
        raise ValidationError(
            _("Give both the numerator and the denominator of the %(what)s, or neither.")
            % {"what": what}
        )
    if denominator is not None and denominator <= 0:
        raise ValidationError(_("A denominator must be greater than zero."))


@transaction.atomic
def indicator_create(*, actor: Actor, node: ResultNode, title: str, **values: Any) -> Indicator:
    permissions.require_edit_framework(actor, node.framework)
    m2m = {k: values.pop(k) for k in ("provisions",) if k in values}
    if "order" not in values:
        values["order"] = node.indicators.count()
    indicator = Indicator(node=node, title=title, **values)
    _check_indicator(indicator)
    validate(indicator)
    indicator.save()
    for key, items in m2m.items():
        getattr(indicator, key).set(items)
    link_recommendations(indicator, state_id=node.framework.state_id)
    audit_log(
        actor=actor,
        action="evaluation.indicator.create",
        target=indicator,
        changes=snapshot(indicator),
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor: Actor, indicator: Indicator, **values: Any) -> Indicator:
    permissions.require_edit_framework(actor, indicator.node.framework)
    before = snapshot(indicator)
    m2m = set_fields(indicator, values)
    _check_indicator(indicator)
    validate(indicator)
    indicator.save()
    for key, items in m2m.items():
        getattr(indicator, key).set(items)
    if "recommendation_codes" in values:
        link_recommendations(indicator, state_id=indicator.node.framework.state_id)
    audit_change(actor, "evaluation.indicator.update", indicator, before)
    return indicator


def _check_disaggregation(indicator: Indicator, rows: Any) -> list[dict[str, str]]:
    if not isinstance(rows, list):
        raise ValidationError(_("Disaggregation must be a list."))
    clean = []
    allowed = set(indicator.dimensions)
    for row in rows:
        if not isinstance(row, dict) or not row.get("dimension") or not row.get("value"):
            raise ValidationError(_("Each disaggregated value needs a dimension and a value."))
        if allowed and row["dimension"] not in allowed:
            raise ValidationError(
                _("%(dimension)s is not a dimension of this indicator.")
                % {"dimension": row["dimension"]}
            )
        entry = {"dimension": str(row["dimension"]), "value": str(row["value"])}
        for part in ("actual", "target"):
            raw = row.get(part)
            if raw in (None, ""):
                continue
            try:
                entry[part] = str(Decimal(str(raw)))
            except ArithmeticError as exc:
                raise ValidationError(_("%(value)s is not a number.") % {"value": raw}) from exc
        clean.append(entry)
    return clean


@transaction.atomic
def period_save(
    *,
    actor: Actor,
    indicator: Indicator,
    start: dt.date,
    end: dt.date,
    period: IndicatorPeriod | None = None,
    **values: Any,
) -> IndicatorPeriod:
    """Create or update the period (start, end) of an indicator, with its target and actual.

    Percentages given as numerator and denominator get their value computed; a qualitative
    indicator takes only narratives.
    """
    permissions.require_edit_framework(actor, indicator.node.framework)
    if period is None:
        period = IndicatorPeriod.objects.filter(indicator=indicator, start=start, end=end).first()
    created = period is None
    if period is None:
        period = IndicatorPeriod(indicator=indicator, start=start, end=end)
    before = {} if created else snapshot(period)
    period.start, period.end = start, end
    for key, value in values.items():
        setattr(period, key, value)
    if indicator.measure == Measure.QUALITATIVE:
        numeric = [
            period.target_value,
            period.actual_value,
            period.target_numerator,
            period.actual_numerator,
        ]
        if any(v is not None for v in numeric):
            raise ValidationError(_("A qualitative indicator takes a narrative, not numbers."))
    for part in ("target", "actual"):
        numerator = getattr(period, f"{part}_numerator")
        denominator = getattr(period, f"{part}_denominator")
        _check_parts(numerator, denominator, part)
        if numerator is not None and indicator.measure != Measure.PERCENTAGE:
            raise ValidationError(_("Only percentage indicators take numerators."))
        if numerator is not None and denominator:
            setattr(period, f"{part}_value", _percent(numerator, denominator))
    period.disaggregation = _check_disaggregation(indicator, period.disaggregation or [])
    validate(period)
    period.save()
    if created:
        audit_log(
            actor=actor, action="evaluation.period.create", target=period, changes=snapshot(period)
        )
    else:
        audit_change(actor, "evaluation.period.update", period, before)
    return period


@transaction.atomic
def period_delete(*, actor: Actor, period: IndicatorPeriod) -> None:
    permissions.require_edit_framework(actor, period.indicator.node.framework)
    audit_log(
        actor=actor, action="evaluation.period.delete", target=period, changes=snapshot(period)
    )
    period.delete()
