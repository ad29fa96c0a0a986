"""REST API of assistance coordination: projects, contributions, exchange rates, imports."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from tact.assistance import dashboards, keyset, permissions, selectors, services
from tact.assistance.models import Contribution, ImportRun, Project
from tact.catalog import permissions as catalog_permissions
from tact.core import access
from tact.core.api import LOGIN_AUTH, PUBLIC_AUTH, actor
from tact.core.models import Classification
from tact.core.pagination import PageNumberPagination
from tact.core.uploads import check_upload_size
from tact.directory import permissions as directory_permissions

router = Router(tags=["assistance"], auth=PUBLIC_AUTH)


class ParticipantOut(Schema):
    role: str
    ref: str
    name: str
    type: str
    crs_channel_code: str


class CountryOut(Schema):
    code: str
    state: str | None
    percentage: Decimal | None

    @staticmethod
    def resolve_state(obj: Any) -> str | None:
        return obj.state.iso3 if obj.state_id else None


class SectorOut(Schema):
    vocabulary: str
    code: str
    name: str
    percentage: Decimal | None


class ProjectOut(Schema):
    id: int
    iati_identifier: str
    title: str
    reporting_org_ref: str
    reporting_org_name: str
    status: str
    channel: str
    channel_derived: str
    channel_override: str
    planned_start: dt.date | None
    actual_start: dt.date | None
    planned_end: dt.date | None
    actual_end: dt.date | None
    budget_usd: Decimal | None
    commitment_usd: Decimal | None
    disbursement_usd: Decimal | None
    classification: str
    last_updated: dt.datetime | None
    countries: list[str]

    @staticmethod
    def resolve_countries(obj: Project) -> list[str]:
        return [c.code for c in obj.countries.all()]


class BudgetOut(Schema):
    type: str
    status: str
    period_start: dt.date | None
    period_end: dt.date | None
    value: Decimal | None
    currency: str
    value_usd: Decimal | None


class TransactionOut(Schema):
    type: str
    date: dt.date | None
    value: Decimal | None
    currency: str
    value_usd: Decimal | None
    provider_ref: str
    provider_name: str
    receiver_ref: str
    receiver_name: str


class ProjectDetailOut(ProjectOut):
    description: str
    participating_organisations: list[ParticipantOut]
    recipient_countries: list[CountryOut]
    sectors: list[SectorOut]
    budgets: list[BudgetOut]
    transactions: list[TransactionOut]
    provisions: list[str]
    themes: list[str]
    needs: list[int]

    @staticmethod
    def resolve_participating_organisations(obj: Project) -> Any:
        return list(obj.participating_organisations.all())

    @staticmethod
    def resolve_recipient_countries(obj: Project) -> Any:
        return list(obj.countries.select_related("state"))

    @staticmethod
    def resolve_sectors(obj: Project) -> Any:
        return list(obj.sectors.all())

    @staticmethod
    def resolve_budgets(obj: Project) -> Any:
        return list(obj.budgets.all())

    @staticmethod
    def resolve_transactions(obj: Project) -> Any:
        return list(obj.transactions.all())

    @staticmethod
    def resolve_provisions(obj: Project) -> list[str]:
        return list(obj.provisions.values_list("key", flat=True))

    @staticmethod
    def resolve_themes(obj: Project) -> list[str]:
        return list(obj.themes.values_list("code", flat=True))

    @staticmethod
    def resolve_needs(obj: Project) -> list[int]:
        return list(obj.needs.values_list("pk", flat=True))


class ProjectLinksIn(Schema):
    provisions: list[str] | None = None
    themes: list[str] | None = None
    needs: list[int] | None = None
    channel_override: str | None = None
    classification: Classification | None = None


class ContributionOut(Schema):
    id: int
    donor_id: int
    donor: str
    year: int
    currency: str
    pledged_amount: Decimal | None
    pledged_date: dt.date | None
    paid_amount: Decimal | None
    paid_date: dt.date | None
    pledged_usd: Decimal | None
    paid_usd: Decimal | None
    earmarking: str
    earmark_target: str
    earmark_programme: str
    earmark_theme: str | None
    earmark_state: str | None
    classification: str

    @staticmethod
    def resolve_donor(obj: Contribution) -> str:
        return str(obj.donor)

    @staticmethod
    def resolve_earmark_theme(obj: Contribution) -> str | None:
        return obj.earmark_theme.code if obj.earmark_theme else None

    @staticmethod
    def resolve_earmark_state(obj: Contribution) -> str | None:
        return obj.earmark_state.iso3 if obj.earmark_state else None


class ContributionIn(Schema):
    donor_id: int
    year: int
    currency: str = "USD"
    pledged_amount: Decimal | None = None
    pledged_date: dt.date | None = None
    paid_amount: Decimal | None = None
    paid_date: dt.date | None = None
    earmarking: str = Contribution.Earmarking.UNEARMARKED
    earmark_target: str = ""
    earmark_programme: str = ""
    earmark_theme: str | None = None
    earmark_state: str | None = None
    classification: Classification = Classification.PUBLIC
    notes: str = ""


class ExchangeRateOut(Schema):
    currency: str
    date: dt.date
    usd_rate: Decimal
    source: str


class RateReportOut(Schema):
    created: int
    updated: int
    unchanged: int
    rejected: list[tuple[int, str]]
    error: str


class ImportRowOut(Schema):
    line: int | None
    identifier: str
    title: str
    outcome: str
    reason: str


class ImportRunOut(Schema):
    id: int
    file_name: str
    status: str
    strict: bool
    lenient: bool
    percent: int
    activities_seen: int
    imported: int
    updated: int
    skipped: int
    rejected: int
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


class ImportRunDetailOut(ImportRunOut):
    report: list[ImportRowOut]


class ProjectPageOut(Schema):
    """A keyset page: pass ``next`` as ``cursor`` (or ``previous`` as ``before``) to move.
    ``count`` is exact up to 1,000 (100 for a text search); ``count_capped`` says "more
    than that". A text search (``q``) comes by record, not by title."""

    items: list[ProjectOut]
    count: int
    count_capped: bool
    next: str | None
    previous: str | None


