"""One rule for upload sizes, checked wherever a file enters tact (pages, API, CLI)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def check_upload_size(size: int | None, limit: int | None = None) -> None:
    """Raise a ValidationError naming the limit when `size` bytes exceed it."""
    limit = limit if limit is not None else int(settings.TACT_MAX_UPLOAD_BYTES)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is too large: the limit is %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
            code="too_large",
        )


def stored_file_response(
    field: FieldFile, *, filename: str | None = None, as_attachment: bool = True
) -> FileResponse:
    """Serve an uploaded file; 404 when the record names a file that is no longer on disk
    (a restore without media, a file removed by hand), not a 500."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except OSError as exc:
        raise Http404(_("The file is missing from storage.")) from exc
    return FileResponse(handle, as_attachment=as_attachment, filename=filename or "")
