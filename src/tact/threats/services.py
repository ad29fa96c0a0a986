"""Writes for threat assessments: checked, atomic, audited. Method templates are versioned
(a revision is a new version; assessments keep theirs); ratings are validated against the
assessment's own template version; a batch of ratings is saved whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.core.models import Classification
from tact.threats import grading, methods, permissions
from tact.threats.models import (
    Assessment,
    Evidence,
    Finding,
    MethodTemplate,
    Rating,
    Subject,
    TemplateVersion,
)


def _require(condition: bool, message: str = "") -> None:
    if not condition:
        raise PermissionDenied(message or _("You may not change this record."))


def _created(actor: Actor, action: str, obj: Model) -> None:
    audit_log(actor=actor, action=action, target=obj, changes=snapshot(obj))


def _changed(actor: Actor, action: str, obj: Model, before: dict[str, Any]) -> None:
    changes = diff(before, snapshot(obj))
    if changes:
        audit_log(actor=actor, action=action, target=obj, changes=changes)


def check_definition(definition: Mapping[str, Any]) -> methods.Definition:
    try:
        return methods.parse(definition)
    except methods.DefinitionError as exc:
        raise ValidationError(exc.problems) from exc


# ---------------------------------------------------------------- method templates


@transaction.atomic
def template_create(
    *,
    actor: Actor,
    key: str,
    name: str,
    definition: Mapping[str, Any],
    description: str = "",
    owner_state: Any = None,
    note: str = "",
) -> MethodTemplate:
    _require(permissions.can_create_template(actor))
    if owner_state is not None:
        _require(access.can_create_for(actor, owner_state_id=owner_state.pk))
    check_definition(definition)
    template = MethodTemplate(
        key=key,
        name=name.strip(),
        description=description,
        owner_state=owner_state,
        classification=Classification.PUBLIC,
        created_by=access.author_of(actor),
    )
    template.full_clean()
    template.save()
    _created(actor, "threats.template.create", template)
    _new_version(actor, template, definition, note or _("First version"), number=1)
    return template


def _new_version(
    actor: Actor, template: MethodTemplate, definition: Mapping[str, Any], note: str, number: int
) -> TemplateVersion:
    version = TemplateVersion.objects.create(
        template=template,
        number=number,
        definition=dict(definition),
        note=note[:300],
        created_by=access.author_of(actor),
    )
    audit_log(
        actor=actor,
        action="threats.template.version",
        target=template,
        changes={"version": number, "note": note[:300]},
    )
    return version


@transaction.atomic
def template_revise(
    *,
    actor: Actor,
    template: MethodTemplate,
    definition: Mapping[str, Any],
    note: str = "",
    name: str | None = None,
    description: str | None = None,
) -> TemplateVersion:
    """A new version of the template; earlier versions and their assessments stay as they are."""
    _require(permissions.can_edit_template(actor, template))
    parsed = check_definition(definition)
    before = snapshot(template)
    if name is not None and name.strip():
        template.name = name.strip()
    if description is not None:
        template.description = description
    template.save()
    _changed(actor, "threats.template.update", template, before)
    latest = template.latest_version()
    # Compared as methods, not as JSON: 4 and 4.0, or a blank definition text, are no change.
    if latest is not None and latest.parsed() == parsed:
        return latest
    number = (latest.number if latest else 0) + 1
    return _new_version(actor, template, definition, note, number)


@transaction.atomic
def presets_load(*, actor: Actor) -> int:
    """The shipped method templates, where missing (a data migration loads them too; this
    restores them after a database flush, e.g. in the demo). Returns templates created."""
    from tact.threats.presets import PRESETS

    access.require_secretariat(actor)
    created = 0
    for key, name, description, definition in PRESETS:
        if MethodTemplate.objects.filter(key=key).exists():
            continue
        template = MethodTemplate.objects.create(
            key=key, name=name, description=description, classification=Classification.PUBLIC
        )
        _created(actor, "threats.template.create", template)
        _new_version(actor, template, definition, "Shipped with tact", number=1)
        created += 1
    return created


# ---------------------------------------------------------------- assessments


ASSESSMENT_FIELDS = (
    "title",
    "owner_state",
    "owner_organisation",
    "region",
    "period_start",
    "period_end",
    "scope",
    "scope_note",
    "authors",
    "classification",
    "status",
    "previous",
)


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(_("The period ends before it starts."))


def _check_classification(classification: str) -> None:
    # An assessment is never public: what the owner shares leaves it as a finding's
    # sanitised summary (an assistance need), never as ratings.
    if classification == Classification.PUBLIC:
        raise ValidationError(
            _("A threat assessment cannot be public: share a finding's sanitised summary instead.")
        )


@transaction.atomic
def assessment_create(
    *,
    actor: Actor,
    title: str,
    template_version: TemplateVersion,
    period_start: dt.date,
    period_end: dt.date,
    owner_state: Any = None,
    owner_organisation: Any = None,
    copy_subjects: bool = True,
    **values: Any,
) -> Assessment:
    """A new assessment with the template version it is made with (kept for good). When it
    updates a previous assessment, that one's subjects are carried over, unrated."""
    _require(
        permissions.can_create_assessment(
            actor,
            owner_state_id=owner_state.pk if owner_state else None,
            owner_organisation_id=owner_organisation.pk if owner_organisation else None,
        ),
        _("You may not record assessments for this owner."),
    )
    _require(access.can_view(actor, template_version.template))
    _check_period(period_start, period_end)
    _check_classification(values.get("classification", Classification.CONFIDENTIAL))
    previous = values.get("previous")
    if previous is not None and not access.can_view(actor, previous):
        raise ValidationError(_("No such previous assessment."))
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    assessment = Assessment(
        title=title.strip(),
        template_version=template_version,
        period_start=period_start,
        period_end=period_end,
        owner_state=owner_state,
        owner_organisation=owner_organisation,
        created_by=access.author_of(actor),
        **values,
    )
    assessment.full_clean()
    assessment.save()
    _created(actor, "threats.assessment.create", assessment)
    if previous is not None and copy_subjects:
        for old in previous.subjects.all():
            subject_add(
                actor=actor,
                assessment=assessment,
                kind=old.kind,
                pseudonym=old.pseudonym,
                themes=old.themes,
                routes=old.routes,
                commodities=old.commodities,
            )
    return assessment


