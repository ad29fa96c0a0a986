"""Hostile XML: entity expansion (billion laughs), external entities (XXE) and friends.

The reader must refuse any DOCTYPE before parsing, so no entity is ever declared, let alone
expanded; the refusal must be quick and must not echo file contents.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from tact.assistance.iati import IatiFileError, iter_activities, validate_file
from tact.assistance.tests.iati_support import _english_by_default  # noqa: F401

ACTIVITY = (
    "<iati-activity><iati-identifier>{identifier}</iati-identifier>"
    '<reporting-org ref="XM-DAC-7" type="10"><narrative>NL</narrative></reporting-org>'
    "<title><narrative>{title}</narrative></title>"
    "<description><narrative>d</narrative></description>"
    '<participating-org role="1" ref="XM-DAC-7"/>'
    '<activity-status code="2"/><activity-date type="1" iso-date="2020-01-01"/>'
    "</iati-activity>"
)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE iati-activities [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<iati-activities version="2.03">'
    + ACTIVITY.format(identifier="XM-DAC-7-1", title="&lol9;")
    + "</iati-activities>\n"
)

XXE = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<iati-activities version="2.03">'
    + ACTIVITY.format(identifier="&xxe;", title="secret: &xxe;")
    + "</iati-activities>\n"
)

XXE_PARAMETER = (
    '<?xml version="1.0"?>\n<!-- a comment first -->\n'
    '<!DOCTYPE x [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n'
    '<iati-activities version="2.03">'
    + ACTIVITY.format(identifier="a", title="t")
    + "</iati-activities>"
)


def _refusal(source: str | Path | io.BytesIO) -> IatiFileError:
    started = time.perf_counter()
    with pytest.raises(IatiFileError) as raised:
        list(iter_activities(source))
    assert time.perf_counter() - started < 5  # no expansion happened
    return raised.value


@pytest.mark.parametrize(
    "document", [BILLION_LAUGHS, XXE, XXE_PARAMETER], ids=["laughs", "xxe", "param"]
)
def test_doctype_is_refused_before_parsing(document: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.xml"
    path.write_text(document, encoding="utf-8")
    for source in (path, str(path), io.BytesIO(document.encode())):
        error = _refusal(source)
        message = str(error)
        assert "DOCTYPE" in message
        assert "lollol" not in message and "root:" not in message


def test_utf16_doctype_is_refused_too() -> None:
    error = _refusal(
        io.BytesIO(XXE.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"))
    )
    assert "DOCTYPE" in str(error)


def test_validate_file_refuses_doctype_without_expanding() -> None:
    errors = validate_file(BILLION_LAUGHS.encode())
    assert len(errors) == 1 and "DOCTYPE" in errors[0]
    errors = validate_file(XXE.encode())
    assert "DOCTYPE" in errors[0] and "root:" not in errors[0]


def test_entity_reference_without_declaration_is_not_xml() -> None:
    document = (
        '<iati-activities version="2.03">'
        + ACTIVITY.format(identifier="&xxe;", title="t")
        + "</iati-activities>"
    )
    error = _refusal(io.BytesIO(document.encode()))
    assert "Not well-formed XML" in str(error) and "xxe" in str(error)


def test_a_plain_file_with_the_same_content_is_fine() -> None:
    document = (
        '<iati-activities version="2.03">'
        + ACTIVITY.format(identifier="XM-DAC-7-1", title="t")
        + "</iati-activities>"
    )
    (result,) = list(iter_activities(io.BytesIO(document.encode())))
    assert result.ok, result.errors


def test_deeply_nested_garbage_is_refused_not_recursed() -> None:
    depth = 5000
    document = '<iati-activities version="2.03"><iati-activity>' + "<x:a xmlns:x='urn:x'>" * depth
    document += "</x:a>" * depth + "</iati-activity></iati-activities>"
    error = _refusal(io.BytesIO(document.encode()))
    assert "Not well-formed XML" in str(error)
