"""Building country-profile reports: at once for a small profile, as a background task with
progress for a large one (the task queue of ``django-tasks``, as overlap detection runs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tact.core.access import Actor, author_of
from tact.core.audit import audit_log
from tact.directory.models import State
from tact.profiles import permissions, reports, selectors
from tact.profiles.models import ProfileExport, Version

LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
FORMATS = frozenset({"pdf", "xlsx"})
RENDER_STEPS = 2  # the PDF and the workbook, after one step per panel


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    xlsx: bytes


def _check(language: str, version: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(_("Unknown language."))
    if version not in Version.values:
        raise ValidationError(_("Unknown version."))


def version_label(version: str) -> str:
    return str(Version(version).label)


def render(
    *, actor: Any, state: State, language: str, version: str, progress: Any = None
) -> Rendered:
    """Both files of one profile, in ``language``, as ``version`` shows it to ``actor``."""
    _check(language, version)
    viewer = selectors.actor_for(version, actor)

    def panel_done(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total + RENDER_STEPS)

    with translation.override(language):
        profile = selectors.state_profile(viewer, state, progress=panel_done)
        label = version_label(version)
        pdf = reports.profile_pdf(profile, version_label=label)
        if progress is not None:
            progress(selectors.steps() + 1, selectors.steps() + RENDER_STEPS)
        xlsx = reports.profile_xlsx(profile, version_label=label)
    return Rendered(pdf, xlsx)


def render_one(*, actor: Any, state: State, language: str, version: str, fmt: str) -> bytes:
    """One file of a small profile, rendered in the request."""
    if fmt not in FORMATS:
        raise ValidationError(_("Unknown format."))
    _check(language, version)
    viewer = selectors.actor_for(version, actor)
    with translation.override(language):
        profile = selectors.state_profile(viewer, state)
        label = version_label(version)
        if fmt == "pdf":
            return reports.profile_pdf(profile, version_label=label)
        return reports.profile_xlsx(profile, version_label=label)


def export_start(*, actor: Actor, state: State, language: str, version: str) -> ProfileExport:
    """Queue a build; the same build already waiting or running for the actor is returned."""
    if not permissions.can_request_export(actor):
        raise PermissionDenied(_("Sign in to have a profile built."))
    _check(language, version)
    from tact.profiles.tasks import build_profile_export

    requester = author_of(actor)
    current = ProfileExport.objects.filter(
        state=state,
        language=language,
        version=version,
        requested_by=requester,
        status__in=[ProfileExport.Status.PENDING, ProfileExport.Status.RUNNING],
    ).first()
    if current is not None:
        return current
    with transaction.atomic():
        export = ProfileExport.objects.create(
            state=state,
            language=language,
            version=version,
            requested_by=requester,
            steps_total=selectors.steps() + RENDER_STEPS,
        )
        audit_log(
            actor=actor,
            action="profile_export.start",
            target=export,
            changes={"state": state.iso3, "language": language, "version": version},
        )
    build_profile_export.enqueue(export.pk)
    export.refresh_from_db()
    return export


def run_export(export: ProfileExport) -> None:
    """The task's body: build both files as the requester, writing progress on the record."""
    ProfileExport.objects.filter(pk=export.pk).update(status=ProfileExport.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        ProfileExport.objects.filter(pk=export.pk).update(steps_done=done, steps_total=total)

    try:
        files = render(
            actor=export.requested_by,
            state=export.state,
            language=export.language,
            version=export.version,
            progress=progress,
        )
    except Exception as error:  # the record must say it failed, whatever the cause
        ProfileExport.objects.filter(pk=export.pk).update(
            status=ProfileExport.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    ProfileExport.objects.filter(pk=export.pk).update(
        status=ProfileExport.Status.DONE,
        pdf=files.pdf,
        xlsx=files.xlsx,
        steps_done=selectors.steps() + RENDER_STEPS,
        steps_total=selectors.steps() + RENDER_STEPS,
        finished_at=timezone.now(),
    )
