"""IATI import into the database: conformance suite, real files, idempotency, strict mode."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tact.assistance.importing import import_iati
from tact.assistance.models import (
    Budget,
    ParticipatingOrganisation,
    Project,
    ProjectCountry,
    ProjectResult,
    ProjectSector,
    ResultIndicator,
    Transaction,
)
from tact.assistance.tests.iati_support import (
    NETHERLANDS_203,
    OFFICIAL_203,
    SHOULD_FAIL,
    SHOULD_PASS,
    SPAIN_201,
    file_id,
    needs_shared_data,
    xml_files,
)
from tact.core.access import SYSTEM

pytestmark = [pytest.mark.django_db, needs_shared_data]

MODELS = (
    Project,
    ParticipatingOrganisation,
    ProjectCountry,
    ProjectSector,
    Budget,
    Transaction,
    ProjectResult,
    ResultIndicator,
)


@pytest.fixture(autouse=True, params=[False, True], ids=["sequential", "pipeline"])
def _both_ways(request: pytest.FixtureRequest, settings: Any) -> None:
    """Every import here runs with the reader in the importing thread and in its own."""
    settings.TACT_IMPORT_PIPELINE = request.param


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def activity_xml(
    identifier: str,
    *,
    last_updated: str = "2024-01-01T00:00:00Z",
    title: str = "A",
    country: str = "KE",
    status: str = "2",
) -> str:
    return f"""
  <iati-activity last-updated-datetime="{last_updated}" default-currency="EUR" xml:lang="en">
    <iati-identifier>{identifier}</iati-identifier>
    <reporting-org ref="XM-DAC-7" type="10"><narrative>Netherlands MFA</narrative></reporting-org>
    <title><narrative>{title}</narrative></title>
    <description><narrative>Support to prosecutors</narrative></description>
    <participating-org ref="XM-DAC-7" role="1" type="10"
      ><narrative>NL MFA</narrative></participating-org>
    <participating-org ref="XM-DAC-41128" role="4" type="40"
      ><narrative>UNODC</narrative></participating-org>
    <activity-status code="{status}"/>
    <activity-date type="1" iso-date="2023-01-01"/>
    <recipient-country code="{country}" percentage="100"/>
    <sector vocabulary="1" code="15130" percentage="100"/>
    <budget type="1" status="1">
      <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
      <value currency="EUR" value-date="2023-01-01">100000</value>
    </budget>
    <transaction>
      <transaction-type code="2"/><transaction-date iso-date="2023-02-01"/>
      <value currency="EUR" value-date="2023-02-01">80000</value>
    </transaction>
  </iati-activity>"""


def iati_file(*activities: str, version: str = "2.03") -> bytes:
    body = "".join(activities)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="{version}" '
        f'generated-datetime="2024-01-01T00:00:00Z">{body}\n</iati-activities>\n'
    ).encode()


@pytest.mark.parametrize("path", xml_files(SHOULD_FAIL), ids=file_id)
def test_should_fail_files_are_rejected_and_change_nothing(path: Path) -> None:
    before = counts()
    for schema_only in (True, False):
        report = import_iati(path, actor=SYSTEM, schema_only=schema_only)
        assert report.changed == 0
        assert report.error or report.rejected
        reasons = [report.error] + [r["reason"] for r in report.rows if r["outcome"] == "rejected"]
        assert any(len(reason) > 10 for reason in reasons)
    assert counts() == before


@pytest.mark.parametrize("path", xml_files(SHOULD_PASS), ids=file_id)
def test_should_pass_files_import(path: Path) -> None:
    report = import_iati(path, actor=SYSTEM, schema_only=True)
    assert not report.error, report.error
    assert report.rejected == 0, report.rows
    assert report.imported >= 1
    assert Project.objects.count() == report.imported
    again = import_iati(path, actor=SYSTEM, schema_only=True)
    assert again.imported == 0 and again.skipped == report.imported
    assert Project.objects.count() == report.imported


def test_official_example_imports_with_everything() -> None:
    report = import_iati(OFFICIAL_203, actor=SYSTEM)
    assert report.imported == 1 and not report.error
    project = Project.objects.get()
    assert project.iati_identifier == "AA-AAA-123456789-ABC123"
    assert project.participating_organisations.count() >= 3
    assert project.sectors.exists() and project.budgets.exists()
    assert project.transactions.exists()
    assert ProjectResult.objects.filter(project=project).exists()
    assert ResultIndicator.objects.filter(result__project=project).exists()


def test_real_files_import_with_a_sensible_report() -> None:
    spain = import_iati(SPAIN_201, actor=SYSTEM)
    assert not spain.error
    assert spain.imported == 65 and spain.rejected == 18
    rejected = [r for r in spain.rows if r["outcome"] == "rejected"]
    assert all(r["line"] and "AidType" in r["reason"] for r in rejected)
    netherlands = import_iati(NETHERLANDS_203, actor=SYSTEM)
    assert netherlands.imported == 12 and netherlands.rejected == 1
    assert Project.objects.count() == 65 + 12
    assert ProjectCountry.objects.filter(project__iati_identifier__startswith="ES-").exists()


def test_reimport_updates_by_last_updated_and_never_duplicates() -> None:
    first = import_iati(io.BytesIO(iati_file(activity_xml("XM-DAC-7-1"))), actor=SYSTEM)
    assert first.imported == 1
    same = import_iati(io.BytesIO(iati_file(activity_xml("XM-DAC-7-1"))), actor=SYSTEM)
    assert same.skipped == 1 and same.imported == 0
    older = import_iati(
        io.BytesIO(
            iati_file(activity_xml("XM-DAC-7-1", last_updated="2023-01-01T00:00:00Z", title="B"))
        ),
        actor=SYSTEM,
    )
    assert older.skipped == 1 and "newer" in older.rows[0]["reason"]
    newer = import_iati(
        io.BytesIO(
            iati_file(activity_xml("XM-DAC-7-1", last_updated="2025-01-01T00:00:00Z", title="C"))
        ),
        actor=SYSTEM,
    )
    assert newer.updated == 1
    project = Project.objects.get()
    assert project.title == "C"
    assert project.budgets.count() == 1 and project.transactions.count() == 1
    assert project.channel == "unodc"
    assert project.countries.get().state.iso3 == "KEN"


def test_invalid_activity_is_reported_with_line_and_others_kept() -> None:
    data = iati_file(activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-2", country="QQ"))
    report = import_iati(io.BytesIO(data), actor=SYSTEM)
    assert report.imported == 1 and report.rejected == 1
    bad = next(r for r in report.rows if r["outcome"] == "rejected")
    assert bad["identifier"] == "XM-DAC-7-2" and bad["line"] and "QQ" in bad["reason"]
    assert Project.objects.filter(iati_identifier="XM-DAC-7-1").exists()


def test_strict_mode_rejects_the_whole_file() -> None:
    data = iati_file(activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-2", country="QQ"))
    report = import_iati(io.BytesIO(data), actor=SYSTEM, strict=True)
    assert report.error and "Strict" in report.error
    assert report.imported == 0 and report.rolled_back
    assert Project.objects.count() == 0


def test_a_file_broken_half_way_leaves_no_trace() -> None:
    data = iati_file(activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-2"))
    broken = data.replace(b"</iati-activities>", b"<iati-activity><oops></iati-activities>")
    report = import_iati(io.BytesIO(broken), actor=SYSTEM)
    assert report.error and report.rolled_back
    assert Project.objects.count() == 0


def test_readers_may_not_import(reader: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_iati(io.BytesIO(iati_file(activity_xml("X-1"))), actor=reader)


def test_a_database_error_rejects_only_its_activity(monkeypatch: Any) -> None:
    from django.db import DatabaseError

    from tact.assistance import activity_store

    original = activity_store._write

    def failing(items: list[Any]) -> None:
        original(items)
        if any(item.activity.identifier == "XM-DAC-7-BAD" for item in items):
            raise DatabaseError("simulated failure")

    monkeypatch.setattr(activity_store, "_write", failing)
    data = iati_file(
        activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-BAD"), activity_xml("XM-DAC-7-3")
    )
    report = import_iati(io.BytesIO(data), actor=SYSTEM)
    assert report.imported == 2 and report.rejected == 1
    bad = next(r for r in report.rows if r["outcome"] == "rejected")
    assert bad["identifier"] == "XM-DAC-7-BAD" and "simulated failure" in bad["reason"]
    assert sorted(Project.objects.values_list("iati_identifier", flat=True)) == [
        "XM-DAC-7-1",
        "XM-DAC-7-3",
    ]
    assert Budget.objects.count() == 2


def test_stored_activity_reads_back_as_imported() -> None:
    # given: the activities as the reader builds them
    from tact.assistance.iati import iter_activities
    from tact.assistance.services import project_activity

    expected = {r.identifier: r.activity for r in iter_activities(NETHERLANDS_203) if r.ok}
    # when
    import_iati(NETHERLANDS_203, actor=SYSTEM)
    # then: the kept XML gives back the very same activity (export loses nothing)
    projects = Project.objects.all()
    assert len(projects) == len(expected) == 12
    for project in projects:
        assert "xml" in project.iati_activity
        assert project_activity(project) == expected[project.iati_identifier]


def test_unchanged_activities_are_skipped_before_anything_is_built(monkeypatch: Any) -> None:
    # given
    from tact.assistance.iati import reader

    data = iati_file(activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-2"))
    assert import_iati(io.BytesIO(data), actor=SYSTEM).imported == 2

    def no_building(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("built an activity that was stored unchanged")

    monkeypatch.setattr(reader, "build_activity", no_building)
    monkeypatch.setattr(reader, "validate_activity_element", no_building)
    # when
    again = import_iati(io.BytesIO(data), actor=SYSTEM)
    # then
    assert again.skipped == 2 and again.imported == again.updated == again.rejected == 0
    assert all("not newer" in row["reason"] for row in again.rows)


def test_untimed_activity_is_skipped_by_its_digest_and_updated_when_changed() -> None:
    # given: activities without last-updated-datetime
    def untimed(title: str) -> bytes:
        return iati_file(
            activity_xml("XM-DAC-7-1", title=title).replace(
                ' last-updated-datetime="2024-01-01T00:00:00Z"', ""
            )
        )

    assert import_iati(io.BytesIO(untimed("A")), actor=SYSTEM).imported == 1
    # when / then
    same = import_iati(io.BytesIO(untimed("A")), actor=SYSTEM)
    assert same.skipped == 1 and "unchanged" in same.rows[0]["reason"]
    changed = import_iati(io.BytesIO(untimed("B")), actor=SYSTEM)
    assert changed.updated == 1
    assert Project.objects.get().title == "B"


def test_imports_keep_the_search_index_and_the_summaries_exact() -> None:
    # given
    from tact.assistance import summaries
    from tact.search.models import SearchDocument

    first = iati_file(activity_xml("XM-DAC-7-1"), activity_xml("XM-DAC-7-2", country="UG"))
    newer = iati_file(
        activity_xml("XM-DAC-7-2", last_updated="2025-01-01T00:00:00Z", title="Renamed"),
        activity_xml("XM-DAC-7-3", country="TZ"),
    )
    # when
    import_iati(io.BytesIO(first), actor=SYSTEM)
    import_iati(io.BytesIO(newer), actor=SYSTEM)
    # then
    refs = {f"assistance.project:{pk}" for pk in Project.objects.values_list("pk", flat=True)}
    assert set(SearchDocument.objects.filter(kind="project").values_list("ref", flat=True)) == refs
    assert len(refs) == 3
    renamed = Project.objects.get(iati_identifier="XM-DAC-7-2")
    document = SearchDocument.objects.get(ref=f"assistance.project:{renamed.pk}")
    states = document.facets.filter(facet="state").values_list("value", flat=True)
    assert set(states) == {"KEN"}  # the updated country (UG before), not the stale one
    assert summaries.recompute() == summaries.stored()


def test_new_projects_are_summed_and_indexed_as_if_read_back_from_the_database() -> None:
    """The import computes facts and search rows of new projects from memory (detached
    instances): they must equal what the records themselves give."""
    # given
    from tact.assistance import summaries
    from tact.assistance.summary_models import SummaryFact
    from tact.search.documents import reindex_all
    from tact.search.models import SearchDocument, SearchFacet

    def index() -> list[tuple[Any, ...]]:
        rows = SearchDocument.objects.filter(kind="project").values_list(
            "ref", "language", "year", "access_ref", "classification", "owner_organisation_id"
        )
        facets = SearchFacet.objects.values_list("document__ref", "facet", "value")
        return sorted(rows) + sorted(facets)

    def facts() -> list[tuple[Any, ...]]:
        return sorted(
            SummaryFact.objects.values_list("project_id", "key", "projects", "amount_usd")
        )

    data = iati_file(
        activity_xml("XM-DAC-7-1"),
        activity_xml("XM-DAC-7-2", country="UG"),
        activity_xml("XM-DAC-7-3", country="TZ"),
    )
    # when
    assert import_iati(io.BytesIO(data), actor=SYSTEM).imported == 3
    imported_index, imported_facts = index(), facts()
    stored = summaries.stored()
    reindex_all()
    summaries.rebuild()
    # then
    assert any(row[1] == "state" for row in imported_index if len(row) == 3)
    assert imported_index == index()
    assert imported_facts == facts()
    assert stored == summaries.stored() == summaries.recompute()
