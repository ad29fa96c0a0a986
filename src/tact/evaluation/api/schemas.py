"""The request and response schemas of the evaluation API (names unique in the app)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema

from tact.core.models import Classification
from tact.evaluation.models import (
    Evaluation,
    EvidenceStrength,
    Finding,
    Level,
    ManagementResponse,
    Measure,
    Strategy,
)


class ProgressOut(Schema):
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    period_end: dt.date | None
    achievement: Decimal | None
    status: str


class PeriodOut(Schema):
    id: int
    start: dt.date
    end: dt.date
    target_value: Decimal | None
    target_numerator: Decimal | None
    target_denominator: Decimal | None
    actual_value: Decimal | None
    actual_numerator: Decimal | None
    actual_denominator: Decimal | None
    target_comment: str
    actual_comment: str
    narrative: str
    disaggregation: list[dict[str, str]]


class IndicatorOut(Schema):
    id: int
    node_id: int
    title: str
    description: str
    measure: str
    ascending: bool
    unit_label: str
    parent_indicator_id: int | None
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_numerator: Decimal | None
    baseline_denominator: Decimal | None
    means_of_verification: str
    assumptions: str
    dimensions: list[str]
    provisions: list[str]
    recommendation_codes: list[str]
    periods: list[PeriodOut]
    progress: ProgressOut | None = None

    @staticmethod
    def resolve_provisions(obj: Any) -> list[str]:
        if isinstance(obj, dict):
            return list(obj["provisions"])
        return [p.key for p in obj.provisions.all()]

    @staticmethod
    def resolve_periods(obj: Any) -> list[Any]:
        if isinstance(obj, dict):
            return list(obj["periods"])
        return list(obj.periods.all())


class NodeOut(Schema):
    id: int
    parent_id: int | None
    level: str
    title: str
    description: str
    assumptions: str
    indicators: list[IndicatorOut]


class FrameworkOut(Schema):
    id: int
    title: str
    project_id: int | None
    strategy_id: int | None
    state: str | None
    description: str
    classification: str
    recommendation_codes: list[str]

    @staticmethod
    def resolve_state(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj.get("state")
        return obj.state.iso3 if obj.state else None


class FrameworkDetailOut(FrameworkOut):
    nodes: list[NodeOut]


class FrameworkIn(Schema):
    title: str
    project_id: int | None = None
    strategy_id: int | None = None
    state: str | None = None
    description: str = ""
    classification: Classification = Classification.PUBLIC
    recommendation_codes: list[str] = []


class StrategyIn(Schema):
    title: str
    kind: Strategy.Kind = Strategy.Kind.STRATEGY
    state: str | None = None
    description: str = ""
    classification: Classification = Classification.PUBLIC


class StrategyOut(Schema):
    id: int
    title: str
    kind: str
    classification: str


class NodeIn(Schema):
    level: Level
    title: str
    parent_id: int | None = None
    description: str = ""
    assumptions: str = ""


class IndicatorIn(Schema):
    title: str
    measure: Measure = Measure.UNIT
    ascending: bool = True
    description: str = ""
    unit_label: str = ""
    parent_indicator_id: int | None = None
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    baseline_numerator: Decimal | None = None
    baseline_denominator: Decimal | None = None
    means_of_verification: str = ""
    assumptions: str = ""
    dimensions: list[str] = []
    provisions: list[str] = []
    recommendation_codes: list[str] = []


class PeriodIn(Schema):
    start: dt.date
    end: dt.date
    target_value: Decimal | None = None
    target_numerator: Decimal | None = None
    target_denominator: Decimal | None = None
    actual_value: Decimal | None = None
    actual_numerator: Decimal | None = None
    actual_denominator: Decimal | None = None
    target_comment: str = ""
    actual_comment: str = ""
    narrative: str = ""
    disaggregation: list[dict[str, Any]] = []


class RatingOut(Schema):
    criterion: str
    score: str
    label: str
    satisfactory: bool | None
    justification: str
    evidence_strength: str


class ResponseOut(Schema):
    decision: str
    response: str
    actions: str
    responsible: str
    due_date: dt.date | None
    follow_up_status: str
    follow_up_note: str


class FindingOut(Schema):
    id: int
    evaluation_id: int
    kind: str
    criterion: str
    title: str
    text: str
    evidence_strength: str
    addressee: str
    good_practice_candidate: bool
    proposed_at: dt.datetime | None
    response: ResponseOut | None = None

    @staticmethod
    def resolve_response(obj: Any) -> Any:
        if isinstance(obj, dict):
            return obj.get("response")
        return getattr(obj, "response", None) if hasattr(obj, "response") else None


class EvaluationOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    evaluators: str
    commissioned_by: str
    period_start: dt.date | None
    period_end: dt.date | None
    report_date: dt.date | None
    summary: str
    scale: str
    classification: str
    owner_state: str | None

    @staticmethod
    def resolve_scale(obj: Any) -> str:
        if isinstance(obj, dict):
            return str(obj["scale"])
        return str(obj.scale.code)

    @staticmethod
    def resolve_owner_state(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj.get("owner_state")
        return obj.owner_state.iso3 if obj.owner_state else None


class EvaluationDetailOut(EvaluationOut):
    interventions: list[int]
    frameworks: list[int]
    states: list[str]
    themes: list[str]
    provisions: list[str]
    ratings: list[RatingOut]
    findings: list[FindingOut]


class EvaluationIn(Schema):
    title: str
    scale: str = "ieg-6"
    kind: Evaluation.Kind = Evaluation.Kind.PROJECT
    status: Evaluation.Status = Evaluation.Status.ONGOING
    evaluators: str = ""
    commissioned_by: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    report_date: dt.date | None = None
    summary: str = ""
    classification: Classification = Classification.RESTRICTED
    owner_state: str | None = None
    interventions: list[int] = []
    frameworks: list[int] = []
    states: list[str] = []
    themes: list[str] = []
    provisions: list[str] = []


class RatingIn(Schema):
    score: str
    justification: str
    evidence_strength: EvidenceStrength


class FindingIn(Schema):
    title: str
    text: str
    kind: Finding.Kind = Finding.Kind.FINDING
    criterion: str = ""
    evidence_strength: EvidenceStrength = EvidenceStrength.MODERATE
    addressee: str = ""


class ResponseIn(Schema):
    decision: ManagementResponse.Decision
    response: str
    actions: str = ""
    responsible: str = ""
    due_date: dt.date | None = None
    follow_up_status: ManagementResponse.FollowUp = ManagementResponse.FollowUp.NOT_STARTED
    follow_up_note: str = ""


class ScaleOut(Schema):
    code: str
    name: str
    description: str
    levels: list[dict[str, Any]]


class GoodPracticeOut(Schema):
    id: int
    title: str
    text: str
    criterion: str
    evidence_strength: str
    evaluation_id: int
    evaluation: str
    proposed_at: dt.datetime | None

    @staticmethod
    def resolve_evaluation(obj: Finding) -> str:
        return obj.evaluation.title
