"""Changes to single strategy and cooperation records over HTTP: edit an agency, delete a
strategy, objective, action, task force, agreement or campaign. Mounted on the strategies
router (`api.py`), except the deletions whose path `api.py` already serves (a second
router on the same path would answer 405). Hidden records are 404, visible but not editable
ones 403, blocked deletions 400 with the reason; nothing changes on any error."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from tact.core.api import LOGIN_AUTH, actor
from tact.core.models import Classification
from tact.strategies import deletion, permissions, services
from tact.strategies.models import AgencyType

router = Router(tags=["strategies"], auth=LOGIN_AUTH)


class StrategyAgencyPatch(Schema):
    agency_type: AgencyType | None = None
    classification: Classification | None = None


@router.patch("/strategies/agencies/{int:agency_id}", response=dict[str, Any])
def update_agency(request: HttpRequest, agency_id: int, payload: StrategyAgencyPatch) -> Any:
    user = actor(request)
    agency = permissions.access_agency(user, agency_id, for_edit=True)
    values = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    agency = services.agency_update(actor=user, agency=agency, **values)
    return {
        "id": agency.pk,
        "agency_type": agency.agency_type,
        "classification": agency.classification,
    }


def deleted(request: HttpRequest, record: Any) -> Status[None]:
    deletion.record_delete(actor=actor(request), record=record)
    return Status(204, None)


@router.delete("/strategies/objectives/{int:objective_id}", response={204: None})
def delete_objective(request: HttpRequest, objective_id: int) -> Status[None]:
    record = permissions.access_objective(actor(request), objective_id, for_edit=True)
    return deleted(request, record)


@router.delete("/strategies/actions/{int:action_id}", response={204: None})
def delete_action(request: HttpRequest, action_id: int) -> Status[None]:
    record = permissions.access_action(actor(request), action_id, for_edit=True)
    return deleted(request, record)


@router.delete("/strategies/agreements/{int:agreement_id}", response={204: None})
def delete_agreement(request: HttpRequest, agreement_id: int) -> Status[None]:
    record = permissions.access_agreement(actor(request), agreement_id, for_edit=True)
    return deleted(request, record)


@router.delete("/strategies/campaigns/{int:campaign_id}", response={204: None})
def delete_campaign(request: HttpRequest, campaign_id: int) -> Status[None]:
    record = permissions.access_campaign(actor(request), campaign_id, for_edit=True)
    return deleted(request, record)
