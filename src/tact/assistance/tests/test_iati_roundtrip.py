"""Writer: 2.03 output that validates, reads back identically, and a flat CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from tact.assistance.iati import (
    CSV_COLUMNS,
    Activity,
    Budget,
    IatiWriteError,
    Org,
    ParticipatingOrg,
    Transaction,
    check_activity,
    iter_activities,
    validate_file,
    writable_problems,
    write_activities,
    write_activities_csv,
)
from tact.assistance.iati.generate import generate_activities_xml, iter_generated_activities
from tact.assistance.tests.iati_support import (  # noqa: F401 - fixture override
    NETHERLANDS_203,
    OFFICIAL_203,
    SPAIN_201,
    _english_by_default,
    needs_shared_data,
)

GENERATED = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)


def _ok_activities(path: Path) -> list[Activity]:
    return [r.activity for r in iter_activities(path) if r.activity is not None]


def _write(activities: list[Activity]) -> bytes:
    buffer = io.BytesIO()
    write_activities(activities, buffer, generated=GENERATED)
    return buffer.getvalue()


def _minimal(**changes: object) -> Activity:
    activity = Activity(
        identifier="XM-DAC-41128-TEST-1",
        default_language="en",
        default_currency="USD",
        reporting_org=Org(ref="XM-DAC-41128", type="40", names={"en": "UNODC"}),
        title={"en": "Test activity"},
        description={"en": "Why it exists."},
        participating_orgs=[ParticipatingOrg(role="4", ref="XM-DAC-41128")],
        status_code="2",
        dates={"1": dt.date(2024, 1, 1)},
    )
    for name, value in changes.items():
        setattr(activity, name, value)
    return activity


@needs_shared_data
def test_official_example_round_trip() -> None:
    (original,) = _ok_activities(OFFICIAL_203)
    data = _write([original])
    assert validate_file(data) == []
    assert data.startswith(
        b"<?xml version='1.0' encoding='utf-8'?>\n<iati-activities version=\"2.03\""
    )
    assert b'generated-datetime="2025-03-01T12:00:00Z"' in data[:200]
    (again,) = list(iter_activities(io.BytesIO(data)))
    assert again.ok, again.errors
    reread = again.activity
    assert reread is not None
    # key fields first (clear failure messages), then everything the model holds
    assert reread.identifier == original.identifier
    assert reread.title == original.title and reread.descriptions == original.descriptions
    assert reread.dates == original.dates and reread.status_code == original.status_code
    assert reread.reporting_org == original.reporting_org
    assert reread.participating_orgs == original.participating_orgs
    assert reread.recipient_countries == original.recipient_countries
    assert reread.recipient_regions == original.recipient_regions
    assert reread.sectors == original.sectors and reread.tags == original.tags
    assert reread.budgets == original.budgets and reread.transactions == original.transactions
    assert reread.documents == original.documents and reread.results == original.results
    assert reread.crs_channel_code == original.crs_channel_code == "21039"
    assert reread == original


@needs_shared_data
@pytest.mark.parametrize("path", [SPAIN_201, NETHERLANDS_203], ids=lambda p: p.name)
def test_real_files_round_trip_as_2_03(path: Path) -> None:
    originals = _ok_activities(path)
    data = _write(originals)
    assert validate_file(data) == []
    reread = [r.activity for r in iter_activities(io.BytesIO(data))]
    assert len(reread) == len(originals)
    for before, after in zip(originals, reread, strict=True):
        assert after is not None
        assert after.iati_version == "2.03"
        after.iati_version = before.iati_version
        assert after == before


def test_generated_file_validates_and_reads_back_identically(tmp_path: Path) -> None:
    target = tmp_path / "generated.xml"
    info = generate_activities_xml(target, 400, seed=7)
    assert info.activities == 400 and info.duplicate_pairs > 0
    assert validate_file(target) == []
    expected = list(iter_generated_activities(400, seed=7))
    results = list(iter_activities(target))
    assert [r.status for r in results] == ["ok"] * 400
    assert [r.activity for r in results] == expected


def test_generated_near_duplicates_link_both_ways() -> None:
    activities = {a.identifier: a for a in iter_generated_activities(600, seed=3)}
    pairs = [
        (a, activities[link.ref])
        for a in activities.values()
        for link in a.related_activities
        if link.type == "5"
    ]
    assert pairs
    for donor_or_unodc, twin in pairs:
        assert any(link.ref == donor_or_unodc.identifier for link in twin.related_activities)
        assert donor_or_unodc.reporting_org.ref != twin.reporting_org.ref
        assert donor_or_unodc.recipient_countries[0].code == twin.recipient_countries[0].code
        assert {s.code for s in donor_or_unodc.sectors} == {s.code for s in twin.sectors}
        assert {s.code for s in twin.sectors} <= {"15130", "15210", "15220", "15110"}
    assert {a.reporting_org.ref for a in activities.values()} >= {"XM-DAC-41128", "XM-DAC-7"}
    assert all(not check_activity(a, today=dt.date(2025, 1, 1)).errors for a in activities.values())


def test_writer_refuses_an_activity_the_schema_would_reject() -> None:
    incomplete = Activity(identifier="X-1")
    problems = writable_problems(incomplete)
    assert "no title" in problems and "no activity-status" in problems
    with pytest.raises(IatiWriteError) as raised:
        _write([incomplete])
    assert raised.value.identifier == "X-1" and raised.value.problems == problems


def test_writer_needs_an_aware_timestamp() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        write_activities([_minimal()], io.BytesIO(), generated=dt.datetime(2025, 1, 1))


def test_writer_defaults_value_dates_and_never_writes_exponents() -> None:
    activity = _minimal(
        budgets=[
            Budget(
                type="1",
                period_start=dt.date(2024, 1, 1),
                period_end=dt.date(2024, 12, 31),
                value=Decimal("1E+6"),
                currency="EUR",
            )
        ],
        transactions=[
            Transaction(
                type_code="3", date=dt.date(2024, 5, 1), value=Decimal("2.50E+3"), currency="USD"
            )
        ],
    )
    data = _write([activity])
    assert validate_file(data) == []
    assert b">1000000<" in data and b">2500<" in data
    assert b'value-date="2024-01-01"' in data and b'value-date="2024-05-01"' in data
    (result,) = list(iter_activities(io.BytesIO(data)))
    assert result.ok, result.errors


def test_writer_drops_characters_xml_cannot_carry() -> None:
    data = _write([_minimal(title={"en": "Bell\x07 and tab\tkept"})])
    assert validate_file(data) == []
    assert b"Bell and tab\tkept" in data


@needs_shared_data
def test_csv_has_one_row_per_activity_with_the_main_fields() -> None:
    activities = _ok_activities(OFFICIAL_203) + _ok_activities(NETHERLANDS_203)
    out = io.StringIO(newline="")
    write_activities_csv(activities, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == len(activities)
    assert list(rows[0]) == list(CSV_COLUMNS)
    official = rows[0]
    assert official["iati_identifier"] == "AA-AAA-123456789-ABC123"
    assert official["title"] == "Activity title"
    assert official["recipient_countries"] == "AF:25;AG:25"
    assert official["sectors"] == "2/111:50;2/112:50;99/A1:100"
    assert official["currency"] == "EUR" and official["budget"] == "3000"
    assert official["incoming_funds"] == "1000" and official["commitments"] == ""
    assert official["start_planned"] == "2012-04-15" and official["end_actual"] == ""
    assert official["crs_channel_code"] == "21039"
    assert official["last_updated"] == "2014-09-10T07:15:37Z"


def test_csv_neutralises_formulas_and_keeps_currencies_apart() -> None:
    activity = _minimal(
        title={"en": '=HYPERLINK("http://evil")'},
        transactions=[
            Transaction(type_code="3", date=dt.date(2024, 2, 1), value=Decimal(10), currency="USD"),
            Transaction(type_code="3", date=dt.date(2024, 3, 1), value=Decimal(5), currency="EUR"),
        ],
        budgets=[
            Budget(
                type=kind,
                period_start=dt.date(2024, 1, 1),
                period_end=dt.date(2024, 12, 31),
                value=Decimal(amount),
                currency="USD",
            )
            for kind, amount in (("1", 100), ("2", 120))
        ],
    )
    out = io.StringIO(newline="")
    write_activities_csv([activity], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["title"].startswith("'=")
    assert row["disbursements"] == "EUR 5; USD 10"
    assert row["budget"] == "120"  # the revised budget replaces the original for the period
