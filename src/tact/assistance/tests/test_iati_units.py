"""Behaviour of the reader and rules on small hand-written documents (no shared data needed)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, cast

import pytest

from tact.assistance.iati import (
    ActivityResult,
    IatiFileError,
    codes,
    iter_activities,
    load_codelist,
)
from tact.assistance.iati.values import (
    format_decimal,
    parse_date,
    parse_datetime,
    parse_decimal,
)
from tact.assistance.tests.iati_support import _english_by_default  # noqa: F401


def act(
    identifier: str = "XM-DAC-7-PPR-1",
    *,
    attrs: str = 'default-currency="EUR" xml:lang="en"',
    status: str = '<activity-status code="2"/>',
    dates: str = '<activity-date type="1" iso-date="2020-01-01"/>',
    geography: str = "",
    classification: str = "",
    money: str = "",
    tail: str = "",
) -> str:
    """One activity with the XSD's required parts, and slots in schema order for the rest."""
    return (
        f"<iati-activity {attrs}>\n"
        f"  <iati-identifier>{identifier}</iati-identifier>\n"
        '  <reporting-org ref="XM-DAC-7" type="10"><narrative>NL MFA</narrative></reporting-org>\n'
        "  <title><narrative>Justice reform</narrative></title>\n"
        "  <description><narrative>Why.</narrative></description>\n"
        '  <participating-org role="1" ref="XM-DAC-7" type="10"/>\n'
        f"  {status}\n  {dates}\n  {geography}\n  {classification}\n  {money}\n  {tail}\n"
        "</iati-activity>\n"
    )


def doc(*activities: str, version: str = "2.03", root: str = "") -> bytes:
    body = "".join(activities) if activities else act()
    head = f'<?xml version="1.0"?>\n<iati-activities version="{version}" {root}>\n'
    return (head + body + "</iati-activities>\n").encode()


def read(data: bytes, **options: bool) -> list[ActivityResult]:
    return list(iter_activities(io.BytesIO(data), **options))


def one(data: bytes, **options: bool) -> ActivityResult:
    (result,) = read(data, **options)
    return result


def file_error(data: bytes, **options: bool) -> str:
    with pytest.raises(IatiFileError) as raised:
        read(data, **options)
    return str(raised.value)


# -- values -------------------------------------------------------------------------------------


def test_xsd_dates_and_numbers() -> None:
    assert parse_date("2013-11-27") == dt.date(2013, 11, 27)
    assert parse_date("2013-11-27Z") == parse_date("2013-11-27+02:00") == dt.date(2013, 11, 27)
    for bad in ("2010-07-", "2013-02-30", "27/11/2013", "20131127", "2013-W01-1"):
        with pytest.raises(ValueError):
            parse_date(bad)
    assert parse_datetime("2014-09-10T07:15:37") == dt.datetime(
        2014, 9, 10, 7, 15, 37, tzinfo=dt.UTC
    )
    assert parse_datetime("2014-09-10T24:00:00Z") == dt.datetime(2014, 9, 11, tzinfo=dt.UTC)
    assert parse_datetime("2014-09-10T09:15:37+02:00").utcoffset() == dt.timedelta(hours=2)
    with pytest.raises(ValueError):
        parse_datetime("2011-06-01")
    assert parse_decimal(" 1000.50 ") == Decimal("1000.50")
    for bad in ("1e3", "NaN", "", "1,000", "Infinity"):
        with pytest.raises(ValueError):
            parse_decimal(bad)
    assert format_decimal(Decimal("1E+3")) == "1000"
    assert format_decimal(Decimal("-0")) == "0"


@pytest.mark.parametrize(
    "raw",
    ["1000", " 1000.50 ", "-45360", "+5", "5.", ".5", "-.5", "0", "1e3", "NaN", "", "1,000",
     "1.2.3", "+-5", "--5", "\u0661\u0662", "\u00b2", "1_000", "  ", ".", "-", "+"],
)  # fmt: skip
def test_the_builders_plain_numbers_agree_with_the_xsd_parser(raw: str) -> None:
    # The builder reads plain numbers without the general parser (issue 19): same values,
    # and whatever the parser refuses is still refused with its message.
    from lxml import etree

    from tact.assistance.iati.build import _Builder

    element = etree.fromstring(f'<value percentage="{raw}">{raw}</value>')
    builder = _Builder(None)
    as_text, as_attribute = (
        builder.decimal_text(element),
        builder.decimal_attr(element, "percentage"),
    )
    try:
        expected: Decimal | None = parse_decimal(raw)
    except ValueError:
        expected = None
        assert len(builder.errors) == 2
    else:
        assert builder.errors == []
    assert as_text == as_attribute == expected
    if expected is not None:
        assert str(as_text) == str(expected)


