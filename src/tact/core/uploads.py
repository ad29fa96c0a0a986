"""One rule for upload sizes, checked wherever a file enters tact (pages, API, CLI)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_upload_size(size: int | None, limit: int | None = None) -> None:
    """Raise a ValidationError naming the limit when `size` bytes exceed it."""
    limit = limit if limit is not None else int(settings.TACT_MAX_UPLOAD_BYTES)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is too large: the limit is %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
            code="too_large",
        )
