"""API of the legislation domain: laws, provisions, mappings, suggestions, gap analysis,
comparison and heat map. Every read goes through the selectors (access rules), every write
through the services (checks and audit)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tact.catalog import permissions as catalog_permissions
from tact.catalog.models import Provision, ProvisionParagraph
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.models import Classification
from tact.core.pagination import PageNumberPagination
from tact.directory import permissions as directory_permissions
from tact.directory.models import State
from tact.legislation import gaps, permissions, selectors, services, suggestions
from tact.legislation.models import LegalProvision, LegalText, ProvisionMapping
from tact.legislation.schemas import (
    ComparisonOut,
    DecisionIn,
    DecisionOut,
    GapOut,
    LawDetailOut,
    LawImportIn,
    LawImportOut,
    LawOut,
    LawPatch,
    LegislationProvisionOut,
    MappingIn,
    MappingOut,
    MappingPatch,
    NeedsOut,
    SuggestionOut,
)

router = Router(tags=["legislation"], auth=PUBLIC_AUTH)


def _state(iso3: str) -> State:
    return directory_permissions.access_state(None, iso3)


def _target(key: str) -> tuple[Provision, ProvisionParagraph | None]:
    return catalog_permissions.access_convention_target(None, key)


def _states(codes: str) -> list[State] | None:
    wanted = [c.strip().upper() for c in codes.split(",") if c.strip()]
    if not wanted:
        return None
    found = {s.iso3: s for s in State.objects.filter(iso3__in=wanted)}
    return [found[c] for c in wanted if c in found]


# --- laws -------------------------------------------------------------------------------------


@router.get("/legislation/laws", response=list[LawOut])
@paginate(PageNumberPagination, page_size=50)
def list_laws(
    request: HttpRequest,
    q: str = "",
    state: str = "",
    text_type: str = "",
    language: str = "",
) -> Any:
    return selectors.law_list(
        actor(request), q=q, state=state, text_type=text_type, language=language
    )


@router.get("/legislation/laws/{law_id}", response=LawDetailOut)
def get_law(request: HttpRequest, law_id: int) -> LegalText:
    return permissions.access_law(actor(request), law_id)


@router.post("/legislation/laws", response={201: LawImportOut, 200: LawImportOut}, auth=LOGIN_AUTH)
def import_law(request: HttpRequest, payload: LawImportIn) -> Status[dict[str, Any]]:
    """Import a law from a base64 file (.txt, .docx or Akoma Ntoso .xml); idempotent."""
    try:
        data = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("content_base64 is not valid base64.") from exc
    values = payload.dict(exclude={"state", "filename", "content_base64"})
    report = services.import_law(
        actor=actor(request),
        state=_state(payload.state),
        data=data,
        filename=payload.filename,
        **values,
    )
    body = {
        "law": report.legal_text,
        "created": report.created,
        "provisions_created": report.provisions_created,
        "provisions_updated": report.provisions_updated,
        "provisions_unchanged": report.provisions_unchanged,
        "provisions_removed": report.provisions_removed,
        "provisions_obsolete": report.provisions_obsolete,
        "warnings": [str(w) for w in report.warnings],
    }
    return Status(201 if report.created else 200, body)


@router.patch("/legislation/laws/{law_id}", response=LawOut, auth=LOGIN_AUTH)
def update_law(request: HttpRequest, law_id: int, payload: LawPatch) -> LegalText:
    user = actor(request)
    law = permissions.access_law(user, law_id, for_edit=True)
    return services.law_update(user, law, **payload.dict(exclude_unset=True))


@router.delete("/legislation/laws/{law_id}", response={204: None}, auth=LOGIN_AUTH)
def delete_law(request: HttpRequest, law_id: int) -> Status[None]:
    user = actor(request)
    services.law_delete(user, permissions.access_law(user, law_id, for_edit=True))
    return Status(204, None)


@router.get("/legislation/provisions", response=list[LegislationProvisionOut])
@paginate(PageNumberPagination, page_size=100)
def list_provisions(request: HttpRequest, state: str = "", law_id: int | None = None) -> Any:
    qs = selectors.provisions_visible(actor(request)).order_by("legal_text_id", "order")
    if state:
        qs = qs.filter(legal_text__state__iso3=state.upper())
    if law_id is not None:
        qs = qs.filter(legal_text_id=law_id)
    return qs


@router.get("/legislation/provisions/{provision_id}", response=LegislationProvisionOut)
def get_provision(request: HttpRequest, provision_id: int) -> LegalProvision:
    return permissions.access_provision(actor(request), provision_id)


# --- mappings --------------------------------------------------------------------------------


@router.get("/legislation/mappings", response=list[MappingOut])
@paginate(PageNumberPagination, page_size=100)
def list_mappings(
    request: HttpRequest, state: str = "", target: str = "", legal_provision_id: int | None = None
) -> Any:
    qs = selectors.mappings_visible(actor(request))
    if state:
        qs = qs.filter(state__iso3=state.upper())
    if target:
        provision, paragraph = _target(target)
        qs = qs.filter(convention_provision=provision)
        if paragraph is not None:
            qs = qs.filter(paragraph=paragraph)
    if legal_provision_id is not None:
        qs = qs.filter(legal_provision_id=legal_provision_id)
    return qs


@router.get("/legislation/mappings/{mapping_id}", response=MappingOut)
def get_mapping(request: HttpRequest, mapping_id: int) -> ProvisionMapping:
    return permissions.access_mapping(actor(request), mapping_id)


@router.post("/legislation/mappings", response={201: MappingOut}, auth=LOGIN_AUTH)
def create_mapping(request: HttpRequest, payload: MappingIn) -> Status[ProvisionMapping]:
    user = actor(request)
    provision, paragraph = _target(payload.target)
    legal_provision = (
        permissions.access_provision(user, payload.legal_provision_id)
        if payload.legal_provision_id
        else None
    )
    values = payload.dict(exclude={"state", "target", "legal_provision_id"})
    mapping = services.mapping_create(
        actor=user,
        state=_state(payload.state),
        convention_provision=provision,
        paragraph=paragraph,
        legal_provision=legal_provision,
        **values,
    )
    return Status(201, mapping)


@router.patch("/legislation/mappings/{mapping_id}", response=MappingOut, auth=LOGIN_AUTH)
def update_mapping(request: HttpRequest, mapping_id: int, payload: MappingPatch) -> Any:
    user = actor(request)
    mapping = permissions.access_mapping(user, mapping_id, for_edit=True)
    return services.mapping_update(user, mapping, **payload.dict(exclude_unset=True))


@router.delete("/legislation/mappings/{mapping_id}", response={204: None}, auth=LOGIN_AUTH)
def delete_mapping(request: HttpRequest, mapping_id: int) -> Status[None]:
    user = actor(request)
    services.mapping_delete(user, permissions.access_mapping(user, mapping_id, for_edit=True))
    return Status(204, None)


# --- suggestions --------------------------------------------------------------------------


@router.get("/legislation/suggestions", response=list[SuggestionOut])
def list_suggestions(request: HttpRequest, state: str, target: str, k: int = 10) -> Any:
    """The state's provisions most likely to implement `target` (untoc/art_24[/para_2])."""
    provision, paragraph = _target(target)
    rows = suggestions.suggest(actor(request), _state(state), provision, paragraph, k=min(k, 50))
    return [
        {
            "rank": r.rank,
            "provision": r.provision,
            "law_title": r.provision.legal_text.title,
            "score": r.score,
            "concepts": r.concepts,
            "decision": r.decision,
            "mapped": r.mapped,
        }
        for r in rows
    ]