@pytest.mark.parametrize(
    "raw",
    ["2013-11-27", "2013-02-30", "2013-11-27Z", "\uff12\uff10\uff11\uff13-11-27",
     "0000-01-01", "2013-1-027", "20131127", " 2013-11-27", "2013-11-2x"],
)  # fmt: skip
def test_the_builders_plain_dates_agree_with_the_xsd_parser(raw: str) -> None:
    from lxml import etree

    from tact.assistance.iati.build import _Builder

    builder = _Builder(None)
    value = builder.date_attr(etree.fromstring(f'<period-start iso-date="{raw}"/>'))
    try:
        expected: dt.date | None = parse_date(raw)
    except ValueError:
        expected = None
        assert len(builder.errors) == 1
    assert value == expected


def test_codelists_are_sets_of_codes() -> None:
    assert {"15130", "15210", "15220", "15110"} <= codes("Sector")
    sector = load_codelist("Sector")
    assert sector.status("11321") == "withdrawn" and sector.status("15130") == "active"
    assert sector.status("XYZ") == "unknown" and "15130" in sector.active
    assert load_codelist("Sector") is sector  # cached
    assert load_codelist("TransactionType").embedded
    with pytest.raises(KeyError):
        load_codelist("NoSuchList")
    with pytest.raises(KeyError):
        load_codelist("../schemas/xml")


# -- file-level errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"hello, world", "not XML"),
        (b"\xef\xbb\xbf", "empty"),
        (b'<iati-organisations version="2.03"/>', "organisation file"),
        (b'<iati-activity version="2.03"/>', "single <iati-activity>"),
        (b"<html><body/></html>", "<html>"),
        (b'<a:iati-activities xmlns:a="urn:x" version="2.03"/>', "<a:iati-activities>"),
        (
            b'<iati-activities xmlns="urn:x" version="2.03"><iati-activity/></iati-activities>',
            "{urn:x}",
        ),
        (b"<iati-activities><iati-activity/></iati-activities>", "no @version"),
        (b'<iati-activities version="1.05"><iati-activity/></iati-activities>', "1.0x files"),
        (
            b'<iati-activities version="2.04"><iati-activity/></iati-activities>',
            "Unsupported IATI version '2.04'",
        ),
        (b'<iati-activities version="2.03"></iati-activities>', "no <iati-activity>"),
        (b'<iati-activities version="2.03"><iati-activity>', "Not well-formed XML"),
    ],
)
def test_file_errors(data: bytes, expected: str) -> None:
    assert expected in file_error(data)


def test_invalid_root_attributes_are_a_file_error_only_when_strict() -> None:
    data = doc(root='generated-datetime="2011-06-01" colour="red"')
    message = file_error(data)
    assert "generated-datetime '2011-06-01'" in message and "'colour'" in message
    stream = iter_activities(io.BytesIO(data), strict_schema=False)
    assert [r.ok for r in stream] == [True]
    assert len(stream.file_warnings) == 2


def test_root_metadata_and_stray_elements() -> None:
    data = doc(
        act("XM-DAC-7-1") + "<junk/>" + act("XM-DAC-7-2") + '<x:ok xmlns:x="urn:x"/><tail/>',
        root='generated-datetime="2024-05-01T10:00:00Z"',
    )
    with iter_activities(io.BytesIO(data)) as stream:
        results = list(stream)
    assert [r.identifier for r in results] == ["XM-DAC-7-1", "XM-DAC-7-2"]
    assert stream.version == "2.03"
    assert stream.generated == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    assert [w.split(" directly")[0] for w in stream.file_warnings] == [
        "Unexpected element <junk>",
        "Unexpected element <tail>",
    ]


def test_a_truncated_file_yields_what_came_before_then_fails() -> None:
    data = doc(act("XM-DAC-7-1"), act("XM-DAC-7-2"))[:-60]
    seen: list[str] = []
    with pytest.raises(IatiFileError) as raised:
        for result in iter_activities(io.BytesIO(data)):
            seen.append(result.identifier)
    assert seen == ["XM-DAC-7-1"]
    assert raised.value.line is not None


