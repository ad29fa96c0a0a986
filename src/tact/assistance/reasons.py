"""Human labels for the reason codes of overlap detection and need matching."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

LABELS = {
    # overlaps
    "linked_identifier": _("One record points at the other's identifier"),
    "same_identifier": _("Same IATI identifier"),
    "shared_reference": _("Both point at the same activity"),
    "similar_title": _("Similar titles"),
    "similar_description": _("Similar descriptions"),
    "same_recipient": _("Same recipient"),
    "different_recipients": _("Different recipients"),
    "dates_overlap": _("Overlapping dates"),
    "dates_apart": _("Dates apart (days)"),
    "starts_apart": _("Started years apart (days)"),
    "same_sectors": _("Same sectors, provisions or themes"),
    "shared_organisations": _("Shared organisations"),
    "same_publisher": _("Same publisher"),
    # matching
    "same_state": _("Assistance to this state"),
    "open_to_all": _("Open to every state"),
    "shared_provisions": _("Serves the same provisions"),
    "shared_themes": _("Same themes"),
    "similar_text": _("Similar wording"),
    "active": _("Running now"),
    "planned": _("Planned"),
    "recently_ended": _("Ended within a year"),
    "ended": _("Ended"),
    "dates_unknown": _("Dates unknown"),
    "linked": _("Linked to the need by its project"),
}

NEGATIVE = {"different_recipients", "dates_apart", "starts_apart", "ended"}


def describe(reasons: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reasons with a translated ``label`` added (unknown codes shown as they are)."""
    out = []
    for reason in reasons:
        code = str(reason.get("code", ""))
        out.append(
            {
                **reason,
                "label": str(LABELS.get(code, code)),
                "negative": code in NEGATIVE,
            }
        )
    return out
