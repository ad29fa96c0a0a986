#!/usr/bin/env python3
"""Build the Convention catalog (UNTOC and its three Protocols) shipped inside the package.

Reads, at build time only:

* ``data/treaties/{untoc,tip,som,fp}.md`` - English authentic texts (Markdown mirror of the Dutch
  treaty database; the Dutch translation that follows the English text is stripped);
* ``docs/reference/untoc-articles.md`` - article titles, obligation profile ("Paras": one letter
  per numbered paragraph), obligation-level label and notes.

Writes ``src/tact/catalog/data/catalog.json`` (deterministic: sorted keys, ``indent=1``,
``ensure_ascii=False``). The JSON is all the application needs at run time.

Usage::

    python scripts/build_catalog.py [--shared /work/shared] [--output PATH] [--strict]

Consistency problems (article counts, profile length vs. numbered paragraphs found, title
differences, paragraph numbering) are printed as a warning list. Hard errors (wrong article counts,
missing articles) make the script exit with status 1; ``--strict`` also fails on warnings.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

REPO_ROOT: Final = Path(__file__).resolve().parents[1]
DEFAULT_SHARED: Final = Path("/work/shared")
DEFAULT_OUTPUT: Final = REPO_ROOT / "src" / "tact" / "catalog" / "data" / "catalog.json"

LANGS: Final = ("en", "ru", "fr", "es", "ar", "zh")

OBLIGATIONS: Final[dict[str, str]] = {
    "M": "mandatory",
    "C": "must_consider",
    "O": "optional",
    "-": "none",
}

# --------------------------------------------------------------------------------------------
# Themes (our own UI labels, in the six UN languages)
# --------------------------------------------------------------------------------------------

THEMES: Final[list[tuple[str, dict[str, str]]]] = [
    (
        "general_provisions",
        {
            "en": "General provisions",
            "ru": "Общие положения",
            "fr": "Dispositions générales",
            "es": "Disposiciones generales",
            "ar": "أحكام عامة",
            "zh": "总则",
        },
    ),
    (
        "criminalization",
        {
            "en": "Criminalization",
            "ru": "Криминализация",
            "fr": "Incrimination",
            "es": "Penalización",
            "ar": "التجريم",
            "zh": "刑事定罪",
        },
    ),
    (
        "liability_and_sanctions",
        {
            "en": "Liability and sanctions",
            "ru": "Ответственность и санкции",
            "fr": "Responsabilité et sanctions",
            "es": "Responsabilidad y sanciones",
            "ar": "المسؤولية والجزاءات",
            "zh": "责任和制裁",
        },
    ),
    (
        "money_laundering",
        {
            "en": "Money-laundering",
            "ru": "Отмывание денежных средств",
            "fr": "Blanchiment d'argent",
            "es": "Blanqueo de dinero",
            "ar": "غسل الأموال",
            "zh": "洗钱",
        },
    ),
    (
        "corruption",
        {
            "en": "Corruption",
            "ru": "Коррупция",
            "fr": "Corruption",
            "es": "Corrupción",
            "ar": "الفساد",
            "zh": "腐败",
        },
    ),
    (
        "confiscation_and_proceeds",
        {
            "en": "Confiscation and proceeds of crime",
            "ru": "Конфискация и доходы от преступлений",
            "fr": "Confiscation et produit du crime",
            "es": "Decomiso y producto del delito",
            "ar": "المصادرة وعائدات الجرائم",
            "zh": "没收和犯罪所得",
        },
    ),
    (
        "jurisdiction",
        {
            "en": "Jurisdiction",
            "ru": "Юрисдикция",
            "fr": "Compétence",
            "es": "Jurisdicción",
            "ar": "الولاية القضائية",
            "zh": "管辖权",
        },
    ),
    (
        "international_cooperation",
        {
            "en": "International cooperation",
            "ru": "Международное сотрудничество",
            "fr": "Coopération internationale",
            "es": "Cooperación internacional",
            "ar": "التعاون الدولي",
            "zh": "国际合作",
        },
    ),
    (
        "law_enforcement",
        {
            "en": "Law enforcement",
            "ru": "Правоохранительная деятельность",
            "fr": "Détection et répression",
            "es": "Aplicación de la ley",
            "ar": "إنفاذ القانون",
            "zh": "执法",
        },
    ),
    (
        "protection_of_victims_and_witnesses",
        {
            "en": "Protection of victims and witnesses",
            "ru": "Защита потерпевших и свидетелей",
            "fr": "Protection des victimes et des témoins",
            "es": "Protección de víctimas y testigos",
            "ar": "حماية الضحايا والشهود",
            "zh": "保护被害人和证人",
        },
    ),
    (
        "prevention",
        {
            "en": "Prevention",
            "ru": "Предупреждение",
            "fr": "Prévention",
            "es": "Prevención",
            "ar": "المنع",
            "zh": "预防",
        },
    ),
    (
        "technical_assistance",
        {
            "en": "Training and technical assistance",
            "ru": "Подготовка кадров и техническая помощь",
            "fr": "Formation et assistance technique",
            "es": "Capacitación y asistencia técnica",
            "ar": "التدريب والمساعدة التقنية",
            "zh": "培训和技术援助",
        },
    ),
    (
        "border_measures",
        {
            "en": "Border measures",
            "ru": "Меры пограничного контроля",
            "fr": "Mesures aux frontières",
            "es": "Medidas fronterizas",
            "ar": "التدابير الحدودية",
            "zh": "边境措施",
        },
    ),
    (
        "documents_security",
        {
            "en": "Security of travel and identity documents",
            "ru": "Надежность документов на въезд/выезд и удостоверений личности",
            "fr": "Sécurité des documents de voyage et d'identité",
            "es": "Seguridad de los documentos de viaje y de identidad",
            "ar": "أمن وثائق السفر والهوية",
            "zh": "旅行和身份证件安全",
        },
    ),
    (
        "return_and_repatriation",
        {
            "en": "Return and repatriation",
            "ru": "Возвращение и репатриация",
            "fr": "Retour et rapatriement",
            "es": "Retorno y repatriación",
            "ar": "العودة والإعادة إلى الوطن",
            "zh": "返回和遣返",
        },
    ),
    (
        "migrants_rights",
        {
            "en": "Rights of migrants",
            "ru": "Права мигрантов",
            "fr": "Droits des migrants",
            "es": "Derechos de los migrantes",
            "ar": "حقوق المهاجرين",
            "zh": "移民的权利",
        },
    ),
    (
        "smuggling_by_sea",
        {
            "en": "Smuggling of migrants by sea",
            "ru": "Незаконный ввоз мигрантов по морю",
            "fr": "Trafic illicite de migrants par mer",
            "es": "Tráfico ilícito de migrantes por mar",
            "ar": "تهريب المهاجرين عن طريق البحر",
            "zh": "海上偷运移民",
        },
    ),
    (
        "firearms_control",
        {
            "en": "Firearms control",
            "ru": "Контроль над огнестрельным оружием",
            "fr": "Contrôle des armes à feu",
            "es": "Control de armas de fuego",
            "ar": "مراقبة الأسلحة النارية",
            "zh": "枪支管制",
        },
    ),
    (
        "institutional",
        {
            "en": "Institutional arrangements",
            "ru": "Институциональные механизмы",
            "fr": "Dispositions institutionnelles",
            "es": "Disposiciones institucionales",
            "ar": "الترتيبات المؤسسية",
            "zh": "机构安排",
        },
    ),
    (
        "final_clauses",
        {
            "en": "Final clauses",
            "ru": "Заключительные положения",
            "fr": "Dispositions finales",
            "es": "Disposiciones finales",
            "ar": "الأحكام الختامية",
            "zh": "最后条款",
        },
    ),
]

# --------------------------------------------------------------------------------------------
# Instruments (official titles in the six UN languages)
# --------------------------------------------------------------------------------------------

_SUPPL_EN: Final = (
    ", supplementing the United Nations Convention against Transnational Organized Crime"
)
_SUPPL_RU: Final = (
    ", дополняющий Конвенцию Организации Объединенных Наций против транснациональной "
    "организованной преступности"
)
_SUPPL_FR: Final = (
    ", additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée"
)
_SUPPL_ES: Final = (
    ", que complementa la Convención de las Naciones Unidas contra la Delincuencia Organizada "
    "Transnacional"
)
_SUPPL_AR: Final = "، المكمل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية"


@dataclass(frozen=True)
class InstrumentMeta:
    code: str
    order: int
    expected_articles: int
    ref_heading: str  # start of the "## ..." heading in the reference file
    short_title: dict[str, str]
    title: dict[str, str]
    adopted_by: str
    adopted_on: str
    entry_into_force: str
    treaty_series: str


INSTRUMENTS: Final[list[InstrumentMeta]] = [
    InstrumentMeta(
        code="untoc",
        order=1,
        expected_articles=41,
        ref_heading="United Nations Convention against Transnational Organized Crime",
        short_title={
            "en": "UNTOC",
            "ru": "Конвенция против организованной преступности",
            "fr": "Convention contre la criminalité organisée",
            "es": "Convención contra la Delincuencia Organizada",
            "ar": "اتفاقية الجريمة المنظمة",
            "zh": "有组织犯罪公约",
        },
        title={
            "en": "United Nations Convention against Transnational Organized Crime",
            "ru": (
                "Конвенция Организации Объединенных Наций против транснациональной "
                "организованной преступности"
            ),
            "fr": "Convention des Nations Unies contre la criminalité transnationale organisée",
            "es": (
                "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional"
            ),
            "ar": "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
            "zh": "联合国打击跨国有组织犯罪公约",
        },
        adopted_by="GA res. 55/25, annex I",
        adopted_on="2000-11-15",
        entry_into_force="2003-09-29",
        treaty_series="2225 UNTS 209",
    ),
    InstrumentMeta(
        code="tip",
        order=2,
        expected_articles=20,
        ref_heading="Protocol to Prevent, Suppress and Punish Trafficking in Persons",
        short_title={
            "en": "Trafficking in Persons Protocol",
            "ru": "Протокол о торговле людьми",
            "fr": "Protocole relatif à la traite des personnes",
            "es": "Protocolo contra la trata de personas",
            "ar": "بروتوكول الاتجار بالأشخاص",
            "zh": "贩运人口议定书",
        },
        title={
            "en": (
                "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women"
                " and Children" + _SUPPL_EN
            ),
            "ru": (
                "Протокол о предупреждении и пресечении торговли людьми, особенно женщинами и "
                "детьми, и наказании за нее" + _SUPPL_RU
            ),
            "fr": (
                "Protocole additionnel à la Convention des Nations Unies contre la criminalité "
                "transnationale organisée visant à prévenir, réprimer et punir la traite des "
                "personnes, en particulier des femmes et des enfants"
            ),
            "es": (
                "Protocolo para prevenir, reprimir y sancionar la trata de personas, especialmente"
                " mujeres y niños" + _SUPPL_ES
            ),
            "ar": "بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال" + _SUPPL_AR,
            "zh": (
                "联合国打击跨国有组织犯罪公约"
                "关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书"
            ),
        },
        adopted_by="GA res. 55/25, annex II",
        adopted_on="2000-11-15",
        entry_into_force="2003-12-25",
        treaty_series="2237 UNTS 319",
    ),
    InstrumentMeta(
        code="som",
        order=3,
        expected_articles=25,
        ref_heading="Protocol against the Smuggling of Migrants by Land, Sea and Air",
        short_title={
            "en": "Smuggling of Migrants Protocol",
            "ru": "Протокол о незаконном ввозе мигрантов",
            "fr": "Protocole relatif au trafic illicite de migrants",
            "es": "Protocolo contra el tráfico ilícito de migrantes",
            "ar": "بروتوكول تهريب المهاجرين",
            "zh": "偷运移民议定书",
        },
        title={
            "en": "Protocol against the Smuggling of Migrants by Land, Sea and Air" + _SUPPL_EN,
            "ru": "Протокол против незаконного ввоза мигрантов по суше, морю и воздуху" + _SUPPL_RU,
            "fr": "Protocole contre le trafic illicite de migrants par terre, air et mer"
            + _SUPPL_FR,
            "es": "Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire"
            + _SUPPL_ES,
            "ar": "بروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو" + _SUPPL_AR,
            "zh": "联合国打击跨国有组织犯罪公约关于打击陆、海、空偷运移民的补充议定书",
        },
        adopted_by="GA res. 55/25, annex III",
        adopted_on="2000-11-15",
        entry_into_force="2004-01-28",
        treaty_series="2241 UNTS 507",
    ),
    InstrumentMeta(
        code="fp",
        order=4,
        expected_articles=21,
        ref_heading="Protocol against the Illicit Manufacturing of and Trafficking in Firearms",
        short_title={
            "en": "Firearms Protocol",
            "ru": "Протокол об огнестрельном оружии",
            "fr": "Protocole relatif aux armes à feu",
            "es": "Protocolo sobre armas de fuego",
            "ar": "بروتوكول الأسلحة النارية",
            "zh": "枪支议定书",
        },
        title={
            "en": (
                "Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their"
                " Parts and Components and Ammunition" + _SUPPL_EN
            ),
            "ru": (
                "Протокол против незаконного изготовления и оборота огнестрельного оружия, его "
                "составных частей и компонентов, а также боеприпасов к нему" + _SUPPL_RU
            ),
            "fr": (
                "Protocole contre la fabrication et le trafic illicites d'armes à feu, de leurs "
                "pièces, éléments et munitions" + _SUPPL_FR
            ),
            "es": (
                "Protocolo contra la fabricación y el tráfico ilícitos de armas de fuego, sus "
                "piezas y componentes y municiones" + _SUPPL_ES
            ),
            "ar": (
                "بروتوكول مكافحة صنع الأسلحة النارية وأجزائها ومكوناتها والذخيرة والاتجار بها "
                "بصورة غير مشروعة" + _SUPPL_AR
            ),
            "zh": (
                "联合国打击跨国有组织犯罪公约关于打击非法制造和贩运枪支及其零部件和弹药的补充议定书"
            ),
        },
        adopted_by="GA res. 55/255, annex",
        adopted_on="2001-05-31",
        entry_into_force="2005-07-03",
        treaty_series="2326 UNTS 208",
    ),
]

# --------------------------------------------------------------------------------------------
# Article themes (1-3 per article, assigned by content)
# --------------------------------------------------------------------------------------------

_GEN: Final = ["general_provisions"]
_FIN: Final = ["final_clauses"]

ARTICLE_THEMES: Final[dict[str, dict[int, list[str]]]] = {
    "untoc": {
        1: _GEN,
        2: _GEN,
        3: _GEN,
        4: _GEN,
        5: ["criminalization"],
        6: ["criminalization", "money_laundering"],
        7: ["prevention", "money_laundering"],
        8: ["criminalization", "corruption"],
        9: ["prevention", "corruption"],
        10: ["liability_and_sanctions"],
        11: ["liability_and_sanctions"],
        12: ["confiscation_and_proceeds"],
        13: ["confiscation_and_proceeds", "international_cooperation"],
        14: ["confiscation_and_proceeds", "international_cooperation"],
        15: ["jurisdiction"],
        16: ["international_cooperation"],
        17: ["international_cooperation"],
        18: ["international_cooperation"],
        19: ["international_cooperation", "law_enforcement"],
        20: ["law_enforcement", "international_cooperation"],
        21: ["international_cooperation"],
        22: ["liability_and_sanctions", "international_cooperation"],
        23: ["criminalization"],
        24: ["protection_of_victims_and_witnesses"],
        25: ["protection_of_victims_and_witnesses"],
        26: ["law_enforcement", "liability_and_sanctions"],
        27: ["law_enforcement", "international_cooperation"],
        28: ["law_enforcement", "prevention"],
        29: ["technical_assistance"],
        30: ["technical_assistance"],
        31: ["prevention"],
        32: ["institutional"],
        33: ["institutional"],
        34: _GEN,
        35: _FIN,
        36: _FIN,
        37: _FIN,
        38: _FIN,
        39: _FIN,
        40: _FIN,
        41: _FIN,
    },
    "tip": {
        1: _GEN,
        2: _GEN,
        3: _GEN,
        4: _GEN,
        5: ["criminalization"],
        6: ["protection_of_victims_and_witnesses"],
        7: ["protection_of_victims_and_witnesses"],
        8: ["protection_of_victims_and_witnesses", "return_and_repatriation"],
        9: ["prevention"],
        10: ["law_enforcement", "technical_assistance", "international_cooperation"],
        11: ["border_measures", "prevention"],
        12: ["documents_security"],
        13: ["documents_security", "international_cooperation"],
        14: _FIN,
        15: _FIN,
        16: _FIN,
        17: _FIN,
        18: _FIN,
        19: _FIN,
        20: _FIN,
    },
    "som": {
        1: _GEN,
        2: _GEN,
        3: _GEN,
        4: _GEN,
        5: ["migrants_rights"],
        6: ["criminalization", "liability_and_sanctions"],
        7: ["smuggling_by_sea", "international_cooperation"],
        8: ["smuggling_by_sea", "international_cooperation", "law_enforcement"],
        9: ["smuggling_by_sea", "migrants_rights"],
        10: ["law_enforcement", "international_cooperation"],
        11: ["border_measures", "prevention"],
        12: ["documents_security"],
        13: ["documents_security", "international_cooperation"],
        14: ["technical_assistance"],
        15: ["prevention"],
        16: ["migrants_rights", "protection_of_victims_and_witnesses"],
        17: ["international_cooperation"],
        18: ["return_and_repatriation", "migrants_rights"],
        19: ["final_clauses", "migrants_rights"],
        20: _FIN,
        21: _FIN,
        22: _FIN,
        23: _FIN,
        24: _FIN,
        25: _FIN,
    },
    "fp": {
        1: _GEN,
        2: _GEN,
        3: _GEN,
        4: _GEN,
        5: ["criminalization", "firearms_control"],
        6: ["confiscation_and_proceeds", "firearms_control"],
        7: ["firearms_control", "prevention"],
        8: ["firearms_control"],
        9: ["firearms_control"],
        10: ["firearms_control", "prevention", "border_measures"],
        11: ["firearms_control", "prevention", "border_measures"],
        12: ["law_enforcement", "international_cooperation", "firearms_control"],
        13: ["international_cooperation", "firearms_control"],
        14: ["technical_assistance"],
        15: ["firearms_control", "prevention"],
        16: _FIN,
        17: _FIN,
        18: _FIN,
        19: _FIN,
        20: _FIN,
        21: _FIN,
    },
}

# --------------------------------------------------------------------------------------------
# Non-English article titles
# --------------------------------------------------------------------------------------------
# Russian article titles are filled ONLY where the wording was seen in a reproduction of the
# UN Russian text (un.org Russian page of A/RES/55/25, UNODC SHERLOC Russian pages, Russian legal
# databases garant.ru / referent.ru / zakonbase.ru / bazanpa.ru / lawnotes.ru). Every other
# title, and every title in fr/es/ar/zh, is left empty. All must be checked against the UN
# certified true copies before publication.

ARTICLE_TITLES_I18N: Final[dict[str, dict[int, dict[str, str]]]] = {
    "untoc": {
        1: {"ru": "Цель"},
        2: {"ru": "Термины"},
        5: {"ru": "Криминализация участия в организованной преступной группе"},
        22: {"ru": "Сведения о судимости"},
        23: {"ru": "Криминализация воспрепятствования осуществлению правосудия"},
        26: {
            "ru": "Меры, направленные на расширение сотрудничества с правоохранительными органами"
        },
    },
    "tip": {
        1: {
            "ru": (
                "Связь с Конвенцией Организации Объединенных Наций против транснациональной "
                "организованной преступности"
            )
        },
        2: {"ru": "Цели"},
        3: {"ru": "Термины"},
        4: {"ru": "Сфера применения"},
        5: {"ru": "Криминализация"},
        6: {"ru": "Помощь жертвам торговли людьми и их защита"},
        7: {"ru": "Статус жертв торговли людьми в принимающих государствах"},
        8: {"ru": "Репатриация жертв торговли людьми"},
        9: {"ru": "Предупреждение торговли людьми"},
    },
    "som": {
        4: {"ru": "Сфера применения"},
        7: {"ru": "Сотрудничество"},
        12: {"ru": "Надежность документов и контроль за ними"},
        17: {"ru": "Соглашения и договоренности"},
    },
    "fp": {},
}

SOURCE_TEXT: Final = (
    "English article texts: English authentic texts of the UN Convention against Transnational "
    "Organized Crime (GA res. 55/25, annex I) and its Protocols on trafficking in persons "
    "(annex II), smuggling of migrants (annex III) and firearms (GA res. 55/255, annex), taken "
    "from the Markdown mirror of the Dutch treaty database wetten.overheid.nl (GitHub "
    "statengeneraal/laws-markdown, commit 91556a80a25a3da4234c8039945c6aeef4108d00); only the "
    "English text is kept (preambles, chapter headings, testimonium and the Dutch translation "
    'are dropped). Typographic normalisation only: Markdown links reduced to their text, ``x" '
    "quotes turned into \u201cx\u201d, runs of spaces collapsed, a space added after sub-item "
    "markers such as '(i)'. Article titles, obligation profiles (one letter per numbered "
    "paragraph: mandatory / must consider / optional / none), obligation-level labels and notes: "
    "project reference table docs/reference/untoc-articles.md, an aid to the data model and not "
    "a legal opinion. Instrument titles in en, ru, fr, es, ar and zh are the official UN titles; "
    "short titles and theme labels are the project's own UI labels. Non-English article titles: "
    "only some Russian titles are filled, from reproductions of the UN Russian text (un.org, "
    "UNODC SHERLOC, Russian legal databases); all other non-English article titles are left "
    "empty. Every non-English title must be verified against the UN certified true copies "
    "before publication. Built by scripts/build_catalog.py."
)

# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

ARTICLE_HEADING_RE: Final = re.compile(r"^###\s*Article\s+(\d+)\s*$")
DUTCH_ARTICLE_RE: Final = re.compile(r"^###\s*Artikel\s+\d+")
PARA_RE: Final = re.compile(r"^(\d{1,2})\.\s+(.*)$")
MD_LINK_RE: Final = re.compile(r"\[([^\]]*)\]\([^)]*\)")
HTML_TAG_RE: Final = re.compile(r"<[^>]+>")
BACKTICK_QUOTE_RE: Final = re.compile(r"``([^\"]*)\"")
SUBITEM_NOSPACE_RE: Final = re.compile(r"^(\(?(?:[a-z]|[ivx]{1,5})\))(?=\S)")
DUTCH_MARKERS: Final = (" het ", " van de ", " een ", " worden ", " overeenkomstig ", "Artikel ")


@dataclass
class RefRow:
    title: str
    profile: str
    label: str
    notes: str


@dataclass
class SourceArticle:
    number: int
    title: str
    blocks: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    number: str
    blocks: list[str]


@dataclass
class Report:
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)


def clean_line(line: str) -> str:
    """Normalise one Markdown text line (typography only, never wording)."""
    text = line.replace("\u00a0", " ")
    text = MD_LINK_RE.sub(r"\1", text)
    text = HTML_TAG_RE.sub("", text)
    text = BACKTICK_QUOTE_RE.sub("\u201c\\1\u201d", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = SUBITEM_NOSPACE_RE.sub(r"\1 ", text)
    return text


def english_lines(path: Path) -> list[str]:
    """Return the lines of the English part: everything before the testimonium or Dutch text."""
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("IN WITNESS WHEREOF") or DUTCH_ARTICLE_RE.match(line):
            break
        out.append(line)
    return out


def parse_treaty(path: Path) -> list[SourceArticle]:
    articles: list[SourceArticle] = []
    current: SourceArticle | None = None
    expect_title = False
    for raw in english_lines(path):
        line = raw.strip()
        heading = ARTICLE_HEADING_RE.match(line)
        if heading:
            current = SourceArticle(number=int(heading.group(1)), title="")
            articles.append(current)
            expect_title = True
            continue
        if line.startswith("####"):
            if current is not None and expect_title:
                current.title = clean_line(line.lstrip("#"))
                expect_title = False
            continue  # instrument title or chapter title
        if line.startswith("#"):
            current = None  # chapter heading ("###I", "###II Prevention") ends the article
            continue
        if current is None or not line:
            continue
        cleaned = clean_line(line)
        if cleaned:
            current.blocks.append(cleaned)
    return articles


def parse_reference(path: Path) -> dict[str, dict[int, RefRow]]:
    text = path.read_text(encoding="utf-8")
    result: dict[str, dict[int, RefRow]] = {}
    row_re = re.compile(
        r"^\|\s*(\d+)\s*\|([^|]*)\|\s*`([^`]*)`\s*\|([^|]*)\|([^|]*)\|\s*$", flags=re.MULTILINE
    )
    for section in re.split(r"^## ", text, flags=re.MULTILINE):
        meta = next((m for m in INSTRUMENTS if section.startswith(m.ref_heading)), None)
        if meta is None:
            continue
        rows: dict[int, RefRow] = {}
        for m in row_re.finditer(section):
            rows[int(m.group(1))] = RefRow(
                title=m.group(2).strip(),
                profile=m.group(3).strip(),
                label=m.group(4).strip(),
                notes=m.group(5).strip(),
            )
        result[meta.code] = rows
    return result


def category_for(label: str) -> str:
    low = label.lower()
    if low.startswith("general provision"):
        return "general"
    if low.startswith("institutional"):
        return "institutional"
    if low.startswith("final clause"):
        return "final"
    return "substantive"


_MODAL_PATTERNS: Final[list[tuple[str, re.Pattern[str]]]] = [
    ("C", re.compile(r"shall (?:also )?(?:consider|endeavour|seek)|give (?:\w+ )?consideration")),
    ("M", re.compile(r"\bshall\b|\bagrees? to\b")),
    ("O", re.compile(r"\bmay\b|\bencouraged\b|\bcalled upon\b")),
]


def guess_obligation(lead_in: str) -> str:
    """First operative modal of a paragraph lead-in (cross-check only; the reference wins)."""
    best: tuple[int, str] | None = None
    for letter, pattern in _MODAL_PATTERNS:
        m = pattern.search(lead_in)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), letter)
    return best[1] if best else "-"


def split_paragraphs(code: str, art: SourceArticle, report: Report) -> tuple[list[Paragraph], bool]:
    """Split an article into numbered paragraphs; sub-items stay with the paragraph above.

    Returns the paragraphs and whether the text carried paragraph numbers at all.
    """
    paragraphs: list[Paragraph] = []
    preamble: list[str] = []
    expected = 1
    for block in art.blocks:
        m = PARA_RE.match(block)
        if m and int(m.group(1)) == expected:
            paragraphs.append(Paragraph(number=m.group(1), blocks=[m.group(2)]))
            expected += 1
            continue
        if m and paragraphs:
            report.warnings.append(
                f"{code} art {art.number}: out-of-sequence number {m.group(1)}. kept as text of "
                f"paragraph {paragraphs[-1].number}"
            )
        if paragraphs:
            paragraphs[-1].blocks.append(block)
        else:
            preamble.append(block)
    if not paragraphs:
        return [Paragraph(number="1", blocks=preamble)], False
    if preamble:
        report.warnings.append(
            f"{code} art {art.number}: text before paragraph 1 attached to paragraph 1"
        )
        paragraphs[0].blocks[:0] = preamble
    return paragraphs, True


def reconcile(
    code: str,
    art: SourceArticle,
    *,
    paragraphs: list[Paragraph],
    numbered: bool,
    profile: str,
    report: Report,
) -> list[tuple[Paragraph, str]]:
    """Pair paragraphs with profile letters; resolve length mismatches without dropping text."""
    where = f"{code} art {art.number}"
    if len(paragraphs) == len(profile):
        pairs = list(zip(paragraphs, profile, strict=True))
    elif not numbered:
        # Unnumbered text cannot be split: keep one paragraph, take the strongest obligation.
        strongest = next((c for c in "MCO-" if c in profile), "-")
        report.warnings.append(
            f"{where}: profile '{profile}' has {len(profile)} letters but the text has no "
            f"numbered paragraphs; kept one paragraph with obligation '{strongest}'"
        )
        pairs = [(paragraphs[0], strongest)]
    elif len(paragraphs) > len(profile):
        extra = [guess_obligation(p.blocks[0]) for p in paragraphs[len(profile) :]]
        report.warnings.append(
            f"{where}: profile '{profile}' is shorter than the {len(paragraphs)} numbered "
            f"paragraphs found; extra paragraphs classified from their modal verb: {extra}"
        )
        pairs = list(zip(paragraphs, profile + "".join(extra), strict=True))
    else:
        report.warnings.append(
            f"{where}: profile '{profile}' is longer than the {len(paragraphs)} numbered "
            f"paragraphs found; surplus letters '{profile[len(paragraphs) :]}' ignored"
        )
        pairs = list(zip(paragraphs, profile[: len(paragraphs)], strict=True))
    for para, letter in pairs:
        guessed = guess_obligation(para.blocks[0])
        if guessed != letter:
            report.info.append(
                f"{where} para {para.number}: reference '{letter}', first modal of lead-in "
                f"suggests '{guessed}' (reference kept)"
            )
    return pairs


def article_text(paragraphs: list[Paragraph], numbered: bool) -> str:
    if not numbered:
        return "\n".join(paragraphs[0].blocks)
    return "\n\n".join("\n".join([f"{p.number}. {p.blocks[0]}", *p.blocks[1:]]) for p in paragraphs)


def build_article(
    meta: InstrumentMeta, art: SourceArticle, ref: RefRow, report: Report
) -> dict[str, object]:
    where = f"{meta.code} art {art.number}"
    if art.title != ref.title:
        report.warnings.append(
            f"{where}: title in text '{art.title}' differs from reference '{ref.title}'; "
            "text title used"
        )
    if not art.blocks:
        report.errors.append(f"{where}: no text")
    paragraphs, numbered = split_paragraphs(meta.code, art, report)
    pairs = reconcile(
        meta.code,
        art,
        paragraphs=paragraphs,
        numbered=numbered,
        profile=ref.profile,
        report=report,
    )
    themes = ARTICLE_THEMES[meta.code].get(art.number, [])
    if not 1 <= len(themes) <= 3:
        report.errors.append(f"{where}: needs 1-3 themes, has {themes}")
    i18n = ARTICLE_TITLES_I18N[meta.code].get(art.number, {})
    title = {
        lang: (art.title or ref.title) if lang == "en" else i18n.get(lang, "") for lang in LANGS
    }
    for text in [art.title, *art.blocks]:
        for marker in DUTCH_MARKERS:
            if marker in f" {text} ":
                report.warnings.append(f"{where}: possible Dutch text ({marker.strip()!r})")
    return {
        "number": art.number,
        "title": title,
        "category": category_for(ref.label),
        "obligation_summary": ref.label,
        "notes": ref.notes,
        "themes": list(themes),
        "text": article_text(paragraphs, numbered),
        "paragraphs": [
            {
                "id": f"{meta.code}/art_{art.number}/para_{para.number}",
                "number": para.number,
                "text": "\n".join(para.blocks),
                "obligation": OBLIGATIONS[letter],
            }
            for para, letter in pairs
        ],
    }


def build_catalog(shared: Path, report: Report) -> dict[str, Any]:
    reference = parse_reference(shared / "docs" / "reference" / "untoc-articles.md")
    theme_codes = {code for code, _ in THEMES}
    instruments: list[dict[str, Any]] = []
    for meta in INSTRUMENTS:
        refs = reference.get(meta.code, {})
        articles = parse_treaty(shared / "data" / "treaties" / f"{meta.code}.md")
        numbers = [a.number for a in articles]
        if numbers != list(range(1, meta.expected_articles + 1)):
            report.errors.append(
                f"{meta.code}: expected articles 1..{meta.expected_articles}, found {numbers}"
            )
        if sorted(refs) != list(range(1, meta.expected_articles + 1)):
            report.errors.append(f"{meta.code}: reference rows {sorted(refs)}")
        built: list[dict[str, object]] = []
        for art in articles:
            ref = refs.get(art.number)
            if ref is None:
                report.errors.append(f"{meta.code} art {art.number}: not in reference table")
                continue
            unknown = set(ARTICLE_THEMES[meta.code].get(art.number, [])) - theme_codes
            if unknown:
                report.errors.append(f"{meta.code} art {art.number}: unknown themes {unknown}")
            built.append(build_article(meta, art, ref, report))
        instruments.append(
            {
                "code": meta.code,
                "order": meta.order,
                "short_title": dict(meta.short_title),
                "title": dict(meta.title),
                "adopted_by": meta.adopted_by,
                "adopted_on": meta.adopted_on,
                "entry_into_force": meta.entry_into_force,
                "treaty_series": meta.treaty_series,
                "articles": built,
            }
        )
    return {
        "source": SOURCE_TEXT,
        "themes": [{"code": code, "title": dict(title)} for code, title in THEMES],
        "instruments": instruments,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="root holding data/treaties and docs/reference",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--verbose", action="store_true", help="print cross-check notes")
    args = parser.parse_args(argv)

    report = Report()
    catalog = build_catalog(args.shared, report)

    for inst in catalog["instruments"]:
        articles = inst["articles"]
        paras = sum(len(a["paragraphs"]) for a in articles)
        print(f"{inst['code']}: {len(articles)} articles, {paras} paragraphs")
    print(f"warnings ({len(report.warnings)}):")
    for w in report.warnings:
        print(f"  - {w}")
    print(f"cross-check notes: {len(report.info)}" + ("" if args.verbose else " (use --verbose)"))
    if args.verbose:
        for note in report.info:
            print(f"  - {note}")
    if report.errors:
        print(f"errors ({len(report.errors)}):", file=sys.stderr)
        for e in report.errors:
            print(f"  - {e}", file=sys.stderr)
        return 1
    if args.strict and report.warnings:
        return 1

    args.output.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(catalog, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    args.output.write_text(payload, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