class TransactionListOut(TransactionOut):
    id: int
    project_id: int
    project_iati_identifier: str
    receiver_activity_id: str
    provider_activity_id: str

    @staticmethod
    def resolve_project_iati_identifier(obj: Any) -> str:
        return str(obj.project.iati_identifier)


class TransactionPageOut(Schema):
    items: list[TransactionListOut]
    count: int
    count_capped: bool
    next: str | None
    previous: str | None


def _page_out(page: keyset.KeysetPage[Any]) -> dict[str, Any]:
    return {
        "items": page.object_list,
        "count": page.count,
        "count_capped": page.count_capped,
        "next": page.next_cursor or None,
        "previous": page.previous_cursor or None,
    }


@router.get("/assistance/projects", response=ProjectPageOut)
def list_projects(
    request: HttpRequest,
    q: str = "",
    state: str = "",
    theme: str = "",
    channel: str = "",
    organisation: str = "",
    status: str = "",
    sector: str = "",
    cursor: str = "",
    before: str = "",
    limit: int = keyset.PAGE_SIZE,
) -> dict[str, Any]:
    """Projects (IATI activities) the caller may see, by title; filters by recipient state
    (ISO3), theme code, channel, organisation IATI id, activity status and sector code.
    Keyset pagination: follow ``next`` (as ``cursor``) to read on."""
    limit = max(1, min(limit, keyset.MAX_PAGE_SIZE))
    projects = (
        selectors.project_list(
            actor(request),
            q=q,
            state=state,
            theme=theme,
            channel=channel,
            organisation=organisation,
            status=status,
            sector=sector,
        )
        .defer("iati_activity")
        .prefetch_related("countries")
    )
    order = selectors.project_order(q)
    page = keyset.keyset_page(
        projects,
        order,
        after=cursor,
        before=before,
        size=limit,
        count_cap=selectors.project_count_cap(q),
    )
    return _page_out(page)


