"""The importer rebuilds the same recommendation tree from every language and format.

The Russian seed is a real, messy document (mixed Cyrillic/Latin letters, bullets that
pretend c) and d) are sub-items, a page-footnote block inside item b)); the English and
French fixtures are faithful translations with the same mess, and the DOCX variants are
built from them at test time with Word-native formatting.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from tact.resolutions.parsing import (
    ERROR_CODES,
    ParsedResolution,
    ResolutionImportError,
    parse_markdown,
    parse_resolution,
)
from tact.resolutions.tests.docx_builder import markdown_to_docx

FIXTURES = Path(__file__).parent / "fixtures"

# code -> (kind, action, actions, addressees, footnotes); identical in every language.
EXPECTED_TREE: dict[str, tuple[str, str, list[str], list[str], list[str]]] = {
    "op.1": ("paragraph", "endorse", ["endorse"], [], []),
    "op.2": ("paragraph", "reaffirm", ["reaffirm"], [], []),
    "annex.a": ("item", "call_upon", ["call_upon"], ["states"], []),
    "annex.a.i": ("subitem", "", [], ["states"], []),
    "annex.a.ii": ("subitem", "", [], ["states"], []),
    "annex.a.iii": ("subitem", "", [], ["states"], []),
    "annex.b": ("item", "request", ["request"], ["secretariat"], []),
    "annex.b.i": ("subitem", "", [], ["secretariat"], []),
    "annex.b.ii": ("subitem", "", [], ["secretariat"], []),
    "annex.b.iii": ("subitem", "", [], ["secretariat"], []),
    "annex.b.iv": ("subitem", "", [], ["secretariat"], []),
    "annex.b.v": ("subitem", "", [], ["secretariat"], ["2"]),
    "annex.c": ("item", "invite", ["invite"], ["states", "donors"], []),
    "annex.c.i": ("subitem", "", [], ["states", "donors"], []),
    "annex.c.ii": ("subitem", "", [], ["states", "donors"], []),
    "annex.d": (
        "item",
        "invite",
        ["invite", "call_upon"],
        ["states", "international_organizations"],
        [],
    ),
}

EXPECTED_CHILDREN: dict[str, list[str]] = {
    "op.1": [],
    "op.2": [],
    "annex.a": ["annex.a.i", "annex.a.ii", "annex.a.iii"],
    "annex.b": ["annex.b.i", "annex.b.ii", "annex.b.iii", "annex.b.iv", "annex.b.v"],
    "annex.c": ["annex.c.i", "annex.c.ii"],
    "annex.d": [],
}

LANGUAGES = ("ru", "en", "fr")


def fixture_bytes(language: str) -> bytes:
    """Raw bytes of a Markdown fixture."""
    return (FIXTURES / f"seed_{language}.md").read_bytes()


def assert_same_tree(resolution: ParsedResolution) -> None:
    """Codes, nesting, actions, addressees and footnote attachment match the seed."""
    assert resolution.codes() == list(EXPECTED_TREE)
    assert [node.code for node in resolution.operative] == ["op.1", "op.2"]
    assert resolution.annex is not None
    assert [node.code for node in resolution.annex.items] == [
        "annex.a",
        "annex.b",
        "annex.c",
        "annex.d",
    ]
    for node in resolution.walk():
        kind, action, actions, addressees, footnotes = EXPECTED_TREE[node.code]
        assert (node.kind, node.action, node.actions, node.addressees, node.footnotes) == (
            kind,
            action,
            actions,
            addressees,
            footnotes,
        ), node.code
        if node.code in EXPECTED_CHILDREN:
            assert [child.code for child in node.children] == EXPECTED_CHILDREN[node.code]
    assert len(resolution.preamble) == 2
    assert resolution.preamble[0].footnotes == ["1"]
    assert resolution.preamble[1].footnotes == []
    assert [p.action for p in resolution.preamble] == ["note", "note"]
    assert set(resolution.footnotes) == {"1", "2"}
    assert resolution.footnotes["2"] == "Ibid."
    assert resolution.warnings == []


# --------------------------------------------------------------------------------------
# The Russian seed, asserted exactly
# --------------------------------------------------------------------------------------
def test_seed_ru_exact_tree() -> None:
    resolution = parse_resolution(fixture_bytes("ru"), "seed_ru.md")

    assert resolution.language == "ru"
    assert resolution.symbol == ""
    assert resolution.doc_type == "resolution"
    assert resolution.title == (
        "Осуществление положений Конвенции Организации Объединенных Наций против "
        "транснациональной организованной преступности, касающихся технической помощи"
    )
    assert resolution.body == (
        "Конференция участников Конвенции Организации Объединенных Наций против "
        "транснациональной организованной преступности"
    )
    assert_same_tree(resolution)

    op1, op2 = resolution.operative
    assert (op1.label, op1.verb, op1.action) == ("1", "одобряет", "endorse")
    assert (op2.label, op2.verb, op2.action) == ("2", "подтверждает", "reaffirm")
    assert op1.text.startswith("одобряет рекомендации, принятые Рабочей группой")

    verbs = {node.code: (node.verb, node.verbs) for node in resolution.walk()}
    assert verbs["annex.a"] == ("призывает", ["призывает"])
    assert verbs["annex.b"] == ("просит", ["просит"])
    assert verbs["annex.c"] == ("предлагает", ["предлагает"])
    assert verbs["annex.d"] == ("предлагает", ["предлагает", "призывает"])
    assert verbs["annex.b.iv"] == ("", [])

    # Cyrillic "а)"/"б)" become Latin codes but keep what was printed.
    a, b, c, d = resolution.annex.items if resolution.annex else []
    assert [item.source_label for item in (a, b, c, d)] == ["а", "б", "c", "d"]
    assert [item.label for item in (a, b, c, d)] == ["a", "b", "c", "d"]

    first, second = resolution.preamble
    assert first.text.startswith("отмечая, что техническая помощь")
    assert first.text.endswith("протоколов к ней,")
    assert first.verb == "отмечая"
    assert first.footnote_offsets == {"1": len(first.text) - 1}
    assert second.text.startswith("с удовлетворением отмечая деятельность")
    assert second.verb == "с удовлетворением отмечая"

    assert resolution.footnotes["1"].startswith("United Nations, Treaty Series, vols. 2225,")
    assert resolution.footnotes["1"] == (
        "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574."
    )
    b_v = resolution.node("annex.b.v")
    assert b_v.text.endswith("протоколов к ней;")

    annex = resolution.annex
    assert annex is not None
    assert annex.heading == "Приложение"
    assert annex.title.startswith("Рекомендации, принятые Рабочей группой")
    assert annex.chapeau == "Рабочая группа правительственных экспертов по технической помощи:"


def test_seed_ru_suggestions() -> None:
    resolution = parse_resolution(fixture_bytes("ru"), "seed_ru.md")
    assert "untoc/art_27" in resolution.node("annex.b.i").articles
    assert {"untoc/art_24", "untoc/art_25"} <= set(resolution.node("annex.b.ii").articles)
    assert "untoc/art_29" in resolution.node("annex.b.iii").articles
    assert "untoc/art_28" in resolution.node("annex.b.iv").articles
    assert "untoc/art_34" in resolution.node("annex.b.v").articles
    assert "protection_of_victims_and_witnesses" in resolution.node("annex.b.ii").themes
    assert "technical_assistance" in resolution.node("annex.d").themes


def test_to_dict_is_json_ready() -> None:
    resolution = parse_resolution(fixture_bytes("ru"), "seed_ru.md")
    data = json.loads(json.dumps(resolution.to_dict(), ensure_ascii=False))
    assert data["annex"]["items"][1]["children"][4]["code"] == "annex.b.v"
    assert data["operative"][0]["action"] == "endorse"
    assert data["footnotes"]["2"] == "Ibid."


# --------------------------------------------------------------------------------------
# Translations and Word versions give the same tree
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_markdown_fixtures_same_tree(language: str) -> None:
    resolution = parse_resolution(fixture_bytes(language), f"seed_{language}.md")
    assert resolution.language == language
    assert_same_tree(resolution)


@pytest.mark.parametrize("language", LANGUAGES)
def test_docx_same_tree(language: str) -> None:
    markdown = fixture_bytes(language).decode("utf-8")
    resolution = parse_resolution(markdown_to_docx(markdown), f"seed_{language}.docx")
    assert resolution.language == language
    assert_same_tree(resolution)
    from_markdown = parse_resolution(fixture_bytes(language), f"seed_{language}.md")
    assert resolution.title == from_markdown.title
    assert resolution.body == from_markdown.body
    assert resolution.footnotes == from_markdown.footnotes
    assert [n.text for n in resolution.walk()] == [n.text for n in from_markdown.walk()]
    assert [p.verb for p in resolution.preamble] == [p.verb for p in from_markdown.preamble]


def test_english_verbs_and_texts() -> None:
    resolution = parse_resolution(fixture_bytes("en"), "seed_en.md")
    assert resolution.title.startswith("Implementation of the provisions on technical")
    assert resolution.body.startswith("The Conference of the Parties")
    assert resolution.node("annex.d").verbs == ["invites", "calls upon"]
    assert [p.verb for p in resolution.preamble] == ["noting", "noting with satisfaction"]
    assert resolution.annex is not None
    assert resolution.annex.heading == "Annex"


def test_french_verbs() -> None:
    resolution = parse_resolution(fixture_bytes("fr"), "seed_fr.md")
    assert resolution.node("op.1").verb == "approuve"
    assert resolution.node("annex.b").verb == "prie"
    assert resolution.node("annex.d").verbs == ["invite", "engage"]
    assert resolution.footnotes["1"].startswith("Nations Unies, Recueil des Traités")


def test_language_override() -> None:
    resolution = parse_resolution(fixture_bytes("en"), "seed_en.md", language="en-GB")
    assert resolution.language == "en"
    forced = parse_resolution(fixture_bytes("ru"), "seed_ru.md", language="RU")
    assert forced.language == "ru"


def test_walk_is_document_order() -> None:
    resolution = parse_resolution(fixture_bytes("ru"), "seed_ru.md")
    assert [node.code for node in resolution.walk()] == list(EXPECTED_TREE)
    with pytest.raises(KeyError):
        resolution.node("annex.z")


# --------------------------------------------------------------------------------------
# Other layouts: symbols, decisions, footnote styles, sub-items of operative paragraphs
# --------------------------------------------------------------------------------------
def test_symbol_decision_and_markdown_footnotes() -> None:
    text = (
        "Decision 4/3. Establishment of a working group\n\n"
        "The Conference of the Parties to the Convention,\n\n"
        "Recalling its resolution 2/6[^1],\n\n"
        "1. Decides to establish a working group;\n\n"
        "2. Requests the Secretariat to assist the working group:\n\n"
        "(a) To prepare documents;\n\n"
        "(b) To report to the Conference.\n\n"
        "[^1]: See CTOC/COP/2005/8, chap. I.\n"
    )
    resolution = parse_resolution(text.encode(), "decision.txt")
    assert resolution.doc_type == "decision"
    assert resolution.symbol == "Decision 4/3"
    assert resolution.title == "Establishment of a working group"
    assert resolution.preamble[0].verb == "recalling"
    assert resolution.preamble[0].footnotes == ["1"]
    assert resolution.footnotes == {"1": "See CTOC/COP/2005/8, chap. I."}
    assert resolution.codes() == ["op.1", "op.2", "op.2.a", "op.2.b"]
    assert resolution.node("op.2.a").kind == "item"
    assert resolution.node("op.2.a").addressees == ["secretariat"]
    assert resolution.node("op.1").addressees == []


def test_un_symbol_and_trailing_digit_footnotes() -> None:
    text = (
        "CTOC/COP/2012/15\n\n"
        "**Strengthening international cooperation**\n\n"
        "The Conference of the Parties,\n\n"
        "Recalling article 32 of the Convention1,\n\n"
        "1. Urges States parties to cooperate;\n\n"
        "2. Encourages States to share information.\n\n"
        "---\n\n"
        "1 General Assembly resolution 55/25, annex I.\n"
    )
    resolution = parse_markdown(text)
    assert resolution.symbol == "CTOC/COP/2012/15"
    assert resolution.title == "Strengthening international cooperation"
    assert resolution.preamble[0].footnotes == ["1"]
    assert resolution.preamble[0].text == "Recalling article 32 of the Convention,"
    assert resolution.footnotes["1"] == "General Assembly resolution 55/25, annex I."
    assert resolution.node("op.1").action == "urge"
    assert resolution.node("op.1").addressees == ["states"]
    assert resolution.node("op.2").action == "encourage"


def test_page_break_continuation_and_roman_after_colon() -> None:
    text = (
        "The Conference of the Parties,\n\n"
        "1. Requests the Secretariat to continue\n\n"
        "---\n\n"
        "<sup>1</sup> A note.\n\n"
        "its work on:\n\n"
        "h) item h;\n\n"
        "i) item i, a letter after h;\n\n"
        "j) item j with a list:\n\n"
        "i) first roman;\n\n"
        "ii) second roman;\n\n"
        "k) back to letters.\n"
    )
    resolution = parse_markdown(text, language="en")
    assert resolution.codes() == [
        "op.1",
        "op.1.h",
        "op.1.i",
        "op.1.j",
        "op.1.j.i",
        "op.1.j.ii",
        "op.1.k",
    ]
    assert resolution.node("op.1").text == "Requests the Secretariat to continue its work on:"
    assert resolution.node("op.1.j.i").kind == "subitem"


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------
def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "empty.txt", "empty"),
        (b"  \n\t\n ", "blank.md", "empty"),
        (bytes(range(256)) * 8, "garbage.txt", "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image.md", "binary"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "renamed.docx", "not_docx"),
        (_zip({"hello.txt": b"hello"}), "archive.docx", "not_docx"),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"not xml"}),
            "broken.docx",
            "not_docx",
        ),
        (b"plain words that are not a document", "notes.docx", "not_docx"),
        (
            b"The Conference,\n\nNoting things,\n\nDecides to act.\n",
            "flat.txt",
            "no_operative_paragraphs",
        ),
        (b"%PDF-1.4 whatever", "resolution.pdf", "unsupported_type"),
        (b"Some text", "resolution.doc", "unsupported_type"),
    ],
)
def test_bad_input_rejected(data: bytes, filename: str, code: str) -> None:
    with pytest.raises(ResolutionImportError) as caught:
        parse_resolution(data, filename)
    assert caught.value.code == code
    assert caught.value.code in ERROR_CODES
    assert caught.value.message  # a sentence a person can read
    assert str(caught.value) == caught.value.message


def test_too_large() -> None:
    with pytest.raises(ResolutionImportError) as caught:
        parse_resolution(fixture_bytes("ru"), "seed_ru.md", max_size=1024)
    assert caught.value.code == "too_large"
    assert "limit" in caught.value.message


def test_docx_too_large_with_small_limit() -> None:
    data = markdown_to_docx(fixture_bytes("en").decode("utf-8"))
    with pytest.raises(ResolutionImportError) as caught:
        parse_resolution(data, "seed.docx", max_size=len(data) - 1)
    assert caught.value.code == "too_large"


def test_unsupported_language() -> None:
    with pytest.raises(ResolutionImportError) as caught:
        parse_resolution(fixture_bytes("en"), "seed_en.md", language="de")
    assert caught.value.code == "unsupported_language"


def test_legacy_cp1251_text_is_decoded() -> None:
    text = fixture_bytes("ru").decode("utf-8").replace("–", "-")
    resolution = parse_resolution(text.encode("cp1251"), "seed_ru.txt")
    assert resolution.language == "ru"
    assert resolution.codes() == list(EXPECTED_TREE)


def test_error_codes_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown import error code"):
        ResolutionImportError("message", code="no_such_code")


def test_docx_paragraphs_inside_tables_are_read() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Technical assistance", style="Title")
    document.add_paragraph("The Conference of the Parties,")
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "1. Requests the Secretariat to act;"
    table.cell(1, 0).text = "2. Invites States to contribute."
    buffer = io.BytesIO()
    document.save(buffer)
    resolution = parse_resolution(buffer.getvalue(), "layout.docx")
    assert resolution.title == "Technical assistance"
    assert [(n.code, n.addressees) for n in resolution.walk()] == [
        ("op.1", ["secretariat"]),
        ("op.2", ["states"]),
    ]


@pytest.mark.parametrize(
    ("text", "language", "body"),
    [
        (
            "关于技术援助的决议\n\n缔约方会议，\n\n注意到技术援助的重要性，\n\n"
            "1. 核可工作组的建议；\n\n2. 请秘书处继续提供技术援助；\n",
            "zh",
            "缔约方会议",
        ),
        (
            "تنفيذ أحكام الاتفاقية المتعلقة بالمساعدة التقنية\n\n"
            "إن مؤتمر الأطراف في الاتفاقية،\n\nإذ تلاحظ أهمية المساعدة التقنية،\n\n"
            "1. تؤيد توصيات الفريق العامل؛\n\n2. تطلب إلى الأمانة أن تواصل تقديم المساعدة؛\n",
            "ar",
            "إن مؤتمر الأطراف في الاتفاقية",
        ),
    ],
)
def test_arabic_and_chinese_best_effort(text: str, language: str, body: str) -> None:
    resolution = parse_markdown(text)
    assert resolution.language == language
    assert resolution.body == body
    assert [p.action for p in resolution.preamble] == ["note"]
    assert [(n.action, n.addressees) for n in resolution.walk()] == [
        ("endorse", []),
        ("request", ["secretariat"]),
    ]


def test_spanish_document() -> None:
    text = (
        "# Aplicación de las disposiciones relativas a la asistencia técnica\n\n"
        "*La Conferencia de las Partes en la Convención,*\n\n"
        "*Tomando nota con satisfacción* de la labor del Grupo de Trabajo,\n\n"
        "1. *Hace suyas* las recomendaciones del Grupo de Trabajo;\n\n"
        "## Anexo\n\nEl Grupo de Trabajo:\n\n"
        "a) Exhorta a los Estados a que elaboren estrategias:\n\n"
        "i) para proteger a los testigos;\n\n"
        "b) Invita a los Estados y otros donantes a que aporten recursos, "
        "e insta a las organizaciones internacionales a que cooperen.\n"
    )
    resolution = parse_markdown(text)
    assert resolution.language == "es"
    assert resolution.preamble[0].verb == "tomando nota con satisfacción"
    assert resolution.codes() == ["op.1", "annex.a", "annex.a.i", "annex.b"]
    assert resolution.node("op.1").action == "endorse"
    assert resolution.node("annex.a").addressees == ["states"]
    assert resolution.node("annex.a.i").articles == ["untoc/art_24"]
    b = resolution.node("annex.b")
    assert b.actions == ["invite", "urge"]
    assert b.addressees == ["states", "donors", "international_organizations"]
