"""Building blocks of the importer: labels, verbs, language, themes."""

from __future__ import annotations

import pytest

from tact.resolutions.parsing import detect_language, suggest_articles, suggest_themes
from tact.resolutions.parsing.lists import ListBuilder, candidates, roman_value
from tact.resolutions.parsing.verbs import addressees, analyse


def test_label_candidates() -> None:
    assert {(c.type, c.normalised) for c in candidates("c")} == {("roman", "c"), ("letter", "c")}
    assert [(c.type, c.normalised) for c in candidates("б")] == [("letter", "b")]
    # Cyrillic "с" is either the 17th Russian list letter or a look-alike of Latin "c".
    assert {c.normalised for c in candidates("с") if c.type == "letter"} == {"c", "q"}
    assert roman_value("xiv") == 14
    assert roman_value("iiii") is None


def test_list_builder_ignores_layout() -> None:
    builder = ListBuilder(prefix="annex")
    builder.add("а", "first with a list:")
    builder.add("i", "one;")
    builder.add("ii", "two;")
    builder.add("б", "second:")
    builder.add("i", "one;")
    builder.add("v", "skipped numbering is tolerated;")
    builder.add("с", "third (Cyrillic look-alike)")
    builder.add("d", "fourth")
    codes = [root.code for root in builder.roots]
    assert codes == ["annex.a", "annex.b", "annex.c", "annex.d"]
    assert [child.code for child in builder.roots[1].children] == ["annex.b.i", "annex.b.v"]
    assert builder.warnings  # the gap is reported


@pytest.mark.parametrize(
    ("text", "language", "verbs", "actions"),
    [
        ("Also requests the Secretariat to report", "en", ["requests"], ["request"]),
        ("Strongly urges States to act", "en", ["strongly urges"], ["urge"]),
        ("также просит Секретариат представить доклад", "ru", ["просит"], ["request"]),
        ("Prie instamment les États de ratifier", "fr", ["prie instamment"], ["urge"]),
        ("Hace suyas las recomendaciones", "es", ["hace suyas"], ["endorse"]),
        ("Solicita a la Secretaría que informe", "es", ["solicita"], ["request"]),
        ("Notes the requests received and requests for aid", "en", ["notes"], ["note"]),
        ("The requests for assistance and invites States", "en", [], []),
    ],
)
def test_verbs(text: str, language: str, verbs: list[str], actions: list[str]) -> None:
    analysis = analyse(text, language)
    assert analysis.verbs == verbs
    assert analysis.actions == actions


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Solicita a la Secretaría que organice", "es", ["secretariat"]),
        ("Invita a los Estados y otros donantes a que aporten", "es", ["states", "donors"]),
        ("Requests the United Nations Office on Drugs and Crime to help", "en", ["unodc"]),
        ("Encourages civil society to take part", "en", ["civil_society"]),
        ("Invites the Working Group to consider", "en", ["working_group"]),
        ("Requests Interpol to cooperate", "en", ["other"]),
        ("Endorses the recommendations of States", "en", []),
        (
            "призывает международные и региональные организации оказывать помощь",
            "ru",
            ["international_organizations", "regional_organizations"],
        ),
    ],
)
def test_addressees(text: str, language: str, expected: list[str]) -> None:
    assert addressees(analyse(text, language)) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Конференция участников призывает государства", "ru"),
        ("The Conference of the Parties calls upon States to cooperate", "en"),
        ("La Conférence des Parties engage les États à coopérer", "fr"),
        ("La Conferencia de las Partes insta a los Estados a que cooperen", "es"),
        ("إن مؤتمر الأطراف يطلب من الأمانة", "ar"),
        ("缔约方会议请秘书处", "zh"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_theme_and_article_suggestions() -> None:
    assert suggest_articles("protection of witnesses and victims", "en") == [
        "untoc/art_24",
        "untoc/art_25",
    ]
    assert suggest_articles("протоколы о защите свидетелей", "ru") == ["untoc/art_24"]
    assert suggest_articles("la protection des témoins", "fr") == ["untoc/art_24"]
    assert suggest_articles("protección de testigos", "es") == ["untoc/art_24"]
    assert suggest_articles("техническая помощь", "ru") == ["untoc/art_29", "untoc/art_30"]
    assert suggest_articles("inter-agency task forces", "en") == ["untoc/art_27"]
    assert suggest_articles("criminal threat assessment", "en") == ["untoc/art_28"]
    assert suggest_articles("training of judges", "en") == ["untoc/art_29"]
    assert suggest_articles("harmonizing domestic legislation with the Convention", "en") == [
        "untoc/art_34"
    ]
    assert suggest_articles("nothing relevant", "en") == []
    assert suggest_themes("technical assistance for victims", "en") == [
        "technical_assistance",
        "protection_of_victims_and_witnesses",
    ]
    assert "prevention" in suggest_themes("повышение осведомленности населения", "ru")
    assert suggest_themes("victims", None) == ["protection_of_victims_and_witnesses"]
