"""Writes for training: every change is checked, atomic and audited. Participants' names
never enter the audit trail (it is readable by everyone who sees the session)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.directory.models import State
from tact.training import gain, permissions
from tact.training.models import (
    AgencyType,
    Attendance,
    Certificate,
    Course,
    Module,
    Participant,
    Programme,
    Session,
    Sex,
    SurveyResponse,
    Trainer,
    new_certificate_code,
)

# Attendance needed for a certificate: four days in five (a common rule; one place to change).
CERTIFICATE_ATTENDANCE = Decimal("0.8")


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("You may not change this record."))


def _private(values: dict[str, Any]) -> dict[str, Any]:
    if values.get("name"):
        values = {**values, "name": "***"}
    return values


def _check_audiences(audiences: Any) -> list[str]:
    if not isinstance(audiences, list) or any(a not in AgencyType.values for a in audiences):
        raise ValidationError(_("Target audiences must be agency types."))
    return audiences


# ---------------------------------------------------------------- programmes, courses


@transaction.atomic
def programme_create(*, actor: Actor, title: str, **values: Any) -> Programme:
    m2m = {k: values.pop(k) for k in ("provisions", "themes", "needs") if k in values}
    owner_state = values.get("owner_state")
    owner_org = values.get("owner_organisation")
    _require(
        access.can_create_for(
            actor,
            owner_state_id=owner_state.pk if owner_state else None,
            owner_organisation_id=owner_org.pk if owner_org else None,
        )
    )
    values["audiences"] = _check_audiences(values.get("audiences", []))
    programme = Programme(title=title, created_by=access.author_of(actor), **values)
    programme.full_clean()
    programme.save()
    for key, items in m2m.items():
        getattr(programme, key).set(items)
    audit_log(
        actor=actor,
        action="training.programme.create",
        target=programme,
        changes=snapshot(programme),
    )
    return programme


@transaction.atomic
def programme_update(*, actor: Actor, programme: Programme, **values: Any) -> Programme:
    _require(permissions.can_edit_programme(actor, programme))
    before = snapshot(programme)
    m2m = {k: values.pop(k) for k in ("provisions", "themes", "needs") if k in values}
    if "audiences" in values:
        values["audiences"] = _check_audiences(values["audiences"])
    for key, value in values.items():
        setattr(programme, key, value)
    programme.full_clean()
    programme.save()
    for key, items in m2m.items():
        getattr(programme, key).set(items)
    changes = diff(before, snapshot(programme))
    if changes or m2m:
        audit_log(
            actor=actor, action="training.programme.update", target=programme, changes=changes
        )
    return programme


@transaction.atomic
def course_create(*, actor: Actor, programme: Programme, title: str, **values: Any) -> Course:
    _require(permissions.can_edit_programme(actor, programme))
    course = Course(programme=programme, title=title, **values)
    course.full_clean()
    course.save()
    audit_log(actor=actor, action="training.course.create", target=course, changes=snapshot(course))
    return course


@transaction.atomic
def module_create(*, actor: Actor, course: Course, title: str, **values: Any) -> Module:
    _require(permissions.can_edit_programme(actor, course.programme))
    values.setdefault("order", course.modules.count())
    module = Module(course=course, title=title, **values)
    module.full_clean()
    module.save()
    audit_log(actor=actor, action="training.module.create", target=module, changes=snapshot(module))
    return module


# ---------------------------------------------------------------- sessions


@transaction.atomic
def session_create(*, actor: Actor, course: Course, title: str, **values: Any) -> Session:
    """A session is owned by its host state; its organiser defaults to whoever creates it."""
    m2m = {k: values.pop(k) for k in ("partner_agencies", "participant_states") if k in values}
    values.setdefault("owner_state", values.get("state"))
    owner_state = values["owner_state"]
    _require(
        permissions.can_create_session_for(
            actor, course.programme, owner_state.pk if owner_state else None
        )
    )
    values.setdefault("organiser", access.author_of(actor))
    session = Session(course=course, title=title, created_by=access.author_of(actor), **values)
    session.full_clean()
    session.save()
    for key, items in m2m.items():
        getattr(session, key).set(items)
    audit_log(
        actor=actor, action="training.session.create", target=session, changes=snapshot(session)
    )
    return session


@transaction.atomic
def trainer_add(*, actor: Actor, session: Session, name: str, **values: Any) -> Trainer:
    _require(permissions.can_edit_session(actor, session))
    trainer = Trainer(session=session, name=name, **values)
    trainer.full_clean()
    trainer.save()
    audit_log(actor=actor, action="training.trainer.add", target=trainer, changes=snapshot(trainer))
    return trainer


def session_refresh(session: Session) -> None:
    """Recompute the session's summary fields from its participants (called by every write)."""
    participants = session.participants.all()
    totals = participants.aggregate(
        n=Count("pk"),
        female=Count("pk", filter=Q(sex=Sex.FEMALE)),
        types=Count("agency_type", distinct=True),
    )
    report = gain.gain_report(
        participants.values_list("pre_score", "post_score"), session.max_score
    )
    session.participant_count = totals["n"]
    session.female_count = totals["female"]
    session.agency_type_count = totals["types"]
    session.class_gain = report.class_gain
    session.save(
        update_fields=["participant_count", "female_count", "agency_type_count", "class_gain"]
    )


