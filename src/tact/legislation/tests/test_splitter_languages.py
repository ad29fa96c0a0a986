"""One real-shaped law of 25+ articles per language: every heading style gives its own
provision with the right number, and no id is ever given a '_2' suffix because a heading
was missed (Arabic ordinals past ten, مكرر, ordinal-only headings, bis/ter, 12A, 之一, 11.1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tact.legislation.text.splitter import arabic_ordinal, split_law

FIXTURES = Path(__file__).parent / "fixtures"

CASES: dict[str, tuple[str, str, list[str]]] = {
    "ar": (
        "ar-law-trafficking-31.txt",
        "ar",
        [f"art_{n}" for n in range(1, 10)]
        + ["art_9bis", "art_9bis-1"]
        + [f"art_{n}" for n in range(10, 32)],
    ),
    "zh": (
        "zh-law-trafficking-27.txt",
        "zh",
        [f"art_{n}" for n in range(1, 12)] + ["art_11-1"] + [f"art_{n}" for n in range(12, 28)],
    ),
    "ru": (
        "ru-law-witness-25.txt",
        "ru",
        [f"art_{n}" for n in range(1, 12)]
        + ["art_11.1", "art_11.2"]
        + [f"art_{n}" for n in range(12, 26)],
    ),
    "en": (
        "en-act-trafficking-26.txt",
        "en",
        [f"sec_{n}" for n in range(1, 13)]
        + ["sec_12A", "sec_12B"]
        + [f"sec_{n}" for n in range(13, 27)],
    ),
    "fr": (
        "fr-loi-traite-26.txt",
        "fr",
        [f"art_{n}" for n in range(1, 9)]
        + ["art_8bis", "art_8ter"]
        + [f"art_{n}" for n in range(9, 27)],
    ),
    "es": (
        "es-ley-trata-26.txt",
        "es",
        [f"art_{n}" for n in range(1, 15)]
        + ["art_14bis", "art_14ter"]
        + [f"art_{n}" for n in range(15, 27)],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_article_its_own_provision(case: str) -> None:
    name, language, expected = CASES[case]
    provisions = split_law((FIXTURES / name).read_text(encoding="utf-8"), language)
    eids = [p.eid for p in provisions]
    assert eids == expected
    assert not any(eid.count("_") > 1 for eid in eids)  # no "_2" duplicate suffix
    assert all(p.text for p in provisions), [p.eid for p in provisions if not p.text]
    assert len(provisions) >= 25


def test_arabic_divisions_and_bodies_stay_apart() -> None:
    text = (FIXTURES / "ar-law-trafficking-31.txt").read_text(encoding="utf-8")
    provisions = {p.eid: p for p in split_law(text, "ar")}
    assert provisions["art_12"].division == "الباب الثاني"
    assert provisions["art_9bis-1"].label.startswith("التاسعة")
    assert "الباب الثاني" not in provisions["art_11"].text
    assert provisions["art_21"].label == "المادة الحادية والعشرون"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("الأولى", 1),
        ("الحادية عشرة", 11),
        ("الثانية عشرة", 12),
        ("التاسعة عشرة", 19),
        ("العشرون", 20),
        ("الحادية والعشرون", 21),
        ("الثانية والعشرين", 22),
        ("الثلاثون", 30),
        ("الأولى بعد المائة", 101),
        ("السابقة", None),
    ],
)
def test_arabic_ordinals(phrase: str, value: int | None) -> None:
    assert arabic_ordinal(phrase) == value


def test_body_line_naming_the_previous_article_is_not_a_heading() -> None:
    text = "المادة الأولى\nنص.\nالمادة السابقة تطبق على الشركاء.\nالمادة الثانية\nنص."
    assert [p.eid for p in split_law(text, "ar")] == ["art_1", "art_2"]


def test_arabic_presentation_forms_from_pdf_copies() -> None:
    # "المادة (1)" as PDF extractors emit it: Arabic presentation-form code points.
    heading = "\ufe8d\ufedf\ufee4\ufe8e\ufea9\ufe93"
    text = f"{heading} (1)\nنص أول.\n{heading} (2)\nنص ثان.\n{heading} (3)\nنص ثالث."
    assert [p.eid for p in split_law(text, "ar")] == ["art_1", "art_2", "art_3"]