@router.get("/assistance/transactions", response=TransactionPageOut)
def list_transactions(
    request: HttpRequest,
    project: int | None = None,
    type: str = "",
    year: int | None = None,
    cursor: str = "",
    before: str = "",
    limit: int = keyset.PAGE_SIZE,
) -> dict[str, Any]:
    """Transactions of the projects the caller may see, oldest record first (keyset
    pagination as for projects)."""
    if year is not None and not 1900 <= year <= 2100:
        raise ValidationError("year: give a year from 1900 to 2100.")
    if project is not None and not 0 < project < 2**31:
        raise Http404("No such project.")
    limit = max(1, min(limit, keyset.MAX_PAGE_SIZE))
    transactions = selectors.transaction_list(actor(request), project=project, type=type, year=year)
    page = keyset.keyset_page(transactions, ("pk",), after=cursor, before=before, size=limit)
    return _page_out(page)


@router.get("/assistance/projects/{project_id}", response=ProjectDetailOut)
def get_project(request: HttpRequest, project_id: int) -> Project:
    return permissions.access_project(actor(request), project_id)


@router.patch("/assistance/projects/{project_id}", response=ProjectDetailOut, auth=LOGIN_AUTH)
def update_project_links(request: HttpRequest, project_id: int, payload: ProjectLinksIn) -> Project:
    """Set tact's links (provision keys, theme codes, need ids), the channel correction and
    the classification."""
    from tact.assistance.models import Need
    from tact.catalog.models import Provision, Theme

    user = actor(request)
    project = permissions.access_project(user, project_id, for_edit=True)
    return services.project_update_links(
        actor=user,
        project=project,
        provisions=Provision.objects.filter(key__in=payload.provisions)
        if payload.provisions is not None
        else None,
        themes=Theme.objects.filter(code__in=payload.themes)
        if payload.themes is not None
        else None,
        needs=access.visible(user, Need.objects.filter(pk__in=payload.needs))
        if payload.needs is not None
        else None,
        channel_override=payload.channel_override,
        classification=payload.classification,
    )


@router.get("/assistance/export", auth=LOGIN_AUTH)
def export_projects(
    request: HttpRequest, format: str = "xml", state: str = "", organisation: str = ""
) -> HttpResponse:
    """The visible projects as IATI 2.03 XML (``format=xml``) or CSV (``format=csv``)."""
    projects = selectors.project_list(actor(request), state=state, organisation=organisation)
    if format == "csv":
        text = io.StringIO(newline="")
        services.export_projects(projects.iterator(), text, fmt="csv")
        return HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    data = io.BytesIO()
    services.export_projects(projects.iterator(), data, fmt="xml")
    return HttpResponse(data.getvalue(), content_type="application/xml")


