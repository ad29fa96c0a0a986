"""The demo builds its practices once: published and endorsed, in review with comments."""

from __future__ import annotations

from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.practices import demo
from tact.practices.models import GoodPractice, Status

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(focal_mexico: Any) -> None:
    focal_mexico.username = "focal.mexico"
    focal_mexico.save()
    first = demo.load(SYSTEM)
    again = demo.load(SYSTEM)
    assert first.split(" ")[0] == again.split(" ")[0] == "2"
    published = GoodPractice.objects.get(title=demo.SUBMISSION_TITLE)
    assert published.status == Status.PUBLISHED
    assert list(published.endorsements.values_list("state__iso3", flat=True)) == ["MEX"]
    assert published.translations.get().language == "ru"
    in_review = GoodPractice.objects.get(title=demo.PANEL_TITLE)
    assert in_review.status == Status.IN_REVIEW
    assert sorted(in_review.review_comments.values_list("field", flat=True)) == [
        "evidence",
        "results",
    ]
