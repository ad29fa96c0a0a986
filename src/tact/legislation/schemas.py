"""The shapes of the legislation API: what each endpoint takes and returns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from tact.core.models import Classification
from tact.legislation.models import LegalProvision, LegalText, ProvisionMapping


class LawOut(Schema):
    id: int
    state: str
    title: str
    text_type: str
    number: str
    language: str
    adopted_on: dt.date | None
    in_force_on: dt.date | None
    amended_on: dt.date | None
    repealed_on: dt.date | None
    version_date: dt.date | None
    source_url: str
    source_format: str
    frbr_work_uri: str
    frbr_expression_uri: str
    work_key: str
    classification: str

    @staticmethod
    def resolve_state(obj: LegalText) -> str:
        return obj.state.iso3


class LegislationProvisionOut(Schema):
    id: int
    law_id: int
    eid: str
    label: str
    number: str
    heading: str
    body: str
    division: str
    order: int
    is_obsolete: bool

    @staticmethod
    def resolve_law_id(obj: LegalProvision) -> int:
        return obj.legal_text_id


class LawDetailOut(LawOut):
    provisions: list[LegislationProvisionOut]

    @staticmethod
    def resolve_provisions(obj: LegalText) -> list[LegalProvision]:
        return list(obj.provisions.all())


class LawImportIn(Schema):
    state: str
    filename: str
    content_base64: str
    text_type: str = ""
    language: str = ""
    title: str = ""
    number: str = ""
    adopted_on: dt.date | None = None
    in_force_on: dt.date | None = None
    version_date: dt.date | None = None
    source_url: str = ""
    classification: str = Classification.PUBLIC


class LawImportOut(Schema):
    law: LawOut
    created: bool
    provisions_created: int
    provisions_updated: int
    provisions_unchanged: int
    provisions_removed: int
    provisions_obsolete: int
    warnings: list[str]


class MappingOut(Schema):
    id: int
    state: str
    convention_provision: str
    paragraph: str | None
    legal_provision_id: int | None
    compliance: str
    de_jure_notes: str
    de_facto_notes: str
    evidence: str
    assessor_name: str
    assessed_on: dt.date | None
    from_suggestion: bool
    classification: str

    @staticmethod
    def resolve_state(obj: ProvisionMapping) -> str:
        return obj.state.iso3

    @staticmethod
    def resolve_convention_provision(obj: ProvisionMapping) -> str:
        return obj.convention_provision.key

    @staticmethod
    def resolve_paragraph(obj: ProvisionMapping) -> str | None:
        return obj.paragraph.key if obj.paragraph is not None else None


class MappingIn(Schema):
    state: str
    target: str  # untoc/art_24 or untoc/art_24/para_2
    compliance: str
    legal_provision_id: int | None = None
    de_jure_notes: str = ""
    de_facto_notes: str = ""
    evidence: str = ""
    assessed_on: dt.date | None = None
    classification: str = Classification.RESTRICTED


class MappingPatch(Schema):
    compliance: str | None = None
    de_jure_notes: str | None = None
    de_facto_notes: str | None = None
    evidence: str | None = None
    assessed_on: dt.date | None = None
    classification: str | None = None


class SuggestionOut(Schema):
    rank: int
    provision: LegislationProvisionOut
    law_title: str
    score: float
    concepts: list[str]
    decision: str
    mapped: bool


class DecisionIn(Schema):
    state: str
    target: str
    legal_provision_id: int
    decision: str  # accepted | rejected
    compliance: str = "partial"
    classification: str = Classification.RESTRICTED
    rank: int = 0
    score: float = 0.0


class DecisionOut(Schema):
    id: int
    decision: str
    mapping_id: int | None
    acceptance: dict[str, Any]


class GapRowOut(Schema):
    instrument: str
    provision: str
    paragraph: str | None
    obligation: str
    status: str
    legal_provision_ids: list[int]


class ScopeOut(Schema):
    instrument: str
    party_status: str
    in_scope: bool
    reason: str


class LegislationThemeOut(Schema):
    theme: str
    total: int
    counts: dict[str, int]


class GapOut(Schema):
    state: str
    scope_rule: str
    scope: list[ScopeOut]
    summary: dict[str, Any]
    themes: list[LegislationThemeOut]
    rows: list[GapRowOut]


class NeedsOut(Schema):
    created: int
    updated: int
    need_ids: list[int]


class CellOut(Schema):
    state: str
    status: str
    legal_provision_ids: list[int]


class ComparisonRowOut(Schema):
    key: str
    label: str
    cells: list[CellOut]


class FeatureCellOut(Schema):
    state: str
    value: str | None
    notes: str


class FeatureRowOut(Schema):
    feature: str
    label: str
    cells: list[FeatureCellOut]


class ComparisonOut(Schema):
    states: list[str]
    rows: list[ComparisonRowOut]
    features: list[FeatureRowOut]


class LawPatch(Schema):
    title: str | None = None
    text_type: str | None = None
    number: str | None = None
    adopted_on: dt.date | None = None
    in_force_on: dt.date | None = None
    amended_on: dt.date | None = None
    repealed_on: dt.date | None = None
    source_url: str | None = None
    classification: str | None = None
