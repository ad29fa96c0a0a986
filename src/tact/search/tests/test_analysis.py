"""Language-aware analysis: the comparison forms every ranking decision rests on."""

from __future__ import annotations

from tact.search.analysis import (
    analyse,
    canonical_language,
    normalise,
    stopwords,
    tokenise,
)


def test_canonical_language_codes() -> None:
    assert canonical_language("fra") == "fr"
    assert canonical_language("es-UY") == "es"
    assert canonical_language("English") == "en"
    assert canonical_language("ara") == "ar"
    assert canonical_language("xx") == "xx"


def test_english() -> None:
    # British and American spellings meet; 'proceedings' is kept apart from 'proceeds'.
    assert analyse("harbouring", "en") == analyse("harboring", "en")
    assert analyse("offence", "en") == analyse("offense", "en")
    assert analyse("proceedings", "en") != analyse("proceeds", "en")
    terms = analyse("The laundering of the proceeds of crime", "en")
    assert "the" not in terms and "of" not in terms
    assert terms == ["launder", "proceed", "crime"]


def test_french() -> None:
    assert normalise("Élément ÉTRANGER", "fr") == "element etranger"
    assert tokenise("l'association d'un malfaiteur", "fr") == ["association", "un", "malfaiteur"]
    assert analyse("L'association de malfaiteurs", "fr") == ["associ", "malfaiteur"]
    assert analyse("témoins", "fr") == analyse("témoin", "fr")
    assert "de" in stopwords("fr")


def test_spanish() -> None:
    assert analyse("ARTÍCULO", "es") == analyse("artículo", "es") == analyse("articulo", "es")
    assert analyse("víctimas", "es") == analyse("víctima", "es")
    assert analyse("el lavado de activos", "es") == ["lav", "activ"]


def test_russian() -> None:
    assert normalise("Ёлка", "ru") == "елка"
    assert analyse("свидетелей", "ru") == analyse("свидетеля", "ru")
    assert analyse("и в на", "ru") == []


def test_arabic() -> None:
    # Diacritics, tatweel and alef variants are normalised away.
    assert normalise("الْمَادَّة", "ar") == "المادة"
    assert normalise("إجرامية", "ar") == normalise("اجرامية", "ar")
    assert normalise("جـــريمة", "ar") == "جريمة"
    assert normalise("٢٤", "ar") == "24"
    # A conjunction glued to the article does not change the stem.
    assert analyse("والمساعدة", "ar") == analyse("المساعدة", "ar")
    assert analyse("في من على", "ar") == []


def test_chinese_characters_and_bigrams() -> None:
    tokens = tokenise("洗钱罪", "zh")
    assert tokens == ["洗", "钱", "罪", "洗钱", "钱罪"]
    assert "的" not in analyse("有组织的犯罪", "zh")


def test_numbers_and_single_letters_dropped() -> None:
    assert tokenise("article 34 a) 1°", "en") == ["article"]


def test_unknown_language_is_not_stemmed() -> None:
    assert analyse("Witwassen misdaad", "nl") == ["witwassen", "misdaad"]