@transaction.atomic
def assessment_update(*, actor: Actor, assessment: Assessment, **values: Any) -> Assessment:
    _require(permissions.can_edit_assessment(actor, assessment))
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    before = snapshot(assessment)
    for key, value in values.items():
        setattr(assessment, key, value)
    if assessment.previous_id == assessment.pk:
        raise ValidationError(_("An assessment cannot update itself."))
    if assessment.previous is not None and not access.can_view(actor, assessment.previous):
        raise ValidationError(_("No such previous assessment."))
    # Changing the owner must not hand the record to someone the actor may not act for.
    _require(
        permissions.can_create_assessment(
            actor,
            owner_state_id=assessment.owner_state_id,
            owner_organisation_id=assessment.owner_organisation_id,
        ),
        _("You may not record assessments for this owner."),
    )
    _check_period(assessment.period_start, assessment.period_end)
    _check_classification(assessment.classification)
    assessment.full_clean()
    assessment.save()
    _changed(actor, "threats.assessment.update", assessment, before)
    return assessment


# ---------------------------------------------------------------- subjects


def _clean_list(values: Iterable[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


@transaction.atomic
def subject_add(
    *,
    actor: Actor,
    assessment: Assessment,
    kind: str,
    pseudonym: str,
    themes: Iterable[str] = (),
    routes: Iterable[str] = (),
    commodities: Iterable[str] = (),
) -> Subject:
    _require(permissions.can_edit_assessment(actor, assessment))
    pseudonym = pseudonym.strip()
    if assessment.subjects.filter(pseudonym__iexact=pseudonym).exists():
        raise ValidationError(
            _("This assessment already has a subject called %(name)s.") % {"name": pseudonym}
        )
    subject = Subject(
        assessment=assessment,
        kind=kind,
        pseudonym=pseudonym,
        themes=_clean_list(themes),
        routes=_clean_list(routes),
        commodities=_clean_list(commodities),
    )
    subject.full_clean()
    subject.save()
    _created(actor, "threats.subject.create", subject)
    return subject


@transaction.atomic
def subject_delete(*, actor: Actor, subject: Subject) -> None:
    _require(permissions.can_edit_assessment(actor, subject.assessment))
    audit_log(
        actor=actor,
        action="threats.subject.delete",
        target=subject.assessment,
        changes={"subject": subject.pseudonym},
    )
    subject.delete()


# ---------------------------------------------------------------- ratings and evidence


def _level_problem(definition: methods.Definition, subject: Subject, code: str, level: str) -> str:
    attribute = definition.attribute(code)
    if attribute is None or attribute not in definition.attributes_for(subject.kind):
        return _("%(subject)s: the method has no attribute '%(attribute)s' for this kind.") % {
            "subject": subject.pseudonym,
            "attribute": code,
        }
    if level and definition.level(attribute, level) is None:
        return _("%(subject)s, %(attribute)s: '%(level)s' is not a level of the scale.") % {
            "subject": subject.pseudonym,
            "attribute": attribute.name,
            "level": level,
        }
    return ""


@transaction.atomic
def ratings_set(
    *,
    actor: Actor,
    assessment: Assessment,
    cells: Mapping[tuple[int, str], str],
    rationales: Mapping[tuple[int, str], str] | None = None,
) -> int:
    """Set many cells `(subject_pk, attribute_code) -> level code` at once ('' clears a cell).
    Every cell is checked first; one bad cell rejects the whole batch. Returns cells changed."""
    _require(permissions.can_edit_assessment(actor, assessment))
    definition = assessment.template_version.parsed()
    subjects = {s.pk: s for s in assessment.subjects.all()}
    problems: list[str] = []
    for (subject_pk, code), level in cells.items():
        subject = subjects.get(subject_pk)
        if subject is None:
            problems.append(_("No such subject in this assessment."))
            continue
        problem = _level_problem(definition, subject, code, level)
        if problem:
            problems.append(problem)
    if problems:
        raise ValidationError(problems)
    existing = {
        (r.subject_id, r.attribute): r for r in Rating.objects.filter(assessment=assessment)
    }
    changed = 0
    for key, level in cells.items():
        rating = existing.get(key)
        rationale = (rationales or {}).get(key)
        if not level:
            if rating is not None:
                audit_log(
                    actor=actor,
                    action="threats.rating.delete",
                    target=assessment,
                    changes={
                        "cell": f"{subjects[key[0]].pseudonym}/{key[1]}",
                        "level": rating.level,
                    },
                )
                rating.delete()
                changed += 1
            continue
        if rating is None:
            rating = Rating.objects.create(
                assessment=assessment,
                subject=subjects[key[0]],
                attribute=key[1],
                level=level,
                rationale=rationale or "",
            )
            _created(actor, "threats.rating.create", rating)
            changed += 1
            continue
        before = snapshot(rating)
        rating.level = level
        if rationale is not None:
            rating.rationale = rationale
        if snapshot(rating) != before:
            rating.save()
            _changed(actor, "threats.rating.update", rating, before)
            changed += 1
    return changed


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    rating: Rating,
    summary: str,
    scheme: str,
    source_grade: str,
    information_grade: str,
    handling_code: str = "",
    reference: str = "",
    obtained_on: dt.date | None = None,
) -> Evidence:
    _require(permissions.can_edit_assessment(actor, rating.assessment))
    problems = grading.problems(scheme, source_grade, information_grade, handling_code)
    if not summary.strip():
        problems.append(_("Describe the evidence."))
    if problems:
        raise ValidationError(problems)
    evidence = Evidence(
        rating=rating,
        summary=summary.strip(),
        scheme=scheme,
        source_grade=source_grade,
        information_grade=information_grade,
        handling_code=handling_code,
        reference=reference,
        obtained_on=obtained_on,
    )
    evidence.full_clean()
    evidence.save()
    _created(actor, "threats.evidence.create", evidence)
    return evidence


# ---------------------------------------------------------------- findings and needs


@transaction.atomic
def finding_create(
    *, actor: Actor, assessment: Assessment, title: str, sanitised_summary: str
) -> Finding:
    _require(permissions.can_edit_assessment(actor, assessment))
    finding = Finding(
        assessment=assessment, title=title.strip(), sanitised_summary=sanitised_summary.strip()
    )
    finding.full_clean()
    finding.save()
    _created(actor, "threats.finding.create", finding)
    return finding


@transaction.atomic
def finding_to_need(
    *,
    actor: Actor,
    finding: Finding,
    priority: str = "medium",
    classification: str = Classification.RESTRICTED,
) -> Any:
    """An assistance need for the owner state made from the finding's title and sanitised
    summary only (never a rating, a pseudonym from the matrix or a source); re-running
    updates the same need."""
    from tact.assistance.models import Need
    from tact.assistance.services import need_upsert

    _require(
        permissions.can_create_need(actor, finding),
        _("Only the owner state may turn its findings into assistance needs."),
    )
    state = finding.assessment.owner_state
    if state is None:  # can_create_need checked it; an owner-less assessment has no state
        raise PermissionDenied(
            _("Only the owner state may turn its findings into assistance needs.")
        )
    need, _created_now = need_upsert(
        actor=actor,
        state=state,
        title=finding.title,
        description=finding.sanitised_summary,
        priority=priority,
        source=Need.Source.OTHER,
        source_ref=f"threats.finding:{finding.pk}",
        classification=classification,
    )
    if finding.need_id != need.pk:
        before = snapshot(finding)
        finding.need = need
        finding.save(update_fields=["need", "updated_at"])
        _changed(actor, "threats.finding.need", finding, before)
    return need
