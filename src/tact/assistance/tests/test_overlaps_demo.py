"""The demo hook: demo needs and overlap detection over the assistance demo projects."""

from __future__ import annotations

import pytest

from tact.assistance import demo
from tact.assistance.models import Need, OverlapCandidate
from tact.assistance.overlaps.demo import load_overlaps
from tact.core.access import SYSTEM
from tact.directory import demo as directory_demo

pytestmark = pytest.mark.django_db


def test_demo_overlaps_find_the_planted_near_duplicates_idempotently() -> None:
    directory_demo.load()
    demo.load(SYSTEM)
    summary = load_overlaps(SYSTEM)
    assert "possible overlaps" in summary
    pairs = {
        frozenset((c.project_a.iati_identifier, c.project_b.iati_identifier))
        for c in OverlapCandidate.objects.select_related("project_a", "project_b")
    }
    for iso3, donor_ref in (("KEN", "XM-DAC-7"), ("MEX", "NO-BRC-971277882")):
        planted = frozenset(
            (f"{donor_ref}-TACT-DEMO-{iso3}-PAIR", f"XM-DAC-41128-TACT-DEMO-{iso3}-PAIR")
        )
        assert planted in pairs, (planted, pairs)
    needs = Need.objects.filter(source_ref__startswith="demo:").count()
    assert needs == 4
    count = OverlapCandidate.objects.count()
    load_overlaps(SYSTEM)
    assert OverlapCandidate.objects.count() == count
    assert Need.objects.filter(source_ref__startswith="demo:").count() == needs
