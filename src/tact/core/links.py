"""Links between records of any domain ("evidence: this follow-up is the project X").

A link is stored as a reference string ``app_label.model:pk`` so that any tact record can be
the target without a foreign key per kind. Resolving a reference applies the access rules:
a person never learns the title of a record they may not see.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from tact.core import access


def record_ref(obj: models.Model) -> str:
    """The reference of a saved record, e.g. ``directory.organisation:12``."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def parse_ref(ref: str) -> tuple[type[models.Model], str] | None:
    """The model class and primary key a reference names, or None if it is malformed."""
    label, sep, pk = ref.strip().partition(":")
    if not sep or not pk or "." not in label:
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model, pk


def resolve_ref(user: Any, ref: str) -> models.Model | None:
    """The record a reference names if it exists and `user` may see it; otherwise None."""
    parsed = parse_ref(ref)
    if parsed is None:
        return None
    model, pk = parsed
    # The model's declaration decides (core.protection): an undeclared model, a user
    # account for anyone but the secretariat, or a child of a hidden parent is "no such
    # record", exactly like a missing one.
    try:
        return access.visible(user, model._default_manager.all()).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        return None


def record_url(obj: models.Model) -> str:
    get_url = getattr(obj, "get_absolute_url", None)
    return str(get_url()) if callable(get_url) else ""