@router.post("/legislation/suggestions/decisions", response=DecisionOut, auth=LOGIN_AUTH)
def decide_suggestion(request: HttpRequest, payload: DecisionIn) -> dict[str, Any]:
    user = actor(request)
    provision, paragraph = _target(payload.target)
    legal_provision = permissions.access_provision(user, payload.legal_provision_id)
    state = _state(payload.state)
    if legal_provision.legal_text.state_id != state.pk:
        raise ValidationError("The national provision belongs to another state.")
    record = services.suggestion_decide(
        actor=user,
        legal_provision=legal_provision,
        convention_provision=provision,
        paragraph=paragraph,
        decision=payload.decision,
        rank=payload.rank,
        score=payload.score,
        compliance=payload.compliance,
        classification=payload.classification,
    )
    return {
        "id": record.pk,
        "decision": record.decision,
        "mapping_id": record.mapping_id,
        "acceptance": selectors.acceptance_rate(state),
    }


@router.get("/legislation/suggestions/acceptance", response=dict[str, Any])
def suggestion_acceptance(request: HttpRequest, state: str = "") -> dict[str, Any]:
    return selectors.acceptance_rate(_state(state) if state else None)


# --- gap analysis, comparison, heat map ------------------------------------------------------


@router.get("/legislation/gaps/{iso3}", response=GapOut, auth=LOGIN_AUTH)
def get_gap_analysis(request: HttpRequest, iso3: str, instrument: str = "") -> dict[str, Any]:
    analysis = gaps.gap_analysis(actor(request), _state(iso3), instrument=instrument)
    return {
        "state": analysis.state.iso3,
        "scope_rule": str(gaps.SCOPE_RULE),
        "scope": [
            {
                "instrument": s.instrument.code,
                "party_status": s.status,
                "in_scope": s.in_scope,
                "reason": s.reason,
            }
            for s in analysis.scope
        ],
        "summary": analysis.summary,
        "themes": [
            {"theme": t.theme.code, "total": t.total, "counts": t.counts} for t in analysis.themes
        ],
        "rows": [
            {
                "instrument": r.instrument.code,
                "provision": r.provision.key,
                "paragraph": r.paragraph.key if r.paragraph else None,
                "obligation": r.obligation,
                "status": r.status,
                "legal_provision_ids": [
                    m.legal_provision_id for m in r.mappings if m.legal_provision_id
                ],
            }
            for r in analysis.rows
        ],
    }


