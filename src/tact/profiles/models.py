"""A country-profile report being built in the background, and its files."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tact.core.protection import INTERNAL, Protection


class Version(models.TextChoices):
    PUBLIC = "public", _("Public version (what anyone may read)")
    FULL = "full", _("Full version (what you may see)")


class ProfileExport(models.Model):
    """One build of a state's profile as PDF and Excel, in one language and one version.

    Internal: besides the secretariat, only the person who asked for it may open it (see
    ``permissions.access_export``); the full version holds what that person may see.
    """

    protection: ClassVar[Protection] = INTERNAL

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    state = models.ForeignKey(
        "directory.State", on_delete=models.CASCADE, related_name="+", verbose_name=_("state")
    )
    language = models.CharField(_("language"), max_length=8)
    version = models.CharField(
        _("version"), max_length=8, choices=Version.choices, default=Version.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    steps_done = models.PositiveIntegerField(_("steps done"), default=0)
    steps_total = models.PositiveIntegerField(_("steps"), default=0)
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"", editable=False)
    xlsx = models.BinaryField(_("Excel"), blank=True, default=b"", editable=False)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("profile export")
        verbose_name_plural = _("profile exports")

    def __str__(self) -> str:
        return f"{self.state_id} {self.language} {self.version} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("profiles:export_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0
