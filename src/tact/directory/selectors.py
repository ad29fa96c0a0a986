"""Reads over states, organisations and contacts (contacts are access-filtered)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from tact.core import access
from tact.directory.models import Contact, Organisation, PartyStatus, Region, State


def state_list(
    *, region: str | None = None, q: str | None = None, un_status: str | None = None
) -> QuerySet[State]:
    qs = State.objects.select_related("region", "subregion")
    if region:
        qs = qs.filter(Q(region__m49=region) | Q(subregion__m49=region))
    if un_status:
        qs = qs.filter(un_status=un_status)
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(names__icontains=q) | Q(iso3__iexact=q) | Q(iso2__iexact=q)
        )
    return qs.order_by("name")


def state_get(iso3: str) -> State:
    return (
        State.objects.select_related("region", "subregion")
        .prefetch_related(
            Prefetch(
                "party_statuses",
                queryset=PartyStatus.objects.select_related("instrument").order_by(
                    "instrument__order"
                ),
            )
        )
        .get(iso3=iso3.upper())
    )


def state_lookup(code: str) -> State:
    """A state by ISO3/ISO2 code or exact English name, for CLI and import arguments."""
    state = (
        State.objects.filter(Q(iso3__iexact=code) | Q(iso2__iexact=code) | Q(name__iexact=code))
        .order_by("pk")
        .first()
    )
    if state is None:
        raise LookupError(_("No state matches %(code)s.") % {"code": code})
    return state


def region_list() -> QuerySet[Region]:
    return Region.objects.filter(level__in=[Region.Level.REGION, Region.Level.SUBREGION])


def party_status_rows(state: State) -> list[dict[str, Any]]:
    """One row per instrument; an instrument without a record reads 'unknown'."""
    from tact.catalog.selectors import instrument_list

    known = {ps.instrument_id: ps for ps in state.party_statuses.all()}
    rows = []
    for instrument in instrument_list():
        rows.append({"instrument": instrument, "status": known.get(instrument.pk)})
    return rows


def organisation_list(
    *, kind: str | None = None, state: str | None = None, q: str | None = None
) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("state")
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state__iso3=state.upper())
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(acronym__icontains=q) | Q(iati_ref__iexact=q))
    return qs.order_by("name")


def organisation_lookup(value: str) -> Organisation:
    org = (
        Organisation.objects.filter(
            Q(iati_ref__iexact=value) | Q(acronym__iexact=value) | Q(name__iexact=value)
        )
        .order_by("pk")
        .first()
    )
    if org is None:
        raise LookupError(_("No organisation matches %(value)s.") % {"value": value})
    return org


def contact_list(
    *, actor: Any, state: str | None = None, organisation_id: int | None = None
) -> QuerySet[Contact]:
    qs = access.visible(actor, Contact.objects.select_related("organisation", "state"))
    if state:
        qs = qs.filter(state__iso3=state.upper())
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.order_by("name")
