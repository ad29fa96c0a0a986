"""Assistance coordination: needs for technical assistance (and, built on them, projects,
contributions, matching and overlaps)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.models import ClassifiedModel


class Need(ClassifiedModel):
    """A state's need for technical assistance: from a gap analysis, a recommendation, or
    entered by the state itself. Matching finds the projects and offers that answer it."""

    class Source(models.TextChoices):
        GAP_ANALYSIS = "gap_analysis", _("Gap analysis")
        RECOMMENDATION = "recommendation", _("Recommendation")
        STATE = "state", _("Entered by the state")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("Being addressed")
        MET = "met", _("Met")
        CLOSED = "closed", _("Closed")

    state = models.ForeignKey(
        "directory.State", on_delete=models.PROTECT, related_name="needs", verbose_name=_("state")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    provisions = models.ManyToManyField(
        "catalog.Provision", blank=True, related_name="needs", verbose_name=_("provisions")
    )
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, related_name="needs", verbose_name=_("themes")
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.STATE
    )
    # A stable reference to what produced the need (e.g. "gap:KEN:untoc/art_24" or a
    # recommendation code), so that re-running a gap analysis never duplicates needs.
    source_ref = models.CharField(_("source reference"), max_length=200, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="en")

    class Meta:
        ordering = ["state__name", "priority", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="unique_need_source_ref",
            )
        ]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistance:need_detail", args=[self.pk])
