"""API of the chain: ``/api/v1/chain/{ref}`` (the records linked to one record) and the
integrity checks (``/api/v1/chain-checks``)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from tact.chain import permissions
from tact.chain.integrity import CHECKS, CHECKS_BY_NAME
from tact.chain.selectors import MAX_NODES, STEPS, chain_walk
from tact.core.api import PUBLIC_AUTH, actor
from tact.core.links import record_url
from tact.core.pagination import PageNumberPagination
from tact.directory.models import State

router = Router(tags=["chain"], auth=PUBLIC_AUTH)


class ChainNodeOut(Schema):
    ref: str
    kind: str
    column: int
    visible: bool
    title: str
    url: str


class ChainEdgeOut(Schema):
    source: str
    target: str
    relation: str


class ChainOut(Schema):
    start: str
    truncated: bool
    nodes: list[ChainNodeOut]
    edges: list[ChainEdgeOut]


class ChainCheckOut(Schema):
    name: str
    label: str
    count: int


class ChainCheckItemOut(Schema):
    ref: str
    title: str
    url: str

    @staticmethod
    def resolve_ref(obj: Any) -> str:
        return f"{obj._meta.label_lower}:{obj.pk}"

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return str(obj)[:300]

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return record_url(obj)


def _state(iso3: str) -> State | None:
    if not iso3:
        return None
    state = State.objects.filter(iso3=iso3.strip().upper()[:3]).first()
    if state is None:
        raise Http404(_("No such state."))
    return state


@router.get("/chain/{ref}", response=ChainOut, operation_id="chain_detail")
def chain_detail(request: HttpRequest, ref: str, steps: int = STEPS) -> ChainOut:
    """The records up- and downstream of `ref` (``app.model:pk``), up to `steps` (1-8) steps
    each way and 80 records. Records the caller may not see come without title or key
    (``hidden-N``); records whose very existence is confidential are left out."""
    record = permissions.access_chain_start(actor(request), ref)
    chain = chain_walk(actor(request), record, steps=max(1, min(steps, 8)), max_nodes=MAX_NODES)
    return ChainOut(
        start=chain.start.ref,
        truncated=chain.truncated,
        nodes=[
            ChainNodeOut(
                ref=n.ref, kind=n.kind, column=n.rank, visible=n.visible, title=n.title, url=n.url
            )
            for n in chain.nodes
        ],
        edges=[
            ChainEdgeOut(source=e.source, target=e.target, relation=e.relation) for e in chain.edges
        ],
    )


@router.get("/chain-checks", response=list[ChainCheckOut], operation_id="chain_checks")
def chain_checks(request: HttpRequest, state: str = "") -> list[ChainCheckOut]:
    """Each integrity check with the number of records (that the caller sees) it finds."""
    where = _state(state)
    return [
        ChainCheckOut(
            name=check.name,
            label=str(check.label),
            count=check.records(actor(request), where).count(),
        )
        for check in CHECKS
    ]


@router.get(
    "/chain-checks/{name}", response=list[ChainCheckItemOut], operation_id="chain_check_items"
)
@paginate(PageNumberPagination, page_size=50)
def chain_check_items(request: HttpRequest, name: str, state: str = "") -> Any:
    check = CHECKS_BY_NAME.get(name)
    if check is None:
        raise Http404(_("No such check."))
    return check.records(actor(request), _state(state))
