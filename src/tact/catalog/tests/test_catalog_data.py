"""Checks on the shipped catalog data file (no database needed)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

CATALOG_FILE = Path(__file__).resolve().parents[1] / "data" / "catalog.json"
LANGS = ("en", "ru", "fr", "es", "ar", "zh")
EXPECTED_COUNTS = {"untoc": 41, "tip": 20, "som": 25, "fp": 21}
OBLIGATIONS = {"mandatory", "must_consider", "optional", "none"}
CATEGORIES = {"general", "substantive", "institutional", "final"}
PARA_ID_RE = re.compile(r"^(untoc|tip|som|fp)/art_(\d+)/para_(\d+)$")
# Frequent Dutch function words / headings that never occur in the English texts.
DUTCH_MARKERS = re.compile(
    r"\b(het|een|worden|wordt|overeenkomstig|Verdrag|Staten die partij|Artikel)\b|\bvan de\b"
)


@cache
def catalog() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    return data


def instrument(code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in catalog()["instruments"] if i["code"] == code)
    return found


def article(code: str, number: int) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in instrument(code)["articles"] if a["number"] == number)
    return found


def all_articles() -> list[tuple[str, dict[str, Any]]]:
    return [(i["code"], a) for i in catalog()["instruments"] for a in i["articles"]]


def test_four_instruments_in_order() -> None:
    instruments = catalog()["instruments"]
    assert [i["code"] for i in instruments] == ["untoc", "tip", "som", "fp"]
    assert [i["order"] for i in instruments] == [1, 2, 3, 4]


@pytest.mark.parametrize(("code", "count"), sorted(EXPECTED_COUNTS.items()))
def test_article_counts(code: str, count: int) -> None:
    numbers = [a["number"] for a in instrument(code)["articles"]]
    assert numbers == list(range(1, count + 1))


def test_instrument_titles_in_six_languages() -> None:
    for inst in catalog()["instruments"]:
        for field in ("title", "short_title"):
            assert set(inst[field]) == set(LANGS)
            assert all(inst[field][lang].strip() for lang in LANGS), (inst["code"], field)
    assert instrument("untoc")["title"]["en"] == (
        "United Nations Convention against Transnational Organized Crime"
    )


def test_themes() -> None:
    themes = catalog()["themes"]
    codes = [t["code"] for t in themes]
    assert len(codes) == len(set(codes))
    for required in (
        "general_provisions",
        "criminalization",
        "liability_and_sanctions",
        "confiscation_and_proceeds",
        "jurisdiction",
        "international_cooperation",
        "law_enforcement",
        "protection_of_victims_and_witnesses",
        "prevention",
        "technical_assistance",
        "institutional",
        "final_clauses",
    ):
        assert required in codes
    for theme in themes:
        assert all(theme["title"].get(lang, "").strip() for lang in LANGS), theme["code"]
    for code, art in all_articles():
        assert 1 <= len(art["themes"]) <= 3, (code, art["number"])
        assert set(art["themes"]) <= set(codes), (code, art["number"])


def test_paragraph_ids_unique_and_well_formed() -> None:
    seen: set[str] = set()
    for code, art in all_articles():
        assert art["paragraphs"], (code, art["number"])
        for index, para in enumerate(art["paragraphs"], start=1):
            match = PARA_ID_RE.match(para["id"])
            assert match, para["id"]
            assert match.group(1) == code
            assert int(match.group(2)) == art["number"]
            assert match.group(3) == para["number"] == str(index)
            assert para["id"] not in seen
            seen.add(para["id"])
            assert para["obligation"] in OBLIGATIONS
            assert para["text"].strip()


def test_untoc_article_24_witness_protection() -> None:
    art = article("untoc", 24)
    assert art["title"]["en"] == "Protection of witnesses"
    assert [p["obligation"] for p in art["paragraphs"]] == [
        "mandatory",
        "optional",
        "must_consider",
        "mandatory",
    ]
    assert [p["id"] for p in art["paragraphs"]] == [f"untoc/art_24/para_{n}" for n in range(1, 5)]


def test_untoc_article_25_all_mandatory() -> None:
    paragraphs = article("untoc", 25)["paragraphs"]
    assert len(paragraphs) == 3
    assert {p["obligation"] for p in paragraphs} == {"mandatory"}


def test_sub_items_stay_with_their_paragraph() -> None:
    art = article("untoc", 24)
    assert "\na) Establishing procedures" in art["paragraphs"][1]["text"]
    assert "\nb) Providing evidentiary rules" in art["paragraphs"][1]["text"]
    single = article("untoc", 2)["paragraphs"]
    assert len(single) == 1 and single[0]["number"] == "1"
    assert "j) “Regional economic integration organization”" in single[0]["text"]


def test_articles_have_english_title_text_and_category() -> None:
    for code, art in all_articles():
        assert set(art["title"]) == set(LANGS), (code, art["number"])
        assert art["title"]["en"].strip(), (code, art["number"])
        assert art["text"].strip(), (code, art["number"])
        assert art["category"] in CATEGORIES, (code, art["number"])
        assert "](" not in art["text"] and "``" not in art["text"], (code, art["number"])


def test_no_dutch_text_leaked() -> None:
    for code, art in all_articles():
        for text in [art["title"]["en"], art["text"], *(p["text"] for p in art["paragraphs"])]:
            assert not DUTCH_MARKERS.search(text), (code, art["number"], text[:80])


def test_final_clauses_and_general_provisions_are_categorised() -> None:
    assert article("untoc", 41)["category"] == "final"
    assert article("untoc", 32)["category"] == "institutional"
    assert article("tip", 3)["category"] == "general"
    assert article("fp", 5)["category"] == "substantive"
