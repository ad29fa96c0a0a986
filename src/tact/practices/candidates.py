"""Good-practice candidates of evaluations become draft practices (the evaluation source).

An evaluation finding marked as a good-practice candidate (or any lesson, on request) is
drawn into a draft practice owned like its evaluation (state, organisation), confidential
until published, with the finding as evidence.  Idempotent: one practice per finding
(``source_ref``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from tact.core import access
from tact.core.access import Actor
from tact.core.links import record_ref
from tact.evaluation.models import Finding
from tact.practices.models import GoodPractice, PracticeEvidence, SourceKind
from tact.practices.services import practice_create


@dataclass(frozen=True)
class CandidateReport:
    created: int
    existing: int
    skipped: int


def _language(value: str) -> str:
    code = (value or "en")[:2].lower()
    return code if code in {"en", "fr", "es", "ru", "ar", "zh"} else "en"


@transaction.atomic
def practice_from_finding(*, actor: Actor, finding: Finding) -> tuple[GoodPractice, bool]:
    """The draft practice drawn from *finding* (created if needed): (practice, created)."""
    ref = record_ref(finding)
    existing = GoodPractice.objects.filter(source_ref=ref).first()
    if existing is not None:
        return existing, False
    evaluation = finding.evaluation
    practice = practice_create(
        actor=actor,
        values={
            "title": finding.title[:300],
            "summary": finding.text,
            "context": evaluation.summary,
            "language": _language(getattr(evaluation, "language", "en")),
        },
        owner_state=evaluation.owner_state,
        owner_organisation=evaluation.owner_organisation,
        source_kind=SourceKind.EVALUATION,
        source_ref=ref,
        states=evaluation.states.all(),
        themes=evaluation.themes.all(),
        provisions=evaluation.provisions.all(),
    )
    PracticeEvidence.objects.create(practice=practice, record_ref=ref)
    return practice, True


def practices_from_candidates(*, actor: Actor) -> CandidateReport:
    """Every good-practice candidate the actor may see, as a draft practice."""
    created = existing = skipped = 0
    findings = access.visible(
        actor, Finding.objects.filter(good_practice_candidate=True)
    ).select_related("evaluation")
    for finding in findings.order_by("pk"):
        evaluation = finding.evaluation
        if not access.can_create_for(
            actor,
            owner_state_id=evaluation.owner_state_id,
            owner_organisation_id=evaluation.owner_organisation_id,
        ):
            skipped += 1
            continue
        _practice, new = practice_from_finding(actor=actor, finding=finding)
        created += new
        existing += not new
    return CandidateReport(created, existing, skipped)
