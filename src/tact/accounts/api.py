from django.http import HttpRequest
from ninja import Router, Schema

from tact.core.access import scope_of
from tact.core.api import LOGIN_AUTH, actor

router = Router(tags=["accounts"], auth=LOGIN_AUTH)


class MeOut(Schema):
    username: str
    role: str
    states: list[int]
    organisations: list[int]


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, object]:
    """Who the token or session belongs to, and its scope."""
    user = actor(request)
    scope = scope_of(user)
    return {
        "username": user.get_username(),
        "role": scope.role or "",
        "states": sorted(scope.state_ids),
        "organisations": sorted(scope.organisation_ids),
    }
