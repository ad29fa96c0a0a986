"""Akoma Ntoso in: AKN 3.0 resolutions import into the same tree; the round trip is stable."""

# ruff: noqa: E501  (the XML sample is kept as a producer writes it)
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tact.resolutions.akn import to_akn, validate_akn
from tact.resolutions.parsing import ResolutionImportError, parse_resolution
from tact.resolutions.tests.test_resolution_parser import EXPECTED_TREE

FIXTURES = Path(__file__).parent / "fixtures"

# A decision as another producer writes it: <doc>, <list>/<item>, its own eIds.
FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <doc name="decision">
    <meta><identification source="#un">
      <FRBRWork><FRBRthis value="/akn/un/doc/decision/2020-10-16/10-1/!main"/>
        <FRBRuri value="/akn/un/doc/decision/2020-10-16/10-1"/>
        <FRBRdate date="2020-10-16" name="adoption"/><FRBRauthor href="#cop"/>
        <FRBRcountry value="un"/></FRBRWork>
      <FRBRExpression><FRBRthis value="/akn/un/doc/decision/2020-10-16/10-1/fra@/!main"/>
        <FRBRuri value="/akn/un/doc/decision/2020-10-16/10-1/fra@"/>
        <FRBRdate date="2020-10-16" name="adoption"/><FRBRauthor href="#cop"/>
        <FRBRlanguage language="fra"/></FRBRExpression>
      <FRBRManifestation><FRBRthis value="/akn/un/doc/decision/2020-10-16/10-1/fra@.akn"/>
        <FRBRuri value="/akn/un/doc/decision/2020-10-16/10-1/fra@.akn"/>
        <FRBRdate date="2020-10-16" name="adoption"/><FRBRauthor href="#cop"/>
      </FRBRManifestation></identification></meta>
    <preface><p><docNumber>Décision 10/1</docNumber></p>
      <longTitle><p><docTitle>Mécanisme d’examen de l’application</docTitle></p></longTitle></preface>
    <preamble><formula name="enactingFormula"><p>La Conférence des Parties,</p></formula>
      <p>Rappelant sa résolution 9/1<authorialNote marker="1" placement="bottom"><p>Voir CTOC/COP/2018/13.</p></authorialNote>,</p>
    </preamble>
    <mainBody>
      <paragraph eId="dec_1__para_1"><num>1.</num><content><p>Invite les États parties à participer au Mécanisme et engage les donateurs à fournir des ressources ;</p></content></paragraph>
      <paragraph eId="dec_1__para_2"><num>2.</num><content><p>Prie le Secrétariat :</p>
        <list eId="dec_1__para_2__list_1">
          <item eId="dec_1__para_2__list_1__item_a"><num>a)</num><p>D’établir un calendrier des examens ;</p></item>
          <item eId="dec_1__para_2__list_1__item_b"><num>b)</num><p>De faire rapport à la Conférence.</p></item>
        </list></content></paragraph>
    </mainBody>
  </doc>
</akomaNtoso>
"""


@pytest.mark.parametrize("language", ["ru", "en", "fr"])
def test_round_trip_of_the_seed_is_stable(language: str) -> None:
    seed = parse_resolution((FIXTURES / f"seed_{language}.md").read_bytes(), "seed.md")
    first = to_akn(seed, doc_date=date(2012, 10, 19), number="6/3")
    back = parse_resolution(first, "seed.xml")
    assert back.codes() == list(EXPECTED_TREE)
    assert back.footnotes == seed.footnotes
    assert [n.text for n in back.walk()] == [n.text for n in seed.walk()]
    assert back.node("annex.b.v").footnotes == ["2"]
    assert back.preamble[0].footnotes == ["1"]
    assert back.node("annex.d").actions == ["invite", "call_upon"]
    second = to_akn(back, doc_date=date(2012, 10, 19), number="6/3")
    assert second == first


def test_foreign_doc_keeps_its_eids_as_codes() -> None:
    parsed = parse_resolution(FOREIGN.encode(), "decision.xml")
    assert parsed.doc_type == "decision"
    assert parsed.language == "fr"
    assert parsed.symbol == "Décision 10/1"
    assert parsed.title == "Mécanisme d’examen de l’application"
    assert parsed.body == "La Conférence des Parties"
    assert parsed.codes() == [
        "dec_1__para_1",
        "dec_1__para_2",
        "dec_1__para_2__list_1__item_a",
        "dec_1__para_2__list_1__item_b",
    ]
    assert parsed.preamble[0].footnotes == ["1"]
    assert parsed.footnotes == {"1": "Voir CTOC/COP/2018/13."}
    assert parsed.node("dec_1__para_1").actions == ["invite", "call_upon"]
    assert parsed.node("dec_1__para_2__list_1__item_b").text == "De faire rapport à la Conférence."
    exported = to_akn(parsed, doc_date=date(2020, 10, 16), number="10/1")
    assert validate_akn(exported) == []
    again = parse_resolution(exported, "again.xml")
    assert again.codes() == parsed.codes()
    assert to_akn(again, doc_date=date(2020, 10, 16), number="10/1") == exported


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<akomaNtoso>&lol2;</akomaNtoso>",
        b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.org/x.dtd"><akomaNtoso/>',
        b"<?xml version='1.0'?><akomaNtoso><doc><mainBody>",
        b"<?xml version='1.0'?><html><body/></html>",
        b"<?xml version='1.0'?><akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'>"
        b"<doc name='x'><mainBody><p>nothing</p></mainBody></doc></akomaNtoso>",
    ],
)
def test_bad_xml_is_refused_with_a_clear_code(data: bytes) -> None:
    with pytest.raises(ResolutionImportError) as raised:
        parse_resolution(data, "bad.xml")
    assert raised.value.code in {"bad_xml", "no_operative_paragraphs"}


def test_report_codes_export_and_come_back() -> None:
    report = parse_resolution((FIXTURES / "reports" / "co_en.txt").read_bytes(), "co.txt")
    xml = to_akn(report, doc_date=date(2019, 3, 14), number="CEDAW/C/GBR/CO/8")
    assert validate_akn(xml) == []
    back = parse_resolution(xml, "co.xml")
    assert back.codes() == report.codes()
