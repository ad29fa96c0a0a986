from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tact.core import access
from tact.core.links import record_ref
from tact.directory.models import Contact, Organisation, State
from tact.search import SearchHit, register, snippet
from tact.search.service import register_facet_labels


@register("states")
def search_states(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = State.objects.filter(
        Q(name__icontains=query) | Q(names__icontains=query) | Q(iso3__iexact=query)
    )[:limit]
    return [
        SearchHit(
            "state", _("State"), s.display_name, s.get_absolute_url(), s.iso3, ref=record_ref(s)
        )
        for s in qs
    ]


@register("organisations")
def search_organisations(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = Organisation.objects.filter(Q(name__icontains=query) | Q(acronym__icontains=query))
    return [
        SearchHit(
            "organisation",
            _("Organisation"),
            str(o),
            o.get_absolute_url(),
            o.get_kind_display(),
            ref=record_ref(o),
        )
        for o in qs[:limit]
    ]


@register("contacts")
def search_contacts(user: Any, query: str, limit: int) -> list[SearchHit]:
    qs = access.visible(user, Contact.objects.all()).filter(
        Q(name__icontains=query) | Q(topics__icontains=query) | Q(notes__icontains=query)
    )
    return [
        SearchHit(
            "contact",
            _("Contact"),
            c.name,
            c.get_absolute_url(),
            snippet(f"{c.position} {c.topics} {c.notes}", query),
            c.classification,
            ref=record_ref(c),
        )
        for c in qs[:limit]
    ]


register_facet_labels("state", lambda: {s.iso3: s.display_name for s in State.objects.all()})
