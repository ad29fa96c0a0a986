"""Writes for results and evaluation: every change is checked, atomic and audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.audit import audit_log, diff, snapshot
from tact.core.models import Classification
from tact.core.uploads import check_upload_size
from tact.evaluation.models import (
    LEVEL_ORDER,
    Criterion,
    Evaluation,
    EvaluationDocument,
    EvidenceStrength,
    Finding,
    Indicator,
    IndicatorPeriod,
    Level,
    ManagementResponse,
    Measure,
    Rating,
    RatingScale,
    ResultNode,
    ResultsFramework,
    Strategy,
)

# ---------------------------------------------------------------- permissions


def may_create(user: Any, *, owner_state_id: int | None, owner_organisation_id: int | None) -> bool:
    """Evaluators build frameworks and evaluations for any state (they are the author);
    everyone else follows the general rule of `access.can_create_for`."""
    scope = access.scope_of(user)
    if scope.authenticated and scope.role == access.Role.EVALUATOR:
        return True
    return access.can_create_for(
        user, owner_state_id=owner_state_id, owner_organisation_id=owner_organisation_id
    )


def can_rate(user: Any, evaluation: Evaluation) -> bool:
    """Ratings and findings are the evaluators' judgement: the secretariat or the evaluator
    who authored the evaluation (not the managers of the evaluated state)."""
    scope = access.scope_of(user)
    if scope.is_secretariat:
        return True
    return (
        scope.role == access.Role.EVALUATOR
        and scope.user_id is not None
        and evaluation.created_by_id == scope.user_id
    )


def can_respond(user: Any, evaluation: Evaluation) -> bool:
    """Management responses come from the owners of the evaluated work (or the secretariat),
    never from the evaluators who wrote the recommendations."""
    if access.scope_of(user).role == access.Role.EVALUATOR:
        return False
    return access.can_edit(user, evaluation)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("You may not change this record."))


def _changed(actor: Any, action: str, obj: Model, before: dict[str, Any]) -> None:
    changes = diff(before, snapshot(obj))
    if changes:
        audit_log(actor=actor, action=action, target=obj, changes=changes)


def _set_fields(obj: Model, values: dict[str, Any]) -> dict[str, Any]:
    m2m = {}
    for key, value in values.items():
        field = obj._meta.get_field(key)
        if field.many_to_many:
            m2m[key] = value
        else:
            setattr(obj, key, value)
    return m2m


def _validate(obj: Model, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)


# ---------------------------------------------------------------- strategies, frameworks


@transaction.atomic
def strategy_create(*, actor: Any, title: str, **values: Any) -> Strategy:
    state = values.get("state")
    values.setdefault("owner_state", state)
    owner_state = values.get("owner_state")
    owner_org = values.get("owner_organisation")
    _require(
        may_create(
            actor,
            owner_state_id=owner_state.pk if owner_state else None,
            owner_organisation_id=owner_org.pk if owner_org else None,
        )
    )
    strategy = Strategy(title=title, created_by=access.author_of(actor), **values)
    _validate(strategy)
    strategy.save()
    audit_log(
        actor=actor,
        action="evaluation.strategy.create",
        target=strategy,
        changes=snapshot(strategy),
    )
    return strategy


@transaction.atomic
def framework_create(
    *,
    actor: Any,
    title: str,
    project: Any = None,
    strategy: Strategy | None = None,
    **values: Any,
) -> ResultsFramework:
    if (project is None) == (strategy is None):
        raise ValidationError(_("A results framework belongs to one project or one strategy."))
    if strategy is not None:
        values.setdefault("state", strategy.state)
    values.setdefault("owner_state", values.get("state"))
    owner_state = values.get("owner_state")
    owner_org = values.get("owner_organisation")
    _require(
        may_create(
            actor,
            owner_state_id=owner_state.pk if owner_state else None,
            owner_organisation_id=owner_org.pk if owner_org else None,
        )
    )
    if project is not None and ResultsFramework.objects.filter(project=project).exists():
        raise ValidationError(_("This project already has a results framework."))
    framework = ResultsFramework(
        title=title,
        project=project,
        strategy=strategy,
        created_by=access.author_of(actor),
        **values,
    )
    _validate(framework)
    framework.save()
    audit_log(
        actor=actor,
        action="evaluation.framework.create",
        target=framework,
        changes=snapshot(framework),
    )
    return framework


@transaction.atomic
def framework_update(*, actor: Any, framework: ResultsFramework, **values: Any) -> ResultsFramework:
    access.require_edit(actor, framework)
    before = snapshot(framework)
    _set_fields(framework, values)
    _validate(framework)
    framework.save()
    _changed(actor, "evaluation.framework.update", framework, before)
    return framework


def _check_level(level: str, parent: ResultNode | None) -> None:
    if level not in Level.values:
        raise ValidationError(_("Unknown level %(level)s.") % {"level": level})
    if parent is not None and LEVEL_ORDER.index(Level(level)) <= LEVEL_ORDER.index(
        Level(parent.level)
    ):
        raise ValidationError(
            _("A %(level)s cannot contribute to a %(parent)s: choose a lower level.")
            % {"level": Level(level).label, "parent": Level(parent.level).label}
        )


@transaction.atomic
def node_create(
    *,
    actor: Any,
    framework: ResultsFramework,
    level: str,
    title: str,
    parent: ResultNode | None = None,
    **values: Any,
) -> ResultNode:
    access.require_edit(actor, framework)
    if parent is not None and parent.framework_id != framework.pk:
        raise ValidationError(_("The parent result belongs to another framework."))
    _check_level(level, parent)
    if "order" not in values:
        values["order"] = framework.nodes.filter(parent=parent).count()
    node = ResultNode(framework=framework, parent=parent, level=level, title=title, **values)
    _validate(node)
    node.save()
    audit_log(actor=actor, action="evaluation.node.create", target=node, changes=snapshot(node))
    return node


@transaction.atomic
def node_update(*, actor: Any, node: ResultNode, **values: Any) -> ResultNode:
    access.require_edit(actor, node.framework)
    before = snapshot(node)
    _set_fields(node, values)
    _check_level(node.level, node.parent)
    for child in node.children.all():
        _check_level(child.level, node)
    _validate(node)
    node.save()
    _changed(actor, "evaluation.node.update", node, before)
    return node


@transaction.atomic
def node_delete(*, actor: Any, node: ResultNode) -> None:
    access.require_edit(actor, node.framework)
    audit_log(actor=actor, action="evaluation.node.delete", target=node, changes=snapshot(node))
    node.delete()


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
def indicator_create(*, actor: Any, node: ResultNode, title: str, **values: Any) -> Indicator:
    access.require_edit(actor, node.framework)
    m2m = {k: values.pop(k) for k in ("provisions",) if k in values}
    if "order" not in values:
        values["order"] = node.indicators.count()
    indicator = Indicator(node=node, title=title, **values)
    _check_indicator(indicator)
    _validate(indicator)
    indicator.save()
    for key, items in m2m.items():
        getattr(indicator, key).set(items)
    audit_log(
        actor=actor,
        action="evaluation.indicator.create",
        target=indicator,
        changes=snapshot(indicator),
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor: Any, indicator: Indicator, **values: Any) -> Indicator:
    access.require_edit(actor, indicator.node.framework)
    before = snapshot(indicator)
    m2m = _set_fields(indicator, values)
    _check_indicator(indicator)
    _validate(indicator)
    indicator.save()
    for key, items in m2m.items():
        getattr(indicator, key).set(items)
    _changed(actor, "evaluation.indicator.update", indicator, before)
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
    actor: Any,
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
    access.require_edit(actor, indicator.node.framework)
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
    _validate(period)
    period.save()
    if created:
        audit_log(
            actor=actor, action="evaluation.period.create", target=period, changes=snapshot(period)
        )
    else:
        _changed(actor, "evaluation.period.update", period, before)
    return period


@transaction.atomic
def period_delete(*, actor: Any, period: IndicatorPeriod) -> None:
    access.require_edit(actor, period.indicator.node.framework)
    audit_log(
        actor=actor, action="evaluation.period.delete", target=period, changes=snapshot(period)
    )
    period.delete()


# ---------------------------------------------------------------- rating scales

DEFAULT_SCALES: list[dict[str, Any]] = [
    {
        "code": "ieg-6",
        "name": "Six-point (IEG)",
        "description": "Highly satisfactory to highly unsatisfactory; moderately satisfactory "
        "or better counts as satisfactory (IEG 'MS+').",
        "levels": [
            {"code": "HS", "label": "Highly satisfactory", "satisfactory": True},
            {"code": "S", "label": "Satisfactory", "satisfactory": True},
            {"code": "MS", "label": "Moderately satisfactory", "satisfactory": True},
            {"code": "MU", "label": "Moderately unsatisfactory", "satisfactory": False},
            {"code": "U", "label": "Unsatisfactory", "satisfactory": False},
            {"code": "HU", "label": "Highly unsatisfactory", "satisfactory": False},
        ],
    },
    {
        "code": "four-point",
        "name": "Four-point",
        "description": "Fully achieved to not achieved; the top two levels count as satisfactory.",
        "levels": [
            {"code": "4", "label": "Highly satisfactory", "satisfactory": True},
            {"code": "3", "label": "Satisfactory", "satisfactory": True},
            {"code": "2", "label": "Unsatisfactory", "satisfactory": False},
            {"code": "1", "label": "Highly unsatisfactory", "satisfactory": False},
        ],
    },
]


def _check_levels(levels: Any) -> None:
    if not isinstance(levels, list) or len(levels) < 2:
        raise ValidationError(_("A scale needs at least two levels."))
    codes = [lv.get("code") if isinstance(lv, dict) else None for lv in levels]
    if any(not c or not isinstance(c, str) for c in codes) or len(set(codes)) != len(codes):
        raise ValidationError(_("Every level needs its own code."))
    if Rating.NOT_APPLICABLE in codes:
        raise ValidationError(_("n/a is reserved for 'not applicable'."))
    for lv in levels:
        if not lv.get("label") or not isinstance(lv.get("satisfactory"), bool):
            raise ValidationError(_("Every level needs a label and says if it is satisfactory."))


@transaction.atomic
def scale_save(
    *, actor: Any, code: str, name: str, levels: list[dict[str, Any]], description: str = ""
) -> RatingScale:
    """Create or update a rating scale (secretariat only). A scale in use keeps its codes."""
    if actor is not access.SYSTEM:
        access.require_secretariat(actor)
    _check_levels(levels)
    scale = RatingScale.objects.filter(code=code).first()
    if scale is not None:
        used = set(Rating.objects.filter(evaluation__scale=scale).values_list("score", flat=True))
        missing = used - {lv["code"] for lv in levels} - {Rating.NOT_APPLICABLE}
        if missing:
            raise ValidationError(
                _("Ratings use levels this change would remove: %(codes)s.")
                % {"codes": ", ".join(sorted(missing))}
            )
        before = snapshot(scale)
        scale.name, scale.levels, scale.description = name, levels, description
        scale.save()
        _changed(actor, "evaluation.scale.update", scale, before)
        return scale
    scale = RatingScale.objects.create(code=code, name=name, levels=levels, description=description)
    audit_log(actor=actor, action="evaluation.scale.create", target=scale, changes=snapshot(scale))
    return scale


def ensure_default_scales() -> None:
    for row in DEFAULT_SCALES:
        if not RatingScale.objects.filter(code=row["code"]).exists():
            scale_save(actor=access.SYSTEM, **row)


# ---------------------------------------------------------------- evaluations

EVALUATION_M2M = ("interventions", "frameworks", "states", "themes", "provisions")


@transaction.atomic
def evaluation_create(*, actor: Any, title: str, scale: RatingScale, **values: Any) -> Evaluation:
    owner_state = values.get("owner_state")
    owner_org = values.get("owner_organisation")
    _require(
        may_create(
            actor,
            owner_state_id=owner_state.pk if owner_state else None,
            owner_organisation_id=owner_org.pk if owner_org else None,
        )
    )
    m2m = {k: values.pop(k) for k in EVALUATION_M2M if k in values}
    values.setdefault("classification", Classification.RESTRICTED)
    evaluation = Evaluation(title=title, scale=scale, created_by=access.author_of(actor), **values)
    _check_period(evaluation)
    _validate(evaluation)
    evaluation.save()
    for key, items in m2m.items():
        getattr(evaluation, key).set(items)
    audit_log(
        actor=actor,
        action="evaluation.create",
        target=evaluation,
        changes={**snapshot(evaluation), **{k: [i.pk for i in v] for k, v in m2m.items()}},
    )
    return evaluation


def _check_period(evaluation: Evaluation) -> None:
    if (
        evaluation.period_start
        and evaluation.period_end
        and evaluation.period_end < evaluation.period_start
    ):
        raise ValidationError(_("The period evaluated ends before it starts."))


@transaction.atomic
def evaluation_update(*, actor: Any, evaluation: Evaluation, **values: Any) -> Evaluation:
    access.require_edit(actor, evaluation)
    if "scale" in values and values["scale"] != evaluation.scale and evaluation.ratings.exists():
        raise ValidationError(_("The scale cannot change once ratings are recorded."))
    before = snapshot(evaluation)
    m2m = _set_fields(evaluation, values)
    for key in m2m:
        before[key] = sorted(getattr(evaluation, key).values_list("pk", flat=True))
    _check_period(evaluation)
    _validate(evaluation)
    evaluation.save()
    for key, items in m2m.items():
        getattr(evaluation, key).set(items)
    after = {**snapshot(evaluation), **{k: sorted(i.pk for i in v) for k, v in m2m.items()}}
    changes = diff(before, after)
    if changes:
        audit_log(actor=actor, action="evaluation.update", target=evaluation, changes=changes)
    return evaluation


@transaction.atomic
def rating_set(
    *,
    actor: Any,
    evaluation: Evaluation,
    criterion: str,
    score: str,
    justification: str,
    evidence_strength: str,
) -> Rating:
    """Record (or change) the rating of one criterion. A rating needs a justification."""
    _require(can_rate(actor, evaluation))
    if criterion not in Criterion.values:
        raise ValidationError(_("Unknown criterion %(c)s.") % {"c": criterion})
    if score != Rating.NOT_APPLICABLE and evaluation.scale.level(score) is None:
        raise ValidationError(
            _("%(score)s is not a level of the scale %(scale)s.")
            % {"score": score, "scale": evaluation.scale}
        )
    if evidence_strength not in EvidenceStrength.values:
        raise ValidationError(_("Choose the strength of evidence."))
    if not justification.strip():
        raise ValidationError(_("A rating needs a justification."))
    rating = Rating.objects.filter(evaluation=evaluation, criterion=criterion).first()
    if rating is None:
        rating = Rating.objects.create(
            evaluation=evaluation,
            criterion=criterion,
            score=score,
            justification=justification.strip(),
            evidence_strength=evidence_strength,
        )
        audit_log(
            actor=actor, action="evaluation.rating.create", target=rating, changes=snapshot(rating)
        )
        return rating
    before = snapshot(rating)
    rating.score, rating.justification = score, justification.strip()
    rating.evidence_strength = evidence_strength
    rating.save()
    _changed(actor, "evaluation.rating.update", rating, before)
    return rating


@transaction.atomic
def finding_create(
    *, actor: Any, evaluation: Evaluation, title: str, text: str, **values: Any
) -> Finding:
    _require(can_rate(actor, evaluation))
    if "order" not in values:
        values["order"] = evaluation.findings.count()
    finding = Finding(evaluation=evaluation, title=title, text=text, **values)
    _validate(finding)
    finding.save()
    audit_log(
        actor=actor, action="evaluation.finding.create", target=finding, changes=snapshot(finding)
    )
    return finding


@transaction.atomic
def finding_update(*, actor: Any, finding: Finding, **values: Any) -> Finding:
    _require(can_rate(actor, finding.evaluation))
    before = snapshot(finding)
    _set_fields(finding, values)
    _validate(finding)
    if finding.good_practice_candidate and good_practice_problems(finding):
        finding.good_practice_candidate = False
    finding.save()
    _changed(actor, "evaluation.finding.update", finding, before)
    return finding


@transaction.atomic
def finding_delete(*, actor: Any, finding: Finding) -> None:
    _require(can_rate(actor, finding.evaluation))
    audit_log(
        actor=actor, action="evaluation.finding.delete", target=finding, changes=snapshot(finding)
    )
    finding.delete()


def good_practice_problems(finding: Finding) -> list[str]:
    """Why a finding cannot (yet) be proposed as a good practice; empty when it can.

    The rule: a finding or lesson (not a recommendation), backed by strong evidence, about a
    criterion the evaluation rated satisfactory or better on its scale.
    """
    problems = []
    if finding.kind == Finding.Kind.RECOMMENDATION:
        problems.append(_("A recommendation is not a practice that worked."))
    if finding.evidence_strength != EvidenceStrength.STRONG:
        problems.append(_("The evidence is not strong."))
    if not finding.criterion:
        problems.append(_("The finding names no criterion."))
    else:
        rating = finding.evaluation.ratings.filter(criterion=finding.criterion).first()
        if rating is None:
            problems.append(_("Its criterion is not rated yet."))
        elif not rating.satisfactory:
            problems.append(_("Its criterion is not rated satisfactory or better."))
    return problems


@transaction.atomic
def good_practice_propose(*, actor: Any, finding: Finding) -> Finding:
    _require(can_rate(actor, finding.evaluation))
    problems = good_practice_problems(finding)
    if problems:
        raise ValidationError(problems)
    before = snapshot(finding)
    finding.good_practice_candidate = True
    finding.proposed_by = access.author_of(actor)
    finding.proposed_at = timezone.now()
    finding.save()
    _changed(actor, "evaluation.good_practice.propose", finding, before)
    return finding


@transaction.atomic
def good_practice_withdraw(*, actor: Any, finding: Finding) -> Finding:
    _require(can_rate(actor, finding.evaluation))
    before = snapshot(finding)
    finding.good_practice_candidate = False
    finding.save()
    _changed(actor, "evaluation.good_practice.withdraw", finding, before)
    return finding


@transaction.atomic
def response_save(*, actor: Any, finding: Finding, **values: Any) -> ManagementResponse:
    """Record or update management's response to a recommendation and its follow-up."""
    _require(can_respond(actor, finding.evaluation))
    if finding.kind != Finding.Kind.RECOMMENDATION:
        raise ValidationError(_("Management responds to recommendations only."))
    response = ManagementResponse.objects.filter(finding=finding).first()
    created = response is None
    if response is None:
        response = ManagementResponse(finding=finding)
    before = {} if created else snapshot(response)
    for key, value in values.items():
        setattr(response, key, value)
    if (
        response.decision == ManagementResponse.Decision.REJECTED
        and response.follow_up_status
        not in {ManagementResponse.FollowUp.NOT_APPLICABLE, ManagementResponse.FollowUp.NOT_STARTED}
    ):
        raise ValidationError(_("A rejected recommendation has no follow-up actions."))
    _validate(response)
    response.save()
    if created:
        audit_log(
            actor=actor,
            action="evaluation.response.create",
            target=response,
            changes=snapshot(response),
        )
    else:
        _changed(actor, "evaluation.response.update", response, before)
    return response


@transaction.atomic
def document_add(
    *,
    actor: Any,
    evaluation: Evaluation,
    title: str,
    kind: str,
    url: str = "",
    file: Any = None,
    language: str = "en",
) -> EvaluationDocument:
    access.require_edit(actor, evaluation)
    if not url and not file:
        raise ValidationError(_("Give an address or a file."))
    if file is not None:
        check_upload_size(file.size)
    document = EvaluationDocument(
        evaluation=evaluation, title=title, kind=kind, url=url, language=language
    )
    if file is not None:
        document.file = file
    _validate(document)
    document.save()
    changes = snapshot(document)
    changes["file"] = document.file.name or ""
    audit_log(actor=actor, action="evaluation.document.add", target=document, changes=changes)
    return document
