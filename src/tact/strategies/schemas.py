"""The shapes of the strategies API: what each endpoint takes and returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema

from tact.core.models import Classification
from tact.strategies.models import Action, AgencyType, Aim, Strategy


class NationalStrategyOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    state: str | None
    start: dt.date | None
    end: dt.date | None
    adopting_authority: str
    adopting_instrument: str
    classification: str

    @staticmethod
    def resolve_state(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj.get("state")
        return obj.state.iso3 if obj.state_id else None


class NationalStrategyIn(Schema):
    state: str
    title: str
    # Plain strings, not the model enums: several apps have enums named Kind or Status and
    # OpenAPI components are named after the class. The service validates the choices.
    kind: str = Strategy.Kind.NATIONAL_STRATEGY.value
    status: str = Strategy.Status.DRAFT.value
    start: dt.date | None = None
    end: dt.date | None = None
    adopting_authority: str = ""
    adopting_instrument: str = ""
    description: str = ""
    classification: Classification = Classification.RESTRICTED


class NationalStrategyPatch(Schema):
    title: str | None = None
    status: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    description: str | None = None
    classification: Classification | None = None


class StrategyActionOut(Schema):
    id: int
    objective_id: int
    code: str
    title: str
    lead_agency_id: int | None
    deadline: dt.date | None
    budget: Decimal | None
    currency: str
    funding: str
    project_id: int | None
    status: str
    percent_complete: int


class StrategyThreatSummaryOut(Schema):
    """The sanitised summary an objective cites (aim ii); for a caller who may not see it,
    only `visible: false` and the words "a record you may not see"."""

    visible: bool
    id: int | None
    title: str
    summary: str
    published: bool | None


class StrategyObjectiveOut(Schema):
    id: int
    code: str
    title: str
    aims: list[str]
    provisions: list[str]
    themes: list[str]
    threat_summary: StrategyThreatSummaryOut | None
    changing_nature_findings: str
    actions: list[StrategyActionOut]


class StrategyProgressOut(Schema):
    actions_total: int
    actions_completed: int
    actions_overdue: int
    actions_mean_percent: float | None
    frameworks: list[dict[str, Any]]


class NationalStrategyDetailOut(NationalStrategyOut):
    objectives: list[StrategyObjectiveOut]
    progress: StrategyProgressOut


class StrategyObjectiveIn(Schema):
    title: str
    code: str = ""
    description: str = ""
    aims: list[Aim] = []
    provisions: list[str] = []
    themes: list[str] = []
    threat_summary_id: int | None = None
    changing_nature_findings: str = ""


class StrategyActionIn(Schema):
    title: str
    code: str = ""
    lead_agency_id: int | None = None
    partner_agency_ids: list[int] = []
    deadline: dt.date | None = None
    budget: Decimal | None = None
    currency: str = ""
    funding: str = Action.Funding.NONE.value
    status: str = Action.Status.NOT_STARTED.value
    percent_complete: int = 0


class StrategyProgressIn(Schema):
    status: str
    percent_complete: int
    date: dt.date | None = None
    note: str = ""


class StrategyProgressUpdateOut(Schema):
    id: int
    date: dt.date
    status: str
    percent_complete: int
    note: str


class StrategyAimCoverageOut(Schema):
    aim: str
    covered: bool
    objectives: list[dict[str, Any]]
    actions_total: int
    actions_completed: int
    actions_mean_percent: float | None


class StrategyAgencyOut(Schema):
    id: int
    name: str
    acronym: str
    state: str
    agency_type: str
    organisation_id: int

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.organisation.name)

    @staticmethod
    def resolve_acronym(obj: Any) -> str:
        return str(obj.organisation.acronym)

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.iso3)


class StrategyAgencyIn(Schema):
    state: str
    agency_type: AgencyType
    name: str = ""
    acronym: str = ""
    organisation_id: int | None = None


class TaskForceOut(Schema):
    id: int
    name: str
    state: str
    mandate: str
    legal_basis: str
    start: dt.date | None
    end: dt.date | None
    classification: str
    members: list[dict[str, Any]]

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.iso3)

    @staticmethod
    def resolve_members(obj: Any) -> list[dict[str, Any]]:
        return [{"agency_id": m.agency_id, "role": m.role} for m in obj.members.all()]


class TaskForceIn(Schema):
    state: str
    name: str
    mandate: str = ""
    legal_basis: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    classification: Classification = Classification.RESTRICTED
    members: list[dict[str, Any]] = []


class CooperationAgreementOut(Schema):
    id: int
    title: str
    kind: str
    state: str
    status: str
    party_ids: list[int]
    signed_on: dt.date | None
    classification: str

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.iso3)

    @staticmethod
    def resolve_party_ids(obj: Any) -> list[int]:
        # Lists carry only the parties the viewer may see (`selectors.agreement_list`).
        parties = getattr(obj, "visible_parties", None)
        return sorted(p.pk for p in (obj.parties.all() if parties is None else parties))


class NetworkNodeOut(Schema):
    id: int
    label: str
    agency_type: str
    state: str
    degree: float
    betweenness: float
    isolated: bool


class NetworkOut(Schema):
    state: str
    nodes: list[NetworkNodeOut]
    edges: list[dict[str, Any]]
    missing_links: list[dict[str, Any]]


class AwarenessCampaignOut(Schema):
    id: int
    title: str
    state: str
    objective_id: int | None
    audience: str
    channels: str
    reach: int | None
    share_aware_before: float | None
    share_aware_after: float | None
    difference: float | None
    difference_low: float | None
    difference_high: float | None
