"""Recommendation reports: UPR working-group reports, thematic tables, concluding observations.

Fixtures are written in the shape of real UN documents (A/HRC/27/7-style PDF text with
page furniture in English, a French UPR report, a Spanish thematic table, CEDAW and CRC
concluding observations); a 250-recommendation report checks the scale of real reviews.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tact.core.access import SYSTEM
from tact.resolutions import services
from tact.resolutions.models import Recommendation
from tact.resolutions.parsing import parse_markdown, parse_resolution
from tact.resolutions.parsing.reports import split_sources

REPORTS = Path(__file__).parent / "fixtures" / "reports"


def _parse(name: str):  # type: ignore[no-untyped-def]
    return parse_resolution((REPORTS / name).read_bytes(), name)


def test_upr_report_english() -> None:
    report = _parse("upr_en.txt")
    assert report.doc_type == "report"
    assert report.addressee == "Portugal"
    later = ["126.1", "126.2", "127.1", "127.2"]
    assert report.codes() == [f"125.{n}" for n in range(1, 8)] + later
    positions = {node.code: node.position for node in report.walk()}
    assert {positions[f"125.{n}"] for n in range(1, 8)} == {"supported"}
    assert positions["126.1"] == positions["126.2"] == "pending"
    assert positions["127.1"] == positions["127.2"] == "noted"
    sources = {node.code: node.sources for node in report.walk()}
    assert sources["125.2"] == ["Montenegro", "Slovakia"]
    assert sources["125.3"] == ["Bolivia (Plurinational State of)"]
    assert sources["125.4"] == ["Chile", "Costa Rica", "Peru"]
    assert sources["125.6"] == ["Iran (Islamic Republic of)", "Italy"]
    assert sources["126.1"] == ["Algeria", "Indonesia", "Philippines"]
    # The page break inside 125.5/125.6 and the closing paragraph stay out of the items.
    texts = {node.code: node.text for node in report.walk()}
    assert "GE.14" not in texts["125.5"] and "A/HRC/27/7" not in texts["125.6"]
    assert texts["127.2"].endswith("(Holy See, Sierra Leone).")
    assert report.node("125.5").footnotes == ["1"]
    assert report.footnotes["1"].startswith("See A/HRC/WG.6/19/PRT/1")


def test_upr_report_french_pending() -> None:
    report = _parse("upr_fr.txt")
    assert report.language == "fr"
    assert report.addressee == "Maroc"
    assert len(report.codes()) == 6
    assert {node.position for node in report.walk()} == {"pending"}
    assert report.node("144.2").sources == ["Bahreïn", "Égypte", "Tunisie"]
    assert report.node("144.1").sources == ["Burkina Faso", "Côte d’Ivoire"]
    assert "GE.19" not in report.node("144.3").text


def test_thematic_table_spanish() -> None:
    report = _parse("thematic_es.md")
    assert report.codes() == ["132.1", "132.2", "132.3", "132.4", "132.5"]
    assert [n.position for n in report.walk()] == [
        "supported",
        "supported",
        "partially_supported",
        "noted",
        "noted",
    ]
    assert report.node("132.2").sources == ["Filipinas", "Tailandia"]
    themes = ["Desapariciones forzadas", "Protección de testigos"]
    assert report.node("132.4").source_themes == themes
    assert report.addressee == "México"


@pytest.mark.parametrize(
    ("name", "body", "state", "codes"),
    [
        (
            "co_en.txt",
            "Committee on the Elimination of Discrimination against Women",
            "United Kingdom of Great Britain and Northern Ireland",
            ["34", "34.a", "34.b", "34.c", "35"],
        ),
        ("co_fr.txt", "Comité des droits de l’enfant", "Maroc", ["63", "63.a", "63.b", "63.c"]),
    ],
)
def test_concluding_observations(name: str, body: str, state: str, codes: list[str]) -> None:
    report = _parse(name)
    assert report.body == body
    assert report.addressee == state
    assert report.codes() == codes
    assert all(node.sources == [body] for node in report.walk())
    # Observations that only note a concern are not recommendations.
    assert "33" not in report.codes()
    assert "Dissemination" not in report.node(codes[-1]).text


def test_two_hundred_and_fifty_recommendations_each_their_own_record() -> None:
    states = ["Kenya", "Mexico", "Norway", "Brazil", "Viet Nam"]
    lines = [
        "Report of the Working Group on the Universal Periodic Review",
        "",
        "Nigeria",
        "",
        "161. The following recommendations will be examined by Nigeria:",
        "",
    ]
    for n in range(1, 251):
        lines.append(
            f"161.{n} Strengthen measures to prevent trafficking in persons and protect "
            f"victims and witnesses, programme {n} ({states[n % 5]});"
        )
    report = parse_markdown("\n".join(lines))
    assert len(report.codes()) == 250
    assert report.codes()[-1] == "161.250"
    assert all(len(node.text) < 200 for node in report.walk())
    assert report.node("161.9").sources == ["Viet Nam"]


def test_split_sources_leaves_ordinary_parentheses() -> None:
    assert split_sources("Ratify the Convention (ICPPED) and report (Chile);") == (
        "Ratify the Convention (ICPPED) and report",
        ["Chile"],
    )
    assert split_sources("Ratify it (see para. 5)")[1] == []


@pytest.mark.django_db
def test_import_links_sources_and_addressee_to_directory_states() -> None:
    parsed = services.resolution_parse((REPORTS / "upr_en.txt").read_bytes(), "upr_en.txt")
    resolution, created = services.resolution_import(
        actor=SYSTEM, parsed=parsed, filename="upr_en.txt"
    )
    assert created
    assert resolution.doc_type == "report"
    assert resolution.addressee == "Portugal"
    assert resolution.addressee_state is not None and resolution.addressee_state.iso3 == "PRT"
    rec = Recommendation.objects.get(resolution=resolution, code="125.2")
    assert rec.position == "supported"
    assert rec.source == "Montenegro; Slovakia"
    assert sorted(rec.source_states.values_list("iso3", flat=True)) == ["MNE", "SVK"]
    noted = Recommendation.objects.get(resolution=resolution, code="127.2")
    assert noted.position == "noted"
    assert Recommendation.objects.filter(resolution=resolution).count() == 11


def test_pdf_addendum_without_blank_lines_and_labels_on_their_own_line() -> None:
    # The shape of an Add.1 copied from a PDF: no blank lines, the symbol repeated as a
    # running header, each label alone on its line, the position in a wrapped heading.
    text = "\n".join(
        [
            "A/HRC/99/9/Add.1",
            "Human Rights Council",
            "Report of the Working Group on the Universal Periodic",
            "Review*",
            "Ruritania",
            "Addendum",
            "GE.31-00001 (E)",
            "A/HRC/99/9/Add.1",
            "1.",
            "Ruritania welcomes the recommendations and took note of five of them.",
            "I. The recommendations formulated during the interactive",
            "dialogue listed below enjoy the support of Ruritania",
            "98.1.",
            "Strengthen the witness protection programme and extend it to victims",
            "of trafficking (Norway).",
            "98.2.",
            "Establish a national rapporteur on trafficking in persons (Chile, Peru).",
            "98.3. Adopt a law on the smuggling of migrants in line with the",
            "Protocol (Viet Nam).",
        ]
    )
    report = parse_markdown(text)
    assert report.codes() == ["98.1", "98.2", "98.3"]
    assert report.addressee == "Ruritania"
    assert report.title.startswith("Report of the Working Group on the Universal Periodic")
    assert {node.position for node in report.walk()} == {"supported"}
    first = report.node("98.1")
    assert first.text.startswith("Strengthen the witness protection programme")
    assert first.sources == ["Norway"]
    assert report.node("98.2").sources == ["Chile", "Peru"]


def test_upr_report_arabic_chinese_russian() -> None:
    arabic = "\n".join(
        [
            "تقرير الفريق العامل المعني بالاستعراض الدوري الشامل",
            "",
            "الأردن",
            "",
            "120- التوصيات التالية تحظى بتأييد الأردن:",
            "",
            "120.1 تعزيز الجهود الرامية إلى مكافحة الاتجار بالأشخاص وحماية الضحايا (مصر)؛",
            "120.2 مواصلة تدريب القضاة وأفراد الشرطة على التحقيق في جرائم الاتجار (تونس، المغرب)؛",
            "120.3 اعتماد قانون لحماية الشهود والمبلغين (فرنسا).",
        ]
    )
    report = parse_markdown(arabic)
    assert report.language == "ar"
    assert report.codes() == ["120.1", "120.2", "120.3"]
    assert report.node("120.2").sources == ["تونس", "المغرب"]
    assert {node.position for node in report.walk()} == {"supported"}
    assert report.addressee == "الأردن"

    chinese = "\n".join(
        [
            "普遍定期审议工作组的报告",
            "",
            "越南",
            "",
            "38. 以下建议得到越南的支持：",
            "",
            "38.1 加强打击贩运人口的国际合作（老挝、柬埔寨）；",
            "38.2 为人口贩运受害者提供法律援助和庇护（泰国）；",
            "38.3 加强对执法人员的培训，以查明贩运受害者（菲律宾）。",
        ]
    )
    report = parse_markdown(chinese)
    assert report.language == "zh"
    assert report.codes() == ["38.1", "38.2", "38.3"]
    assert report.node("38.1").sources == ["老挝", "柬埔寨"]
    assert report.node("38.3").sources == ["菲律宾"]
    assert {node.position for node in report.walk()} == {"supported"}

    russian = "\n".join(
        [
            "Доклад Рабочей группы по универсальному периодическому обзору",
            "",
            "Казахстан",
            "",
            "139. Следующие рекомендации будут рассмотрены Казахстаном:",
            "",
            "139.1 Ратифицировать Факультативный протокол к Конвенции против пыток (Дания);",
            "139.2 Усилить меры по защите жертв торговли людьми (Беларусь, Куба);",
            "139.3 Укрепить международное сотрудничество в борьбе с организованной "
            "преступностью (Египет).",
        ]
    )
    report = parse_markdown(russian)
    assert report.language == "ru"
    assert report.codes() == ["139.1", "139.2", "139.3"]
    assert report.node("139.2").sources == ["Беларусь", "Куба"]
    assert {node.position for node in report.walk()} == {"pending"}
    assert report.addressee == "Казахстан"


# --- Concluding observations in the six languages (issue 11 item 2) --------------------------

_CO_EXPECTED = [
    # (fixture, language, committee, State as the title spells it, ISO3, codes)
    (
        "co_en.txt",
        "en",
        "Committee on the Elimination of Discrimination against Women",
        "United Kingdom of Great Britain and Northern Ireland",
        "GBR",
        ["34", "34.a", "34.b", "34.c", "35"],
    ),
    (
        "co_fr.txt",
        "fr",
        "Comité des droits de l’enfant",
        "Maroc",
        "MAR",
        ["63", "63.a", "63.b", "63.c"],
    ),
    (
        "co_es.txt",
        "es",
        "Comité de los Derechos del Niño",
        "México",
        "MEX",
        ["41", "41.a", "41.b", "41.c", "42", "60"],
    ),
    (
        "co_ru.txt",
        "ru",
        "Комитет по ликвидации дискриминации в отношении женщин",
        "Казахстана",  # genitive, as in "докладу Казахстана"
        "KAZ",
        ["28", "28.a", "28.b", "28.c", "29"],
    ),
    (
        "co_ar.txt",
        "ar",
        "اللجنة المعنية بحقوق الإنسان",
        "لبنان",  # "للبنان": the preposition before a name that itself starts with lam
        "LBN",
        ["34", "34.a", "34.b", "34.c", "35"],
    ),
    ("co_zh.txt", "zh", "消除种族歧视委员会", "泰国", "THA", ["31", "31.a", "31.b", "31.c", "32"]),
]


@pytest.mark.parametrize(("name", "language", "body", "state", "iso3", "codes"), _CO_EXPECTED)
def test_concluding_observations_six_languages(
    name: str, language: str, body: str, state: str, iso3: str, codes: list[str]
) -> None:
    report = _parse(name)
    assert report.language == language
    assert report.body == body
    assert report.addressee == state
    assert report.codes() == codes
    assert all(node.sources == [body] for node in report.walk())
    # Sub-items keep their own text; the chapeau is not glued to them.
    assert report.node(codes[1]).text and report.node(codes[1]).text != report.node(codes[0]).text


def test_concluding_observations_arabic_state_with_article() -> None:
    from tact.resolutions.parsing.concluding import state_under_review

    lines = [
        "اللجنة المعنية بحقوق الإنسان",
        "الملاحظات الختامية بشأن التقرير الدوري الثالث للبوسنة والهرسك*",
    ]
    assert state_under_review(lines) == "البوسنة والهرسك"
    report = [
        "الملاحظات الختامية بشأن التقرير الجامع للتقريرين الدوريين الثامن عشر والتاسع عشر لتوغو"
    ]
    assert state_under_review(report) == "توغو"
    older = ["الملاحظات الختامية للجنة المعنية بحقوق الإنسان", "السويد", "1- نظرت اللجنة"]
    assert state_under_review(older) == "السويد"


def test_concluding_observations_russian_and_chinese_variants() -> None:
    from tact.resolutions.parsing.concluding import inflection_key, state_under_review

    ru = [
        "Заключительные замечания по сведенным воедино одиннадцатому и двенадцатому "
        "периодическим докладам Объединенных Арабских Эмиратов*"
    ]
    assert state_under_review(ru) == "Объединенных Арабских Эмиратов"
    assert inflection_key("Объединенных Арабских Эмиратов") == inflection_key(
        "Объединенные Арабские Эмираты"
    )
    assert inflection_key("Беларуси") == inflection_key("Беларусь")
    assert inflection_key("Казахстана") != inflection_key("Казахстан Республика")
    assert state_under_review(["关于圭亚那初次报告的结论性意见*"]) == "圭亚那"
    assert state_under_review(["关于美利坚合众国第四次定期报告的结论性意见"]) == "美利坚合众国"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "language", "body", "state", "iso3", "codes"), _CO_EXPECTED)
def test_concluding_observations_link_committee_and_state_to_directory(
    name: str, language: str, body: str, state: str, iso3: str, codes: list[str]
) -> None:
    from tact.directory.models import Organisation

    # given: the English observations of the same committee were imported before
    parsed = services.resolution_parse((REPORTS / name).read_bytes(), name)
    # when
    resolution, _ = services.resolution_import(actor=SYSTEM, parsed=parsed, filename=name)
    # then: the committee is one directory organisation, the State the directory State
    assert resolution.addressee_state is not None and resolution.addressee_state.iso3 == iso3
    rec = Recommendation.objects.get(resolution=resolution, code=codes[1])
    orgs = list(rec.source_organisations.all())
    assert len(orgs) == 1 and orgs[0].kind == Organisation.Kind.UN_ENTITY
    assert rec.source == body


@pytest.mark.django_db
def test_same_committee_in_two_languages_is_one_organisation() -> None:
    from tact.directory.models import Organisation

    for name in ("co_en.txt", "co_ru.txt"):  # both CEDAW
        parsed = services.resolution_parse((REPORTS / name).read_bytes(), name)
        services.resolution_import(actor=SYSTEM, parsed=parsed, filename=name)
    cedaw = Organisation.objects.get(acronym="CEDAW")
    assert cedaw.name == "Committee on the Elimination of Discrimination against Women"
    assert cedaw.recommendations_made.count() == 10  # 5 recommendations in each rendering
    assert Organisation.objects.filter(kind=Organisation.Kind.UN_ENTITY).count() == 1


@pytest.mark.django_db
def test_recommendation_page_links_the_committee(client: Any) -> None:
    parsed = services.resolution_parse((REPORTS / "co_zh.txt").read_bytes(), "co_zh.txt")
    resolution, _ = services.resolution_import(actor=SYSTEM, parsed=parsed, filename="co_zh.txt")
    rec = Recommendation.objects.get(resolution=resolution, code="31.a")
    body = client.get(rec.get_absolute_url()).content.decode()
    org = rec.source_organisations.get()
    assert f'href="{org.get_absolute_url()}" data-source="organisation"' in body
    assert org.acronym == "CERD"


@pytest.mark.django_db
def test_existing_directory_organisation_is_reused_not_duplicated() -> None:
    from tact.directory.models import Organisation

    existing = Organisation.objects.create(
        name="Human Rights Committee", acronym="CCPR", kind=Organisation.Kind.UN_ENTITY
    )
    parsed = services.resolution_parse((REPORTS / "co_ar.txt").read_bytes(), "co_ar.txt")
    resolution, _ = services.resolution_import(actor=SYSTEM, parsed=parsed, filename="co_ar.txt")
    rec = Recommendation.objects.get(resolution=resolution, code="34.a")
    assert list(rec.source_organisations.all()) == [existing]
    assert Organisation.objects.count() == 1
