"""Maintained aggregates of assistance (issue 19): what the matrix, the map and the donor and
recipient dashboards read instead of every project.

Two tables with the same columns. ``SummaryFact`` holds each project's own contribution
(one row per level and dimension tuple, keyed by ``project_id``); ``AssistanceSummary`` holds
their sums per dimension tuple. The services that write projects call
:func:`tact.assistance.summaries.refresh_projects`, which replaces the facts of the changed
projects and re-sums only the dimension tuples they touch, so a page's cost depends on the
number of states, themes and organisations, not on the number of projects.

Summary rows carry the access columns of the projects summed into them (classification and
owners), so :func:`tact.core.access.visible` filters them exactly as it filters projects.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from tact.core.protection import CLASSIFIED, INTERNAL, Protection


class SummaryLevel(models.TextChoices):
    ALL = "all", _("All projects")
    """One row per project (no place): totals and counts by channel and year."""
    STATE = "state", _("Recipient state")
    """Per recipient state, the project's amount times the state's share (state empty:
    projects without a recipient country)."""
    THEME = "theme", _("Theme")
    """Per theme over all states, for projects with a recipient state."""
    CELL = "cell", _("State and theme")
    ORGANISATION = "org", _("State, theme and organisation")
    """Funders (role 1) or implementers (role 4), amounts shared among them."""
    DONOR = "donor", _("Donor and state")
    """Per funding or reporting organisation of the directory, the whole project amount
    shared by recipient state: the donor dashboard."""


class SummaryColumns(models.Model):
    key = models.CharField(max_length=40, db_index=True)
    level = models.CharField(max_length=8, choices=SummaryLevel.choices)
    state_id = models.IntegerField(null=True)
    theme_id = models.IntegerField(null=True)
    role = models.CharField(max_length=2, blank=True)
    organisation = models.CharField(max_length=300, blank=True)
    organisation_id = models.IntegerField(null=True)
    channel = models.CharField(max_length=12, blank=True)
    year = models.SmallIntegerField(null=True)
    classification = models.CharField(max_length=16)
    owner_state_id = models.IntegerField(null=True)
    owner_organisation_id = models.IntegerField(null=True)
    created_by_id = models.IntegerField(null=True)
    projects = models.IntegerField(default=0)
    amount_usd = models.DecimalField(max_digits=28, decimal_places=6, default=0)
    budget_usd = models.DecimalField(max_digits=28, decimal_places=6, default=0)

    class Meta:
        abstract = True


class SummaryFact(SummaryColumns):
    """One project's contribution to the summaries (kept to re-sum what it touches)."""

    protection: ClassVar[Protection] = INTERNAL

    project_id = models.IntegerField(db_index=True)

    class Meta:
        verbose_name = _("summary fact")
        verbose_name_plural = _("summary facts")

    def __str__(self) -> str:
        return f"{self.project_id} {self.level} {self.key[:8]}"


class AssistanceSummary(SummaryColumns):
    """Sums of :class:`SummaryFact` per dimension tuple (``key``)."""

    protection: ClassVar[Protection] = CLASSIFIED

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key"], name="unique_summary_key")]
        indexes = [
            models.Index(fields=["level", "state_id", "theme_id"], name="summary_level_place"),
            models.Index(fields=["level", "organisation_id"], name="summary_level_org"),
        ]
        verbose_name = _("assistance summary")
        verbose_name_plural = _("assistance summaries")

    def __str__(self) -> str:
        return f"{self.level} {self.key[:8]}: {self.projects}"


class SummaryVersion(models.Model):
    """One row whose number goes up whenever the summaries change (in the same transaction),
    so that figures derived from them can be kept until the next change."""

    protection: ClassVar[Protection] = INTERNAL

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("summary version")
        verbose_name_plural = _("summary versions")

    def __str__(self) -> str:
        return str(self.number)


class DerivedFigures(models.Model):
    """Figures computed from the summaries for one page, access profile and filter set
    (the folded matrix, the portfolio's money, the donor list), valid for one summary version.

    Sums are additive and live in :class:`AssistanceSummary`; a "top five funders with the
    rest as others" or a concentration index is not, so it is kept here, shared by every
    worker process, and recomputed on the first read after the summaries change.
    """

    protection: ClassVar[Protection] = INTERNAL

    key = models.CharField(max_length=200, unique=True)
    version = models.BigIntegerField()
    data = models.JSONField()

    class Meta:
        verbose_name = _("derived figures")
        verbose_name_plural = _("derived figures")

    def __str__(self) -> str:
        return f"{self.key} @{self.version}"
