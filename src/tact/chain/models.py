"""Typed links between records of different domains, where no foreign key says it.

Most steps of the chain are foreign keys already (a follow-up's recommendation, the needs a
project answers, a framework's project, an evaluation's interventions); `tact.chain.edges`
lists them. A `Link` holds the steps no foreign key covers: a gap a need was derived from, a
gap that is evidence for a follow-up report, the finding a practice was drawn from. Each end is
a content type and a primary key, read only through `tact.chain.selectors`, which shows each
end under its own protection.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from tact.core.protection import INTERNAL, Protection


class Relation(models.TextChoices):
    ANSWERS_NEED = "answers_need", _("answers need")
    IMPLEMENTS_RECOMMENDATION = "implements_recommendation", _("implements recommendation")
    EVIDENCE_FOR = "evidence_for", _("evidence for")
    MEASURES = "measures", _("measures")
    EVALUATES = "evaluates", _("evaluates")
    DERIVED_FROM = "derived_from", _("derived from")
    FUNDS = "funds", _("funds")
    PART_OF = "part_of", _("part of")


class Link(models.Model):
    """`source` <relation> `target`: "this need is derived from that gap"."""

    # The rows themselves are the secretariat's to administer; every other reader meets a
    # link only through the chain, which shows each end under that end's own declaration.
    protection: ClassVar[Protection] = INTERNAL

    source_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("source type")
    )
    source_id = models.PositiveBigIntegerField(_("source"))
    relation = models.CharField(_("relation"), max_length=32, choices=Relation.choices)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("target type")
    )
    target_id = models.PositiveBigIntegerField(_("target"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "relation", "target_type", "target_id"],
                name="unique_chain_link",
            )
        ]
        indexes = [
            models.Index(fields=["source_type", "source_id"], name="chain_link_source"),
            models.Index(fields=["target_type", "target_id"], name="chain_link_target"),
        ]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return (
            f"{self.source_type.app_label}.{self.source_type.model}:{self.source_id} "
            f"{self.get_relation_display()} "
            f"{self.target_type.app_label}.{self.target_type.model}:{self.target_id}"
        )
