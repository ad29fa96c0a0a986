"""Writes for rating scales (secretariat only) and the default scales."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tact.core import access
from tact.core.access import Actor
from tact.core.audit import audit_log, snapshot
from tact.evaluation.models import (
    Rating,
    RatingScale,
)
from tact.evaluation.services._common import audit_change

# ---------------------------------------------------------------- rating scales

DEFAULT_SCALES: list[dict[str, Any]] = [
    {
        "code": "ieg-6",
        "name": "Six-point (IEG)",
        "description": "Highly satisfactory to highly unsatisfactory; moderately satisfactory "
        "or better counts as satisfactory (IEG 'MS+').",
        "levels": [
            {"code": "HS", "label": "Highly satisfactory", "satisfactory": True},
            {"code": "S", "label": "Satisfactory", "satisfactory": True},
            {"code": "MS", "label": "Moderately satisfactory", "satisfactory": True},
            {"code": "MU", "label": "Moderately unsatisfactory", "satisfactory": False},
            {"code": "U", "label": "Unsatisfactory", "satisfactory": False},
            {"code": "HU", "label": "Highly unsatisfactory", "satisfactory": False},
        ],
    },
    {
        "code": "four-point",
        "name": "Four-point",
        "description": "Fully achieved to not achieved; the top two levels count as satisfactory.",
        "levels": [
            {"code": "4", "label": "Highly satisfactory", "satisfactory": True},
            {"code": "3", "label": "Satisfactory", "satisfactory": True},
            {"code": "2", "label": "Unsatisfactory", "satisfactory": False},
            {"code": "1", "label": "Highly unsatisfactory", "satisfactory": False},
        ],
    },
]


def _check_levels(levels: Any) -> None:
    if not isinstance(levels, list) or len(levels) < 2:
        raise ValidationError(_("A scale needs at least two levels."))
    codes = [lv.get("code") if isinstance(lv, dict) else None for lv in levels]
    if any(not c or not isinstance(c, str) for c in codes) or len(set(codes)) != len(codes):
        raise ValidationError(_("Every level needs its own code."))
    if Rating.NOT_APPLICABLE in codes:
        raise ValidationError(_("n/a is reserved for 'not applicable'."))
    for lv in levels:
        if not lv.get("label") or not isinstance(lv.get("satisfactory"), bool):
            raise ValidationError(_("Every level needs a label and says if it is satisfactory."))


@transaction.atomic
def scale_save(
    *, actor: Actor, code: str, name: str, levels: list[dict[str, Any]], description: str = ""
) -> RatingScale:
    """Create or update a rating scale (secretariat only). A scale in use keeps its codes."""
    if actor is not access.SYSTEM:
        access.require_secretariat(actor)
    _check_levels(levels)
    scale = RatingScale.objects.filter(code=code).first()
    if scale is not None:
        used = set(Rating.objects.filter(evaluation__scale=scale).values_list("score", flat=True))
        missing = used - {lv["code"] for lv in levels} - {Rating.NOT_APPLICABLE}
        if missing:
            raise ValidationError(
                _("Ratings use levels this change would remove: %(codes)s.")
                % {"codes": ", ".join(sorted(missing))}
            )
        before = snapshot(scale)
        scale.name, scale.levels, scale.description = name, levels, description
        scale.save()
        audit_change(actor, "evaluation.scale.update", scale, before)
        return scale
    scale = RatingScale.objects.create(code=code, name=name, levels=levels, description=description)
    audit_log(actor=actor, action="evaluation.scale.create", target=scale, changes=snapshot(scale))
    return scale


def ensure_default_scales() -> None:
    for row in DEFAULT_SCALES:
        if not RatingScale.objects.filter(code=row["code"]).exists():
            scale_save(actor=access.SYSTEM, **row)
