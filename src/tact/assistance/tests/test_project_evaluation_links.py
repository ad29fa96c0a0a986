"""A project's page links to its results frameworks and evaluations, under the access rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tact.core.access import SYSTEM


@pytest.mark.django_db
def test_project_page_links_frameworks_and_only_visible_evaluations(
    client: Client, reader: Any, secretariat: Any
) -> None:
    from tact.assistance import demo as assistance_demo
    from tact.directory import demo as directory_demo
    from tact.evaluation import demo as evaluation_demo
    from tact.evaluation.models import Evaluation, ResultsFramework

    directory_demo.load(SYSTEM)
    assistance_demo.load(SYSTEM)
    evaluation_demo.load(SYSTEM)
    framework = ResultsFramework.objects.exclude(project=None).first()
    assert framework is not None and framework.project is not None
    project = framework.project
    client.force_login(secretariat)
    body = client.get(project.get_absolute_url()).content.decode()
    assert framework.get_absolute_url() in body
    for evaluation in project.evaluations.all():
        assert evaluation.get_absolute_url() in body
    restricted = Evaluation.objects.filter(classification="restricted")
    assert restricted.exists()
    client.force_login(reader)
    body = client.get(project.get_absolute_url()).content.decode()
    for evaluation in restricted:
        assert evaluation.get_absolute_url() not in body
