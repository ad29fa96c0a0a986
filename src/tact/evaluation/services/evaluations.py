"""Writes for evaluations: ratings, findings, good-practice candidates, management
responses and documents."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.core.models import Classification
from tact.core.uploads import check_upload_size
from tact.evaluation import permissions
from tact.evaluation.models import (
    Criterion,
    Evaluation,
    EvaluationDocument,
    EvidenceStrength,
    Finding,
    ManagementResponse,
    Rating,
    RatingScale,
)
from tact.evaluation.services._common import audit_change, set_fields, validate

# ---------------------------------------------------------------- evaluations

EVALUATION_M2M = ("interventions", "frameworks", "states", "themes", "provisions")


@transaction.atomic
def evaluation_create(*, actor: Actor, title: str, scale: RatingScale, **values: Any) -> Evaluation:
    owner_state = values.get("owner_state")
    owner_org = values.get("owner_organisation")
    permissions.require_create(
        actor,
        owner_state_id=owner_state.pk if owner_state else None,
        owner_organisation_id=owner_org.pk if owner_org else None,
    )
    m2m = {k: values.pop(k) for k in EVALUATION_M2M if k in values}
    values.setdefault("classification", Classification.RESTRICTED)
    evaluation = Evaluation(title=title, scale=scale, created_by=access.author_of(actor), **values)
    _check_period(evaluation)
    validate(evaluation)
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
def evaluation_update(*, actor: Actor, evaluation: Evaluation, **values: Any) -> Evaluation:
    permissions.require_edit_evaluation(actor, evaluation)
    if "scale" in values and values["scale"] != evaluation.scale and evaluation.ratings.exists():
        raise ValidationError(_("The scale cannot change once ratings are recorded."))
    before = snapshot(evaluation)
    m2m = set_fields(evaluation, values)
    for key in m2m:
        before[key] = sorted(getattr(evaluation, key).values_list("pk", flat=True))
    for key in ("interventions", "frameworks"):
        if key in m2m:
            # An editor changes only the links they can see: a project or framework hidden
            # from them stays linked rather than being dropped by a form that never showed it.
            linked = getattr(evaluation, key).all()
            hidden = linked.exclude(pk__in=access.visible(actor, linked).values("pk"))
            m2m[key] = [*m2m[key], *hidden]
    _check_period(evaluation)
    validate(evaluation)
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
    actor: Actor,
    evaluation: Evaluation,
    criterion: str,
    score: str,
    justification: str,
    evidence_strength: str,
) -> Rating:
    """Record (or change) the rating of one criterion. A rating needs a justification."""
    permissions.require_rate(actor, evaluation)
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
    audit_change(actor, "evaluation.rating.update", rating, before)
    return rating


@transaction.atomic
def finding_create(
    *, actor: Actor, evaluation: Evaluation, title: str, text: str, **values: Any
) -> Finding:
    permissions.require_rate(actor, evaluation)
    if "order" not in values:
        values["order"] = evaluation.findings.count()
    finding = Finding(evaluation=evaluation, title=title, text=text, **values)
    validate(finding)
    finding.save()
    audit_log(
        actor=actor, action="evaluation.finding.create", target=finding, changes=snapshot(finding)
    )
    return finding


@transaction.atomic
def finding_update(*, actor: Actor, finding: Finding, **values: Any) -> Finding:
    permissions.require_rate(actor, finding.evaluation)
    before = snapshot(finding)
    set_fields(finding, values)
    validate(finding)
    if finding.good_practice_candidate and good_practice_problems(finding):
        finding.good_practice_candidate = False
    finding.save()
    audit_change(actor, "evaluation.finding.update", finding, before)
    return finding


@transaction.atomic
def finding_delete(*, actor: Actor, finding: Finding) -> None:
    permissions.require_rate(actor, finding.evaluation)
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
def good_practice_propose(*, actor: Actor, finding: Finding) -> Finding:
    permissions.require_rate(actor, finding.evaluation)
    problems = good_practice_problems(finding)
    if problems:
        raise ValidationError(problems)
    before = snapshot(finding)
    finding.good_practice_candidate = True
    finding.proposed_by = access.author_of(actor)
    finding.proposed_at = timezone.now()
    finding.save()
    audit_change(actor, "evaluation.good_practice.propose", finding, before)
    return finding


@transaction.atomic
def good_practice_withdraw(*, actor: Actor, finding: Finding) -> Finding:
    permissions.require_rate(actor, finding.evaluation)
    before = snapshot(finding)
    finding.good_practice_candidate = False
    finding.save()
    audit_change(actor, "evaluation.good_practice.withdraw", finding, before)
    return finding


@transaction.atomic
def response_save(*, actor: Actor, finding: Finding, **values: Any) -> ManagementResponse:
    """Record or update management's response to a recommendation and its follow-up."""
    permissions.require_respond(actor, finding.evaluation)
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
    validate(response)
    response.save()
    if created:
        audit_log(
            actor=actor,
            action="evaluation.response.create",
            target=response,
            changes=snapshot(response),
        )
    else:
        audit_change(actor, "evaluation.response.update", response, before)
    return response


@transaction.atomic
def document_add(
    *,
    actor: Actor,
    evaluation: Evaluation,
    title: str,
    kind: str,
    url: str = "",
    file: Any = None,
    language: str = "en",
) -> EvaluationDocument:
    permissions.require_edit_evaluation(actor, evaluation)
    if not url and not file:
        raise ValidationError(_("Give an address or a file."))
    if file is not None:
        check_upload_size(file.size)
    document = EvaluationDocument(
        evaluation=evaluation, title=title, kind=kind, url=url, language=language
    )
    if file is not None:
        document.file = file
    validate(document)
    document.save()
    changes = snapshot(document)
    changes["file"] = document.file.name or ""
    audit_log(actor=actor, action="evaluation.document.add", target=document, changes=changes)
    return document
