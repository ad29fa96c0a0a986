"""Writes for programmes or strategies, results frameworks and their results (nodes)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tact.assistance.models import Project
from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, snapshot
from tact.evaluation import permissions
from tact.evaluation.models import (
    LEVEL_ORDER,
    Level,
    ResultNode,
    ResultsFramework,
)
from tact.evaluation.services._common import audit_change, set_fields, validate
from tact.evaluation.services.recommendations import link_recommendations

# ---------------------------------------------------------------- frameworks


@transaction.atomic
def framework_create(
    *,
    actor: Actor,
    title: str,
    project: Project | None = None,
    strategy: Any | None = None,  # a strategies.Strategy
    **values: Any,
) -> ResultsFramework:
    if (project is None) == (strategy is None):
        raise ValidationError(_("A results framework belongs to one project or one strategy."))
    if strategy is not None:
        values.setdefault("state", strategy.state)
    values.setdefault("owner_state", values.get("state"))
    owner_state = values.get("owner_state")
    owner_org = values.get("owner_organisation")
    permissions.require_create(
        actor,
        owner_state_id=owner_state.pk if owner_state else None,
        owner_organisation_id=owner_org.pk if owner_org else None,
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
    validate(framework)
    framework.save()
    link_recommendations(framework, state_id=framework.state_id)
    audit_log(
        actor=actor,
        action="evaluation.framework.create",
        target=framework,
        changes=snapshot(framework),
    )
    return framework


@transaction.atomic
def framework_update(
    *, actor: Actor, framework: ResultsFramework, **values: Any
) -> ResultsFramework:
    permissions.require_edit_framework(actor, framework)
    before = snapshot(framework)
    set_fields(framework, values)
    validate(framework)
    framework.save()
    if "recommendation_codes" in values or "state" in values:
        link_recommendations(framework, state_id=framework.state_id)
    audit_change(actor, "evaluation.framework.update", framework, before)
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
    actor: Actor,
    framework: ResultsFramework,
    level: str,
    title: str,
    parent: ResultNode | None = None,
    **values: Any,
) -> ResultNode:
    permissions.require_edit_framework(actor, framework)
    if parent is not None and parent.framework_id != framework.pk:
        raise ValidationError(_("The parent result belongs to another framework."))
    _check_level(level, parent)
    if "order" not in values:
        values["order"] = framework.nodes.filter(parent=parent).count()
    node = ResultNode(framework=framework, parent=parent, level=level, title=title, **values)
    validate(node)
    node.save()
    audit_log(actor=actor, action="evaluation.node.create", target=node, changes=snapshot(node))
    return node


@transaction.atomic
def node_update(*, actor: Actor, node: ResultNode, **values: Any) -> ResultNode:
    permissions.require_edit_framework(actor, node.framework)
    before = snapshot(node)
    set_fields(node, values)
    _check_level(node.level, node.parent)
    for child in node.children.all():
        _check_level(child.level, node)
    validate(node)
    node.save()
    audit_change(actor, "evaluation.node.update", node, before)
    return node


@transaction.atomic
def node_delete(*, actor: Actor, node: ResultNode) -> None:
    permissions.require_edit_framework(actor, node.framework)
    audit_log(actor=actor, action="evaluation.node.delete", target=node, changes=snapshot(node))
    node.delete()
