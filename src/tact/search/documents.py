"""Sources of the site-wide document index and keeping the index in step with them.

An app makes its records searchable across tact by registering a :class:`Source` in its
``search.py``: the model, a kind and label, and a function that says what one record reads
as (:class:`Document`: title, body, language, year, facet values).  This module then

* writes one :class:`~tact.search.models.SearchDocument` row per record, with the access
  columns of the record's protected ancestor (``core.access.protected_ancestor``) and its
  facet values, and the analysed terms into the engine's table;
* follows saves and deletes of registered models (signals, in the same transaction), and
  the classification changes of any classified record (an evaluation made confidential
  takes its findings' rows with it);
* rebuilds everything on ``tact reindex-search``.

A record whose source returns None (a draft practice, say) is not in the index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.functional import Promise

from tact.core import access
from tact.core.bulk import insert_rows, select_in
from tact.core.loading import is_raw_loading
from tact.core.models import Classification
from tact.core.protection import protection_of
from tact.search.backends import IndexDoc, IndexSpec, SearchBackend, get_backend
from tact.search.models import SearchDocument, SearchFacet

__all__ = [
    "DOCUMENT_INDEX",
    "Document",
    "Source",
    "document_backend",
    "index_new_records",
    "index_records",
    "index_records_bulk",
    "register_source",
    "reindex_all",
    "remove_records",
    "sources",
]

DOCUMENT_INDEX = IndexSpec(
    fts_table="search_document_fts",
    pg_table="search_document_index",
    pg_id="document_id",
    analyze_tables=("search_searchdocument", "search_searchfacet"),
)

#: Facets stored as rows of SearchFacet (several values per record).
MULTI_FACETS = ("state", "theme", "provision", "recommendation")


@dataclass(frozen=True)
class Document:
    """What one record reads as, for the index and for its hit (title, snippet)."""

    title: str
    body: str
    language: str = "en"
    context: str = ""
    year: int | None = None
    states: tuple[str, ...] = ()  # ISO3
    themes: tuple[str, ...] = ()  # catalog theme codes
    provisions: tuple[str, ...] = ()  # catalog provision keys (untoc/art_24)
    recommendations: tuple[str, ...] = ()  # recommendation ids, for subscriptions

    def facet_rows(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        for name, values in (
            ("state", self.states),
            ("theme", self.themes),
            ("provision", self.provisions),
            ("recommendation", self.recommendations),
        ):
            rows.extend((name, str(v)[:80]) for v in dict.fromkeys(values) if v)
        return rows


@dataclass(frozen=True)
class Source:
    kind: str
    label: str | Promise
    model: type[models.Model]
    document: Callable[[Any], Document | None]
    #: The records to (re)index, with what `document` reads joined in.
    queryset: Callable[[], models.QuerySet[Any]] | None = None
    #: Related models whose saves change this source's documents: (model, path to records).
    follows: tuple[tuple[type[models.Model], str], ...] = field(default_factory=tuple)
    #: What a hit shows (title, snippet text), when cheaper than `document`: a search page
    #: reads only the page's records, without the facets' joins.
    display: Callable[[Any], Document | None] | None = None
    display_queryset: Callable[[], models.QuerySet[Any]] | None = None

    def shown(self, obj: Any) -> Document | None:
        return (self.display or self.document)(obj)

    def shown_records(self) -> models.QuerySet[Any]:
        if self.display_queryset is not None:
            return self.display_queryset()
        return self.records()

    def records(self) -> models.QuerySet[Any]:
        if self.queryset is not None:
            return self.queryset()
        return self.model._default_manager.all()


_SOURCES: dict[str, Source] = {}
_BY_MODEL: dict[type[models.Model], Source] = {}


def register_source(source: Source) -> Source:
    """Make *source*'s records searchable across tact (call from the app's ``search.py``)."""
    _SOURCES[source.kind] = source
    _BY_MODEL[source.model] = source
    post_save.connect(_saved, sender=source.model, dispatch_uid=f"search_doc_save_{source.kind}")
    post_delete.connect(
        _deleted, sender=source.model, dispatch_uid=f"search_doc_delete_{source.kind}"
    )
    # themes, provisions, states are set after the first save: follow them too
    for m2m in source.model._meta.many_to_many:
        through = getattr(m2m.remote_field, "through", None)
        if through is not None:
            m2m_changed.connect(
                _m2m_changed, sender=through, dispatch_uid=f"search_doc_m2m_{through._meta.label}"
            )
    return source


def sources() -> dict[str, Source]:
    return dict(_SOURCES)


def source_for(model: type[models.Model]) -> Source | None:
    return _BY_MODEL.get(model)


def document_backend(using: str = "default") -> SearchBackend:
    return get_backend(DOCUMENT_INDEX, using)


def ref_of(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


@dataclass(frozen=True)
class _Access:
    ref: str
    classification: str
    owner_state_id: int | None = None
    owner_organisation_id: int | None = None
    created_by_id: int | None = None


def _access_of(obj: models.Model) -> _Access | None:
    """The access columns of the record deciding about *obj*; None: never searchable.

    A record that inherits from several parents (visible when all of them are) is indexed
    only when every parent is public: one row holds one set of access columns.
    """
    ancestors = access.protected_ancestors(obj)
    if not ancestors:
        return None
    rights = [_rights_of(ancestor) for ancestor in ancestors]
    if any(r is None for r in rights):
        return None
    if len(rights) == 1:
        return rights[0]
    if all(r is not None and r.classification == Classification.PUBLIC for r in rights):
        return _Access(ref_of(obj), Classification.PUBLIC)
    return None


def _rights_of(ancestor: models.Model) -> _Access | None:
    declared = protection_of(ancestor)
    if declared is None or declared.kind == "internal":
        return None
    if declared.kind == "public":
        return _Access(ref_of(ancestor), Classification.PUBLIC)
    return _Access(
        ref_of(ancestor),
        getattr(ancestor, "classification", Classification.CONFIDENTIAL),
        getattr(ancestor, "owner_state_id", None),
        getattr(ancestor, "owner_organisation_id", None),
        getattr(ancestor, "created_by_id", None),
    )


def index_records(records: Iterable[models.Model], *, using: str = "default") -> int:
    """(Re)index these records of registered sources; returns how many are searchable."""
    docs: list[IndexDoc] = []
    gone: list[str] = []
    for obj in records:
        source = _BY_MODEL.get(type(obj))
        if source is None:
            continue
        ref = ref_of(obj)
        document = source.document(obj)
        rights = _access_of(obj) if document is not None else None
        if document is None or rights is None:
            gone.append(ref)
            continue
        row, _created = SearchDocument.objects.using(using).update_or_create(
            ref=ref,
            defaults={
                "kind": source.kind,
                "language": document.language[:8],
                "year": document.year,
                "access_ref": rights.ref,
                "classification": rights.classification,
                "owner_state_id": rights.owner_state_id,
                "owner_organisation_id": rights.owner_organisation_id,
                "created_by_id": rights.created_by_id,
            },
        )
        SearchFacet.objects.using(using).filter(document=row).delete()
        SearchFacet.objects.using(using).bulk_create(
            [SearchFacet(document=row, facet=f, value=v) for f, v in document.facet_rows()]
        )
        docs.append(
            IndexDoc(row.pk, document.language, document.title, document.body, document.context)
        )
    if gone:
        remove_records(gone, using=using)
    return document_backend(using).index(docs)


def index_records_bulk(records: Iterable[models.Model], *, using: str = "default") -> int:
    """:func:`index_records` for many records at once, in a few statements whatever their
    number (bulk imports: the per-record upsert cost more than the import's own writes)."""
    prepared: list[tuple[str, Source, Document, _Access]] = []
    gone: list[str] = []
    for obj in records:
        source = _BY_MODEL.get(type(obj))
        if source is None:
            continue
        document = source.document(obj)
        rights = _access_of(obj) if document is not None else None
        if document is None or rights is None:
            gone.append(ref_of(obj))
            continue
        prepared.append((ref_of(obj), source, document, rights))
    remove_records(gone + [ref for ref, *_rest in prepared], using=using)
    rows = SearchDocument.objects.using(using).bulk_create(
        [
            SearchDocument(
                ref=ref,
                kind=source.kind,
                language=document.language[:8],
                year=document.year,
                access_ref=rights.ref,
                classification=rights.classification,
                owner_state_id=rights.owner_state_id,
                owner_organisation_id=rights.owner_organisation_id,
                created_by_id=rights.created_by_id,
            )
            for ref, source, document, rights in prepared
        ]
    )
    SearchFacet.objects.using(using).bulk_create(
        [
            SearchFacet(document=row, facet=f, value=v)
            for row, (_ref, _source, document, _rights) in zip(rows, prepared, strict=True)
            for f, v in document.facet_rows()
        ]
    )
    docs = [
        IndexDoc(row.pk, document.language, document.title, document.body, document.context)
        for row, (_ref, _source, document, _rights) in zip(rows, prepared, strict=True)
    ]
    return document_backend(using).index(docs)


def index_new_records(records: Iterable[models.Model], *, using: str = "default") -> int:
    """Index records that have no index row yet, in bulk (a generator or a bulk import that
    wrote them without signals): rows go in as tuples, one insert per table per call, instead
    of a lookup (or a model instance) per record.
    """
    pending: list[tuple[str, Source, Document, _Access]] = []
    for obj in records:
        source = _BY_MODEL.get(type(obj))
        document = source.document(obj) if source is not None else None
        rights = _access_of(obj) if document is not None else None
        if source is None or document is None or rights is None:
            continue
        pending.append((ref_of(obj), source, document, rights))
    if not pending:
        return 0
    connection = connections[using]
    now = timezone.now()
    stamp = (
        now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)
    )
    insert_rows(
        SearchDocument._meta.db_table,
        DOCUMENT_COLUMNS,
        [
            (
                ref,
                source.kind,
                document.language[:8],
                document.year,
                rights.ref,
                rights.classification,
                rights.owner_state_id,
                rights.owner_organisation_id,
                rights.created_by_id,
                stamp,
            )
            for ref, source, document, rights in pending
        ],
        using=using,
    )
    ids = dict(
        select_in(
            SearchDocument._meta.db_table,
            ("ref", "id"),
            "ref",
            [ref for ref, *_rest in pending],
            using=using,
        )
    )
    insert_rows(
        SearchFacet._meta.db_table,
        ("document_id", "facet", "value"),
        [(ids[ref], f, v) for ref, _s, document, _r in pending for f, v in document.facet_rows()],
        using=using,
    )
    return document_backend(using).index(
        IndexDoc(ids[ref], d.language, d.title, d.body, d.context) for ref, _s, d, _r in pending
    )