@router.post("/legislation/gaps/{iso3}/needs", response=NeedsOut, auth=LOGIN_AUTH)
def make_gap_needs(request: HttpRequest, iso3: str) -> dict[str, Any]:
    report = services.gap_needs(actor(request), _state(iso3))
    return {
        "created": report.created,
        "updated": report.updated,
        "need_ids": [n.pk for n in report.needs],
    }


@router.get("/legislation/comparison", response=ComparisonOut)
def get_comparison(
    request: HttpRequest, set: str = "victims_witnesses", items: str = "", states: str = ""
) -> dict[str, Any]:
    keys = [k for k in items.split(",") if k.strip()]
    if not keys:
        keys = list(selectors.PRESETS[set][1]) if set in selectors.PRESETS else [set]
    data = selectors.comparison(actor(request), keys, _states(states))
    return {
        "states": [s.iso3 for s in data.states],
        "rows": [
            {
                "key": item.key,
                "label": item.label,
                "cells": [
                    {
                        "state": s.iso3,
                        "status": cell.status,
                        "legal_provision_ids": [c.pk for c in cell.citations],
                    }
                    for s, cell in zip(data.states, cells, strict=True)
                ],
            }
            for item, cells in data.rows
        ],
        "features": [
            {
                "feature": value,
                "label": label,
                "cells": [
                    {
                        "state": s.iso3,
                        "value": f.value if f else None,
                        "notes": f.notes if f else "",
                    }
                    for s, f in zip(data.states, feats, strict=True)
                ],
            }
            for value, label, feats in data.features
        ],
    }


class FeatureIn(Schema):
    state: str
    feature: str
    value: str
    notes: str = ""
    source: str = ""
    legal_provision_id: int | None = None
    classification: str = Classification.PUBLIC


class FeatureOut(Schema):
    id: int
    state: str
    feature: str
    value: str
    notes: str
    source: str
    legal_provision_id: int | None
    classification: str

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.iso3)


@router.put("/legislation/features", response=FeatureOut, auth=LOGIN_AUTH)
def set_feature(request: HttpRequest, payload: FeatureIn) -> Any:
    """Record one victim/witness protection measure of a state (idempotent upsert)."""
    user = actor(request)
    legal_provision = (
        permissions.access_provision(user, payload.legal_provision_id)
        if payload.legal_provision_id
        else None
    )
    return services.feature_set(
        actor=user,
        state=_state(payload.state),
        feature=payload.feature,
        value=payload.value,
        notes=payload.notes,
        source=payload.source,
        legal_provision=legal_provision,
        classification=payload.classification,
    )


@router.get("/legislation/heatmap", response=dict[str, Any])
def get_heatmap(
    request: HttpRequest, set: str = "victims_witnesses", items: str = "", states: str = ""
) -> dict[str, Any]:
    keys = [k for k in items.split(",") if k.strip()]
    if not keys:
        keys = list(selectors.PRESETS[set][1]) if set in selectors.PRESETS else [set]
    data = selectors.heatmap(actor(request), keys, _states(states))
    return {
        "items": [item.key for item in data.items],
        "states": [s.iso3 for s in data.states],
        "cells": data.cells,
    }


# --- search (search helper) ---
from tact.legislation import api_search  # noqa: E402

api_search.register(router)
