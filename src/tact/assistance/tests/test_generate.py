"""`tact generate`: registry-shaped generated projects, deterministic per seed, idempotent,
with the maintained summaries and the search index brought up to date (issue 19)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO
from statistics import median
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count

from tact.assistance import generate, summaries
from tact.assistance.models import Budget, Project, Transaction
from tact.search.models import SearchDocument

pytestmark = pytest.mark.django_db

N = 400


def _rounded(table: dict[str, tuple[int, Decimal, Decimal]]) -> dict[str, tuple[int, str, str]]:
    # SQLite sums decimals as floats: compare to the cent (as test_summaries does).
    return {
        key: (n, f"{Decimal(str(a)):.2f}", f"{Decimal(str(b)):.2f}")
        for key, (n, a, b) in table.items()
        if n or a or b
    }


def _content(seed: int) -> list[tuple[Any, ...]]:
    """What the seed's projects say, without their ids (which depend on the table)."""
    projects = Project.objects.filter(iati_identifier__startswith=f"GEN-{seed}-")
    return [
        (
            p.iati_identifier,
            p.title,
            p.reporting_org_ref,
            p.budget_usd,
            p.planned_start,
            tuple(p.countries.order_by("code").values_list("code", "percentage")),
            tuple(p.themes.order_by("code").values_list("code", flat=True)),
            tuple(p.transactions.order_by("ref").values_list("ref", "type", "value")),
        )
        for p in projects.order_by("iati_identifier")
    ]


@pytest.fixture
def generated() -> dict[str, Any]:
    out = StringIO()
    call_command("generate", "--projects", str(N), "--seed", "5", "--batch", "250", stdout=out)
    assert f"done: {N} projects written" in out.getvalue()
    return generate.shape(5)


def test_the_distributions_have_the_registry_shape(generated: dict[str, Any]) -> None:
    assert generated["projects"] == N
    publishers = generated["per_publisher"]
    # A few large publishers, a long tail: the largest publishes many times the median.
    assert len(publishers) == generate.publisher_count(N)
    assert publishers[0] >= 4 * median(publishers)
    assert publishers[0] >= N / 6
    states = generated["per_state"]
    assert len(states) >= 40  # spread over the directory's states ...
    assert states[0] >= 5 * median(states)  # ... but skewed, as aid is
    per_project = generated["transactions"] / N
    assert 2 <= per_project <= 6
    currencies = generated["currencies"]
    assert max(currencies, key=currencies.get) == "USD"
    assert len(currencies) >= 5
    years = generated["years"]
    recent = sum(n for year, n in years.items() if year >= 2016)
    assert recent >= N * 0.7
    assert min(years) >= 2004
    assert max(years) <= 2026
    classifications = dict(
        Project.objects.filter(iati_identifier__startswith="GEN-5-")
        .values_list("classification")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assert classifications["public"] >= N * 0.85
    assert classifications.get("restricted", 0) + classifications.get("confidential", 0) >= 10


def test_projects_are_consistent_records(generated: dict[str, Any]) -> None:
    for project in Project.objects.filter(iati_identifier__startswith="GEN-5-")[:50]:
        budgets = Budget.objects.filter(project=project)
        assert project.budget_usd == sum(b.value_usd for b in budgets)
        assert project.planned_end is not None and project.planned_start < project.planned_end
        assert project.planned_start <= dt.date(2026, 12, 1)
        countries = list(project.countries.all())
        assert countries and all(c.state_id for c in countries)
        shares = [c.percentage for c in countries]
        assert shares == [None] * len(shares) or sum(shares) == 100
        assert project.participating_organisations.filter(role="1").count() == 1
        assert project.channel in {"unodc", "un_other", "regional", "bilateral", "ngo_other"}
    committed = Transaction.objects.filter(type="2").count()
    assert committed >= N * 0.8


def test_summaries_equal_a_recomputation_and_projects_are_searchable(
    generated: dict[str, Any],
) -> None:
    assert _rounded(summaries.stored()) == _rounded(summaries.recompute())
    assert SearchDocument.objects.filter(kind="project").count() == N


def test_the_same_seed_gives_the_same_projects_and_a_rerun_adds_nothing(
    generated: dict[str, Any],
) -> None:
    before = _content(5)
    # A rerun writes nothing; a larger N adds only the missing projects.
    assert generate.generate(N, seed=5) == 0
    assert generate.generate(N + 20, seed=5) == 20
    assert _content(5)[:N] == before
    # Regenerating from scratch gives the same records.
    with summaries.deferred():  # one refresh for the whole delete, not one per project
        Project.objects.filter(iati_identifier__startswith="GEN-5-").delete()
    assert generate.generate(N, seed=5, batch=400) == N
    assert _content(5) == before
    # Another seed gives other projects beside them.
    assert generate.generate(30, seed=6) == 30
    assert _content(6) != before[:30]
    assert _rounded(summaries.stored()) == _rounded(summaries.recompute())
