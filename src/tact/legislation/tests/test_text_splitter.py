"""Splitting national laws into provisions: real files, synthetic headings, DOCX and AKN.

The real-file tests guard the ids reviewers' mappings are stored against: if the splitter
stops finding 'art_450-1' or merges two articles, stored mappings would silently point to the
wrong text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tact.legislation.text.splitter import SplitProvision, read_docx_text, split_akn, split_law

DATA = Path("/work/shared/data/legislation")
FIXTURES = Path(__file__).parent / "fixtures"

# file -> (minimum number of provisions, ids that must be present)
REAL_FILES: dict[str, tuple[int, tuple[str, ...]]] = {
    "FRA-fr-code-penal-crim-org.txt": (
        60,
        ("art_225-4-1", "art_324-1", "art_432-11", "art_434-15", "art_450-1"),
    ),
    "FRA-fr-cpp-protection-temoins.txt": (8, ("art_706-57", "art_706-58", "art_706-63-1")),
    "FRA-fr-ceseda-aide-entree-sejour-irregulier.txt": (12, ("art_L316-1", "art_L622-1")),
    "FRA-fr-code-defense-armes-dispositions-penales.txt": (
        20,
        ("art_L2339-2", "art_L2339-4-1", "art_L2339-10"),
    ),
    "URY-es-ley-19643-trata-de-personas.txt": (45, ("art_4", "art_24", "art_50")),
    "URY-es-ley-19574-lavado-de-activos.txt": (75, ("art_30", "art_34", "art_52bis", "art_76")),
    "URY-es-ley-18250-migraciones.txt": (80, ("art_77", "art_81", "art_84")),
    "URY-es-ley-19247-armas-de-fuego.txt": (14, ("art_7", "art_8", "art_9")),
    "URY-es-ley-17060-ley-cristal-corrupcion.txt": (38, ("art_11bis", "art_29")),
    "USA-en-18usc-ch77-peonage-slavery-trafficking.txt": (
        18,
        ("sec_1581", "sec_1590", "sec_1591", "sec_1593A", "sec_1595"),
    ),
    "USA-en-18usc-firearms.txt": (8, ("sec_921", "sec_922", "sec_923", "sec_933")),
    "USA-en-18usc-organized-crime-laundering-bribery-obstruction.txt": (
        13,
        ("sec_201", "sec_371", "sec_1512", "sec_1956", "sec_1962"),
    ),
    "USA-en-18usc-witness-protection-extradition-mla.txt": (
        14,
        ("sec_3521", "sec_3184", "sec_3512"),
    ),
    "USA-en-8usc-1324-alien-smuggling.txt": (2, ("sec_1324", "sec_1327")),
}

needs_data = pytest.mark.skipif(not DATA.exists(), reason="shared legislation data not mounted")


def _split(name: str) -> list[SplitProvision]:
    language = name.split("-")[1]
    return split_law((DATA / name).read_text(encoding="utf-8"), language)


@needs_data
@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_file_provisions(name: str) -> None:
    floor, expected = REAL_FILES[name]
    provisions = _split(name)
    eids = [p.eid for p in provisions]
    assert len(provisions) >= floor
    assert len(set(eids)) == len(eids), "eIds must be unique within a document"
    for eid in expected:
        assert eid in eids
    assert [p.order for p in provisions] == list(range(len(provisions)))
    assert all(p.text for p in provisions if "(*)" not in p.text)


@needs_data
def test_real_file_subparagraphs_stay_inside_articles() -> None:
    penal = {p.eid: p for p in _split("FRA-fr-code-penal-crim-org.txt")}
    assert "1° Soit avec l'emploi de menace" in penal["art_225-4-1"].text
    assert "II. -" in penal["art_225-4-1"].text
    assert penal["art_225-4-1"].division.startswith("Section 1 bis")

    usc = {p.eid: p for p in _split("USA-en-8usc-1324-alien-smuggling.txt")}
    assert usc["sec_1324"].heading == "Bringing in and harboring certain aliens"
    assert "(iii) knowing or in reckless disregard" in usc["sec_1324"].text
    assert "Criminal penalties" in usc["sec_1324"].text

    ury = {p.eid: p for p in _split("URY-es-ley-18250-migraciones.txt")}
    assert "A) Cuando se hubiere puesto en peligro" in ury["art_81"].text
    lavado = {p.eid: p for p in _split("URY-es-ley-19574-lavado-de-activos.txt")}
    # A wrapped line starting 'Título IV del Código Penal' is not a division heading.
    assert "Se entiende por grupo delictivo organizado" in lavado["art_34"].text
    assert lavado["art_30"].heading == "Conversión y transferencia"


def test_french_headings() -> None:
    text = (
        "Chapitre Ier : Dispositions générales\n\n"
        "Article premier\nLe présent code s'applique.\n\n"
        "Art. L. 622-1 - Toute personne qui aura facilité l'entrée irrégulière.\n"
        "I. - Premier alinéa.\n"
        "1° Un point.\n\n"
        "Article 132-78 bis\nTexte.\n\n"
        "Article 450-1\nUne association de malfaiteurs.\n"
    )
    provisions = split_law(text, "fr")
    assert [p.eid for p in provisions] == ["art_1", "art_L622-1", "art_132-78bis", "art_450-1"]
    assert provisions[1].label == "Art. L. 622-1"
    assert "1° Un point." in provisions[1].text
    assert provisions[0].division == "Chapitre Ier : Dispositions générales"


def test_spanish_headings() -> None:
    text = (
        "CAPÍTULO I - DISPOSICIONES GENERALES\n\n"
        "Artículo 1º.- (Objeto).- Esta ley tiene por objeto.\n\n"
        "ARTICULO 5.- El que, de conformidad con lo dispuesto en el\n"
        "artículo 34, la pena será de dos años.\n\n"
        "Artículo 11-BIS\n(Cohecho).- Texto.\n\n"
        "Artículo único.- Derógase.\n"
    )
    provisions = split_law(text, "es")
    assert [p.eid for p in provisions] == ["art_1", "art_5", "art_11bis", "art_unico"]
    assert provisions[0].heading == "Objeto"
    assert "artículo 34, la pena" in provisions[1].text
    assert provisions[2].heading == "Cohecho"


def test_english_headings() -> None:
    text = (
        "PART I\n\nSection 1. Short title.\nThis Act may be cited as the Test Act.\n\n"
        "Sec. 2. Definitions.—In this Act the term 'alien' means.\n\n"
        "§ 1324. Bringing in and harboring certain aliens\n(a) Criminal penalties\n"
        "(1)(A) Any person who\n\n"
        "SECTION 3\nFinal provision.\n"
    )
    provisions = split_law(text, "en")
    assert [p.eid for p in provisions] == ["sec_1", "sec_2", "sec_1324", "sec_3"]
    assert provisions[0].heading == "Short title"
    assert provisions[1].heading == "Definitions"
    assert provisions[1].text.startswith("In this Act")
    assert provisions[2].heading == "Bringing in and harboring certain aliens"
    assert "(1)(A) Any person who" in provisions[2].text


def test_russian_headings() -> None:
    text = (
        "Глава 22. Преступления в сфере экономической деятельности\n"
        "Статья 174. Легализация (отмывание) денежных средств\n"
        "1. Совершение финансовых операций.\n"
        "2. То же деяние.\n"
        "Статья 174.1. Легализация денежных средств, приобретенных лицом\n"
        "Текст.\n"
    )
    provisions = split_law(text, "ru")
    assert [p.eid for p in provisions] == ["art_174", "art_174.1"]
    assert provisions[0].heading == "Легализация (отмывание) денежных средств"
    assert "2. То же деяние." in provisions[0].text
    assert provisions[0].division.startswith("Глава 22")


def test_arabic_headings() -> None:
    text = (
        "الفصل الأول\n"
        "المادة الأولى\nيقصد بالاتجار بالبشر.\n"
        "المادة 24\nيعاقب كل من.\n"
        "المادة (25): يعاقب بالسجن.\n"
        "المادة ٢٦ مكرر\nنص.\n"
    )
    provisions = split_law(text, "ar")
    assert [p.eid for p in provisions] == ["art_1", "art_24", "art_25", "art_26bis"]
    assert provisions[2].text == "يعاقب بالسجن."
    assert provisions[0].division == "الفصل الأول"


def test_chinese_headings() -> None:
    provisions = split_law("第一章 总则\n第一百九十一条　洗钱罪。\n第二十四条 犯罪中止。\n", "zh")
    assert [p.eid for p in provisions] == ["art_191", "art_24"]


def test_front_matter_and_preamble_are_not_provisions() -> None:
    text = '---\ntitle: "Ley"\n---\n# Ley Nº 1\n\nPreámbulo.\n\n##### Artículo 1\n\nTexto.\n'
    provisions = split_law(text, "es")
    assert [p.eid for p in provisions] == ["art_1"]
    assert provisions[0].text == "Texto."


def test_duplicate_numbers_get_unique_ids() -> None:
    text = "Artículo 1\nUno.\n\nArtículo 1\nQuoted amendment.\n"
    assert [p.eid for p in split_law(text, "es")] == ["art_1", "art_1_2"]


def test_read_docx_text_keeps_paragraphs_and_splits() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Loi relative à la lutte contre la criminalité organisée", level=1)
    document.add_paragraph("Article 1")
    document.add_paragraph("Le blanchiment est le fait de faciliter la justification mensongère.")
    document.add_paragraph("1° Premier cas ;")
    document.add_paragraph("Article 2")
    document.add_paragraph("La confiscation des biens est encourue.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Infraction"
    table.rows[0].cells[1].text = "Peine"
    buffer = io.BytesIO()
    document.save(buffer)

    text = read_docx_text(buffer.getvalue())
    assert "Article 1\n\nLe blanchiment" in text
    assert "Infraction\tPeine" in text
    provisions = split_law(text, "fr")
    assert [p.eid for p in provisions] == ["art_1", "art_2"]
    assert "1° Premier cas ;" in provisions[0].text
    assert "Infraction\tPeine" in provisions[1].text


def test_split_akn_fixture() -> None:
    metadata, provisions = split_akn((FIXTURES / "akn_act.xml").read_bytes())
    assert metadata["work_uri"] == "/akn/zz/act/2024/7"
    assert metadata["expression_uri"] == "/akn/zz/act/2024/7/eng@2024-05-01"
    assert metadata["country"] == "zz"
    assert metadata["date"] == "2024-03-01"
    assert metadata["language"] == "eng"
    assert metadata["title"] == "Organized Crime (Test) Act, 2024"
    assert metadata["number"] == "7"
    assert [p.eid for p in provisions] == ["sec_1", "sec_2", "sec_3", "sec_4"]
    first = provisions[0]
    assert first.label == "Section 1"
    assert first.heading == "Participation in an organized criminal group"
    assert "(2) Any person who agrees" in first.text
    assert "(a) for a financial or other material benefit" in first.text
    assert first.division == "Chapter 1 — Offences"
    assert provisions[3].heading == "Protection of witnesses"


def test_split_akn_rejects_non_akn_and_does_not_expand_entities(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        split_akn(b"<html><body/></html>")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "file://{secret}"><!ENTITY big "AAAA">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>
<section eId="sec_1"><num>1.</num><heading>H</heading><content><p>&leak;&big;</p></content>
</section></body></act></akomaNtoso>""".encode()
    _, provisions = split_akn(xml)
    assert [p.eid for p in provisions] == ["sec_1"]
    assert "TOP-SECRET" not in provisions[0].text
    assert "AAAA" not in provisions[0].text
