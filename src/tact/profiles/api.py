"""The state profile over HTTP: the sections the caller may see, as JSON."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from tact.core.api import PUBLIC_AUTH, actor
from tact.directory import permissions as directory_permissions
from tact.profiles import selectors

router = Router(tags=["profiles"], auth=PUBLIC_AUTH)


class ProfileItemOut(Schema):
    label: str
    url: str
    detail: str
    ref: str


class ProfileTableOut(Schema):
    caption: str
    headers: list[str]
    rows: list[list[Any]]


class ProfileSectionOut(Schema):
    name: str
    slot: str
    title: str
    summary: str
    more_url: str
    total: int
    items: list[ProfileItemOut]
    tables: list[ProfileTableOut]


class StateProfileOut(Schema):
    state: str
    name: str
    sections: list[ProfileSectionOut]


@router.get("/states/{iso3}/profile", response=StateProfileOut)
def state_profile(request: HttpRequest, iso3: str) -> dict[str, Any]:
    """Every section of a state's profile the caller may see (party status, strategies, task
    forces, legislative gaps, needs, assistance by channel and donor, trainings, threat
    assessments, follow-up, evaluations, practices), each item with its record reference.
    Sections in the slot ``top`` (integrity findings) come first."""
    state = directory_permissions.access_state(actor(request), iso3)
    return selectors.as_dict(selectors.state_profile(actor(request), state))
