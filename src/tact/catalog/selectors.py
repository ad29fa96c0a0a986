"""Reads over the catalog (public reference data: no access filtering needed)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from tact.catalog.models import Instrument, Provision, ProvisionParagraph, Theme


def instrument_list() -> QuerySet[Instrument]:
    return Instrument.objects.annotate(provision_count=Count("provisions")).order_by("order")


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.annotate(provision_count=Count("provisions")).order_by("order")


def provision_list(
    *,
    instrument: str | None = None,
    theme: str | None = None,
    obligation: str | None = None,
    category: str | None = None,
    q: str | None = None,
) -> QuerySet[Provision]:
    qs = Provision.objects.select_related("instrument").prefetch_related(
        "themes", Prefetch("paragraphs", queryset=ProvisionParagraph.objects.order_by("order"))
    )
    if instrument:
        qs = qs.filter(instrument__code=instrument)
    if theme:
        qs = qs.filter(themes__code=theme)
    if obligation:
        qs = qs.filter(paragraphs__obligation=obligation)
    if category:
        qs = qs.filter(category=category)
    if q:
        qs = qs.filter(Q(text__icontains=q) | Q(titles__icontains=q))
    return qs.distinct().order_by("instrument__order", "number")


def provision_get(*, instrument: str, number: int) -> Provision:
    return provision_list(instrument=instrument).get(number=number)


def provision_by_key(key: str) -> Provision | None:
    return Provision.objects.select_related("instrument").filter(key=key).first()
