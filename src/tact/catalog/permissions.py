"""The Convention catalog is public reference data: everyone reads it, the secretariat
loads it. Lookups by code or key answer 404 for what does not exist."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from tact.catalog.models import Instrument, Provision, ProvisionParagraph, Theme
from tact.core import access
from tact.core.access import Actor

M = TypeVar("M", bound=models.Model)


def _by(actor: Actor, queryset: models.QuerySet[M], **lookup: object) -> M:
    try:
        return access.visible(actor, queryset).get(**lookup)
    except queryset.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404(_("No such record.")) from exc


def access_instrument(
    actor: Actor, code: str, *, queryset: models.QuerySet[Instrument] | None = None
) -> Instrument:
    return _by(actor, queryset if queryset is not None else Instrument.objects.all(), code=code)


def access_theme(actor: Actor, code: str) -> Theme:
    return _by(actor, Theme.objects.all(), code=code)


def access_convention_target(actor: Actor, key: str) -> tuple[Provision, ProvisionParagraph | None]:
    """An article (`untoc/art_24`) or one of its paragraphs (`untoc/art_24/para_2`)."""
    if "/para_" in key:
        paragraph = _by(
            actor, ProvisionParagraph.objects.select_related("provision__instrument"), key=key
        )
        return paragraph.provision, paragraph
    return _by(actor, Provision.objects.select_related("instrument"), key=key), None


def can_load_catalog(actor: Actor) -> bool:
    return access.scope_of(actor).is_secretariat
