"""Thematic recommendation tables inside Word documents (issue 11 item 2).

Offices circulate thematic lists as .docx files whose recommendations sit in a real Word
table (number, recommendation, recommending State, position, themes). The tables here are
built with python-docx the way such a file is: a title paragraph, a short introduction,
then the table, with multi-paragraph cells and a layout table for the document header.
"""

from __future__ import annotations

import io

import docx
import pytest

from tact.resolutions.parsing import parse_resolution

_ROWS_ES = [
    ("N.º", "Recomendación", "Estado recomendante", "Posición", "Temas"),
    (
        "132.1",
        "Ratificar el Protocolo Facultativo de la Convención sobre los Derechos del Niño",
        "Uruguay",
        "Aceptada",
        "Instrumentos internacionales",
    ),
    (
        "132.2",
        "Intensificar los esfuerzos para combatir la trata de personas | y proteger a las víctimas",
        "Filipinas, Tailandia",
        "Aceptada",
        "Trata de personas; Mujeres",
    ),
    (
        "132.3",
        "Fortalecer la cooperación internacional en materia de extradición",
        "Colombia",
        "Aceptada parcialmente",
        "Delincuencia organizada",
    ),
    (
        "132.4",
        "Establecer un registro nacional de personas desaparecidas",
        "Francia",
        "Se toma nota",
        "Desapariciones forzadas; Protección de testigos",
    ),
]

_ROWS_EN = [
    ("No.", "Recommendation", "Recommending State", "Position", "Themes"),
    (
        "118.1",
        "Ratify the Protocol against the Smuggling of Migrants by Land, Sea and Air",
        "Ghana",
        "Supported",
        "International instruments",
    ),
    (
        "118.2",
        "Strengthen the identification of victims of trafficking\nand refer them to shelters",
        "Norway, Sweden",
        "Noted",
        "Trafficking in persons",
    ),
    (
        "118.3",
        "Train prosecutors and judges on the investigation of trafficking cases",
        "Bolivia (Plurinational State of)",
        "Partially supported",
        "Capacity building",
    ),
]


def _docx(title: str, intro: str, rows: list[tuple[str, ...]], *, layout_header: bool) -> bytes:
    document = docx.Document()
    if layout_header:
        # UN files put the symbol and date in a borderless two-column layout table.
        header = document.add_table(rows=1, cols=2)
        header.cell(0, 0).text = "A/HRC/99/9/Add.1"
        header.cell(0, 1).text = "Distr.: General"
    document.add_paragraph(title, style="Title")
    document.add_paragraph(intro)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            first, *more = text.split("\n")
            cell.text = first
            for extra in more:  # a cell with two paragraphs, as typed in Word
                cell.add_paragraph(extra)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_spanish_thematic_table_in_word_is_read_row_by_row() -> None:
    data = _docx(
        "Lista temática de recomendaciones — México",
        "Las recomendaciones del tercer ciclo, agrupadas por tema.",
        _ROWS_ES,
        layout_header=True,
    )
    report = parse_resolution(data, "tematica.docx")
    assert report.doc_type == "report"
    assert report.codes() == ["132.1", "132.2", "132.3", "132.4"]
    assert [n.position for n in report.walk()] == [
        "supported",
        "supported",
        "partially_supported",
        "noted",
    ]
    assert report.node("132.2").sources == ["Filipinas", "Tailandia"]
    # A pipe typed inside a cell does not split the row.
    assert report.node("132.2").text.startswith("Intensificar los esfuerzos")
    assert report.node("132.4").source_themes == [
        "Desapariciones forzadas",
        "Protección de testigos",
    ]
    assert report.addressee == "México"


def test_english_table_with_two_paragraph_cell() -> None:
    data = _docx(
        "Thematic list of recommendations — Ghana",
        "Recommendations of the third cycle by theme.",
        _ROWS_EN,
        layout_header=False,
    )
    report = parse_resolution(data, "thematic.docx")
    assert report.codes() == ["118.1", "118.2", "118.3"]
    assert report.node("118.2").text == (
        "Strengthen the identification of victims of trafficking and refer them to shelters"
    )
    assert report.node("118.2").sources == ["Norway", "Sweden"]
    assert report.node("118.3").sources == ["Bolivia (Plurinational State of)"]
    assert report.node("118.3").position == "partially_supported"


def test_layout_table_alone_still_reads_as_paragraphs() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "A/RES/99/1"
    table.cell(0, 1).text = "Distr.: General"
    document.add_paragraph("Strengthening cooperation against trafficking", style="Title")
    document.add_paragraph("The General Assembly,")
    document.add_paragraph("1. Urges States to ratify the Protocol;")
    document.add_paragraph("2. Requests the Secretary-General to report on the matter.")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_resolution(buffer.getvalue(), "res.docx")
    assert parsed.doc_type != "report"
    assert parsed.codes() == ["op.1", "op.2"]


@pytest.mark.parametrize("header", [("Recommendation", "Source"), ("التوصية", "الموقف")])
def test_header_roles_recognise_recommendation_tables(header: tuple[str, str]) -> None:
    from tact.resolutions.parsing.table_headers import is_recommendation_header

    assert is_recommendation_header(list(header))
    assert not is_recommendation_header(["A/HRC/99/9", "Distr.: General"])
