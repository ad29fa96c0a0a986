"""Writes for strategies and cooperation: every change is checked, atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, diff, snapshot
from tact.core.uploads import check_upload_size
from tact.directory.models import Organisation, State
from tact.directory.services import organisation_create
from tact.strategies import permissions, threat_links
from tact.strategies.models import (
    Action,
    Agency,
    AwarenessCampaign,
    CooperationAgreement,
    LinkRule,
    Objective,
    ProgressUpdate,
    Strategy,
    StrategyDocument,
    TaskForce,
    TaskForceMeeting,
    TaskForceMember,
    TaskForceOutput,
)


def _require_create(actor: Actor, state: State | None) -> None:
    if not permissions.can_create_for_state(actor, state.pk if state else None):
        raise PermissionDenied(_("You may not add records for this state."))


def _assign(obj: models.Model, values: dict[str, Any]) -> dict[str, Any]:
    """Set plain fields; return the many-to-many values to set after saving."""
    many: dict[str, Any] = {}
    for key, value in values.items():
        if obj._meta.get_field(key).many_to_many:
            many[key] = value
        else:
            setattr(obj, key, value)
    return many


def _save(actor: Actor, action: str, obj: models.Model, values: dict[str, Any]) -> Any:
    """Validate, save, set many-to-many fields and audit one record (new or changed)."""
    # "Before" is read from the database: a ModelForm's is_valid() has already written the
    # new values into the instance the edit pages pass here, so snapshotting it would audit
    # no change at all.
    stored = None if obj.pk is None else type(obj)._default_manager.filter(pk=obj.pk).first()
    before = {} if stored is None else snapshot(stored)
    many = _assign(obj, values)
    obj.full_clean()
    obj.save()
    for key, value in many.items():
        getattr(obj, key).set(value)
    changes = diff(before, snapshot(obj))
    changes.update({key: [None, [str(v.pk) for v in value]] for key, value in many.items()})
    if changes:
        audit_log(actor=actor, action=action, target=obj, changes=changes)
    return obj


def _classified(actor: Actor, model: type[Any], state: State | None, values: dict[str, Any]) -> Any:
    _require_create(actor, state)
    return model(owner_state=state, created_by=access.author_of(actor))


# ---------------------------------------------------------------- strategies


@transaction.atomic
def strategy_create(*, actor: Actor, state: State, title: str, **values: Any) -> Strategy:
    strategy = _classified(actor, Strategy, state, values)
    return _save(
        actor, "strategies.strategy.create", strategy, {"state": state, "title": title, **values}
    )


@transaction.atomic
def strategy_update(*, actor: Actor, strategy: Strategy, **values: Any) -> Strategy:
    access.require_edit(actor, strategy)
    state = values.get("state", strategy.state)
    if state != strategy.state:
        _require_create(actor, state)
        values["owner_state"] = state
    return _save(actor, "strategies.strategy.update", strategy, values)


@transaction.atomic
def document_add(
    *,
    actor: Actor,
    strategy: Strategy,
    title: str,
    language: str,
    url: str = "",
    file: Any = None,
) -> StrategyDocument:
    access.require_edit(actor, strategy)
    if bool(url) == bool(file):
        raise ValidationError(_("Give either a web link or a file."))
    if file:
        check_upload_size(getattr(file, "size", None))
    document = StrategyDocument(strategy=strategy)
    return _save(
        actor,
        "strategies.document.add",
        document,
        {"title": title, "language": language, "url": url, **({"file": file} if file else {})},
    )


@transaction.atomic
def objective_create(*, actor: Actor, strategy: Strategy, **values: Any) -> Objective:
    access.require_edit(actor, strategy)
    threat_links.check_citation(actor, None, values.get("threat_summary"))
    values.setdefault("order", strategy.objectives.count() + 1)
    return _save(actor, "strategies.objective.create", Objective(strategy=strategy), values)


@transaction.atomic
def objective_update(*, actor: Actor, objective: Objective, **values: Any) -> Objective:
    access.require_edit(actor, objective)
    threat_links.check_citation(actor, objective, values.get("threat_summary"))
    return _save(actor, "strategies.objective.update", objective, values)


# ---------------------------------------------------------------- actions and progress


def _check_action_links(actor: Actor, objective: Objective, values: dict[str, Any]) -> None:
    lead = values.get("lead_agency")
    state_id = objective.strategy.state_id
    if lead is not None and lead.state_id != state_id:
        raise ValidationError(_("The lead agency must be an agency of the strategy's state."))
    for agency in [lead, *values.get("partner_agencies", [])]:
        if agency is not None and not access.can_view(actor, agency):
            raise ValidationError(_("No such agency."))
    project = values.get("project")
    if project is not None and not access.can_view(actor, project):
        raise ValidationError(_("No such project."))
    if project is not None:
        values["funding"] = Action.Funding.PROJECT
    if values.get("funding") == Action.Funding.PROJECT and project is None and "project" in values:
        raise ValidationError(_("Name the assistance project that funds this action."))
    currency = values.get("currency")
    if currency:
        values["currency"] = currency.strip().upper()


@transaction.atomic
def action_create(*, actor: Actor, objective: Objective, **values: Any) -> Action:
    access.require_edit(actor, objective)
    _check_action_links(actor, objective, values)
    values.setdefault("order", objective.actions.count() + 1)
    return _save(actor, "strategies.action.create", Action(objective=objective), values)


@transaction.atomic
def action_update(*, actor: Actor, action: Action, **values: Any) -> Action:
    access.require_edit(actor, action)
    objective = values.get("objective", action.objective)
    if objective.strategy_id != action.objective.strategy_id:
        raise ValidationError(_("An action moves only between objectives of its strategy."))
    _check_action_links(actor, objective, values)
    return _save(actor, "strategies.action.update", action, values)


@transaction.atomic
def progress_add(
    *,
    actor: Actor,
    action: Action,
    percent_complete: int,
    status: str,
    date: dt.date | None = None,
    note: str = "",
) -> ProgressUpdate:
    """A dated progress report; the action takes its status and % complete from the latest."""
    access.require_edit(actor, action)
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError(_("A progress update cannot be dated in the future."))
    update = ProgressUpdate(
        action=action,
        reported_by=getattr(access.author_of(actor), "username", "") or "system",
    )
    _save(
        actor,
        "strategies.progress.add",
        update,
        {"date": date, "status": status, "percent_complete": percent_complete, "note": note},
    )
    latest = action.updates.order_by("-date", "-pk").first()
    if latest is not None and latest.pk == update.pk:
        _save(
            actor,
            "strategies.action.progress",
            action,
            {"status": status, "percent_complete": percent_complete},
        )
    return update


# ---------------------------------------------------------------- agencies and cooperation


@transaction.atomic
def agency_create(
    *,
    actor: Actor,
    state: State,
    agency_type: str,
    organisation: Organisation | None = None,
    name: str = "",
    acronym: str = "",
    classification: str = "public",
) -> Agency:
    """Type an agency of a state: an existing directory organisation of that state, or a new
    one created in the directory with the given name."""
    _require_create(actor, state)
    if organisation is None:
        if not name.strip():
            raise ValidationError(_("Give the agency's name or choose an organisation."))
        organisation = organisation_create(
            actor=actor,
            name=name.strip(),
            acronym=acronym.strip(),
            kind=Organisation.Kind.GOVERNMENT_AGENCY,
            state=state,
        )
    elif organisation.state_id != state.pk:
        raise ValidationError(_("The organisation belongs to another state."))
    if Agency.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("This organisation is already an agency."))
    agency = _classified(actor, Agency, state, {})
    return _save(
        actor,
        "strategies.agency.create",
        agency,
        {
            "organisation": organisation,
            "state": state,
            "agency_type": agency_type,
            "classification": classification,
        },
    )


@transaction.atomic
def agency_update(*, actor: Actor, agency: Agency, **values: Any) -> Agency:
    access.require_edit(actor, agency)
    return _save(actor, "strategies.agency.update", agency, values)


@transaction.atomic
def task_force_create(*, actor: Actor, state: State, name: str, **values: Any) -> TaskForce:
    task_force = _classified(actor, TaskForce, state, values)
    return _save(
        actor, "strategies.task_force.create", task_force, {"state": state, "name": name, **values}
    )


@transaction.atomic
def task_force_update(*, actor: Actor, task_force: TaskForce, **values: Any) -> TaskForce:
    access.require_edit(actor, task_force)
    return _save(actor, "strategies.task_force.update", task_force, values)


@transaction.atomic
def member_set(
    *, actor: Actor, task_force: TaskForce, agency: Agency, role: str
) -> TaskForceMember:
    """Add an agency to a task force, or change its role."""
    access.require_edit(actor, task_force)
    if not access.can_view(actor, agency):
        raise ValidationError(_("No such agency."))
    member = TaskForceMember.objects.filter(task_force=task_force, agency=agency).first()
    member = member or TaskForceMember(task_force=task_force, agency=agency)
    return _save(actor, "strategies.task_force.member", member, {"role": role})


@transaction.atomic
def member_remove(*, actor: Actor, member: TaskForceMember) -> None:
    access.require_edit(actor, member.task_force)
    audit_log(
        actor=actor,
        action="strategies.task_force.member_remove",
        target=member.task_force,
        changes={"member": [str(member.agency_id), None]},
    )
    member.delete()


@transaction.atomic
def meeting_add(
    *, actor: Actor, task_force: TaskForce, date: dt.date, summary: str = ""
) -> TaskForceMeeting:
    access.require_edit(actor, task_force)
    return _save(
        actor,
        "strategies.task_force.meeting",
        TaskForceMeeting(task_force=task_force),
        {"date": date, "summary": summary},
    )


@transaction.atomic
def output_add(
    *, actor: Actor, task_force: TaskForce, kind: str, count: int, date: dt.date, note: str = ""
) -> TaskForceOutput:
    access.require_edit(actor, task_force)
    return _save(
        actor,
        "strategies.task_force.output",
        TaskForceOutput(task_force=task_force),
        {"kind": kind, "count": count, "date": date, "note": note},
    )


@transaction.atomic
def agreement_create(
    *, actor: Actor, state: State, title: str, kind: str, parties: list[Agency], **values: Any
) -> CooperationAgreement:
    if len(set(parties)) < 2:
        raise ValidationError(_("An agreement has at least two parties."))
    if not any(p.state_id == state.pk for p in parties):
        raise ValidationError(_("At least one party must be an agency of the state."))
    for party in parties:
        if not access.can_view(actor, party):
            raise ValidationError(_("No such agency."))
    agreement = _classified(actor, CooperationAgreement, state, values)
    return _save(
        actor,
        "strategies.agreement.create",
        agreement,
        {"state": state, "title": title, "kind": kind, "parties": parties, **values},
    )


@transaction.atomic
def agreement_update(
    *, actor: Actor, agreement: CooperationAgreement, **values: Any
) -> CooperationAgreement:
    access.require_edit(actor, agreement)
    state = values.get("state", agreement.state)
    parties = values.get("parties", list(agreement.parties.all()))
    if state != agreement.state:
        _require_create(actor, state)
        values["owner_state"] = state
    if len(set(parties)) < 2:
        raise ValidationError(_("An agreement has at least two parties."))
    if not any(p.state_id == state.pk for p in parties):
        raise ValidationError(_("At least one party must be an agency of the state."))
    return _save(actor, "strategies.agreement.update", agreement, values)


@transaction.atomic
def campaign_create(
    *, actor: Actor, state: State, title: str, audience: str, **values: Any
) -> AwarenessCampaign:
    _check_campaign(actor, state, values)
    campaign = _classified(actor, AwarenessCampaign, state, values)
    return _save(
        actor,
        "strategies.campaign.create",
        campaign,
        {"state": state, "title": title, "audience": audience, **values},
    )


@transaction.atomic
def campaign_update(
    *, actor: Actor, campaign: AwarenessCampaign, **values: Any
) -> AwarenessCampaign:
    access.require_edit(actor, campaign)
    _check_campaign(actor, values.get("state", campaign.state), values)
    return _save(actor, "strategies.campaign.update", campaign, values)


def _check_campaign(actor: Actor, state: State, values: dict[str, Any]) -> None:
    objective = values.get("objective")
    if objective is not None and (
        objective.strategy.state_id != state.pk or not access.can_view(actor, objective)
    ):
        raise ValidationError(_("The objective must belong to a strategy of the same state."))
    for aware, sample in (("before_aware", "before_sample"), ("after_aware", "after_sample")):
        if values.get(aware) is not None and values.get(sample) is None:
            raise ValidationError(_("Give the sample size of each survey."))
        if values.get(aware) is not None and values[aware] > values[sample]:
            raise ValidationError(_("More people aware than people asked in a survey."))


@transaction.atomic
def link_rule_save(*, actor: Actor, rule: LinkRule | None = None, **values: Any) -> LinkRule:
    if not permissions.can_edit_link_rules(actor):
        raise PermissionDenied(_("Only the secretariat may do this."))
    a, b = values.get("type_a"), values.get("type_b")
    if a is not None and b is not None and a > b:  # one order per pair, so the pair is unique
        values["type_a"], values["type_b"] = b, a
    return _save(actor, "strategies.link_rule.save", rule or LinkRule(), values)
