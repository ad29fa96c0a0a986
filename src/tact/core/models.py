"""Shared kernel: timestamps, classification of sensitive records, and the audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from tact.core.protection import CLASSIFIED, INTERNAL, Protection


class Classification(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")
    CONFIDENTIAL = "confidential", _("Confidential")


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ClassifiedModel(TimeStampedModel):
    """A record whose visibility depends on its classification and its owner.

    Who may see and edit it is decided only by `tact.core.access`; never filter on these
    fields by hand in a view.
    """

    protection: ClassVar[Protection] = CLASSIFIED

    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.RESTRICTED,
    )
    owner_state = models.ForeignKey(
        "directory.State",
        verbose_name=_("owner state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One change to one record: who, when, what (field before/after values).

    Read only through the history of the record it is about, which applies that record's
    protection; the table itself is the secretariat's.
    """

    protection: ClassVar[Protection] = INTERNAL

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("record"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # The X-Request-ID of the request that made the change ("" for CLI and background jobs).
    request_id = models.CharField(_("request"), max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_repr}"

    @property
    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        rows: list[tuple[str, Any, Any]] = []
        for name, value in sorted(self.changes.items()):
            if isinstance(value, list) and len(value) == 2:
                rows.append((name, value[0], value[1]))
            else:
                rows.append((name, None, value))
        return rows


class SiteVersion(models.Model):
    """One row whose number goes up after every committed change of the data pages show
    (:mod:`tact.core.pagecache`): cached pages of an older version are never served."""

    protection: ClassVar[Protection] = INTERNAL

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("site version")
        verbose_name_plural = _("site versions")

    def __str__(self) -> str:
        return str(self.number)
