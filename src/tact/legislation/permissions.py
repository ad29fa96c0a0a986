"""Who may see and do what with national law, its provisions and their assessments.

Laws are classified by their owner state; a provision inherits from its law; an
assessment (mapping) is classified itself and is shown only where the law it cites is
visible too (`selectors.cited_law_visible_q`). See `tact.core.access`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from tact.core import access
from tact.core.access import Actor
from tact.directory.models import State
from tact.legislation import selectors
from tact.legislation.models import LegalProvision, LegalText, ProvisionMapping


def access_law(actor: Actor, pk: object, *, for_edit: bool = False) -> LegalText:
    return access.access_record(
        actor, LegalText.objects.select_related("state"), pk, for_edit=for_edit
    )


def access_provision(actor: Actor, pk: object) -> LegalProvision:
    """A national provision; visible exactly when its law is (it inherits)."""
    return access.access_record(
        actor, LegalProvision.objects.select_related("legal_text__state"), pk
    )


def access_mapping(actor: Actor, pk: object, *, for_edit: bool = False) -> ProvisionMapping:
    queryset: QuerySet[ProvisionMapping] = selectors.mappings_visible(actor)
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def states_of(actor: Actor) -> QuerySet[State]:
    """The states whose law the actor may import and assess (all for the secretariat)."""
    scope = access.scope_of(actor)
    if scope.is_secretariat:
        return State.objects.order_by("name")
    return State.objects.filter(pk__in=scope.state_ids).order_by("name")


def can_import_law(actor: Actor) -> bool:
    scope = access.scope_of(actor)
    return scope.is_secretariat or (scope.role == access.Role.FOCAL_POINT and bool(scope.state_ids))


def can_assess(actor: Actor, state: State) -> bool:
    """May the actor map the state's law to the Convention and record features?"""
    return access.can_create_for(actor, owner_state_id=state.pk)


def can_edit_law(actor: Actor, law: LegalText) -> bool:
    return access.can_edit(actor, law)


def can_edit_mapping(actor: Actor, mapping: ProvisionMapping) -> bool:
    return access.can_edit(actor, mapping)
