"""Footnotes in every common marker style, and PDF page furniture, never reach item text.

The seed is rendered here as it arrives in practice: a French PDF copy (space before the
call, notes after a ``____`` rule, job numbers, symbols, page numbers and running titles
between pages, a hyphenated line end) and an English copy with ``[1]`` calls and the notes
gathered at the end of the document. Both must give the same tree as the Markdown seed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tact.resolutions.parsing import parse_markdown, parse_resolution
from tact.resolutions.parsing.furniture import remove_furniture
from tact.resolutions.tests.test_resolution_parser import assert_same_tree

FIXTURES = Path(__file__).parent / "fixtures"


def _no_note_text_in_items(text_of: dict[str, str]) -> None:
    for code, text in text_of.items():
        assert "Treaty" not in text and "Traités" not in text and "Ibid" not in text, code


@pytest.mark.parametrize("name", ["seed_fr_pdf.txt", "seed_en_endnotes.txt"])
def test_pdf_and_endnote_renderings_keep_both_footnotes(name: str) -> None:
    resolution = parse_resolution((FIXTURES / name).read_bytes(), name)
    assert_same_tree(resolution)
    _no_note_text_in_items({node.code: node.text for node in resolution.walk()})
    assert resolution.footnotes["1"].endswith("39574.")


def test_pdf_rendering_drops_page_furniture() -> None:
    resolution = parse_resolution((FIXTURES / "seed_fr_pdf.txt").read_bytes(), "x.txt")
    assert resolution.symbol == "CTOC/COP/2012/15"
    everything = " ".join(node.text for node in resolution.walk())
    assert "V.12-57118" not in everything
    assert "Rapport de la Conférence" not in everything
    assert "CTOC/COP" not in everything
    assert "criminalité transnationale organisée visant" in resolution.node("annex.a").text
    assert resolution.node("annex.b.v").text.endswith("s’y rapportant ;")


def _seed_en(call: str, note: str, separator: str = "---") -> str:
    text = (FIXTURES / "seed_en.md").read_text()
    text = re.sub(r"(?<!\n)<sup>(\d)</sup>", lambda m: call.format(m.group(1)), text)
    return re.sub(
        r"---\n\n<sup>(\d)</sup> ", lambda m: f"{separator}\n\n{note.format(m.group(1))}", text
    )


@pytest.mark.parametrize(
    ("call", "note", "separator"),
    [
        ("[{}]", "[{}] ", "---"),
        ("[{}]", "{}. ", "____"),
        (" [{}]", "{} ", "____"),
        ("{}", "{}. ", "____"),
        (" {}", "{} ", "____"),
        ("{}", "[{}] ", "__________"),
    ],
)
def test_marker_styles(call: str, note: str, separator: str) -> None:
    resolution = parse_markdown(_seed_en(call, note, separator))
    assert_same_tree(resolution)
    _no_note_text_in_items({node.code: node.text for node in resolution.walk()})


def test_star_note_on_the_title_and_notes_at_the_end_without_rule() -> None:
    text = (
        "Strengthening technical assistance*\n\n"
        "The Conference of the Parties,\n\n"
        "Recalling its resolution 5/6 on technical assistance1,\n\n"
        "1. Invites States to provide resources and calls upon donors to report;\n\n"
        "2. Requests the Secretariat to report to the Conference at its next session.\n\n"
        "\\* Reissued for technical reasons on 5 May 2021.\n"
        "1. See CTOC/COP/2010/17, chap. I.\n"
    )
    resolution = parse_markdown(text)
    assert resolution.codes() == ["op.1", "op.2"]
    assert resolution.footnotes == {
        "*": "Reissued for technical reasons on 5 May 2021.",
        "1": "See CTOC/COP/2010/17, chap. I.",
    }
    assert resolution.preamble[0].footnotes == ["1"]
    assert resolution.node("op.2").text.endswith("next session.")
    # Two operative verbs in one paragraph are both kept.
    assert resolution.node("op.1").actions == ["invite", "call_upon"]


def test_numbered_paragraph_at_the_end_is_not_taken_for_a_note() -> None:
    text = (
        "The Conference of the Parties,\n\n"
        "1. Welcomes the report of the Working Group;\n\n"
        "2. Decides to continue its work under article 2, paragraph 3.\n\n"
        "3. Requests the Secretariat to report on progress.\n"
    )
    resolution = parse_markdown(text)
    assert resolution.codes() == ["op.1", "op.2", "op.3"]
    assert resolution.footnotes == {}


def test_furniture_keeps_real_hyphens_and_first_symbol() -> None:
    text = (
        "A/HRC/49/7\n\nTitle\n\nStrengthening inter-agency work and inter-\n"
        "agency cooperation and organi-\nzation of panels.\n\nGE.22-01234 (E)\n\n"
        "7\n\nA/HRC/49/7\n\nMore text."
    )
    cleaned = remove_furniture(text)
    assert "inter-agency cooperation" in cleaned
    assert "organization of panels" in cleaned
    assert cleaned.count("A/HRC/49/7") == 1
    assert "GE.22" not in cleaned and "\n7\n" not in cleaned
