"""Helpers shared by the evaluation pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from tact.assistance.models import Project
from tact.core import access
from tact.core.access import Actor


def form_error(form: Any, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def visible_projects(actor: Actor) -> QuerySet[Project]:
    """The projects the actor may attach a framework or an evaluation to."""
    return access.visible(actor, Project.objects.all()).order_by("title")
