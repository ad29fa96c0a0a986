"""Rows of a relation read without a related manager when they are at hand."""

from __future__ import annotations

import pytest
from django.db.models import Prefetch

from tact.assistance.models import Project, ProjectCountry
from tact.core.prefetched import Listed, related


def test_rows_handed_over_in_memory_are_read_as_they_are() -> None:
    rows = Listed(["a", "b"])
    project = Project()
    project._prefetched_objects_cache = {"countries": rows}  # type: ignore[attr-defined]
    assert related(project, "countries") is rows
    assert rows.all() is rows


@pytest.mark.django_db
def test_prefetched_and_unprefetched_relations_give_the_same_rows() -> None:
    project = Project.objects.create(iati_identifier="XM-TEST-1", title="A project")
    ProjectCountry.objects.create(project=project, code="KE")
    plain = Project.objects.get(pk=project.pk)
    prefetched = Project.objects.prefetch_related(
        Prefetch("countries", ProjectCountry.objects.all())
    ).get(pk=project.pk)
    assert [c.code for c in related(plain, "countries")] == ["KE"]
    assert [c.code for c in related(prefetched, "countries")] == ["KE"]
    with_themes = Project.objects.prefetch_related("themes").get(pk=project.pk)
    assert list(related(with_themes, "themes")) == list(related(plain, "themes")) == []