def test_sources_paths_strings_and_unseekable_streams(tmp_path: Path) -> None:
    data = doc(act("XM-DAC-7-1"), act("XM-DAC-7-2"))
    path = tmp_path / "two.xml"
    path.write_bytes(data)

    class Pipe:
        """Only ``read``, returning a few bytes at a time, like a socket or an upload."""

        def __init__(self) -> None:
            self.buffer = io.BytesIO(data)

        def read(self, size: int = -1) -> bytes:
            return self.buffer.read(7 if size < 0 else min(size, 7))

    sources: list[str | Path | BinaryIO] = [path, str(path), cast(BinaryIO, Pipe())]
    for source in sources:
        assert [r.identifier for r in iter_activities(source)] == ["XM-DAC-7-1", "XM-DAC-7-2"]


def test_schema_only_needs_strict_schema() -> None:
    with pytest.raises(ValueError):
        iter_activities(io.BytesIO(doc()), schema_only=True, strict_schema=False)


# -- per-activity verdicts ----------------------------------------------------------------------


def test_one_bad_activity_does_not_hide_the_good_ones() -> None:
    bad = act("XM-DAC-7-2", money='<budget><period-start iso-date="2020-01-01"/></budget>')
    results = read(doc(act("XM-DAC-7-1"), bad, act("XM-DAC-7-3")))
    assert [(r.identifier, r.status) for r in results] == [
        ("XM-DAC-7-1", "ok"),
        ("XM-DAC-7-2", "rejected"),
        ("XM-DAC-7-3", "ok"),
    ]
    assert [r.line for r in results] == [3, 16, 29]
    assert results[1].activity is None and results[1].title == "Justice reform"
    (message,) = results[1].errors
    assert message.startswith("Schema: Element 'budget': Missing child element(s)")
    assert "line 26, iati-activity/budget" in message


def test_missing_identifier() -> None:
    result = one(doc(act("")))
    assert not result.ok and result.identifier == ""
    assert "Missing iati-identifier: the element is absent or empty." in result.errors


def test_unknown_codes_name_the_codelist_and_vocabulary() -> None:
    result = one(
        doc(
            act(
                geography='<recipient-country code="ZZ"/>'
                '<sector vocabulary="1" code="XYZ" percentage="50"/>'
                '<sector vocabulary="1" code="15130" percentage="50"/>'
                '<sector vocabulary="2" code="999"/>',
                classification='<default-flow-type code="10"/><default-finance-type code="110"/>',
            )
        )
    )
    assert not result.ok
    assert "Unknown code 'XYZ' in codelist Sector (vocabulary 1) at sector." in result.errors
    assert (
        "Unknown code '999' in codelist SectorCategory (vocabulary 2) at sector." in result.errors
    )
    assert "Unknown code 'ZZ' in codelist Country at recipient-country 'ZZ'." in result.errors


def test_withdrawn_codes_only_warn() -> None:
    result = one(
        doc(
            act(geography='<sector code="11321"/>', classification='<default-flow-type code="20"/>')
        )
    )
    assert result.ok, result.errors
    assert any(
        "'11321' in codelist Sector (vocabulary 1)" in w and "withdrawn" in w
        for w in result.warnings
    )
    assert any("'20' in codelist FlowType" in w for w in result.warnings)


def country(code: str, percentage: str | None = None) -> str:
    share = f' percentage="{percentage}"' if percentage is not None else ""
    return f'<recipient-country code="{code}"{share}/>'


def region(code: str, percentage: str | None = None) -> str:
    share = f' percentage="{percentage}"' if percentage is not None else ""
    return f'<recipient-region code="{code}"{share}/>'


def sector(code: str, percentage: str | None = None, vocabulary: str = "1") -> str:
    share = f' percentage="{percentage}"' if percentage is not None else ""
    return f'<sector vocabulary="{vocabulary}" code="{code}"{share}/>'


def test_percentages_of_countries_and_regions_must_add_up() -> None:
    bad = one(doc(act(geography=country("KE", "50") + region("289", "30"))))
    assert (
        "Percentages of recipient-country + recipient-region add up to 80, not 100 "
        "(countries 50, regions 30)." in bad.errors
    )
    thirds = country("KE", "33.33") + country("UG", "33.33") + country("TZ", "33.34")
    good = one(doc(act(geography=thirds)))
    assert good.ok, good.errors
    over = one(doc(act(geography=country("KE", "120") + country("UG"))))
    assert any("not between 0 and 100" in e for e in over.errors)
    context = one(doc(act(geography=country("KE", "100") + region("289"))))
    assert context.ok and any("read as context only" in w for w in context.warnings)


