"""Akoma Ntoso export validates against the OASIS schema and addresses every node."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from tact.resolutions.akn import (
    AKN_NS,
    code_eid_map,
    eid_for_code,
    eids_in,
    to_akn,
    validate_akn,
)
from tact.resolutions.parsing import parse_markdown, parse_resolution

FIXTURES = Path(__file__).parent / "fixtures"
NS = {"a": AKN_NS}


def _seed_akn(language: str) -> tuple[bytes, dict[str, str]]:
    resolution = parse_resolution(
        (FIXTURES / f"seed_{language}.md").read_bytes(), f"seed_{language}.md"
    )
    xml = to_akn(resolution, doc_date=date(2012, 10, 19), number="6/3")
    return xml, code_eid_map(resolution)


@pytest.mark.parametrize("language", ["ru", "en", "fr"])
def test_seed_validates_and_every_code_has_an_eid(language: str) -> None:
    xml, mapping = _seed_akn(language)
    assert validate_akn(xml) == []
    present = eids_in(xml)
    assert mapping, "the seed has recommendations"
    for code, eid in mapping.items():
        assert eid in present, code
    assert len(set(mapping.values())) == len(mapping)


def test_seed_structure() -> None:
    xml, mapping = _seed_akn("ru")
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    statement = root.find("a:statement", NS)
    assert statement is not None
    assert statement.get("name") == "resolution"
    assert root.xpath("//a:FRBRlanguage/@language", namespaces=NS)[0] == "rus"
    paragraphs = statement.findall("a:mainBody/a:paragraph", NS)
    assert [p.get("eId") for p in paragraphs] == ["para_1", "para_2"]
    assert paragraphs[0].findtext("a:num", namespaces=NS) == "1."
    assert len(statement.findall("a:preamble/a:p", NS)) == 2
    assert statement.find("a:preamble/a:formula", NS) is not None
    doc = statement.find("a:attachments/a:attachment/a:doc", NS)
    assert doc is not None
    assert doc.get("name") == "annex"
    block_list = doc.find("a:mainBody/a:blockList", NS)
    assert block_list is not None
    assert block_list.get("eId") == "att_1__list_1"
    assert block_list.findtext("a:listIntroduction", namespaces=NS).startswith("Рабочая группа")

    notes = root.xpath("//a:authorialNote", namespaces=NS)
    assert [(n.get("marker"), n.get("placement")) for n in notes] == [
        ("1", "bottom"),
        ("2", "bottom"),
    ]
    assert notes[0].getparent().get("eId") == "preamble__p_1"
    assert notes[1].getparent().getparent().get("eId") == mapping["annex.b.v"]
    assert notes[0].findtext("a:p", namespaces=NS).startswith("United Nations, Treaty Series")
    # The note sits where the marker stood: before the trailing comma.
    assert notes[0].tail == ","


def test_eid_for_code() -> None:
    assert eid_for_code("op.1") == "para_1"
    assert eid_for_code("op.3.a") == "para_3__list_1__item_a"
    assert eid_for_code("op.3.a.ii") == "para_3__list_1__item_a__list_1__item_ii"
    assert eid_for_code("annex.a") == "att_1__list_1__item_a"
    assert eid_for_code("annex.b.iv") == "att_1__list_1__item_b__list_1__item_iv"
    # Codes outside the op/annex scheme: an imported document's own eIds are kept as they
    # are, report numbers become "rec_" eIds; an empty code is an error.
    assert eid_for_code("dec_1__para_2") == "dec_1__para_2"
    assert eid_for_code("125.1") == "rec_125-1"
    assert eid_for_code("preamble.1") == "rec_preamble-1"
    with pytest.raises(ValueError):
        eid_for_code("")


def test_decision_with_operative_sub_items_validates() -> None:
    resolution = parse_markdown(
        "Decision 4/3\n\n**Working group**\n\nThe Conference of the Parties,\n\n"
        "1. Decides to establish a working group;\n\n"
        "2. Requests the Secretariat:\n\n(a) To assist it;\n\n(b) To report<sup>1</sup>.\n\n"
        "---\n\n<sup>1</sup> At its next session.\n"
    )
    xml = to_akn(resolution, doc_date=date(2008, 10, 17), number="4/3")
    assert validate_akn(xml) == []
    assert b'<statement name="decision">' in xml
    present = eids_in(xml)
    assert all(eid in present for eid in code_eid_map(resolution).values())


def test_annex_only_document_validates() -> None:
    resolution = parse_markdown(
        "**Annex**\n\nThe Working Group:\n\n(a) Recommends that States act;\n\n"
        "(b) Requests the Secretariat to help.\n"
    )
    assert resolution.operative == []
    xml = to_akn(resolution, doc_date=date(2020, 1, 1), number="1")
    assert validate_akn(xml) == []
