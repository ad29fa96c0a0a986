"""One search across tact under the access rules: a restricted or confidential record is never a
hit and never counted in a facet, for each persona; stemming; facets; more-like-this."""

from __future__ import annotations

from typing import Any

import pytest

from tact.practices import services
from tact.practices.tests.factories import practice
from tact.search.documents import reindex_all
from tact.search.service import DocumentFilters, search_documents, similar_records

pytestmark = pytest.mark.django_db

WORD = "zebrafinch"


@pytest.fixture
def records(kenya: Any, focal_kenya: Any) -> dict[str, Any]:
    return {
        "public": practice(kenya, title=f"Public {WORD} desks", themes=("witness_protection",)),
        "restricted": practice(kenya, title=f"Restricted {WORD} desks", restricted=True),
        "draft": practice(kenya, title=f"Draft {WORD} desks", status="draft", actor=focal_kenya),
        "review": practice(kenya, title=f"Review {WORD} desks", status="in_review"),
    }


def seen(user: Any) -> tuple[set[str], int, dict[str, int]]:
    result = search_documents(user, WORD)
    counts = {b.value: b.count for b in result.facets.get("state", [])}
    return {h.title for h in result.hits}, result.total, counts


# Published practices only are documents; the restricted one is seen by the owner's side, the
# secretariat and evaluators (the access table); everyone else sees the public one only.
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("secretariat", {"Public", "Restricted"}),
        ("focal_kenya", {"Public", "Restricted"}),
        ("evaluator", {"Public", "Restricted"}),
        ("focal_mexico", {"Public"}),
        ("donor_nl", {"Public"}),
        ("reader", {"Public"}),
        (None, {"Public"}),
    ],
)
def test_hits_and_counts_follow_access(
    request: pytest.FixtureRequest, records: dict[str, Any], persona: str | None, expected: set[str]
) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(persona) if persona else AnonymousUser()
    titles, total, state_counts = seen(user)
    assert {t.split()[0] for t in titles} == expected
    assert total == len(expected)
    assert state_counts == {"KEN": len(expected)}
    kinds = {b.value: b.count for b in search_documents(user, WORD).facets["kind"]}
    assert kinds == {"practice": len(expected)}


def test_a_record_made_confidential_leaves_at_once(
    records: dict[str, Any], focal_mexico: Any
) -> None:
    public = records["public"]
    public.classification = "confidential"
    public.save()
    titles, total, counts = seen(focal_mexico)
    assert (titles, total, counts) == (set(), 0, {})


def test_an_evaluation_made_confidential_leaves_for_others(
    kenya: Any, focal_mexico: Any, secretariat: Any
) -> None:
    from tact.evaluation.models import Evaluation, RatingScale

    evaluation = Evaluation.objects.create(
        title=f"Evaluation of the {WORD} programme",
        summary="Witness desks.",
        classification="public",
        owner_state=kenya,
        scale=RatingScale.objects.order_by("pk").first(),
    )
    assert search_documents(focal_mexico, WORD).total == 1
    evaluation.classification = "confidential"
    evaluation.save()
    assert search_documents(focal_mexico, WORD).total == 0
    assert search_documents(secretariat, WORD).total == 1


def test_russian_query_finds_inflected_forms(kenya: Any, reader: Any) -> None:
    practice(kenya, title="Защита свидетелей в регионах", summary="Бюро защищают свидетеля.")
    result = search_documents(reader, "свидетели", filters=DocumentFilters(kind=("practice",)))
    assert [h.title for h in result.hits] == ["Защита свидетелей в регионах"]
    assert "<mark>свидетелей</mark>" in result.hits[0].title_html


def test_facets_are_disjunctive_and_filter(
    kenya: Any, mexico: Any, reader: Any, records: dict[str, Any]
) -> None:
    practice(mexico, title=f"Mexican {WORD} teams")
    chosen = search_documents(reader, WORD, filters=DocumentFilters(state=("MEX",)))
    assert [h.title for h in chosen.hits] == [f"Mexican {WORD} teams"]
    # the state facet still counts the other state (its own filter is left out)
    assert {b.value: b.count for b in chosen.facets["state"]} == {"KEN": 1, "MEX": 1}
    assert chosen.total == 1


def test_similar_practices_exclude_the_record_and_hidden_ones(
    kenya: Any, mexico: Any, reader: Any
) -> None:
    base = practice(kenya, title="Witness protection desks", summary="Desks protect witnesses.")
    practice(mexico, title="Witness protection hotline", summary="A hotline protects witnesses.")
    practice(mexico, title="Witness protection secret", summary="Witnesses.", restricted=True)
    practice(mexico, title="Cybercrime unit", summary="Servers seized.")
    titles = [h.title for h in similar_records(reader, base, kinds=("practice",))]
    assert titles == ["Witness protection hotline"]


def test_reindex_rebuilds_the_same_index(records: dict[str, Any], secretariat: Any) -> None:
    before = search_documents(secretariat, WORD)
    reindex_all()
    after = search_documents(secretariat, WORD)
    assert {h.ref for h in after.hits} == {h.ref for h in before.hits}
    assert after.total == 2


def test_unpublished_practices_are_not_documents(records: dict[str, Any], secretariat: Any) -> None:
    services.practice_publish(actor=secretariat, practice=records["review"])
    assert search_documents(secretariat, WORD).total == 3