def test_sector_percentages_per_vocabulary() -> None:
    sectors = sector("15130", "60") + sector("15210", "60") + sector("151", "100", vocabulary="2")
    result = one(doc(act(geography=sectors)))
    assert result.errors == ["Percentages of sectors in vocabulary 1 add up to 120, not 100."]


def test_bad_dates_strict_and_lenient() -> None:
    data = doc(act(dates='<activity-date type="1" iso-date="2020-02-30"/>'))
    strict = one(data)
    assert not strict.ok
    assert len(strict.errors) == 1 and strict.errors[0].startswith("Schema: ")
    lenient = one(data, strict_schema=False)
    assert not lenient.ok
    assert any(w.startswith("Schema: ") for w in lenient.warnings)
    assert any(
        e.startswith("Bad date '2020-02-30' at activity-date/@iso-date (line")
        for e in lenient.errors
    )
    ends_first = one(
        doc(
            act(
                dates='<activity-date type="1" iso-date="2020-01-01"/>'
                '<activity-date type="3" iso-date="2019-01-01"/>'
            )
        )
    )
    assert ends_first.errors == [
        "Bad dates: the planned end 2019-01-01 is before the planned start 2020-01-01."
    ]


def test_lenient_schema_keeps_activities_with_unnamespaced_extensions() -> None:
    data = doc(act(tail="<internal-code>77</internal-code>"))
    assert not one(data).ok
    lenient = one(data, strict_schema=False)
    assert lenient.ok and any("internal-code" in w for w in lenient.warnings)


def test_money_needs_a_currency_and_sane_periods() -> None:
    budget = (
        '<budget type="1" status="1"><period-start iso-date="2021-01-01"/>'
        '<period-end iso-date="2020-12-31"/><value value-date="2021-01-01">10</value></budget>'
    )
    result = one(doc(act(attrs='xml:lang="en"', money=budget)))
    assert (
        "budget #1 has no currency: neither value/@currency nor "
        "iati-activity/@default-currency is given." in result.errors
    )
    assert "Bad dates: budget #1 ends (2020-12-31) before it starts (2021-01-01)." in result.errors


def test_features_newer_than_the_declared_version_warn() -> None:
    transaction = (
        '<transaction><transaction-type code="12"/><transaction-date iso-date="2020-01-01"/>'
        '<value value-date="2020-01-01">5</value></transaction>'
    )
    result = one(
        doc(act(geography='<tag vocabulary="2" code="16"/>', money=transaction), version="2.01")
    )
    assert result.ok, result.errors
    assert result.activity is not None and result.activity.iati_version == "2.01"
    text = "\n".join(result.warnings)
    assert "tag was introduced in IATI 2.03, but the file declares version 2.01" in text
    assert "Code '12' in codelist TransactionType" in text and "introduced in IATI 2.03" in text


def test_namespaced_extensions_are_valid_and_ignored() -> None:
    data = doc(
        act(
            attrs='xmlns:x="urn:x" x:flag="1" default-currency="EUR"',
            tail="<x:note>internal</x:note>",
        ),
        root='xmlns:y="urn:y" y:source="crm"',
    )
    result = one(data)
    assert result.ok, result.errors


def test_crs_channel_code_from_participating_org_when_no_crs_add() -> None:
    result = one(
        doc(
            act(geography="", tail="").replace(
                '<participating-org role="1" ref="XM-DAC-7" type="10"/>',
                '<participating-org role="1" ref="XM-DAC-7" type="10"/>'
                '<participating-org role="4" ref="XM-DAC-41128" type="40" '
                'crs-channel-code="41128"/>',
            )
        )
    )
    assert result.activity is not None and result.activity.crs_channel_code == "41128"


def test_empty_optional_codes_are_treated_as_absent() -> None:
    result = one(doc(act(classification='<default-tied-status code=""/>')))
    assert result.ok and result.activity is not None
    assert result.activity.default_tied_status is None
    assert any("Empty code at default-tied-status/@code" in w for w in result.warnings)
    empty_status = one(doc(act(status='<activity-status code=""/>')))
    assert "Empty code for codelist ActivityStatus at activity-status/@code." in empty_status.errors
