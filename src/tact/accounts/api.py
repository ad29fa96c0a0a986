from django.http import HttpRequest
from ninja import Router, Schema

from tact.core.access import scope_of
from tact.core.api import LOGIN_AUTH, actor
from tact.directory.models import State

router = Router(tags=["accounts"], auth=LOGIN_AUTH)


class MeOut(Schema):
    username: str
    role: str
    states: list[str]
    state_ids: list[int]
    organisations: list[int]


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, object]:
    """Who the token or session belongs to, and its scope."""
    user = actor(request)
    scope = scope_of(user)
    return {
        "username": user.get_username(),
        "role": scope.role or "",
        # ISO 3166 alpha-3 codes, as every other operation takes them; ids kept beside.
        "states": sorted(
            State.objects.filter(pk__in=scope.state_ids).values_list("iso3", flat=True)
        ),
        "state_ids": sorted(scope.state_ids),
        "organisations": sorted(scope.organisation_ids),
    }
