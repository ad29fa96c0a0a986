"""Recommendation codes (``annex.b.iv``) resolved to recommendation records.

A code alone does not say which resolution it belongs to: a code resolves to the
recommendation of a resolution addressed to the framework's state when there is one, else to
the only recommendation anywhere with that code; a code that names several stays unlinked and
is reported. The function takes the model classes so the data migration can run it on the
historical models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Resolved:
    linked: list[Any] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def resolve_codes(codes: list[str], *, state_id: int | None, recommendation_model: Any) -> Resolved:
    result = Resolved()
    base = recommendation_model.objects.all()
    resolution_model = recommendation_model._meta.get_field("resolution").related_model
    if any(f.name == "original" for f in resolution_model._meta.get_fields()):
        # A language version repeats the original's codes; follow-up names the original.
        base = base.filter(resolution__original__isnull=True)
    for code in codes:
        candidates = list(
            base.filter(code=code).values_list("pk", "resolution__addressee_state_id")
        )
        addressed = [pk for pk, addressee in candidates if state_id and addressee == state_id]
        if len(addressed) == 1:
            result.linked.append(addressed[0])
        elif len(candidates) == 1:
            result.linked.append(candidates[0][0])
        elif candidates:
            result.ambiguous.append(code)
        else:
            result.missing.append(code)
    return result


def link_recommendations(obj: Any, *, state_id: int | None) -> Resolved:
    """Set ``obj.recommendations`` (a framework or an indicator) from its codes."""
    model = obj._meta.get_field("recommendations").related_model
    resolved = resolve_codes(
        list(obj.recommendation_codes or []), state_id=state_id, recommendation_model=model
    )
    obj.recommendations.set(resolved.linked)
    return resolved
