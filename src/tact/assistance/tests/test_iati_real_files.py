"""Real and sample IATI files: what the reader makes of them, and the official 2.03 example.

Why pinned numbers: these files are fixed inputs, so the exact counts of accepted and rejected
activities document the reader's policy (see the module docstring of ``rules``) and show when
a change alters it.  Run with ``-s`` to see the per-file report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tact.assistance.iati import RecipientCountry, RecipientRegion, RelatedActivity
from tact.assistance.tests.iati_support import (  # noqa: F401 - fixture override
    NETHERLANDS_203,
    OFFICIAL_203,
    REAL,
    SAMPLES,
    SPAIN_201,
    _english_by_default,
    file_id,
    needs_shared_data,
    read_all,
    xml_files,
)

pytestmark = needs_shared_data


@pytest.mark.parametrize("path", xml_files(REAL) + xml_files(SAMPLES), ids=file_id)
def test_every_real_or_sample_file_gets_a_sensible_report(path: Path) -> None:
    results, error = read_all(path)
    ok = sum(r.ok for r in results)
    print(f"\n{file_id(path)}: {len(results)} activities, {ok} ok, {len(results) - ok} rejected")  # noqa: T201
    if error is not None:
        print(f"  file error: {error}")  # noqa: T201
        assert not results
        assert len(str(error)) > 20
        return
    reasons = Counter(e.split(" at ")[0] for r in results for e in r.errors)
    for reason, count in reasons.most_common(5):
        print(f"  {count:4} x {reason}")  # noqa: T201
    assert results
    for result in results:
        assert result.line and result.line > 1
        assert (result.activity is not None) == result.ok
        assert result.ok or result.errors


def test_the_samples_are_pre_2_01_and_refused_with_a_reason() -> None:
    expectations = {
        "IATI_xml_WB_sample.xml": "Unsupported IATI version ''",
        "IATI_xml_dfid_sample.xml": "Unsupported IATI version ''",
        "undp_sample.xml": "Unsupported IATI version ''",
        "IATIfromGF.xml": "IATI version 1.0 is not supported",
        "worldbank.xml": "IATI version 1.0 is not supported",
        "ocha-test-data.xml": "has no @version attribute",
        "worked-example.xml": "single <iati-activity>",
    }
    for name, expected in expectations.items():
        _results, error = read_all(SAMPLES / name)
        assert error is not None and expected in str(error), (name, error)


def test_an_organisation_file_is_named_as_such() -> None:
    _results, error = read_all(
        REAL / "iati-2.03-official-organisation-standard-example-annotated.xml"
    )
    assert error is not None and "organisation file" in str(error)


def test_the_official_2_03_example_is_read_completely() -> None:
    results, error = read_all(OFFICIAL_203)
    assert error is None
    (result,) = results
    assert result.ok, result.errors
    activity = result.activity
    assert activity is not None
    assert result.identifier == activity.identifier == "AA-AAA-123456789-ABC123"
    assert result.line == 8
    assert activity.iati_version == "2.03"
    assert activity.default_language == "en" and activity.default_currency == "USD"
    assert activity.last_updated == dt.datetime(2014, 9, 10, 7, 15, 37, tzinfo=dt.UTC)
    assert activity.hierarchy == 1 and activity.humanitarian is True
    assert activity.title == {
        "en": "Activity title",
        "fr": "Titre de l'activité",
        "es": "Título de la actividad",
    }
    assert activity.description["en"].startswith("General activity description text.")
    assert set(activity.descriptions) == {"1", "2", "3"}
    assert activity.status_code == "2"
    assert activity.dates == {
        "1": dt.date(2012, 4, 15),
        "2": dt.date(2012, 4, 28),
        "3": dt.date(2015, 12, 31),
    }
    org = activity.reporting_org
    assert (org.ref, org.type, org.name, org.secondary_reporter) == (
        "AA-AAA-123456789",
        "40",
        "Organisation name",
        False,
    )
    roles = [(p.role, p.ref, p.activity_id) for p in activity.participating_orgs]
    assert roles[0] == ("1", "BB-BBB-123456789", "BB-BBB-123456789-1234")
    assert activity.participating_orgs[2].crs_channel_code == "000000"
    assert activity.crs_channel_code == "21039"  # crs-add/channel-code wins
    assert activity.recipient_countries == [
        RecipientCountry("AF", Decimal(25)),
        RecipientCountry("AG", Decimal(25)),
    ]
    assert activity.recipient_regions[0] == RecipientRegion("489", "1", Decimal(25))
    assert [(s.code, s.vocabulary, s.percentage) for s in activity.sectors] == [
        ("111", "2", Decimal(50)),
        ("112", "2", Decimal(50)),
        ("A1", "99", Decimal(100)),
    ]
    assert [(t.vocabulary, t.code) for t in activity.tags] == [("1", "1"), ("99", "T1")]
    assert activity.default_aid_type == "A01"
    assert (activity.default_flow_type, activity.default_finance_type) == ("10", "110")
    assert (activity.collaboration_type, activity.default_tied_status) == ("1", "3")
    (budget,) = activity.budgets
    assert (budget.type, budget.status, budget.value, budget.currency) == (
        "1",
        "1",
        Decimal(3000),
        "EUR",
    )
    assert (budget.period_start, budget.period_end) == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    (transaction,) = activity.transactions
    assert (transaction.ref, transaction.type_code, transaction.value) == (
        "1234",
        "1",
        Decimal(1000),
    )
    assert transaction.currency == "EUR" and transaction.date == dt.date(2012, 1, 1)
    assert transaction.provider_org is not None and transaction.receiver_org is not None
    assert transaction.provider_org.activity_id == "BB-BBB-123456789-1234AA"
    assert transaction.receiver_org.ref == "AA-AAA-123456789"
    assert transaction.description == {"en": "Transaction description text"}
    (document,) = activity.documents
    assert (document.format, document.categories, document.language) == (
        "application/vnd.oasis.opendocument.text",
        ["A01"],
        "en",
    )
    assert activity.related_activities == [RelatedActivity("AA-AAA-123456789-6789", "1")]
    (result_element,) = activity.results
    assert (result_element.type, result_element.aggregation_status) == ("1", True)
    (indicator,) = result_element.indicators
    assert (indicator.measure, indicator.ascending) == ("1", True)
    assert indicator.baseline is not None
    assert (indicator.baseline.year, indicator.baseline.value) == (2012, "10")
    assert indicator.baseline.comment == {"en": "Baseline comment text"}
    (period,) = indicator.periods
    assert (period.start, period.end) == (dt.date(2013, 1, 1), dt.date(2013, 3, 31))
    assert (period.target_value, period.actual_value) == ("10", "11")
    assert period.actuals[0].value_decimal == Decimal(11)
    assert period.target_comment == {"en": "Target comment text"}
    assert period.targets[0].dimensions[0] == ("sex", "female")


def test_the_official_example_keeps_warnings_for_its_placeholder_codes() -> None:
    """The example predates today's codelists: its CRS channel '000000' and transaction
    region '616' are unknown, which the severity policy reports as warnings."""
    (result,), _error = read_all(OFFICIAL_203)
    joined = "\n".join(result.warnings)
    assert "Unknown code '000000' in codelist CRSChannelCode" in joined
    assert "Unknown code '616' in codelist Region (vocabulary 1)" in joined


def test_the_spanish_2_01_file() -> None:
    """Real 2.01 data: 83 activities; the 18 with AidType codes D03/D04 (not IATI codes)
    are rejected, the region-without-percentage pattern and empty tied status only warn."""
    results, error = read_all(SPAIN_201)
    assert error is None
    assert len(results) == 83
    rejected = [r for r in results if not r.ok]
    assert len(rejected) == 18
    for result in rejected:
        assert len(result.errors) == 1
        assert "in codelist AidType (vocabulary 1)" in result.errors[0]
    ok = [r.activity for r in results if r.activity is not None]
    assert all(a.iati_version == "2.01" for a in ok)
    assert all(a.identifier.startswith("ES-DIR3-") for a in ok)
    assert any("tied-status" in w for r in results for w in r.warnings)


def test_the_netherlands_2_03_file() -> None:
    results, error = read_all(NETHERLANDS_203)
    assert error is None
    assert len(results) == 13
    rejected = [r for r in results if not r.ok]
    assert [r.identifier for r in rejected] == [rejected[0].identifier]
    assert (
        "Unknown code 'B01' in codelist EarmarkingCategory (vocabulary 2)" in rejected[0].errors[0]
    )
    # The file's own comment says so: B01 is an AidType code put under vocabulary 2.
    ok = [r.activity for r in results if r.activity is not None]
    assert any(s.code == "15220" for a in ok for s in a.sectors)
    assert all(a.transactions and a.budgets for a in ok)
