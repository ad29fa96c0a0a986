"""Who may see and change the records of national strategies and cooperation, in the Zulip
style: `access_<entity>` fetches and checks in one call (404 when hidden, 403 when visible
but not editable); `can_<verb>_<entity>` answers yes or no. All of it rests on `core.access`."""

from __future__ import annotations

from tact.core import access
from tact.core.access import Actor
from tact.directory.models import Organisation, State
from tact.strategies.models import (
    Action,
    Agency,
    AwarenessCampaign,
    CooperationAgreement,
    LinkRule,
    Objective,
    Strategy,
    TaskForce,
    TaskForceMember,
)


def access_strategy(actor: Actor, pk: int, *, for_edit: bool = False) -> Strategy:
    return access.access_record(
        actor, Strategy.objects.select_related("state"), pk, for_edit=for_edit
    )


def access_objective(actor: Actor, pk: int, *, for_edit: bool = False) -> Objective:
    return access.access_record(
        actor, Objective.objects.select_related("strategy__state"), pk, for_edit=for_edit
    )


def access_action(actor: Actor, pk: int, *, for_edit: bool = False) -> Action:
    queryset = Action.objects.select_related(
        "objective__strategy__state", "lead_agency__organisation", "project"
    )
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def access_agency(actor: Actor, pk: int, *, for_edit: bool = False) -> Agency:
    queryset = Agency.objects.select_related("organisation", "state")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def access_task_force(actor: Actor, pk: int, *, for_edit: bool = False) -> TaskForce:
    return access.access_record(
        actor, TaskForce.objects.select_related("state"), pk, for_edit=for_edit
    )


def access_agreement(actor: Actor, pk: int, *, for_edit: bool = False) -> CooperationAgreement:
    return access.access_record(
        actor, CooperationAgreement.objects.select_related("state"), pk, for_edit=for_edit
    )


def access_campaign(actor: Actor, pk: int, *, for_edit: bool = False) -> AwarenessCampaign:
    queryset = AwarenessCampaign.objects.select_related("state", "objective__strategy")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def can_edit_strategy(actor: Actor, strategy: Strategy) -> bool:
    return access.can_edit(actor, strategy)


def can_view_strategy(actor: Actor, strategy: Strategy) -> bool:
    return access.can_view(actor, strategy)


def can_create_for_state(actor: Actor, state_id: int | None) -> bool:
    """Strategies, agencies, task forces, agreements and campaigns belong to a state: its focal
    points and the secretariat record them. A programme of no state (regional, global) is the
    secretariat's."""
    if state_id is None:
        return access.scope_of(actor).is_secretariat
    return access.can_create_for(actor, owner_state_id=state_id)


def can_create_strategies(actor: Actor) -> bool:
    """May the actor record strategies, agencies, task forces, agreements or campaigns for
    some state (the secretariat, or a focal point bound to a state)? The buttons that start
    one; `can_create_for_state` decides the state chosen."""
    scope = access.scope_of(actor)
    return scope.is_secretariat or (scope.role == access.Role.FOCAL_POINT and bool(scope.state_ids))


def can_edit_link_rules(actor: Actor) -> bool:
    """The rule table is reference data: the secretariat keeps it."""
    return access.scope_of(actor).is_secretariat


def access_state(actor: Actor, iso3: str) -> State:
    """A state by its ISO3 code (reference data: 404 only when there is no such state)."""
    return access.get_visible_or_404(actor, State.objects.all(), iso3=iso3.upper())


def access_organisation(actor: Actor, pk: int) -> Organisation:
    return access.access_record(actor, Organisation.objects.select_related("state"), pk)


def access_member(actor: Actor, pk: int, *, for_edit: bool = False) -> TaskForceMember:
    queryset = TaskForceMember.objects.select_related("task_force", "agency")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def access_link_rule(actor: Actor, pk: int, *, for_edit: bool = False) -> LinkRule:
    return access.access_record(actor, LinkRule.objects.all(), pk, for_edit=for_edit)


# Deleting follows editing: whoever may change a record (its state's focal points, the
# secretariat) may delete it; children go with their strategy or task force.
def can_delete_strategy(actor: Actor, strategy: Strategy) -> bool:
    return access.can_edit(actor, strategy)


def can_delete_objective(actor: Actor, objective: Objective) -> bool:
    return access.can_edit(actor, objective)


def can_delete_action(actor: Actor, action: Action) -> bool:
    return access.can_edit(actor, action)


def can_delete_task_force(actor: Actor, task_force: TaskForce) -> bool:
    return access.can_edit(actor, task_force)


def can_delete_agreement(actor: Actor, agreement: CooperationAgreement) -> bool:
    return access.can_edit(actor, agreement)


def can_delete_campaign(actor: Actor, campaign: AwarenessCampaign) -> bool:
    return access.can_edit(actor, campaign)


def can_edit_agency(actor: Actor, agency: Agency) -> bool:
    return access.can_edit(actor, agency)