@router.get("/assistance/matrix", response=list[dict[str, Any]])
def who_does_what_where(
    request: HttpRequest,
    role: str = "funder",
    state: str = "",
    theme: str = "",
    offset: int = 0,
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Who does what where, one row per state, theme and funder (or implementer): the three
    largest organisations of each cell, the rest in one "N others" row. States come by
    amount, largest first: ``limit`` of them (at most 50) from ``offset``."""
    matrix = dashboards.who_does_what_where(
        actor(request),
        role=role,
        top=max(1, min(limit, 50)),
        offset=max(0, min(offset, 10_000)),
        state=state,
        theme=theme,
    )
    keys = ["iso3", "state", "theme", "organisation", "projects", "amount_usd"]
    return [dict(zip(keys, row, strict=True)) for row in matrix.long_rows()]


@router.get("/assistance/map", response=dict[str, Any])
def map_data(request: HttpRequest, theme: str = "", organisation: str = "") -> dict[str, Any]:
    return dashboards.map_data(actor(request), theme=theme, organisation=organisation)


@router.get("/assistance/contributions", response=list[ContributionOut], auth=LOGIN_AUTH)
@paginate(PageNumberPagination, page_size=50)
def list_contributions(
    request: HttpRequest, donor: str = "", year: str = "", earmarking: str = ""
) -> Any:
    return selectors.contribution_list(
        actor(request), donor=donor, year=year, earmarking=earmarking
    )


@router.get(
    "/assistance/contributions/{contribution_id}", response=ContributionOut, auth=LOGIN_AUTH
)
def get_contribution(request: HttpRequest, contribution_id: int) -> Contribution:
    return permissions.access_contribution(actor(request), contribution_id)


@router.post("/assistance/contributions", response={201: ContributionOut}, auth=LOGIN_AUTH)
def create_contribution(request: HttpRequest, payload: ContributionIn) -> Status[Contribution]:

    values: dict[str, Any] = payload.dict(exclude={"donor_id", "earmark_theme", "earmark_state"})
    values["donor"] = directory_permissions.access_organisation(actor(request), payload.donor_id)
    values["earmark_theme"] = (
        catalog_permissions.access_theme(actor(request), payload.earmark_theme)
        if payload.earmark_theme
        else None
    )
    values["earmark_state"] = (
        directory_permissions.access_state(actor(request), payload.earmark_state)
        if payload.earmark_state
        else None
    )
    contribution = services.contribution_save(actor=actor(request), values=values)
    return Status(201, contribution)


@router.get("/assistance/exchange-rates", response=list[ExchangeRateOut], auth=LOGIN_AUTH)
@paginate(PageNumberPagination, page_size=250)
def list_exchange_rates(request: HttpRequest, currency: str = "") -> Any:
    return selectors.exchange_rate_list(currency=currency)


@router.post("/assistance/exchange-rates", response=RateReportOut, auth=LOGIN_AUTH)
def load_exchange_rates(
    request: HttpRequest, file: File[UploadedFile], strict: Form[bool] = False
) -> services.RateReport:
    """Load a CSV (currency,date,usd_rate[,source]); returns the per-row report."""

    check_upload_size(file.size)
    return services.exchange_rates_import_csv(actor=actor(request), data=file.read(), strict=strict)


@router.get("/assistance/imports", response=list[ImportRunOut], auth=LOGIN_AUTH)
@paginate(PageNumberPagination, page_size=50)
def list_imports(request: HttpRequest) -> Any:
    return selectors.import_runs(actor(request))


@router.post("/assistance/imports", response={202: ImportRunOut}, auth=LOGIN_AUTH)
def start_import(
    request: HttpRequest,
    file: File[UploadedFile],
    strict: Form[bool] = False,
    lenient: Form[bool] = False,
) -> Status[ImportRun]:
    """Upload an IATI activity file; the import runs in the background. Poll
    ``GET /imports/{id}`` for its status, progress and report. ``lenient`` imports
    activities with small schema slips, each kept as a data-quality warning."""
    run = services.import_start(actor=actor(request), upload=file, strict=strict, lenient=lenient)
    return Status(202, run)


@router.get("/assistance/imports/{run_id}", response=ImportRunDetailOut, auth=LOGIN_AUTH)
def get_import(request: HttpRequest, run_id: int) -> ImportRun:
    run = permissions.access_import_run(actor(request), run_id)
    if not run.finished:
        from tact.assistance.importing import read_progress

        live = read_progress(run)
        if live.get("total_bytes"):
            run.processed_bytes = live["processed_bytes"]
            run.activities_seen = live.get("seen", 0)
    return run


# --- overlaps and matching (overlaps helper) ---
import tact.assistance.needs.api  # noqa: E402  (adds the needs operations)
import tact.assistance.overlaps.api  # noqa: E402, F401  (adds the overlap operations)
