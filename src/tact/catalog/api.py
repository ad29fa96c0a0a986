import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from tact.catalog import permissions, selectors
from tact.catalog.models import Instrument, Obligation, Provision
from tact.core.api import PUBLIC_AUTH

router = Router(tags=["catalog"], auth=PUBLIC_AUTH)


class ThemeOut(Schema):
    code: str
    title: str
    titles: dict[str, str]


class InstrumentOut(Schema):
    code: str
    short_title: str
    title: str
    titles: dict[str, str]
    adopted_by: str
    adopted_on: dt.date | None
    entry_into_force: dt.date | None
    provision_count: int


class ParagraphOut(Schema):
    key: str
    number: str
    obligation: Obligation
    text: str


class ProvisionSummaryOut(Schema):
    key: str
    instrument: str
    number: int
    title: str
    titles: dict[str, str]
    category: str
    obligation_summary: str
    themes: list[str]

    @staticmethod
    def resolve_instrument(obj: Provision) -> str:
        return obj.instrument.code

    @staticmethod
    def resolve_themes(obj: Provision) -> list[str]:
        return [t.code for t in obj.themes.all()]


class ProvisionOut(ProvisionSummaryOut):
    text: str
    notes: str
    paragraphs: list[ParagraphOut]

    @staticmethod
    def resolve_paragraphs(obj: Provision) -> list[ParagraphOut]:
        return [ParagraphOut.from_orm(p) for p in obj.paragraphs.all()]


@router.get("/instruments", response=list[InstrumentOut])
def list_instruments(request: HttpRequest) -> list[Instrument]:
    """The Convention and its three Protocols, each with its number of provisions."""
    return list(selectors.instrument_list())


@router.get("/instruments/{code}", response=InstrumentOut)
def get_instrument(request: HttpRequest, code: str) -> Instrument:
    return permissions.access_instrument(None, code, queryset=selectors.instrument_list())


@router.get("/themes", response=list[ThemeOut])
def list_themes(request: HttpRequest) -> list[object]:
    return list(selectors.theme_list())


@router.get("/provisions", response=list[ProvisionSummaryOut])
@paginate(PageNumberPagination, page_size=50)
def list_provisions(
    request: HttpRequest,
    instrument: str | None = None,
    theme: str | None = None,
    obligation: Obligation | None = None,
    q: str | None = None,
) -> object:
    """Articles, filtered by instrument, theme, or the obligation level of any paragraph."""
    return selectors.provision_list(instrument=instrument, theme=theme, obligation=obligation, q=q)


@router.get("/provisions/{instrument}/{number}", response=ProvisionOut)
def get_provision(request: HttpRequest, instrument: str, number: int) -> Provision:
    try:
        return selectors.provision_get(instrument=instrument, number=number)
    except Provision.DoesNotExist as exc:
        raise Http404("No such provision.") from exc
