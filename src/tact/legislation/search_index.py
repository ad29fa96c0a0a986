"""The full-text index of legal provisions (tables, documents) and keeping it in step.

* :func:`reindex_text` - (re)index every provision of one legal text; the import services call
  it after writing a text (idempotent; bulk writes send no signals).
* :func:`reindex_all` - rebuild the whole index (``tact reindex-legislation``).
* signal handlers - a saved provision or text is reindexed, a deleted provision leaves the index,
  in the same transaction as the write (the index lives in the same database), so a rolled
  back import leaves no trace in the index either.

Obsolete provisions (kept only because assessments cite them) are not searchable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tact.legislation.models import LegalProvision, LegalText
from tact.search.backends import IndexDoc, IndexSpec, SearchBackend
from tact.search.backends import get_backend as engine_for

__all__ = [
    "PROVISION_INDEX",
    "ReindexStats",
    "get_backend",
    "provision_doc",
    "reindex_all",
    "reindex_provisions",
    "reindex_text",
]

#: The provisions' own index (tables created by migration 0002): the legislation search page
#: ranks provisions with their legal weighting; site-wide search has its own document index.
PROVISION_INDEX = IndexSpec(
    fts_table="legislation_search_fts",
    pg_table="legislation_search_index",
    pg_id="provision_id",
    analyze_tables=(
        "legislation_legalprovision",
        "legislation_legaltext",
        "legislation_provisionmapping",
    ),
)


def get_backend(using: str = "default") -> SearchBackend:
    """The engine of the provision index on connection *using*."""
    return engine_for(PROVISION_INDEX, using)


def provision_doc(provision: LegalProvision, text: LegalText | None = None) -> IndexDoc:
    """What the index holds for *provision*: label and heading, body, and the law's title
    and division as context."""
    text = text or provision.legal_text
    title = " ".join(part for part in (provision.label, provision.heading) if part)
    context = " ".join(part for part in (text.title, provision.division) if part)
    return IndexDoc(provision.pk, text.language, title, provision.body, context)


def _searchable() -> Any:
    return LegalProvision.objects.filter(is_obsolete=False).select_related("legal_text")


def reindex_provisions(provisions: Iterable[LegalProvision]) -> int:
    """Index these provisions (obsolete ones are removed instead)."""
    backend = get_backend()
    items = list(provisions)
    backend.remove(p.pk for p in items if p.is_obsolete)
    return backend.index(provision_doc(p) for p in items if not p.is_obsolete)


def reindex_text(text: LegalText | int) -> int:
    """(Re)index every provision of *text*; returns how many are searchable."""
    text_id = text if isinstance(text, int) else text.pk
    provisions = list(
        LegalProvision.objects.filter(legal_text_id=text_id).select_related("legal_text")
    )
    return reindex_provisions(provisions)


@dataclass(frozen=True)
class ReindexStats:
    indexed: int
    removed: int


def reindex_all(
    *, batch_size: int = 2000, progress: Callable[[int], None] | None = None
) -> ReindexStats:
    """Rebuild the index from scratch; idempotent."""
    backend = get_backend()
    before = backend.count()
    backend.clear()
    indexed = 0
    batch: list[IndexDoc] = []
    for provision in _searchable().order_by("pk").iterator(chunk_size=batch_size):
        batch.append(provision_doc(provision))
        if len(batch) >= batch_size:
            indexed += backend.index(batch)
            batch = []
            if progress:
                progress(indexed)
    if batch:
        indexed += backend.index(batch)
    backend.optimize()
    if progress:
        progress(indexed)
    return ReindexStats(indexed=indexed, removed=max(before - indexed, 0))


# --- signals (fallback for writes that do not call reindex_text) ---------------------------


@receiver(post_save, sender=LegalProvision, dispatch_uid="legislation_search_provision_saved")
def _provision_saved(
    sender: Any, instance: LegalProvision, raw: bool = False, **kwargs: Any
) -> None:
    if raw:  # loaddata: reindex afterwards
        return
    reindex_provisions([instance])


@receiver(post_delete, sender=LegalProvision, dispatch_uid="legislation_search_provision_deleted")
def _provision_deleted(sender: Any, instance: LegalProvision, **kwargs: Any) -> None:
    get_backend().remove([instance.pk])


@receiver(post_save, sender=LegalText, dispatch_uid="legislation_search_text_saved")
def _text_saved(
    sender: Any, instance: LegalText, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    # A new text has no provisions yet; a changed title or language changes their terms.
    if raw or created:
        return
    reindex_text(instance)