# ---------------------------------------------------------------- rosters and scores


def _decimal(value: str | None) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value)
    except ArithmeticError as exc:
        raise ValidationError(_("%(value)s is not a number.") % {"value": value}) from exc


@transaction.atomic
def roster_import(*, actor: Actor, session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Save the rows of a checked roster (`roster.read_roster`): a participant already on the
    session (same id) is updated, others are added; attendance is set per day given."""
    _require(permissions.can_edit_session(actor, session))
    states = dict(
        State.objects.filter(iso3__in={r["state"] for r in rows}).values_list("iso3", "pk")
    )
    existing = {p.code: p for p in session.participants.all()}
    created = updated = 0
    for row in rows:
        fields = {
            # A name is personal data kept only with the participant's consent.
            "name": row["name"] if row["consent"] else "",
            "agency": row["agency"],
            "agency_type": row["agency_type"],
            "state_id": states.get(row["state"]),
            "sex": row["sex"],
            "rank": row["rank"],
            "years_of_service": row["years_of_service"],
            "consent": row["consent"],
            "language": row["language"],
        }
        if row.get("pre") is not None:
            fields["pre_score"] = _decimal(row["pre"])
        if row.get("post") is not None:
            fields["post_score"] = _decimal(row["post"])
        participant = existing.get(row["code"])
        if participant is None:
            participant = Participant(session=session, code=row["code"], **fields)
            participant.full_clean(exclude=["session"])
            participant.save()
            created += 1
        else:
            for key, value in fields.items():
                setattr(participant, key, value)
            participant.save()
            updated += 1
        for day, present in row["attendance"].items():
            Attendance.objects.update_or_create(
                participant=participant,
                day=dt.date.fromisoformat(day),
                defaults={"present": present},
            )
    session_refresh(session)
    audit_log(
        actor=actor,
        action="training.roster.import",
        target=session,
        changes={"created": created, "updated": updated},
    )
    return {"created": created, "updated": updated}


@transaction.atomic
def scores_set(
    *, actor: Actor, session: Session, scores: dict[str, tuple[str | None, str | None]]
) -> int:
    """Set pre/post scores by participant id; every score is checked against the maximum
    before anything is saved."""
    _require(permissions.can_edit_session(actor, session))
    participants = {p.code: p for p in session.participants.all()}
    problems = []
    for code, pair in scores.items():
        if code not in participants:
            problems.append(
                _("Participant id %(code)s is not on this session's roster.") % {"code": code}
            )
        for value in pair:
            number = _decimal(value)
            if number is not None and not 0 <= number <= session.max_score:
                problems.append(
                    _("%(code)s: score %(value)s is outside 0 to %(max)s.")
                    % {"code": code, "value": value, "max": session.max_score}
                )
    if problems:
        raise ValidationError(problems)
    changed = 0
    for code, (pre, post) in scores.items():
        participant = participants[code]
        new = (_decimal(pre), _decimal(post))
        if new != (participant.pre_score, participant.post_score):
            before = snapshot(participant)
            participant.pre_score, participant.post_score = new
            participant.save(update_fields=["pre_score", "post_score", "updated_at"])
            audit_log(
                actor=actor,
                action="training.scores.set",
                target=participant,
                changes=_private(diff(before, snapshot(participant))),
            )
            changed += 1
    session_refresh(session)
    return changed


@transaction.atomic
def response_save(
    *, actor: Actor, participant: Participant, level: int, respondent: str, **values: Any
) -> SurveyResponse:
    session = participant.session
    _require(permissions.can_edit_session(actor, session))
    if (
        level not in SurveyResponse.Level.values
        or respondent not in SurveyResponse.Respondent.values
    ):
        raise ValidationError(
            _("A survey answer is level 1 or 3, from a participant or a supervisor.")
        )
    if (
        level == SurveyResponse.Level.REACTION
        and respondent != SurveyResponse.Respondent.PARTICIPANT
    ):
        raise ValidationError(_("Only participants answer the level-1 survey."))
    response, created = SurveyResponse.objects.get_or_create(
        session=session,
        participant=participant,
        level=level,
        respondent=respondent,
        defaults={"answered_on": values.get("answered_on") or timezone.localdate(), "score": 3},
    )
    before = {} if created else snapshot(response)
    for key, value in values.items():
        setattr(response, key, value)
    response.full_clean()
    response.save()
    audit_log(
        actor=actor,
        action="training.survey.save",
        target=response,
        changes=diff(before, snapshot(response)),
    )
    return response


# ---------------------------------------------------------------- certificates


def attendance_share(participant: Participant) -> Decimal:
    days = len(participant.session.days())
    present = participant.attendance.filter(present=True).count()
    return Decimal(present) / Decimal(days) if days else Decimal(0)


def certificate_problem(participant: Participant) -> str:
    """Why no certificate may be issued, or '' when one may."""
    if attendance_share(participant) < CERTIFICATE_ATTENDANCE:
        return _("A certificate needs attendance on at least four days in five.")
    if participant.session.end > timezone.localdate():
        return _("Certificates are issued once the session has ended.")
    return ""


@transaction.atomic
def certificate_issue(*, actor: Actor, participant: Participant) -> Certificate:
    """The participant's certificate (issued once; the same code afterwards)."""
    _require(permissions.can_edit_session(actor, participant.session))
    existing = Certificate.objects.filter(participant=participant).first()
    if existing is not None:
        return existing
    problem = certificate_problem(participant)
    if problem:
        raise ValidationError(problem)
    code = new_certificate_code()
    while Certificate.objects.filter(code=code).exists():
        code = new_certificate_code()
    certificate = Certificate.objects.create(
        participant=participant, code=code, issued_on=timezone.localdate()
    )
    audit_log(
        actor=actor,
        action="training.certificate.issue",
        target=certificate,
        changes={"participant": participant.code, "code": code},
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, actor: Actor, certificate: Certificate) -> Certificate:
    _require(permissions.can_edit_session(actor, certificate.participant.session))
    certificate.revoked = True
    certificate.save(update_fields=["revoked", "updated_at"])
    audit_log(
        actor=actor,
        action="training.certificate.revoke",
        target=certificate,
        changes={"revoked": [False, True]},
    )
    return certificate


def certificate_valid(code: str) -> bool:
    """The public verification: the code exists and is not revoked (nothing else is told)."""
    code = code.strip().upper().replace("-", "").replace(" ", "")
    return bool(code) and Certificate.objects.filter(code=code, revoked=False).exists()
