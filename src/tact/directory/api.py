import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.models import Classification
from tact.directory import permissions, selectors, services
from tact.directory.models import Contact, Organisation, State

router = Router(tags=["directory"], auth=PUBLIC_AUTH)


class RegionOut(Schema):
    m49: str
    name: str


class StateOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str
    names: dict[str, str]
    un_status: str
    region: RegionOut | None
    subregion: RegionOut | None


class PartyStatusOut(Schema):
    instrument: str
    status: str
    signature_date: dt.date | None
    consent_date: dt.date | None
    consent_action: str
    is_demo: bool
    source: str


class StateDetailOut(StateOut):
    party_status: list[PartyStatusOut]


class OrganisationOut(Schema):
    id: int
    name: str
    acronym: str
    kind: str
    agency_type: str
    state: str | None
    iati_ref: str

    @staticmethod
    def resolve_state(obj: Organisation) -> str | None:
        return obj.state.iso3 if obj.state else None


class ContactOut(Schema):
    id: int
    name: str
    position: str
    organisation_id: int | None
    state: str | None
    email: str
    phone: str
    is_focal_point: bool
    topics: str
    classification: str

    @staticmethod
    def resolve_state(obj: Contact) -> str | None:
        return obj.state.iso3 if obj.state else None


class ContactIn(Schema):
    name: str
    state: str
    position: str = ""
    organisation_id: int | None = None
    email: str = ""
    phone: str = ""
    is_focal_point: bool = False
    topics: str = ""
    classification: Classification = Classification.RESTRICTED


@router.get("/states", response=list[StateOut])
@paginate(PageNumberPagination, page_size=250)
def list_states(
    request: HttpRequest,
    region: str | None = None,
    q: str | None = None,
    un_status: str | None = None,
) -> object:
    """UN Member States, observer and non-member states with their M49 region (M49 code)."""
    return selectors.state_list(region=region, q=q, un_status=un_status)


@router.get("/states/{iso3}", response=StateDetailOut)
def get_state(request: HttpRequest, iso3: str) -> dict[str, object]:
    try:
        state = selectors.state_get(iso3)
    except State.DoesNotExist as exc:
        raise Http404("No such state.") from exc
    rows = selectors.party_status_rows(state)
    data = StateOut.from_orm(state).dict()
    data["party_status"] = [
        {
            "instrument": row["instrument"].code,
            "status": row["status"].status if row["status"] else "unknown",
            "signature_date": row["status"].signature_date if row["status"] else None,
            "consent_date": row["status"].consent_date if row["status"] else None,
            "consent_action": row["status"].consent_action if row["status"] else "",
            "is_demo": row["status"].is_demo if row["status"] else False,
            "source": row["status"].source if row["status"] else "",
        }
        for row in rows
    ]
    return data


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination, page_size=50)
def list_organisations(
    request: HttpRequest, kind: str | None = None, state: str | None = None, q: str | None = None
) -> object:
    return selectors.organisation_list(kind=kind, state=state, q=q)


@router.get("/organisations/{org_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, org_id: int) -> Organisation:
    return permissions.access_organisation(actor(request), org_id)


@router.get("/contacts", response=list[ContactOut])
@paginate(PageNumberPagination, page_size=50)
def list_contacts(request: HttpRequest, state: str | None = None) -> object:
    """Contacts the caller may see (restricted and confidential ones need a scope)."""
    return selectors.contact_list(actor=actor(request), state=state)


@router.get("/contacts/{contact_id}", response=ContactOut)
def get_contact(request: HttpRequest, contact_id: int) -> Contact:
    return permissions.access_contact(actor(request), contact_id)


@router.post("/contacts", response={201: ContactOut}, auth=LOGIN_AUTH)
def create_contact(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    state = permissions.access_state(actor(request), payload.state)
    if not permissions.can_add_contact(actor(request), state):
        raise PermissionDenied("You may not add contacts for this state.")
    values = payload.dict(exclude={"state"})
    organisation_id = values.pop("organisation_id")
    organisation = (
        permissions.access_organisation(actor(request), organisation_id)
        if organisation_id
        else None
    )
    contact = services.contact_create(
        actor=actor(request), state=state, organisation=organisation, **values
    )
    return Status(201, contact)
