"""A project's page reads only the relations the project fills, and still applies access to
each of them (issue 19: a cold page was mostly queries for empty lists)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tact.assistance import selectors
from tact.assistance.models import Need, Project
from tact.assistance.tests.helpers import activity_xml, load_projects
from tact.catalog.models import Theme
from tact.core import prefetched

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(kenya: Any) -> Project:
    load_projects(activity_xml("XM-DAC-7-K1", title="Prosecutors in Kenya"))
    return Project.objects.get(iati_identifier="XM-DAC-7-K1")


def test_non_empty_names_the_filled_relations_of_every_kind(project: Project) -> None:
    theme = Theme.objects.get(code="criminalization")
    names = ["countries", "documents", "themes", "evaluations"]
    assert prefetched.non_empty(project, names) == {"countries"}
    project.themes.add(theme)
    assert prefetched.non_empty(project, names) == {"countries", "themes"}
    # The many-to-many seen from its other side.
    assert prefetched.non_empty(theme, ["projects", "needs"]) == {"projects"}
    assert prefetched.non_empty(project, []) == set()
    with pytest.raises(ValueError, match="not a to-many relation"):
        prefetched.non_empty(project, ["reporting_organisation"])


def _page(client: Client, project: Project) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    # Which relations hold rows is asked in one query, whatever the project fills.
    assert len([q for q in queries if q["sql"].startswith("SELECT EXISTS")]) == 1
    return response.content.decode(), len(queries)


def test_empty_relations_cost_no_query_and_filled_ones_are_shown(
    client: Client, project: Project, kenya: Any
) -> None:
    page, before = _page(client, project)
    assert "Prosecutors in Kenya" in page and "None linked yet." in page
    theme = Theme.objects.get(code="criminalization")
    project.themes.add(theme)
    project.needs.add(
        Need.objects.create(state=kenya, title="Witness protection units", classification="public")
    )
    page, after = _page(client, project)
    assert theme.title in page and "Witness protection units" in page
    assert after == before + 2  # exactly the two relations now filled are read


def test_a_filled_relation_still_hides_what_the_viewer_may_not_see(
    client: Client, project: Project, kenya: Any, reader: Any, secretariat: Any
) -> None:
    need = Need.objects.create(
        state=kenya, title="Confidential need", classification="confidential"
    )
    project.needs.add(need)
    client.force_login(reader)
    assert "Confidential need" not in client.get(project.get_absolute_url()).content.decode()
    assert list(selectors.project_page(reader, project)["needs"]) == []
    assert list(selectors.project_page(secretariat, project)["needs"]) == [need]


def test_texts_in_the_publishers_language_keep_their_own_direction(
    client: Client, project: Project
) -> None:
    """An English description or sector name inside an Arabic page is isolated (dir="auto",
    <bdi>), so its punctuation is not moved to the wrong end."""
    project.sectors.all().delete()
    project.sectors.create(code="15130", name="Legal and judicial development")
    page = client.get(f"/ar{project.get_absolute_url()[3:]}").content.decode()
    assert 'dir="rtl"' in page
    assert f'<p dir="auto">{project.description}' in page
    assert "<code>15130</code> <bdi>Legal and judicial development</bdi>" in page


def _values(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_each_prepared_read_gives_what_the_relation_gives(project: Project) -> None:
    """The page reads its relations with queries compiled once (core.prepared): each must
    equal the relation's own manager, rows, values, order and joined records alike."""
    from tact.catalog.models import Provision

    project.regions.create(code="298", vocabulary="1", percentage=40)
    project.regions.create(code="289", vocabulary="1", percentage=60)
    project.documents.create(url="https://example.org/b.pdf", title="B")
    project.documents.create(url="https://example.org/a.pdf", title="A")
    project.transactions.create(type="3", date="2023-01-05", value=5, currency="USD")
    project.budgets.create(period_start="2022-01-01", value=1, currency="EUR")
    project.provisions.set(Provision.objects.order_by("-pk")[:3])
    project.themes.set(Theme.objects.all()[:2])
    joined = {"participating_organisations": "organisation", "countries": "state",
              "provisions": "instrument"}  # fmt: skip
    for name, read in selectors.PAGE_READS.items():
        expected = list(getattr(project, name).all())
        assert len(expected) >= 1, name
        with CaptureQueriesContext(connection) as queries:
            got = read(project.pk)
            if name in joined:
                [getattr(row, joined[name]) for row in got]  # read with the rows
        assert len(queries) == 1, name
        assert [_values(r) for r in got] == [_values(r) for r in expected], name
        if name in joined:
            assert [getattr(r, joined[name]) for r in got] == [
                getattr(r, joined[name]) for r in expected
            ], name
    assert set(selectors.PAGE_READS) <= set(selectors.PAGE_RELATIONS)


@pytest.mark.parametrize("classification", ["public", "restricted", "confidential"])
def test_the_project_is_read_for_each_viewer_as_the_access_rules_read_it(
    project: Project,
    classification: str,
    reader: Any,
    secretariat: Any,
    focal_kenya: Any,
    evaluator: Any,
) -> None:
    """The public and the secretariat read the project by a query compiled once
    (access.PreparedRecords); whoever may see it, and the 404 for whoever may not, must be
    those of access.access_record for every viewer."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from tact.assistance import permissions
    from tact.core import access

    Project.objects.filter(pk=project.pk).update(classification=classification)

    def outcome(read: Any, actor: Any, pk: Any, **kwargs: Any) -> Any:
        try:
            found = read(actor, pk, **kwargs)
        except Http404:
            return 404
        except PermissionDenied:
            return 403
        return (found.pk, found.classification, found.reporting_organisation_id)

    plain = Project.objects.select_related("reporting_organisation", "import_run")
    for actor in [AnonymousUser(), None, reader, secretariat, focal_kenya, evaluator]:
        for pk in [project.pk, project.pk + 10_000, 2**40, "x"]:
            for for_edit in [False, True]:
                expected = outcome(
                    lambda a, k, **kw: access.access_record(a, plain, k, **kw),
                    actor, pk, for_edit=for_edit,
                )  # fmt: skip
                got = outcome(permissions.access_project, actor, pk, for_edit=for_edit)
                assert got == expected, (actor, pk, for_edit)
    assert outcome(permissions.access_project, None, project.pk) == (
        (project.pk, "public", project.reporting_organisation_id)
        if classification == "public"
        else 404
    )
