"""Frameworks name the recommendations they serve by code; the page links each code to the
recommendation record once the resolution is imported."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM


@pytest.mark.django_db
def test_framework_page_links_recommendation_codes(client: Client, secretariat: Any) -> None:
    from tact.assistance import demo as assistance_demo
    from tact.directory import demo as directory_demo
    from tact.evaluation import demo as evaluation_demo
    from tact.evaluation.models import ResultsFramework
    from tact.resolutions import demo as resolutions_demo
    from tact.resolutions.models import Recommendation

    directory_demo.load(SYSTEM)
    resolutions_demo.load(SYSTEM)
    assistance_demo.load(SYSTEM)
    evaluation_demo.load(SYSTEM)
    framework = ResultsFramework.objects.exclude(recommendation_codes=[]).first()
    assert framework is not None
    client.force_login(secretariat)
    body = client.get(framework.get_absolute_url()).content.decode()
    for code in framework.recommendation_codes:
        assert (
            Recommendation.objects.get(
                code=code, resolution__original__isnull=True
            ).get_absolute_url()
            in body
        )
