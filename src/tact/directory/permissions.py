"""Who may see and do what with states, organisations, party status and contacts.

States, regions, organisations and party status are public reference data; contacts are
classified (a focal point keeps its own state's contacts). See `tact.core.access`.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.directory.models import Contact, Organisation, State


def access_state(actor: Actor, iso3: str) -> State:
    """A state by its ISO 3166 alpha-3 code, in any letter case."""
    try:
        return access.visible(actor, State.objects.all()).get(iso3=(iso3 or "").upper())
    except State.DoesNotExist as exc:
        raise Http404(_("No such state.")) from exc


def access_organisation(actor: Actor, pk: object) -> Organisation:
    return access.access_record(actor, Organisation.objects.select_related("state"), pk)


def access_contact(actor: Actor, pk: object, *, for_edit: bool = False) -> Contact:
    queryset = Contact.objects.select_related("organisation", "state")
    return access.access_record(actor, queryset, pk, for_edit=for_edit)


def can_add_contact(actor: Actor, state: State) -> bool:
    return access.can_create_for(actor, owner_state_id=state.pk)


def can_edit_contact(actor: Actor, contact: Contact) -> bool:
    return access.can_edit(actor, contact)


def can_add_organisation(actor: Actor) -> bool:
    """The secretariat adds any organisation; focal points add agencies of their states
    (the service checks the state)."""
    return access.scope_of(actor).can_write_anything


def can_import_party_status(actor: Actor) -> bool:
    return access.scope_of(actor).is_secretariat
