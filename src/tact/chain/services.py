"""Writes of the chain: typed links, and links derived from the references other apps store
as text (a practice's `source_ref`, a need's `gap:ISO3:provision`, follow-up evidence)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from tact.assistance.models import Need
from tact.chain.edges import RANKS
from tact.chain.models import Link, Relation
from tact.chain.permissions import can_manage_links
from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log
from tact.core.links import parse_ref
from tact.legislation.models import Compliance, ProvisionMapping
from tact.practices.models import GoodPractice
from tact.resolutions.models import Evidence


@transaction.atomic
def link_create(
    *, actor: Actor, source: models.Model, relation: str, target: models.Model
) -> tuple[Link, bool]:
    """`source` <relation> `target` (idempotent): (link, created). The secretariat keeps the
    links; the system actor (sync, demo) too."""
    if not can_manage_links(actor):
        raise PermissionDenied(_("Only the secretariat may link records."))
    if relation not in Relation.values:
        raise ValidationError(_("Unknown relation %(relation)s.") % {"relation": relation})
    if source._meta.label_lower == target._meta.label_lower and source.pk == target.pk:
        raise ValidationError(_("A record cannot be linked to itself."))
    link, created = Link.objects.get_or_create(
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        relation=relation,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        defaults={"created_by": access.author_of(actor)},
    )
    if created:
        audit_log(actor=actor, action="chain.link.create", target=link)
    return link, created


@transaction.atomic
def link_delete(*, actor: Actor, link: Link) -> None:
    if not can_manage_links(actor):
        raise PermissionDenied(_("Only the secretariat may link records."))
    audit_log(actor=actor, action="chain.link.delete", target=link)
    link.delete()


@dataclass
class SyncReport:
    created: int = 0
    existing: int = 0


def _record(ref: str) -> models.Model | None:
    parsed = parse_ref(ref)
    if parsed is None or parsed[0]._meta.label_lower not in RANKS:
        return None
    model, pk = parsed
    try:
        return model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError, ValidationError):
        return None


def _gaps_of(need: Need) -> models.QuerySet[ProvisionMapping]:
    # gap:ISO3:instrument/art_N, as legislation.services.gap_needs writes it.
    _prefix, _iso3, key = need.source_ref.split(":", 2)
    return ProvisionMapping.objects.filter(
        state_id=need.state_id,
        convention_provision__key=key,
        compliance__in=(Compliance.NONE, Compliance.PARTIAL),
    )


@transaction.atomic
def links_sync(*, actor: Actor) -> SyncReport:
    """Typed links for the references stored as text: the finding (or follow-up) a practice
    was drawn from, the gaps a gap-analysis need came from, the records cited as evidence of
    a follow-up report. Idempotent."""
    report = SyncReport()

    def add(source: models.Model, relation: str, target: models.Model) -> None:
        _link, created = link_create(actor=actor, source=source, relation=relation, target=target)
        report.created += created
        report.existing += not created

    for practice in GoodPractice.objects.exclude(source_ref="").order_by("pk"):
        origin = _record(practice.source_ref)
        if origin is not None:
            add(practice, Relation.DERIVED_FROM, origin)
    for need in Need.objects.filter(source_ref__startswith="gap:").order_by("pk"):
        if need.source_ref.count(":") == 2:
            for gap in _gaps_of(need):
                add(need, Relation.DERIVED_FROM, gap)
    for evidence in Evidence.objects.exclude(record_ref="").select_related("follow_up"):
        cited = _record(evidence.record_ref)
        if cited is not None:
            add(cited, Relation.EVIDENCE_FOR, evidence.follow_up)
    return report
