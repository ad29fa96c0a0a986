"""The index follows the database: saves, deletes, re-imports, and a rebuild that is idempotent."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from tact.legislation.models import LegalProvision
from tact.legislation.search_index import get_backend, reindex_all, reindex_text
from tact.legislation.search_service import search_provisions
from tact.legislation.tests.search_fixtures import Corpus, build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db: Any) -> Corpus:
    return build_corpus()


def ids(user: Any, query: str) -> list[int]:
    return [h.id for h in search_provisions(user, query).hits]


def test_saved_provision_is_reindexed(corpus: Corpus, reader: Any) -> None:
    corpus.rus_victim.body = "Потерпевший вправе заявить ходатайство об экстрадиции."
    corpus.rus_victim.save()
    assert ids(reader, "экстрадиции") == [corpus.rus_victim.pk]


def test_deleted_provision_leaves_the_index(corpus: Corpus, reader: Any) -> None:
    pk = corpus.rus_victim.pk
    corpus.rus_victim.delete()
    assert pk not in get_backend().indexed_ids()


def test_renamed_text_is_found_by_its_new_title(corpus: Corpus, reader: Any) -> None:
    corpus.mex_law.title = "Código Nacional de Procedimientos Penales"
    corpus.mex_law.save()
    assert ids(reader, "procedimientos") == [corpus.mex_witness.pk]


def test_reindex_all_is_idempotent(corpus: Corpus, reader: Any) -> None:
    before = ids(reader, "protection")
    first = reindex_all()
    second = reindex_all()
    assert first.indexed == second.indexed == LegalProvision.objects.count()
    assert get_backend().count() == first.indexed
    assert ids(reader, "protection") == before


def test_reindex_text_after_bulk_writes(corpus: Corpus, reader: Any) -> None:
    LegalProvision.objects.bulk_create(
        [
            LegalProvision(
                legal_text=corpus.ken_act, eid="sec_20", label="Section 20", body="Extradition."
            )
        ]
    )
    assert ids(reader, "extradition") == []  # bulk writes send no signals
    assert reindex_text(corpus.ken_act) == 3
    assert reindex_text(corpus.ken_act) == 3
    assert len(ids(reader, "extradition")) == 1


def test_stale_entries_are_dropped_by_a_rebuild(corpus: Corpus) -> None:
    LegalProvision.objects.filter(pk=corpus.rus_victim.pk).update(is_obsolete=True)
    stats = reindex_all()
    assert stats.removed == 1
    assert corpus.rus_victim.pk not in get_backend().indexed_ids()


def test_command(corpus: Corpus) -> None:
    out = StringIO()
    call_command("reindex_legislation", stdout=out)
    assert f"Indexed {LegalProvision.objects.count()} provisions" in out.getvalue()
