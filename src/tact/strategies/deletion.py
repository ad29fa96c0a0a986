"""Deleting strategy and cooperation records: checked, atomic, audited (the audit entry keeps
the record's fields, so its history page still tells what was there). What goes with a
record is said on the confirmation page (`consequences`) before anything is deleted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tact.core.access import Actor
from tact.core.audit import audit_log
from tact.strategies import permissions
from tact.strategies.models import (
    Action,
    AwarenessCampaign,
    CooperationAgreement,
    Objective,
    Strategy,
    TaskForce,
)


@dataclass(frozen=True)
class Consequences:
    """What deleting a record takes with it, and what blocks the deletion."""

    goes_with_it: list[str]
    blocked_by: str = ""


def consequences(record: models.Model) -> Consequences:
    if isinstance(record, Strategy):
        objectives = record.objectives.count()
        actions = Action.objects.filter(objective__strategy=record).count()
        blocked = ""
        # Frameworks cascade with their strategy in the evaluation app: never silently.
        if record.frameworks.exists():
            blocked = _(
                "Results frameworks measure this strategy: they would be deleted with it. "
                "Point them at another strategy or delete them first."
            )
        return Consequences(
            [
                ngettext("%(n)d objective", "%(n)d objectives", objectives) % {"n": objectives},
                ngettext(
                    "%(n)d action and its progress updates",
                    "%(n)d actions and their progress updates",
                    actions,
                )
                % {"n": actions},
                _("its documents"),
            ],
            blocked,
        )
    if isinstance(record, Objective):
        actions = record.actions.count()
        return Consequences(
            [
                ngettext(
                    "%(n)d action and its progress updates",
                    "%(n)d actions and their progress updates",
                    actions,
                )
                % {"n": actions},
            ]
        )
    if isinstance(record, Action):
        updates = record.updates.count()
        return Consequences(
            [ngettext("%(n)d progress update", "%(n)d progress updates", updates) % {"n": updates}]
        )
    if isinstance(record, TaskForce):
        return Consequences([_("its members, meetings and outputs")])
    return Consequences([])


_CHECKS: dict[type[models.Model], Callable[[Actor, Any], bool]] = {
    Strategy: permissions.can_delete_strategy,
    Objective: permissions.can_delete_objective,
    Action: permissions.can_delete_action,
    TaskForce: permissions.can_delete_task_force,
    CooperationAgreement: permissions.can_delete_agreement,
    AwarenessCampaign: permissions.can_delete_campaign,
}


@transaction.atomic
def record_delete(*, actor: Actor, record: models.Model) -> None:
    """Delete one strategy, objective, action, task force, agreement or campaign."""
    check = _CHECKS.get(type(record))
    if check is None or not check(actor, record):
        raise PermissionDenied(_("You may not delete this record."))
    blocked = consequences(record).blocked_by
    if blocked:
        raise ValidationError(blocked)
    name = record._meta.model_name
    audit_log(actor=actor, action=f"strategies.{name}.delete", target=record)
    record.delete()