DOCUMENT_COLUMNS = (
    "ref", "kind", "language", "year", "access_ref", "classification", "owner_state_id",
    "owner_organisation_id", "created_by_id", "updated_at",
)  # fmt: skip


def remove_records(refs: Iterable[str], *, using: str = "default") -> int:
    rows = SearchDocument.objects.using(using).filter(ref__in=list(refs))
    ids = list(rows.values_list("pk", flat=True))
    if not ids:
        return 0
    document_backend(using).remove(ids)
    rows.delete()
    return len(ids)


def reindex_all(
    *, batch_size: int = 1000, progress: Callable[[str, int], None] | None = None
) -> int:
    """Rebuild the document index from every source (idempotent)."""
    backend = document_backend()
    with transaction.atomic():
        backend.clear()
        SearchFacet.objects.all().delete()
        SearchDocument.objects.all().delete()
        total = 0
        for kind, source in _SOURCES.items():
            batch: list[models.Model] = []
            for record in source.records().iterator(chunk_size=batch_size):
                batch.append(record)
                if len(batch) >= batch_size:
                    total += index_records(batch)
                    batch = []
            total += index_records(batch)
            if progress:
                progress(kind, total)
    backend.optimize()
    return total


def refresh_access(obj: models.Model) -> int:
    """Copy a classified record's access columns to the rows that inherit from it."""
    return SearchDocument.objects.filter(access_ref=ref_of(obj)).update(
        classification=getattr(obj, "classification", Classification.CONFIDENTIAL),
        owner_state_id=getattr(obj, "owner_state_id", None),
        owner_organisation_id=getattr(obj, "owner_organisation_id", None),
        created_by_id=getattr(obj, "created_by_id", None),
    )


# --- signals ---------------------------------------------------------------------------------


def _saved(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # loaddata: `tact reindex-search` afterwards
        index_records([instance])


def _m2m_changed(
    sender: Any, instance: models.Model, action: str, reverse: bool = False, **kwargs: Any
) -> None:
    if is_raw_loading():  # a restore: `reindex_search` runs afterwards
        return
    if action in {"post_add", "post_remove", "post_clear"} and type(instance) in _BY_MODEL:
        index_records([instance])


def _deleted(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    remove_records([ref_of(instance)])


def _any_saved(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    # Any classified record may be the ancestor of indexed children (an evaluation of its
    # findings): a changed classification or owner must reach their rows at once.
    if raw:
        return
    declared = protection_of(sender)
    if declared is not None and declared.kind == "classified":
        refresh_access(instance)
    for source in _SOURCES.values():
        for model, path in source.follows:
            if model is sender:
                index_records(source.model._default_manager.filter(**{path: instance}))


post_save.connect(_any_saved, dispatch_uid="search_doc_any_saved")
