"""Users, their role, and the states/organisation they act for."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tact.core.access import Role
from tact.core.protection import INTERNAL, Protection


class User(AbstractUser):
    protection: ClassVar[Protection] = INTERNAL

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.READER)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("The organisation a donor acts for."),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class StateMembership(models.Model):
    """A focal point's binding to a state: the scope it reads and edits confidential data in."""

    protection: ClassVar[Protection] = INTERNAL

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="state_memberships")
    state = models.ForeignKey(
        "directory.State", on_delete=models.PROTECT, related_name="memberships"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "state"], name="unique_state_membership")
        ]
        verbose_name = _("state membership")
        verbose_name_plural = _("state memberships")

    def __str__(self) -> str:
        return f"{self.user} → {self.state}"


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the token is shown once on creation."""

    protection: ClassVar[Protection] = INTERNAL

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
